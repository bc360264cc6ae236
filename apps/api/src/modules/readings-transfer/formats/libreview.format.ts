import { NOTE_MAX_LENGTH, type GlucoseUnit } from '@glucodiary/contracts';
import { parseGlucoseNumber, parseTimestamp, unitInHeader } from '../import-values';
import { findColumn, fromParsed, noteOf, rejected, skipped, UnreadableHeaderError, type FormatReader } from './format-reader';

/** LibreView's record types that carry a glucose value, and the column each one fills. */
const GLUCOSE_RECORD_TYPES = { '0': 'historic', '1': 'scan', '2': 'strip' } as const;
type GlucoseKind = (typeof GLUCOSE_RECORD_TYPES)[keyof typeof GLUCOSE_RECORD_TYPES];

/**
 * LibreView (FreeStyle Libre) glucose export. A metadata line ("Glucose Data,Generated on,…")
 * precedes the header `Device,Serial Number,Device Timestamp,Record Type,Historic Glucose mg/dL,
 * Scan Glucose mg/dL,…,Strip Glucose mg/dL,…,Notes`. Record Type 0 is a sensor's automatic
 * (historic) value, 1 a scan, 2 a test strip; the others (insulin, food, notes, time changes…)
 * are not glucose readings. Timestamps are the device's local time as MM-DD-YYYY hh:mm.
 * The unit is in the column names; mmol/L exports may use decimal commas.
 */
export const libreViewReader: FormatReader = {
  format: 'libreview',

  isHeader: (fields) =>
    findColumn(fields, (name) => name === 'device timestamp') >= 0 && findColumn(fields, (name) => name === 'record type') >= 0,

  rows(header, { timeZone }) {
    const timestamp = findColumn(header, (name) => name === 'device timestamp');
    const recordType = findColumn(header, (name) => name === 'record type');
    const notes = findColumn(header, (name) => name === 'notes');
    const columns = {} as Record<GlucoseKind, { index: number; unit: GlucoseUnit }>;
    for (const kind of Object.values(GLUCOSE_RECORD_TYPES)) {
      const index = findColumn(header, (name) => name.startsWith(`${kind} glucose`));
      const unit = index >= 0 ? unitInHeader(header[index] ?? '') : null;
      if (index < 0 || !unit) throw new UnreadableHeaderError(`The LibreView header has no "${kind} glucose" column with a unit.`);
      columns[kind] = { index, unit };
    }

    return (fields) => {
      const kind = GLUCOSE_RECORD_TYPES[(fields[recordType] ?? '').trim() as keyof typeof GLUCOSE_RECORD_TYPES];
      if (!kind) return skipped;
      const column = columns[kind];
      const takenAt = parseTimestamp(fields[timestamp], timeZone, 'MDY');
      const value = parseGlucoseNumber(fields[column.index]);
      const problem = fromParsed([takenAt, value]);
      if (problem || !takenAt.ok || !value.ok) return problem ?? rejected('unreadable row');
      return {
        kind: 'reading',
        reading: {
          takenAt: takenAt.value,
          value: value.value,
          unit: column.unit,
          context: 'other',
          note: noteOf(fields[notes], NOTE_MAX_LENGTH),
        },
      };
    };
  },
};
