import { MGDL_PER_MMOLL, NOTE_MAX_LENGTH, SENSOR_LIMITS_MGDL, TREATMENT_LIMITS, type InsulinPurpose } from '@glucodiary/contracts';
import { createHash } from 'node:crypto';
import { takenAtProblems } from '../../core/taken-at';
import { isoInstantOf, numberOf, type UploadedReading } from './nightscout-entry';
import { plainText } from './plain-text';

/** A treatment of GlucoDiary's own an uploaded one becomes: a dose, carbs, exercise, a note or a device change. */
export type UploadedTreatment = { takenAt: Date } & (
  | { type: 'insulin'; units: number; insulinKind: 'rapid'; purpose: InsulinPurpose | null; insulinName: string | null; note: string | null }
  | { type: 'carbs'; grams: number; note: string | null }
  | { type: 'activity'; minutes: number; intensity: 'moderate'; note: string | null }
  | { type: 'note'; note: string }
  | { type: 'sensor-change' | 'site-change'; note: string | null }
);

/** What the uploader reported that GlucoDiary does not model (a temporary basal, a profile switch…): kept as sent. */
export interface UploadedDeviceEvent {
  eventType: string;
  durationMinutes: number | null;
  details: Record<string, string | number | boolean>;
  note: string | null;
}

/** The parts one uploaded Nightscout treatment is stored as; a Meal Bolus with insulin and carbs is both. */
export interface TreatmentParts {
  /**
   * The treatment's id, 24 hex digits as Nightscout's: the app's own `_id` (xDrip+ derives one
   * from its uuid and changes or deletes a treatment by it) or `identifier`, else one made of the
   * event type and time (Nightscout's key), so a treatment sent again replaces the earlier one.
   */
  uploadId: string;
  takenAt: Date;
  /** The event type as sent (trimmed), or the one its fields imply when none was sent. */
  eventType: string;
  treatments: UploadedTreatment[];
  reading: UploadedReading | null;
  event: UploadedDeviceEvent | null;
  /** The numbers and texts as read, for the answer (Nightscout answers what it stored). */
  echo: { eventType: string; created_at: string; timestamp: string; enteredBy?: string } & Record<string, string | number>;
}

export type TreatmentOutcome = { kind: 'stored'; parts: TreatmentParts } | { kind: 'refused'; reason: string };

/** Event types by what they are in GlucoDiary (Nightscout's careportal, AndroidAPS, Loop and xDrip+ spellings, any letter case). */
const DOSE_EVENTS: Readonly<Record<string, InsulinPurpose | null>> = {
  'meal bolus': 'meal',
  'snack bolus': 'meal',
  'correction bolus': 'correction',
  'smb': 'correction',
  bolus: null,
  'combo bolus': null,
  'bolus wizard': null,
  insulin: null,
  '<none>': null,
  '': null,
};
const CARB_EVENTS = new Set(['carb correction', 'carbs']);
const NOTE_EVENTS = new Set(['note', 'announcement', 'question']);
const SITE_CHANGE_EVENTS = new Set(['site change', 'cannula change', 'pump site change']);
const SENSOR_CHANGE_EVENTS = new Set(['sensor start', 'sensor change', 'sensor insert']);

/** Fields a device event keeps for a person to read (Temp Basal's rate, Profile Switch's profile, a target's range…). */
const EVENT_DETAIL_FIELDS = [
  'absolute', 'rate', 'percent', 'percentage', 'timeshift', 'profile', 'reason', 'targetTop', 'targetBottom', 'temp', 'type', 'reasonForSuspension', 'insulin', 'carbs', 'units', 'glucose', 'glucoseType', 'enteredBy',
] as const;
const DETAIL_TEXT_MAX = 200;
const ENTERED_BY_MAX = 100;

/**
 * Reads one Nightscout treatment (`POST`/`PUT /api/v1/treatments`) into what GlucoDiary stores.
 * Numbers may come as numeric strings (`"carbs": "30"`); the time is `created_at` (ISO 8601 with
 * an offset), else `date` or `mills` (epoch ms), else now, as Nightscout does. Notes are plain text
 * (markup removed). A dose of insulin is a rapid-acting bolus (uploaders send pump and pen boluses);
 * a finger-stick glucose (`BG Check`, or `glucoseType: Finger`) is a reading.
 */
