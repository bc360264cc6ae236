import { parseAmount, parseDurationMinutes, parseGlucoseNumber, parseTimestamp, unitInHeader } from '../import-values';
import { SENSOR_LIMITS_MGDL, type ActivityIntensity, type InsulinKind } from '@glucodiary/contracts';
import { fromParsed, normalizeHeader, rejected, skipped, UnreadableHeaderError, valueOrLimit, type FormatReader, type RowOutcome } from './format-reader';

/**
 * The columns of a Dexcom Clarity export, by position: the same 14 in every language. English:
 * `Index,Timestamp (YYYY-MM-DDThh:mm:ss),Event Type,Event Subtype,Patient Info,Device Info,
 * Source Device ID,Glucose Value (mg/dL),Insulin Value (u),Carb Value (grams),Duration (hh:mm:ss),
 * Glucose Rate of Change (mg/dL/min),Transmitter Time (Long Integer),Transmitter ID`; German
 * `Index,Zeitstempel (JJJJ-MM-TTThh:mm:ss),Ereignistyp,…,Glukosewert (mmol/l),Insulinwert (IE),…`.
 */
export const CLARITY_COLUMNS = { timestamp: 1, eventType: 2, eventSubtype: 3, glucose: 7, insulin: 8, carbs: 9, duration: 10 } as const;
/** Up to the glucose column; Clarity writes 14. */
const CLARITY_MIN_WIDTH = CLARITY_COLUMNS.glucose + 1;

/** The timestamp column names its pattern: "(YYYY-MM-DDThh:mm:ss)", "(JJJJ-MM-TTThh:mm:ss)", "(AAAA-MM-JJThh:mm:ss)". */
const TIMESTAMP_PATTERN_NAME = /\(\s*(\p{L})\1{3}-\p{L}{2}-\p{L}{2}/iu;
/** A calibration (a finger-stick value entered into the sensor) in Clarity's languages: Calibration, Kalibrierung, Calibración, Étalonnage… */
const CALIBRATION_EVENT = /^(cali|kali|etalon)/;
/** Exercise and health events (Exercise, Bewegung, Ejercicio, Exercice; Health, Gesundheit, Salud, Santé). */
const EXERCISE_EVENT = /^(exerci|bewegung|ejercicio|sport|attivit)/;
const HEALTH_EVENT = /^(health|gesundheit|salud|sante|salute)/;
/** Insulin subtypes: Fast-Acting / Long-Acting, Schnell wirkend / Lang wirkend, Acción rápida / Acción prolongada… */
const insulinKindOf = (subtype: string): InsulinKind =>
  /fast|schnell|rapid|rápid|rapide|rapida/.test(subtype) ? 'rapid' : /long|lang|prolong|lent|lenta|lunga/.test(subtype) ? 'long' : 'other';
/** Exercise intensity: Light / Medium / Heavy (Leicht / Mittel / Schwer…). */
const intensityOf = (subtype: string): ActivityIntensity =>
  /heavy|schwer|intens|fuerte|vigor/.test(subtype) ? 'vigorous' : /light|leicht|ligero|leger|léger|lieve/.test(subtype) ? 'light' : 'moderate';

/**
 * Dexcom Clarity export, in any language. The header is recognised by its shape (the 2nd column
 * a timestamp naming its YYYY-MM-DD pattern, at least 8 columns) and read by position, because
 * event types are translated ("EGV", "Geschätzter Glukosewert", "Niveles estimados de glucosa").
 * The first rows describe the patient and device (FirstName, LastName, Device, Alert…) and have
 * no timestamp. A glucose reading is a row with a timestamp and a glucose value that is not a
 * calibration; "Low"/"High" mark values beyond the sensor's range, kept at its limits (39 and 401
 * mg/dL, as Tidepool stores them). Times are local, without zone.
 */
export const dexcomReader: FormatReader = {
  format: 'dexcom',

  isHeader: (fields) =>
    fields.length >= CLARITY_MIN_WIDTH &&
    TIMESTAMP_PATTERN_NAME.test(fields[CLARITY_COLUMNS.timestamp] ?? '') &&
    (fields[CLARITY_COLUMNS.eventType] ?? '').trim() !== '',

  open(header, { timeZone }) {
    const unit = unitInHeader(header[CLARITY_COLUMNS.glucose] ?? '');
    if (!unit) throw new UnreadableHeaderError('The Dexcom Clarity header has no "Glucose Value" column with a unit (its 8th column).');
    const cell = (fields: readonly string[], index: number) => (fields[index] ?? '').trim();

    return {
      timestampOf: (fields) => fields[CLARITY_COLUMNS.timestamp],

      read(fields, dateOrder) {
        if (cell(fields, CLARITY_COLUMNS.timestamp) === '') return skipped('deviceInfo');
        const eventType = normalizeHeader(cell(fields, CLARITY_COLUMNS.eventType))
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '');
        if (CALIBRATION_EVENT.test(eventType)) return skipped('calibration');
        if (cell(fields, CLARITY_COLUMNS.glucose) === '') {
          return treatmentOf(eventType, fields, (text) => parseTimestamp(text, timeZone, dateOrder));
        }
        const takenAt = parseTimestamp(fields[CLARITY_COLUMNS.timestamp], timeZone, dateOrder);
        const glucose = valueOrLimit(parseGlucoseNumber(fields[CLARITY_COLUMNS.glucose]), unit, SENSOR_LIMITS_MGDL.dexcom);
        const problem = fromParsed([takenAt, glucose]);
        if (problem || !takenAt.ok || !glucose.ok) return problem ?? rejected('unreadable row');
        return {
          kind: 'reading',
          reading: { takenAt: takenAt.value, ...glucose.value, context: 'other', note: null, kind: 'sensor', source: 'sensor_history' },
        };
      },
    };
  },
};

