import { SENSOR_LIMITS_MGDL, type BeyondRange, type ReadingKind, type ReadingSource } from '@glucodiary/contracts';
import { takenAtProblems } from '../../core/taken-at';

/** The trend arrows uploaders send with a sensor reading (Nightscout's `direction`). */
export const DIRECTIONS = ['DoubleUp', 'SingleUp', 'FortyFiveUp', 'Flat', 'FortyFiveDown', 'SingleDown', 'DoubleDown', 'NONE', 'NOT COMPUTABLE', 'RATE OUT OF RANGE'] as const;
export type Direction = (typeof DIRECTIONS)[number];
/** xDrip+ spellings of the same. */
const DIRECTION_ALIASES: Readonly<Record<string, Direction>> = { NOT_COMPUTABLE: 'NOT COMPUTABLE', OUT_OF_RANGE: 'RATE OUT OF RANGE', TripleUp: 'DoubleUp', TripleDown: 'DoubleDown' };

/**
 * Dexcom's codes below 20 mg/dL: not glucose, the sensor's state (xDrip+ and older uploaders
 * pass them on as `sgv`). Never stored as a value.
 */
const SENSOR_CODES: Readonly<Record<number, string>> = {
  0: 'no value',
  1: 'sensor not active',
  2: 'minimal deviation',
  3: 'no antenna',
  5: 'sensor not calibrated',
  6: 'counts deviation',
  9: 'absolute deviation',
  10: 'power deviation',
  12: 'bad radio signal',
};

/** Sensors read 40–500 mg/dL at most: at or below 39 is a Low, above 500 a High (kept at the limit, shown as LO/HI). */
const SENSOR_LIMITS = { below: SENSOR_LIMITS_MGDL.dexcom.below, above: SENSOR_LIMITS_MGDL.libre.above };
/** Blood glucose meters read 20–600 mg/dL. */
const METER_LIMITS = SENSOR_LIMITS_MGDL.meter;

/** A reading an uploader sent, ready to store. */
export interface UploadedReading {
  type: 'sgv' | 'mbg';
  takenAt: Date;
  valueMgdl: number;
  beyondRange: BeyondRange | null;
  kind: ReadingKind;
  source: ReadingSource;
  direction: Direction | null;
  /** The uploader's name for the sensor or app ("xDrip-DexcomG6"), cut to 100 characters. */
  device: string | null;
}

/** What one posted entry is: a reading to store, an entry of a type not stored (calibrations), or one refused with why. */
export type EntryOutcome = { kind: 'reading'; reading: UploadedReading } | { kind: 'ignored'; type: string } | { kind: 'refused'; reason: string };

/**
 * Reads one Nightscout entry (`POST /api/v1/entries`). Numbers may come as numeric strings
 * (`"sgv": "120"`); the time is `date` (epoch ms), else `dateString` or `sysTime` (ISO 8601,
 * also with an offset without a colon, `+0100`, as xDrip+ writes it). Unknown fields are ignored.
 */
export function readEntry(entry: unknown, now: Date): EntryOutcome {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return { kind: 'refused', reason: 'an entry must be a JSON object' };
  const fields = entry as Record<string, unknown>;
  const type = typeof fields['type'] === 'string' ? fields['type'] : 'sgv';
  if (type !== 'sgv' && type !== 'mbg') return { kind: 'ignored', type };

  const takenAt = timeOf(fields);
  if (!takenAt) return { kind: 'refused', reason: 'no time: send `date` (epoch milliseconds) or `dateString` (ISO 8601)' };
  const timeProblem = takenAtProblems(takenAt.toISOString(), now)[0];
  if (timeProblem) return { kind: 'refused', reason: `the time ${timeProblem.message}` };

  const value = numberOf(fields[type]);
  if (value === null) return { kind: 'refused', reason: `\`${type}\` is not a number of mg/dL` };
  const device = typeof fields['device'] === 'string' && fields['device'].trim() !== '' ? fields['device'].trim().slice(0, 100) : null;
  const common = { type, takenAt, device } as const;

  if (type === 'mbg') {
    if (value < METER_LIMITS.below || value > METER_LIMITS.above) return { kind: 'refused', reason: `mbg ${value} mg/dL is outside a meter's range (${METER_LIMITS.below}–${METER_LIMITS.above})` };
    return { kind: 'reading', reading: { ...common, valueMgdl: value, beyondRange: null, kind: 'fingerstick', source: 'meter', direction: null } };
  }
  const code = SENSOR_CODES[value];
  if (value < 20) return { kind: 'refused', reason: `sgv ${value} is a sensor code${code ? ` (${code})` : ''}, not glucose` };
  const beyondRange: BeyondRange | null = value <= SENSOR_LIMITS.below ? 'below' : value >= SENSOR_LIMITS.above ? 'above' : null;
  const valueMgdl = beyondRange === 'below' ? SENSOR_LIMITS.below : beyondRange === 'above' ? SENSOR_LIMITS.above : value;
  return { kind: 'reading', reading: { ...common, valueMgdl, beyondRange, kind: 'sensor', source: 'sensor_history', direction: directionOf(fields['direction']) } };
}

function timeOf(fields: Record<string, unknown>): Date | null {
  const epoch = numberOf(fields['date']);
  if (epoch !== null) return validDate(new Date(epoch));
  for (const name of ['dateString', 'sysTime']) {
    const instant = isoInstantOf(fields[name]);
    if (instant) return instant;
  }
  return null;
}

/**
 * An ISO 8601 time with its offset (`Z`, `+01:00`, or `+0100` as xDrip+ writes it); anything else
 * is null: Date.parse also takes "Thu Jan 18 2024", read in the server's zone.
 */
export function isoInstantOf(text: unknown): Date | null {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(text.trim())) return null;
  return validDate(new Date(text.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2')));
}

const validDate = (date: Date) => (Number.isNaN(date.getTime()) ? null : date);

/** A number, or a numeric string ("120", " 5.5 "); anything else is null. */
export function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return null;
}

function directionOf(value: unknown): Direction | null {
  if (typeof value !== 'string') return null;
  return (DIRECTIONS as readonly string[]).includes(value) ? (value as Direction) : (DIRECTION_ALIASES[value] ?? null);
}
