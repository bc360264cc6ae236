import { NOTE_MAX_LENGTH, SENSOR_LIMITS_MGDL, type GlucoseUnit, type ReadingKind, type ReadingSource, type SkippedKind } from '@glucodiary/contracts';
import { parseGlucoseNumber, parseTimestamp, unitAtEnd } from '../import-values';
import { fromParsed, noteOf, normalizeHeader, rejected, skipped, valueOrLimit, type FormatReader } from './format-reader';

/**
 * The columns of a LibreView export, by position: the same 19 in every language. English:
 * `Device,Serial Number,Device Timestamp,Record Type,Historic Glucose mg/dL,Scan Glucose mg/dL,
 * Non-numeric Rapid-Acting Insulin,Rapid-Acting Insulin (units),Non-numeric Food,Carbohydrates
 * (grams),Carbohydrates (servings),Non-numeric Long-Acting Insulin,Long-Acting Insulin (units),
 * Notes,Strip Glucose mg/dL,Ketone mmol/L,Meal Insulin (units),Correction Insulin (units),
 * User Change Insulin (units)`; German `Gerät,Seriennummer,Gerätezeitstempel,Aufzeichnungstyp,
 * Glukosewert-Verlauf mg/dL,Glukose-Scan mg/dL,…`, Dutch `Apparaat,Serienummer,Tijdstempel
 * apparaat,Gegevenstype,Historische glucose mmol/l,…`, and so on.
 */
export const LIBREVIEW_COLUMNS = { timestamp: 2, recordType: 3, historic: 4, scan: 5, notes: 13, strip: 14 } as const;

/** Record types: 0 a sensor's automatic (historic) value, 1 a scan, 2 a test strip; the column each fills. */
const GLUCOSE_RECORD_TYPES = { '0': 'historic', '1': 'scan', '2': 'strip' } as const;
/** What each glucose record is, and the limits beyond which its device writes LO/HI (a Libre sensor reads 40–500 mg/dL). */
const RECORDED_AS: Readonly<Record<(typeof GLUCOSE_RECORD_TYPES)[keyof typeof GLUCOSE_RECORD_TYPES], { kind: ReadingKind; source: ReadingSource; limits: { below: number; above: number } }>> = {
  historic: { kind: 'sensor', source: 'sensor_history', limits: SENSOR_LIMITS_MGDL.libre },
  scan: { kind: 'sensor', source: 'sensor_scan', limits: SENSOR_LIMITS_MGDL.libre },
  strip: { kind: 'fingerstick', source: 'meter', limits: SENSOR_LIMITS_MGDL.meter },
};
/** The record types that are not glucose: 3 ketone, 4 insulin, 5 food; 6 a note or a device event. */
const OTHER_RECORD_TYPES: Readonly<Record<string, SkippedKind>> = { '3': 'ketone', '4': 'insulin', '5': 'carbohydrates' };
const NOTE_RECORD_TYPE = '6';

/** Words for a timestamp and a record type in LibreView's languages (the header's 3rd and 4th columns). */
const TIMESTAMP_NAME = /time|stamp|zeit|horodat|tiempo|tijd|date|datum|fecha|data|hora|heure/;
const RECORD_TYPE_NAME = /type|typ|tipo|record|registr|enregistr|soort|art/;
/** A header as long as LibreView's is recognised by its glucose columns alone, whatever its language. */
const LIBREVIEW_WIDTH = 19;

/**
 * LibreView (FreeStyle Libre) glucose export, in any language. A title line ("Glucose Data,
 * Generated on,…", "Glukose-Werte,Erstellt am,…"; clinic exports add a patient line) precedes
 * the header; the header is recognised by its shape, not its words: the 5th and 6th columns end
 * with a glucose unit (mg/dL, mmol/L, mmol/l) and the 3rd and 4th name the timestamp and the
 * record type (in a known language, or in a header of LibreView's 19 columns). Columns are then
 * read by position. Timestamps are the device's local time, day or month first as the account
 * is set up; the importer decides which from the whole file. Values may have decimal commas.
 */
export const libreViewReader: FormatReader = {
  format: 'libreview',

  isHeader(fields) {
    if (fields.length <= LIBREVIEW_COLUMNS.scan) return false;
    const name = (index: number) => normalizeHeader(fields[index] ?? '');
    const historicUnit = unitAtEnd(fields[LIBREVIEW_COLUMNS.historic]);
    if (!historicUnit || unitAtEnd(fields[LIBREVIEW_COLUMNS.scan]) !== historicUnit) return false;
    const timestamp = name(LIBREVIEW_COLUMNS.timestamp);
    const recordType = name(LIBREVIEW_COLUMNS.recordType);
    if (timestamp === '' || recordType === '' || unitAtEnd(timestamp) || unitAtEnd(recordType)) return false;
    return fields.length >= LIBREVIEW_WIDTH || (TIMESTAMP_NAME.test(timestamp) && RECORD_TYPE_NAME.test(recordType));
  },

  open(header, { timeZone }) {
    const columns: Record<(typeof GLUCOSE_RECORD_TYPES)[keyof typeof GLUCOSE_RECORD_TYPES], { index: number; unit: GlucoseUnit | null }> = {
      historic: { index: LIBREVIEW_COLUMNS.historic, unit: unitAtEnd(header[LIBREVIEW_COLUMNS.historic]) },
      scan: { index: LIBREVIEW_COLUMNS.scan, unit: unitAtEnd(header[LIBREVIEW_COLUMNS.scan]) },
      strip: { index: LIBREVIEW_COLUMNS.strip, unit: unitAtEnd(header[LIBREVIEW_COLUMNS.strip]) },
    };
    const hasNotes = header.length > LIBREVIEW_COLUMNS.notes;
    const cell = (fields: readonly string[], index: number) => (fields[index] ?? '').trim();

    return {
      timestampOf: (fields) => fields[LIBREVIEW_COLUMNS.timestamp],

      read(fields, dateOrder) {
        const recordType = cell(fields, LIBREVIEW_COLUMNS.recordType);
        const glucose = GLUCOSE_RECORD_TYPES[recordType as keyof typeof GLUCOSE_RECORD_TYPES];
        const note = hasNotes ? noteOf(fields[LIBREVIEW_COLUMNS.notes], NOTE_MAX_LENGTH) : null;
        if (!glucose) {
          if (recordType === NOTE_RECORD_TYPE) return skipped(note ? 'note' : 'event');
          return skipped(OTHER_RECORD_TYPES[recordType] ?? 'event');
        }
        const column = columns[glucose];
        if (!column.unit) return rejected(`a ${glucose} glucose row, but the header's column ${column.index + 1} is not a glucose column with a unit`);
        const takenAt = parseTimestamp(fields[LIBREVIEW_COLUMNS.timestamp], timeZone, dateOrder);
        const { kind, source, limits } = RECORDED_AS[glucose];
        const value = valueOrLimit(parseGlucoseNumber(fields[column.index]), column.unit, limits);
        const problem = fromParsed([takenAt, value]);
        if (problem || !takenAt.ok || !value.ok) return problem ?? rejected('unreadable row');
        return { kind: 'reading', reading: { takenAt: takenAt.value, ...value.value, context: 'other', note, kind, source } };
      },
    };
  },
};