export function readTreatment(treatment: unknown, now: Date): TreatmentOutcome {
  if (typeof treatment !== 'object' || treatment === null || Array.isArray(treatment)) return { kind: 'refused', reason: 'a treatment must be a JSON object' };
  const fields = treatment as Record<string, unknown>;

  const takenAt = timeOf(fields, now);
  if (!takenAt) return { kind: 'refused', reason: '`created_at` is not an ISO 8601 time' };
  const timeProblem = takenAtProblems(takenAt.toISOString(), now)[0];
  if (timeProblem) return { kind: 'refused', reason: `the time ${timeProblem.message}` };

  const numbers: Record<string, number> = {};
  for (const name of ['insulin', 'carbs', 'glucose', 'duration', 'preBolus']) {
    const raw = fields[name];
    if (raw === undefined || raw === null || raw === '') continue;
    const value = numberOf(raw);
    if (value === null) return { kind: 'refused', reason: `\`${name}\` is not a number` };
    numbers[name] = value;
  }
  const { insulin, carbs, glucose, duration, preBolus } = numbers;
  if (insulin !== undefined && (insulin < 0 || insulin > TREATMENT_LIMITS.units.max)) return { kind: 'refused', reason: `insulin ${insulin} U is outside 0–${TREATMENT_LIMITS.units.max} U` };
  if (carbs !== undefined && (carbs < 0 || carbs > TREATMENT_LIMITS.grams.max)) return { kind: 'refused', reason: `carbs ${carbs} g is outside 0–${TREATMENT_LIMITS.grams.max} g` };
  if (duration !== undefined && (duration < 0 || duration > 7 * 24 * 60)) return { kind: 'refused', reason: `duration ${duration} min is outside 0 to a week` };

  const sentType = typeof fields['eventType'] === 'string' ? fields['eventType'].trim().slice(0, 100) : '';
  const key = sentType.toLowerCase();
  const note = textOf(fields['notes'], NOTE_MAX_LENGTH);
  const enteredBy = textOf(fields['enteredBy'], ENTERED_BY_MAX);

  const reading = fingerstickOf(key, fields, glucose, takenAt);
  if (typeof reading === 'string') return { kind: 'refused', reason: reading };

  const treatments: UploadedTreatment[] = [];
  let event: UploadedDeviceEvent | null = null;
  const at = { takenAt };
  const doseAndCarbs = (purpose: InsulinPurpose | null) => {
    if (insulin !== undefined && insulin > 0) {
      treatments.push({ ...at, type: 'insulin', units: roundDose(insulin), insulinKind: 'rapid', purpose: purpose ?? (carbs ? 'meal' : null), insulinName: insulinNameOf(fields), note });
    }
    // A pre-bolus: the dose now, the meal that many minutes later (Nightscout's careportal).
    const eatenAt = preBolus && Math.abs(preBolus) <= 120 ? new Date(takenAt.getTime() + preBolus * 60_000) : takenAt;
    if (carbs !== undefined && carbs > 0) treatments.push({ takenAt: eatenAt, type: 'carbs', grams: carbs, note: treatments.length === 0 ? note : null });
  };

  if (key in DOSE_EVENTS || CARB_EVENTS.has(key)) {
    doseAndCarbs(DOSE_EVENTS[key] ?? null);
    if (treatments.length === 0 && !reading && note) treatments.push({ ...at, type: 'note', note });
  } else if (key === 'bg check') {
    if (!reading) return { kind: 'refused', reason: 'a BG Check needs `glucose`' };
  } else if (NOTE_EVENTS.has(key)) {
    doseAndCarbs(null);
    if (note && treatments.length === 0) treatments.push({ ...at, type: 'note', note });
  } else if (key === 'exercise' && duration !== undefined && duration >= TREATMENT_LIMITS.minutes.min && duration <= TREATMENT_LIMITS.minutes.max) {
    // Nightscout does not say how hard; moderate is what "exercise" means in the diary's statistics.
    treatments.push({ ...at, type: 'activity', minutes: Math.round(duration), intensity: 'moderate', note });
  } else if (SITE_CHANGE_EVENTS.has(key)) {
    treatments.push({ ...at, type: 'site-change', note });
  } else if (SENSOR_CHANGE_EVENTS.has(key)) {
    treatments.push({ ...at, type: 'sensor-change', note });
  } else {
    event = { eventType: sentType, durationMinutes: duration ?? null, details: detailsOf(fields), note };
  }
  if (treatments.length === 0 && !reading && !event) {
    return { kind: 'refused', reason: `a ${sentType || 'treatment'} with nothing to store: send insulin, carbs, glucose or notes` };
  }

  const eventType = sentType || (treatments[0]?.type === 'carbs' ? 'Carb Correction' : 'Bolus');
  // Loop reads `timestamp` back as an ISO time.
  const echo: TreatmentParts['echo'] = { eventType, created_at: takenAt.toISOString(), timestamp: takenAt.toISOString() };
  for (const [name, value] of Object.entries(numbers)) echo[name] = value;
  for (const name of ['glucoseType', 'units'] as const) {
    const text = textOf(fields[name], 20);
    if (text) echo[name] = text;
  }
  if (note) echo['notes'] = note;
  if (enteredBy) echo['enteredBy'] = enteredBy;
  return { kind: 'stored', parts: { uploadId: uploadIdOf(fields, eventType, takenAt), takenAt, eventType, treatments, reading, event, echo } };
}

