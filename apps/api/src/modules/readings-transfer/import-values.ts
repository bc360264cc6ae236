import { TZDate } from '@date-fns/tz';
import { MEAL_CONTEXTS, type BeyondRange, type DateOrder, type GlucoseUnit, type MealContext } from '@glucodiary/contracts';

/** A value read from one row, or why the row cannot be a reading (and whether it is a Low/High reading). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string; beyondRange?: BeyondRange };
export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = (reason: string): Parsed<never> => ({ ok: false, reason });

/**
 * What meters and CGMs write instead of a number when a value is beyond their range: "Low"/"High"
 * and LO/HI, and (assumed, not seen in a real export) the same words in German, French, Spanish,
 * Italian and Dutch.
 */
const OUT_OF_RANGE_WORDS: Readonly<Record<string, BeyondRange>> = {
  low: 'below',
  lo: 'below',
  niedrig: 'below',
  bas: 'below',
  bajo: 'below',
  basso: 'below',
  laag: 'below',
  high: 'above',
  hi: 'above',
  hoch: 'above',
  eleve: 'above',
  alto: 'above',
  hoog: 'above',
};

/**
 * A glucose number as exports write it: "142", "7.8", or "7,8" (locales with a decimal comma;
 * such values arrive quoted in comma-separated files).
 */
export function parseGlucoseNumber(text: string | undefined): Parsed<number> {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return fail('no glucose value');
  const beyondRange = OUT_OF_RANGE_WORDS[trimmed.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()];
  if (beyondRange) {
    return { ok: false, beyondRange, reason: `value "${trimmed}": the device reported a reading beyond its measuring range, not a number` };
  }
  if (!/^\+?\d{1,5}([.,]\d{1,6})?$/.test(trimmed)) return fail(`value "${clip(trimmed)}" is not a number`);
  return ok(Number(trimmed.replace(',', '.')));
}

/** An amount (insulin units, grams) as exports write it, decimal comma included; null for an empty cell. */
export function parseAmount(text: string | undefined, what: string, { signed = false } = {}): Parsed<number | null> {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return ok(null);
  const sign = signed ? '[+-]?' : '\\+?';
  if (!new RegExp(`^${sign}\\d{1,5}([.,]\\d{1,6})?$`).test(trimmed)) return fail(`${what} "${clip(trimmed)}" is not a number`);
  return ok(Number(trimmed.replace(',', '.')));
}

/** A duration written hh:mm:ss (Clarity's exercise) in whole minutes; null when empty or not a duration. */
export function parseDurationMinutes(text: string | undefined): number | null {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec((text ?? '').trim());
  if (!match) return null;
  return Math.round(Number(match[1]) * 60 + Number(match[2]) + Number(match[3] ?? 0) / 60);
}

/** The unit a column header ends with, e.g. "Historic Glucose mmol/L" or "Glukosewert (mmol/l)"; null for "… (mg/dL/min)". */
export function unitAtEnd(header: string | undefined): GlucoseUnit | null {
  const match = /(mg\s*\/\s*dl|mmol\s*\/\s*l)\s*\)?\s*$/i.exec(header ?? '');
  return match ? unitInHeader(match[1] ?? '') : null;
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

/** A timestamp taken apart, before its day and month are known (for a date written year last). */
export interface TimestampParts {
  /** 2025-09-01 (ISO-like) rather than 01-09-2025. */
  yearFirst: boolean;
  year: number;
  /** The first and second numbers after (year first) or before (year last) the year. */
  first: number;
  second: number;
  /** Between the parts of the date: - / or . */
  separator: string;
  /** Null when only a date is written. */
  time: { hour: number; minute: number; second: number | null; millisecond: number; meridiem: 'AM' | 'PM' | null; t: boolean } | null;
  /** Minutes east of UTC, when the timestamp states its offset. */
  offsetMinutes: number | null;
}

