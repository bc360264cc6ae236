import {
  BEYOND_RANGE,
  GLUCODIARY_CSV_COLUMNS,
  NOTE_MAX_LENGTH,
  READING_KINDS,
  SENSOR_LIMITS_MGDL,
  toMgdl,
  READING_SOURCES,
  type BeyondRange,
  type GlucoseUnit,
  type ReadingKind,
  type ReadingSource,
} from '@glucodiary/contracts';
import { clip, fail, ok, parseGlucoseNumber, parseTimestamp, readMealContext, readUnit, type Parsed } from '../import-values';
import { fromParsed, noteOf, normalizeHeader, rejected, type FormatReader } from './format-reader';

/** A leading quote GlucoDiary's export puts before text a spreadsheet would run as a formula. */
const FORMULA_GUARD = /^'(?=[=+\-@\t\r])/;

/** A cell holding one of the API's words; empty means `fallback`. */
function oneOf<T extends string>(text: string | undefined, words: readonly T[], fallback: T | null, column: string): Parsed<T | null> {
  const word = (text ?? '').trim();
  if (word === '') return ok(fallback);
  return (words as readonly string[]).includes(word) ? ok(word as T) : fail(`${column} "${clip(word)}" is not one of ${words.join(', ')}`);
}

/**
 * A Low/High is stored at its device's limit; exported in mmol/L it is rounded (39 mg/dL is
 * written 2.2 and reads back as 39.6), so it is read back as the limit it was rounded from.
 */
function atLimit(value: number, unit: GlucoseUnit, beyondRange: BeyondRange): { value: number; unit: GlucoseUnit } {
  const mgdl = toMgdl(value, unit);
  const limit = Object.values(SENSOR_LIMITS_MGDL)
    .map((limits) => limits[beyondRange])
    .find((candidate) => Math.abs(candidate - mgdl) < 1);
  return limit === undefined ? { value, unit } : { value: limit, unit: 'mg/dL' };
}

/**
 * GlucoDiary's own CSV export: `takenAt,value,unit,context,note,kind,source,beyondRange`, with
 * ISO 8601 timestamps carrying their offset, a unit on every row and the API's words. Exports
 * from before kinds were recorded end after `note`: their readings are read as typed finger-sticks.
 */
export const glucoDiaryReader: FormatReader = {
  format: 'glucodiary',

  isHeader: (fields) =>
    fields.length >= 4 && GLUCODIARY_CSV_COLUMNS.slice(0, 4).every((column, index) => normalizeHeader(fields[index] ?? '') === column.toLowerCase()),

  open(_header, { timeZone }) {
    return {
      timestampOf: (fields) => fields[0],
      read(fields, dateOrder) {
        const [takenAtText, valueText, unitText, contextText, noteText, kindText, sourceText, beyondText] = fields;
        const takenAt = parseTimestamp(takenAtText, timeZone, dateOrder);
        const value = parseGlucoseNumber(valueText);
        const unit = readUnit(unitText);
        const context = readMealContext(contextText);
        const kind = oneOf<ReadingKind>(kindText, READING_KINDS, 'fingerstick', 'kind');
        const source = oneOf<ReadingSource>(sourceText, READING_SOURCES, 'typed', 'source');
        const beyondRange = oneOf<BeyondRange>(beyondText, BEYOND_RANGE, null, 'beyondRange');
        const problem = fromParsed([takenAt, value, unit, context, kind, source, beyondRange]);
        if (problem || !takenAt.ok || !value.ok || !unit.ok || !context.ok || !kind.ok || !source.ok || !beyondRange.ok) {
          return problem ?? rejected('unreadable row');
        }
        const note = noteOf(noteText, NOTE_MAX_LENGTH);
        return {
          kind: 'reading',
          reading: {
            takenAt: takenAt.value,
            ...(beyondRange.value ? atLimit(value.value, unit.value, beyondRange.value) : { value: value.value, unit: unit.value }),
            context: context.value,
            note: note === null ? null : note.replace(FORMULA_GUARD, ''),
            kind: kind.value ?? 'fingerstick',
            source: source.value ?? 'typed',
            beyondRange: beyondRange.value,
          },
        };
      },
    };
  },
};
