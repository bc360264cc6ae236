import { GLUCODIARY_CSV_COLUMNS, NOTE_MAX_LENGTH } from '@glucodiary/contracts';
import { parseGlucoseNumber, parseTimestamp, readMealContext, readUnit } from '../import-values';
import { fromParsed, noteOf, normalizeHeader, rejected, type FormatReader } from './format-reader';

/** A leading quote GlucoDiary's export puts before text a spreadsheet would run as a formula. */
const FORMULA_GUARD = /^'(?=[=+\-@\t\r])/;

/**
 * GlucoDiary's own CSV export: `takenAt,value,unit,context,note`, with ISO 8601 timestamps
 * carrying their offset, a unit on every row and the API's meal-context words.
 */
export const glucoDiaryReader: FormatReader = {
  format: 'glucodiary',

  isHeader: (fields) =>
    fields.length >= 4 && GLUCODIARY_CSV_COLUMNS.slice(0, 4).every((column, index) => normalizeHeader(fields[index] ?? '') === column.toLowerCase()),

  open(_header, { timeZone }) {
    return {
      timestampOf: (fields) => fields[0],
      read(fields, dateOrder) {
        const [takenAtText, valueText, unitText, contextText, noteText] = fields;
        const takenAt = parseTimestamp(takenAtText, timeZone, dateOrder);
        const value = parseGlucoseNumber(valueText);
        const unit = readUnit(unitText);
        const context = readMealContext(contextText);
        const problem = fromParsed([takenAt, value, unit, context]);
        if (problem || !takenAt.ok || !value.ok || !unit.ok || !context.ok) return problem ?? rejected('unreadable row');
        const note = noteOf(noteText, NOTE_MAX_LENGTH);
        return {
          kind: 'reading',
          reading: {
            takenAt: takenAt.value,
            value: value.value,
            unit: unit.value,
            context: context.value,
            note: note === null ? null : note.replace(FORMULA_GUARD, ''),
          },
        };
      },
    };
  },
};