/**
 * The treatment of a Clarity event row: an insulin dose (its kind from the subtype), carbohydrates,
 * exercise (minutes from its duration, intensity from its subtype) or a health event (kept as a
 * note: Illness, Stress, Alcohol…). Anything else is counted as an event.
 */
function treatmentOf(eventType: string, fields: readonly string[], timestamp: (text: string | undefined) => ReturnType<typeof parseTimestamp>): RowOutcome {
  const cell = (index: number) => (fields[index] ?? '').trim();
  const subtype = cell(CLARITY_COLUMNS.eventSubtype);
  const takenAt = timestamp(fields[CLARITY_COLUMNS.timestamp]);
  if (cell(CLARITY_COLUMNS.insulin) !== '') {
    const units = parseAmount(fields[CLARITY_COLUMNS.insulin], 'insulin');
    const problem = fromParsed([takenAt, units]);
    if (problem || !takenAt.ok || !units.ok || units.value === null) return problem ?? rejected('unreadable row');
    const insulinKind = insulinKindOf(subtype.toLowerCase());
    return { kind: 'treatments', treatments: [{ takenAt: takenAt.value, type: 'insulin', units: units.value, insulinKind, ...(insulinKind === 'long' && { purpose: 'basal' }) }] };
  }
  if (cell(CLARITY_COLUMNS.carbs) !== '') {
    const grams = parseAmount(fields[CLARITY_COLUMNS.carbs], 'carbohydrates');
    const problem = fromParsed([takenAt, grams]);
    if (problem || !takenAt.ok || !grams.ok || grams.value === null) return problem ?? rejected('unreadable row');
    return { kind: 'treatments', treatments: [{ takenAt: takenAt.value, type: 'carbs', grams: grams.value }] };
  }
  if (EXERCISE_EVENT.test(eventType)) {
    const minutes = parseDurationMinutes(fields[CLARITY_COLUMNS.duration]);
    if (!takenAt.ok) return rejected(takenAt.reason);
    if (!minutes) return skipped('event');
    return { kind: 'treatments', treatments: [{ takenAt: takenAt.value, type: 'activity', minutes, intensity: intensityOf(subtype.toLowerCase()) }] };
  }
  if (HEALTH_EVENT.test(eventType) && subtype !== '') {
    if (!takenAt.ok) return rejected(takenAt.reason);
    return { kind: 'treatments', treatments: [{ takenAt: takenAt.value, type: 'note', note: subtype }] };
  }
  return skipped('event');
}