const YEAR_FIRST_DATE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})/;
const YEAR_LAST_DATE = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})/;
/** After the date: the time (24-hour, or 12-hour with AM/PM, am, a.m. or "p. m."), and an offset. */
const TIME_PART =
  /^(?:(T|[ ,]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:\s*([ap])\.?\s?m\.?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** The parts of a timestamp in any of the shapes exports write, or null when it is none of them. */
export function timestampParts(text: string): TimestampParts | null {
  const trimmed = text.trim();
  const yearFirst = YEAR_FIRST_DATE.exec(trimmed);
  const yearLast = yearFirst ? null : YEAR_LAST_DATE.exec(trimmed);
  const date = yearFirst ?? yearLast;
  if (!date) return null;
  const rest = TIME_PART.exec(trimmed.slice(date[0].length));
  if (!rest) return null;
  const [, between, hour, minute, seconds, fraction, meridiem, offset] = rest;
  const [year, firstNumber, secondNumber] = yearFirst ? [date[1], date[3], date[4]] : [date[4], date[1], date[3]];
  return {
    yearFirst: yearFirst !== null,
    year: Number(year),
    first: Number(firstNumber),
    second: Number(secondNumber),
    separator: date[2] ?? '-',
    time:
      hour === undefined || minute === undefined
        ? null
        : {
            hour: Number(hour),
            minute: Number(minute),
            second: seconds === undefined ? null : Number(seconds),
            millisecond: fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0,
            meridiem: meridiem ? (meridiem.toUpperCase() === 'P' ? 'PM' : 'AM') : null,
            t: between === 'T',
          },
    offsetMinutes: offset ? offsetOf(offset) : null,
  };
}

function offsetOf(offset: string): number {
  if (offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
}

/** How a timestamp of this shape is written, in the usual tokens: "DD-MM-YYYY HH:mm", "MM/DD/YYYY hh:mm A". */
export function timestampPattern(parts: TimestampParts, order: DateOrder): string {
  const { separator: s, time } = parts;
  const date = parts.yearFirst ? `YYYY${s}MM${s}DD` : order === 'DMY' ? `DD${s}MM${s}YYYY` : `MM${s}DD${s}YYYY`;
  if (!time) return date;
  const clock = `${time.meridiem ? 'hh' : 'HH'}:mm${time.second === null ? '' : ':ss'}${time.meridiem ? ' A' : ''}`;
  return `${date}${time.t ? 'T' : ' '}${clock}${parts.offsetMinutes === null ? '' : '±HH:mm'}`;
}

const ORDER_PATTERN: Readonly<Record<DateOrder, string>> = { YMD: 'YYYY-MM-DD', DMY: 'DD-MM-YYYY', MDY: 'MM-DD-YYYY' };

/**
 * Reads a timestamp with the file's order of day and month (dates written year first are read
 * as such whatever the order). An offset makes it an instant; a local date and time without one
 * (2026-11-20T08:05:00, 11-20-2026 8:05 PM, 20.11.2026 20:05) is read in `timeZone`. A local
 * time that does not exist there (the hour skipped when clocks go forward) is refused rather than
 * guessed; a repeated hour (clocks going back) is read as its later occurrence.
 */
export function parseTimestamp(text: string | undefined, timeZone: string, dateOrder: DateOrder): Parsed<Date> {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return fail('no date and time');
  const parts = timestampParts(trimmed);
  if (!parts) return fail(`"${clip(trimmed)}" is not a date and time this importer understands`);
  const { time } = parts;
  if (!time) return fail(`"${clip(trimmed)}" has a date but no time`);
  if (!parts.yearFirst && dateOrder === 'YMD') {
    return fail(`"${clip(trimmed)}" is not a valid date and time (expected ${ORDER_PATTERN.YMD})`);
  }
  let hour = time.hour;
  if (time.meridiem) {
    if (hour < 1 || hour > 12) return fail(`"${clip(trimmed)}" is not a valid date and time (the hour of a 12-hour clock is 1–12)`);
    hour = (hour % 12) + (time.meridiem === 'PM' ? 12 : 0);
  }
  const dayFirst = !parts.yearFirst && dateOrder === 'DMY';
  const local: LocalDateTime = {
    year: parts.year,
    month: dayFirst ? parts.second : parts.first,
    day: dayFirst ? parts.first : parts.second,
    hour,
    minute: time.minute,
    second: time.second ?? 0,
    millisecond: time.millisecond,
  };
  if (!isValidLocal(local)) {
    const expected = parts.yearFirst ? ORDER_PATTERN.YMD : ORDER_PATTERN[dateOrder];
    return fail(`"${clip(trimmed)}" is not a valid date and time (expected ${expected})`);
  }
  if (parts.offsetMinutes !== null) {
    const { year, month, day, minute, second, millisecond } = local;
    return ok(new Date(Date.UTC(year, month - 1, day, local.hour, minute, second, millisecond) - parts.offsetMinutes * 60_000));
  }
  return zoned(local, timeZone, trimmed);
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