/** See TreatmentParts.uploadId. */
function uploadIdOf(fields: Record<string, unknown>, eventType: string, takenAt: Date): string {
  const sentId = fields['_id'];
  if (typeof sentId === 'string' && /^[0-9a-f]{24}$/i.test(sentId)) return sentId.toLowerCase();
  const identifier = [fields['identifier'], sentId].find((value): value is string => typeof value === 'string' && value.trim() !== '' && value.length <= 200);
  const source = identifier ? `id|${identifier.trim()}` : `${eventType.toLowerCase()}|${takenAt.toISOString()}`;
  return createHash('sha256').update(source).digest('hex').slice(0, 24);
}

/**
 * When a treatment happened: `eventTime`, else `created_at`, else `timestamp`, `date` or `mills`
 * (xDrip+ and Loop send these beside it), else now, as Nightscout does. ISO 8601 with or without an
 * offset (none is UTC, as Nightscout reads it), or epoch milliseconds; null for anything else.
 */
function timeOf(fields: Record<string, unknown>, now: Date): Date | null {
  for (const name of ['eventTime', 'created_at', 'timestamp', 'date', 'mills']) {
    const value = fields[name];
    if (value === undefined || value === null || value === '') continue;
    const epoch = numberOf(value);
    return epoch !== null ? validDate(new Date(epoch)) : (isoInstantOf(value) ?? utcInstantOf(value));
  }
  return now;
}

/** An ISO 8601 time without an offset ("2024-01-18T10:00:00", also with a space), read as UTC. */
function utcInstantOf(value: unknown): Date | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/.test(value.trim())) return null;
  return validDate(new Date(`${value.trim().replace(' ', 'T')}Z`));
}

const validDate = (date: Date) => (Number.isNaN(date.getTime()) ? null : date);

/** Pumps dose in steps as fine as 0.025 U: kept to the thousandth, never rounded to a pen's step. */
const roundDose = (units: number) => Math.round(units * 1000) / 1000;

/** The finger-stick a treatment carries, an explanation when its glucose cannot be one, or null. */
function fingerstickOf(eventType: string, fields: Record<string, unknown>, glucose: number | undefined, takenAt: Date): UploadedReading | string | null {
  const glucoseType = typeof fields['glucoseType'] === 'string' ? fields['glucoseType'].toLowerCase() : '';
  // A sensor's glucose noted beside a treatment is the sensor's reading, which arrives as an entry.
  if (glucose === undefined || (eventType !== 'bg check' && glucoseType !== 'finger')) return null;
  const units = typeof fields['units'] === 'string' ? fields['units'].toLowerCase() : '';
  const valueMgdl = units.startsWith('mmol') ? Math.round(glucose * MGDL_PER_MMOLL * 10) / 10 : glucose;
  const { below, above } = SENSOR_LIMITS_MGDL.meter;
  if (valueMgdl < below || valueMgdl > above) return `glucose ${glucose} ${units || 'mg/dl'} is outside a meter's range (${below}–${above} mg/dL)`;
  return { type: 'mbg', takenAt, valueMgdl, beyondRange: null, kind: 'fingerstick', source: 'meter', direction: null, device: null };
}

/**
 * The insulin's name, where the app says it: Loop's `insulinType` ("fiasp"), or xDrip+'s
 * `insulinInjections` (JSON text: [{ insulin, units }]) when it holds one kind.
 */
function insulinNameOf(fields: Record<string, unknown>): string | null {
  const insulinType = fields['insulinType'];
  if (typeof insulinType === 'string' && plainText(insulinType, 60)) {
    const name = plainText(insulinType, 60);
    return name.charAt(0).toUpperCase() + name.slice(1);
  }
  const injections = fields['insulinInjections'];
  if (typeof injections !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(injections);
    if (!Array.isArray(parsed)) return null;
    const names = new Set(parsed.map((item: { insulin?: unknown }) => (typeof item?.insulin === 'string' ? plainText(item.insulin, 60) : '')));
    return names.size === 1 ? [...names][0] || null : null;
  } catch {
    return null;
  }
}

function detailsOf(fields: Record<string, unknown>): Record<string, string | number | boolean> {
  const details: Record<string, string | number | boolean> = {};
  for (const name of EVENT_DETAIL_FIELDS) {
    const value = fields[name];
    if (typeof value === 'number' && Number.isFinite(value)) details[name] = value;
    else if (typeof value === 'boolean') details[name] = value;
    else if (typeof value === 'string') {
      const text = plainText(value, DETAIL_TEXT_MAX);
      if (text) details[name] = numberOf(text) ?? text;
    }
  }
  return details;
}

function textOf(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  return plainText(value, max) || null;
}
