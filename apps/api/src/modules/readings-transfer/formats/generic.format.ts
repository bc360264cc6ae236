import { NOTE_MAX_LENGTH, SENSOR_LIMITS_MGDL, type ColumnMapping, type GlucoseUnit } from '@glucodiary/contracts';
import { clip, ok, parseGlucoseNumber, parseMealContext, parseTimestamp, readUnit, unitInHeader } from '../import-values';
import { fromParsed, noteOf, normalizeHeader, rejected, UnreadableHeaderError, valueOrLimit, type FormatReader } from './format-reader';

/**
 * Any other CSV: the first row is the header and the user names the columns that hold the time,
 * the value and, optionally, the unit, meal context and note. Without a unit column, the unit is
 * the mapping's `defaultUnit`, else the one the value column's header names ("Glucose (mmol/L)"),
 * else the user's unit. Like every format's, the order of day and month is decided from the
 * whole file; the mapping's `dateOrder` (DMY or MDY) is the person's choice where it cannot be.
 * Its readings are taken to be a blood glucose meter's, whose LO/HI are kept at 20 and 600 mg/dL.
 */
export const genericReader: FormatReader = {
  format: 'generic',

  isHeader: (fields) => fields.filter((field) => field.trim() !== '').length >= 2,

  open(header, { timeZone, mapping, defaultUnit }) {
    if (!mapping) throw new UnreadableHeaderError('Name the columns of this file (mapping) to import it.', 'mapping');
    const index = (role: keyof ColumnMapping, required: boolean): number => {
      const name = mapping[role];
      if (name === undefined || name === '') {
        if (required) throw new UnreadableHeaderError(`Choose the column that holds the ${role}.`, `mapping.${role}`);
        return -1;
      }
      const found = header.findIndex((column) => normalizeHeader(column) === normalizeHeader(String(name)));
      if (found < 0) throw new UnreadableHeaderError(`The file has no column named "${clip(String(name))}".`, `mapping.${role}`);
      return found;
    };
    const timestamp = index('timestamp', true);
    const value = index('value', true);
    const unitColumn = index('unit', false);
    const context = index('context', false);
    const note = index('note', false);
    const fixedUnit: GlucoseUnit = mapping.defaultUnit ?? unitInHeader(header[value] ?? '') ?? defaultUnit;

    return {
      timestampOf: (fields) => fields[timestamp],
      read(fields, dateOrder) {
        const takenAt = parseTimestamp(fields[timestamp], timeZone, dateOrder);
        const unitText = unitColumn >= 0 ? (fields[unitColumn] ?? '').trim() : '';
        const unit = unitText === '' ? ok(fixedUnit) : readUnit(unitText);
        const amount = valueOrLimit(parseGlucoseNumber(fields[value]), unit.ok ? unit.value : fixedUnit, SENSOR_LIMITS_MGDL.meter);
        const problem = fromParsed([takenAt, amount, unit]);
        if (problem || !takenAt.ok || !amount.ok || !unit.ok) return problem ?? rejected('unreadable row');
        return {
          kind: 'reading',
          reading: {
            takenAt: takenAt.value,
            ...amount.value,
            context: context >= 0 ? parseMealContext(fields[context]) : 'other',
            note: note >= 0 ? noteOf(fields[note], NOTE_MAX_LENGTH) : null,
            kind: 'fingerstick',
            source: 'meter',
          },
        };
      },
    };
  },
};

/** A first guess at a generic CSV's columns, from common header names; the user confirms it. */
export function suggestMapping(header: readonly string[]): ColumnMapping | null {
  const pick = (pattern: RegExp, except: string[] = []) =>
    header.find((column) => pattern.test(normalizeHeader(column)) && !except.includes(column));
  const timestamp = pick(/time|date|zeit|datum|when/);
  const value = pick(/glucose|gluc|value|reading|bg|sugar|mg\/dl|mmol|wert|zucker/, timestamp ? [timestamp] : []);
  if (!timestamp || !value) return null;
  const used = [timestamp, value];
  const unit = pick(/^(unit|units|einheit)$/, used);
  const context = pick(/context|meal|mahlzeit|tag/, used);
  const note = pick(/note|comment|notiz|bemerkung|kommentar/, used);
  const headerUnit = unitInHeader(value);
  return {
    timestamp,
    value,
    ...(!unit && headerUnit && { defaultUnit: headerUnit }),
    ...(unit && { unit }),
    ...(context && { context }),
    ...(note && { note }),
  };
}
