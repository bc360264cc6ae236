import { NOTE_MAX_LENGTH, SENSOR_LIMITS_MGDL, type GlucoseUnit, type ReadingKind, type ReadingSource, type SkippedKind } from '@glucodiary/contracts';
import { parseAmount, parseGlucoseNumber, parseTimestamp, unitAtEnd } from '../import-values';
import { fromParsed, noteOf, normalizeHeader, rejected, skipped, treatmentsOr, valueOrLimit, type FormatReader, type RowOutcome, type RowTreatment } from './format-reader';

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
export const LIBREVIEW_COLUMNS = {
  timestamp: 2,
  recordType: 3,
  historic: 4,
  scan: 5,
  rapidInsulin: 7,
  carbsGrams: 9,
  carbsServings: 10,
  longInsulin: 12,
  notes: 13,
  strip: 14,
  ketone: 15,
  mealInsulin: 16,
  correctionInsulin: 17,
  userChangeInsulin: 18,
} as const;
/** Record types: 0 a sensor's automatic (historic) value, 1 a scan, 2 a test strip; the column each fills. */
const GLUCOSE_RECORD_TYPES = { '0': 'historic', '1': 'scan', '2': 'strip' } as const;
/** What each glucose record is, and the limits beyond which its device writes LO/HI (a Libre sensor reads 40–500 mg/dL). */
const RECORDED_AS: Readonly<Record<(typeof GLUCOSE_RECORD_TYPES)[keyof typeof GLUCOSE_RECORD_TYPES], { kind: ReadingKind; source: ReadingSource; limits: { below: number; above: number } }>> = {
  historic: { kind: 'sensor', source: 'sensor_history', limits: SENSOR_LIMITS_MGDL.libre },
  scan: { kind: 'sensor', source: 'sensor_scan', limits: SENSOR_LIMITS_MGDL.libre },
  strip: { kind: 'fingerstick', source: 'meter', limits: SENSOR_LIMITS_MGDL.meter },
};
/** The record types that are not glucose: 3 ketone, 4 insulin, 5 food; 6 a note or a device event. */
const TREATMENT_RECORD_TYPES = { ketone: '3', insulin: '4', food: '5', note: '6' } as const;

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

  open(header, { timeZone, gramsPerServing }) {
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
        if (!glucose) return treatmentsOf(recordType, fields, note, (text) => parseTimestamp(text, timeZone, dateOrder), gramsPerServing);
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

/**
 * The treatments of a LibreView row that is not glucose. An insulin row holds a rapid dose, a
 * long one, or both; the reader's bolus calculator splits a rapid dose into meal, correction and
 * user-change parts, which make the dose when its total is missing (a dose that is all meal or
 * all correction says so). Carbohydrates come in grams or in servings, as the user set up the
 * reader; servings are converted at the user's grams per serving. A row with no amount at all
 * (LibreView's "non-numeric" entries) is counted, not imported.
 */
function treatmentsOf(
  recordType: string,
  fields: readonly string[],
  note: string | null,
  timestamp: (text: string | undefined) => ReturnType<typeof parseTimestamp>,
  gramsPerServing: number,
): RowOutcome {
  const amount = (index: number, what: string, signed = false) => parseAmount(fields[index], what, { signed });
  const takenAt = timestamp(fields[LIBREVIEW_COLUMNS.timestamp]);
  switch (recordType) {
    case TREATMENT_RECORD_TYPES.insulin: {
      const [rapid, long, meal, correction, change] = [
        amount(LIBREVIEW_COLUMNS.rapidInsulin, 'rapid-acting insulin'),
        amount(LIBREVIEW_COLUMNS.longInsulin, 'long-acting insulin'),
        amount(LIBREVIEW_COLUMNS.mealInsulin, 'meal insulin'),
        amount(LIBREVIEW_COLUMNS.correctionInsulin, 'correction insulin'),
        // The user's change to the calculator's suggestion: fewer units are written as a negative number.
        amount(LIBREVIEW_COLUMNS.userChangeInsulin, 'user-change insulin', true),
      ];
      const problem = fromParsed([takenAt, rapid, long, meal, correction, change]);
      if (problem || !takenAt.ok || !rapid.ok || !long.ok || !meal.ok || !correction.ok || !change.ok) return problem ?? rejected('unreadable row');
      const doses: RowTreatment[] = rapidDoses(rapid.value, meal.value ?? 0, correction.value ?? 0, change.value ?? 0).map((dose) => ({
        takenAt: takenAt.value,
        type: 'insulin',
        insulinKind: 'rapid',
        ...dose,
        ...(note && { note }),
      }));
      if (long.value) doses.push({ takenAt: takenAt.value, type: 'insulin', units: long.value, insulinKind: 'long', purpose: 'basal', ...(note && { note }) });
      return treatmentsOr(doses, 'insulin');
    }
    case TREATMENT_RECORD_TYPES.food: {
      const grams = amount(LIBREVIEW_COLUMNS.carbsGrams, 'carbohydrates');
      const servings = amount(LIBREVIEW_COLUMNS.carbsServings, 'servings');
      const problem = fromParsed([takenAt, grams, servings]);
      if (problem || !takenAt.ok || !grams.ok || !servings.ok) return problem ?? rejected('unreadable row');
      const total = grams.value ?? (servings.value === null ? null : Math.round(servings.value * gramsPerServing * 10) / 10);
      return treatmentsOr(total === null ? [] : [{ takenAt: takenAt.value, type: 'carbs', grams: total, ...(note && { note }) }], 'carbohydrates');
    }
    case TREATMENT_RECORD_TYPES.ketone: {
      const ketones = amount(LIBREVIEW_COLUMNS.ketone, 'ketones');
      const problem = fromParsed([takenAt, ketones]);
      if (problem || !takenAt.ok || !ketones.ok) return problem ?? rejected('unreadable row');
      return treatmentsOr(ketones.value === null ? [] : [{ takenAt: takenAt.value, type: 'ketones', value: ketones.value, unit: 'mmol/L' }], 'ketone');
    }
    case TREATMENT_RECORD_TYPES.note: {
      if (!note) return skipped('event');
      if (!takenAt.ok) return rejected(takenAt.reason);
      return { kind: 'treatments', treatments: [{ takenAt: takenAt.value, type: 'note', note }] };
    }
    default:
      return skipped('event');
  }
}

const hundredths = (units: number) => Math.round(units * 100) / 100;

/**
 * The rapid-acting doses of a LibreView insulin row. The rapid column holds the dose given; the
 * reader's bolus calculator adds its parts: meal, correction and the user's change to its
 * suggestion (which may be negative), which make the dose when the rapid column is empty. A dose
 * with both a meal and a correction part is kept as two doses, so the statistics can tell the
 * insulin that covered food from the insulin that corrected a high (the user's change goes with
 * the meal part).
 */
export function rapidDoses(given: number | null, meal: number, correction: number, change: number): { units: number; purpose?: 'meal' | 'correction' }[] {
  const total = hundredths(given ?? meal + correction + change);
  if (!(total > 0)) return [];
  if (meal > 0 && correction > 0 && total > correction) {
    return [
      { units: hundredths(total - correction), purpose: 'meal' },
      { units: hundredths(correction), purpose: 'correction' },
    ];
  }
  if (meal > 0 && correction <= 0) return [{ units: total, purpose: 'meal' }];
  if (correction > 0 && meal <= 0) return [{ units: total, purpose: 'correction' }];
  return [{ units: total }];
}
