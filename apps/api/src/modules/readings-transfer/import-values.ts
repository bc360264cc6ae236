import { TZDate } from '@date-fns/tz';
import { MEAL_CONTEXTS, type DateOrder, type GlucoseUnit, type MealContext } from '@glucodiary/contracts';

/** A value read from one row, or why the row cannot be a reading. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: string): Parsed<never> => ({ ok: false, reason });

/** "Low"/"High" (and LO/HI) are what meters and CGMs write when a value is beyond their range. */
const OUT_OF_RANGE_WORDS = /^(low|high|lo|hi)$/i;

/**
 * A glucose number as exports write it: "142", "7.8", or "7,8" (locales with a decimal comma;
 * such values arrive quoted in comma-separated files).
 */
export function parseGlucoseNumber(text: string | undefined): Parsed<number> {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return fail('no glucose value');
  if (OUT_OF_RANGE_WORDS.test(trimmed)) {
    return fail(`value "${trimmed}": the device reported a reading beyond its measuring range, not a number`);
  }
  if (!/^\+?\d{1,5}([.,]\d{1,6})?$/.test(trimmed)) return fail(`value "${clip(trimmed)}" is not a number`);
  return ok(Number(trimmed.replace(',', '.')));
}

/** The unit a column header names, e.g. "Historic Glucose mg/dL" or "Glucose Value (mmol/L)". */
export function unitInHeader(header: string): GlucoseUnit | null {
  if (/mg\s*\/\s*dl/i.test(header)) return 'mg/dL';
  if (/mmol\s*\/\s*l/i.test(header)) return 'mmol/L';
  return null;
}

/** A unit as a person or another app may write it. */
export function parseUnit(text: string | undefined): GlucoseUnit | null {
  const compact = (text ?? '').replace(/\s+/g, '').toLowerCase();
  if (compact === 'mg/dl' || compact === 'mgdl' || compact === 'mg') return 'mg/dL';
  if (compact === 'mmol/l' || compact === 'mmol' || compact === 'mmoll') return 'mmol/L';
  return null;
}

/** A unit cell of a row, or why it is not one. */
export function readUnit(text: string | undefined): Parsed<GlucoseUnit> {
  const unit = parseUnit(text);
  return unit ? ok(unit) : fail(`unit "${clip(text ?? '')}" is neither mg/dL nor mmol/L`);
}

interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const ISO_LIKE =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const YEAR_LAST = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?:[T ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?)?$/i;

/**
 * Reads a timestamp: ISO 8601 with an offset is an instant; a local date and time without a
 * zone (2026-11-20T08:05:00, 11-20-2026 08:05, 20.11.2026 08:05) is read in `timeZone`.
 * A local time that does not exist there (the hour skipped when clocks go forward) is refused
 * rather than guessed; a repeated hour (clocks going back) is read as its later occurrence.
 */
export function parseTimestamp(text: string | undefined, timeZone: string, dateOrder: DateOrder = 'MDY'): Parsed<Date> {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return fail('no date and time');
  const iso = ISO_LIKE.exec(trimmed);
  if (iso) {
    const [, year, month, day, hour, minute, second, fraction, offset] = iso;
    const local: LocalDateTime = {
      year: Number(year),
      month: Number(month),
      day: Number(day),
      hour: Number(hour ?? 0),
      minute: Number(minute ?? 0),
      second: Number(second ?? 0),
      millisecond: fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0,
    };
    if (hour === undefined) return fail(`"${clip(trimmed)}" has a date but no time`);
    if (!isValidLocal(local)) return fail(`"${clip(trimmed)}" is not a valid date and time`);
    if (offset) {
      const instant = new Date(trimmed.replace(' ', 'T'));
      return Number.isNaN(instant.getTime()) ? fail(`"${clip(trimmed)}" is not a valid date and time`) : ok(instant);
    }
    return zoned(local, timeZone, trimmed);
  }
  const yearLast = YEAR_LAST.exec(trimmed);
  if (yearLast) {
    const [, first, separator, second, year, hour, minute, seconds, meridiem] = yearLast;
    if (hour === undefined || minute === undefined) return fail(`"${clip(trimmed)}" has a date but no time`);
    const dayFirst = separator === '.' || dateOrder === 'DMY';
    let hours = Number(hour);
    if (meridiem) {
      if (hours < 1 || hours > 12) return fail(`"${clip(trimmed)}" is not a valid date and time`);
      hours = (hours % 12) + (meridiem.toUpperCase() === 'PM' ? 12 : 0);
    }
    const local: LocalDateTime = {
      year: Number(year),
      month: Number(dayFirst ? second : first),
      day: Number(dayFirst ? first : second),
      hour: hours,
      minute: Number(minute),
      second: Number(seconds ?? 0),
      millisecond: 0,
    };
    if (!isValidLocal(local)) {
      const expected = dayFirst ? 'DD-MM-YYYY' : 'MM-DD-YYYY';
      return fail(`"${clip(trimmed)}" is not a valid date and time (expected ${expected} hh:mm)`);
    }
    return zoned(local, timeZone, trimmed);
  }
  return fail(`"${clip(trimmed)}" is not a date and time this importer understands`);
}

function zoned(local: LocalDateTime, timeZone: string, text: string): Parsed<Date> {
  const { year, month, day, hour, minute, second, millisecond } = local;
  const date = new TZDate(year, month - 1, day, hour, minute, second, millisecond, timeZone);
  // TZDate moves a nonexistent local time forward; reading it back tells the two apart.
  if (date.getHours() !== hour || date.getMinutes() !== minute || date.getDate() !== day) {
    return fail(`local time "${clip(text)}" does not exist in ${timeZone} (clocks were put forward then)`);
  }
  return ok(new Date(date.getTime()));
}

function isValidLocal({ year, month, day, hour, minute, second }: LocalDateTime): boolean {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const CONTEXT_WORDS: Record<string, MealContext> = {
  fasting: 'fasting',
  nuchtern: 'fasting',
  beforemeal: 'before_meal',
  premeal: 'before_meal',
  beforebreakfast: 'before_meal',
  beforelunch: 'before_meal',
  beforedinner: 'before_meal',
  aftermeal: 'after_meal',
  postmeal: 'after_meal',
  postprandial: 'after_meal',
  afterbreakfast: 'after_meal',
  afterlunch: 'after_meal',
  afterdinner: 'after_meal',
  bedtime: 'bedtime',
  night: 'bedtime',
  other: 'other',
};

const isMealContext = (text: string): text is MealContext => (MEAL_CONTEXTS as readonly string[]).includes(text);

/** A context cell that must be one of the API's own words, or why it is not. */
export function readMealContext(text: string | undefined): Parsed<MealContext> {
  const context = (text ?? '').trim();
  return isMealContext(context) ? ok(context) : fail(`context "${clip(context)}" is not one of ${MEAL_CONTEXTS.join(', ')}`);
}

/** A meal context in the API's own words, or a few common spellings; anything else is 'other'. */
export function parseMealContext(text: string | undefined): MealContext {
  const trimmed = (text ?? '').trim();
  if (isMealContext(trimmed)) return trimmed;
  const compact = trimmed
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  return CONTEXT_WORDS[compact] ?? 'other';
}

/** Shortens text quoted back in a reason, so a garbage row does not make a garbage answer. */
export function clip(text: string, length = 40): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
