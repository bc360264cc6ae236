import type {
  BeyondRange,
  ColumnMapping,
  CreateTreatmentBody,
  DateOrder,
  GlucoseUnit,
  ImportFormat,
  MealContext,
  ReadingKind,
  ReadingSource,
  SkippedKind,
} from '@glucodiary/contracts';
import { ok, type Parsed } from '../import-values';

/** A reading as one row of a file states it, in the file's unit; checked and stored by the importer. */
export interface RowReading {
  takenAt: Date;
  value: number;
  unit: GlucoseUnit;
  context: MealContext;
  note: string | null;
  kind: ReadingKind;
  source: ReadingSource;
  /** A Low/High the device wrote instead of a number: `value` is then the device's limit. */
  beyondRange: BeyondRange | null;
}

/** A treatment as one row of a file states it (insulin, carbohydrates, exercise, a note, ketones). */
export type RowTreatment = Omit<CreateTreatmentBody, 'takenAt'> & { takenAt: Date };

/**
 * What one data row is: a reading; one or more treatments (a LibreView insulin row may hold a
 * rapid and a long dose); a row that should be one but is wrong; or another kind of record,
 * counted by its kind.
 */
export type RowOutcome =
  | { kind: 'reading'; reading: RowReading }
  | { kind: 'treatments'; treatments: RowTreatment[] }
  | { kind: 'rejected'; reason: string }
  | { kind: 'skipped'; what: SkippedKind };

export interface ReaderOptions {
  /** IANA zone in which local timestamps without an offset are read: the user's profile zone. */
  timeZone: string;
  /** For a generic CSV: which column holds what. */
  mapping?: ColumnMapping;
  /** Unit of a generic CSV's values when neither a unit column nor the value's header names one. */
  defaultUnit: GlucoseUnit;
  /** Grams of carbohydrate in one serving, for files that count servings: the user's setting. */
  gramsPerServing: number;
}

/** A file whose header a reader has accepted: read in two passes, first its timestamps, then its rows. */
export interface OpenedFile {
  /** The date and time a data row states, as written; the file's date order is decided from all of them. */
  timestampOf(fields: readonly string[]): string | undefined;
  /** What a data row is, its dates read in the file's one order. */
  read(fields: readonly string[], dateOrder: DateOrder): RowOutcome;
}

/** One file format GlucoDiary imports. */
export interface FormatReader {
  readonly format: ImportFormat;
  /** Whether a row is this format's header row. */
  isHeader(fields: readonly string[]): boolean;
  /** The file below `header`; throws UnreadableHeaderError when it cannot be read this way. */
  open(header: readonly string[], options: ReaderOptions): OpenedFile;
}

/** A header or mapping problem that makes every row of the file unreadable. */
export class UnreadableHeaderError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const normalizeHeader = (text: string) => text.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/\s+/g, ' ');

/** Index of the first header column satisfying `test` (on the normalized name), or -1. */
export function findColumn(header: readonly string[], test: (name: string) => boolean): number {
  return header.findIndex((name) => test(normalizeHeader(name)));
}

export const rejected = (reason: string): RowOutcome => ({ kind: 'rejected', reason });
/** The row's treatments, or the row counted by its kind when it states none (a dose logged without a number). */
export const treatmentsOr = (treatments: RowTreatment[], what: SkippedKind): RowOutcome =>
  treatments.length > 0 ? { kind: 'treatments', treatments } : skipped(what);
export const skipped = (what: SkippedKind): RowOutcome => ({ kind: 'skipped', what });
export function fromParsed(parsed: Parsed<unknown>[]): RowOutcome | null {
  const failures = parsed.flatMap((item) => (item.ok ? [] : [item]));
  if (failures.length === 0) return null;
  return { kind: 'rejected', reason: failures.map((failure) => failure.reason).join('; ') };
}

/** A glucose value in a unit, or a device's limit (in mg/dL) where it wrote Low/High instead of a number. */
export interface GlucoseValue {
  value: number;
  unit: GlucoseUnit;
  beyondRange: BeyondRange | null;
}

/**
 * A parsed glucose cell as a value: a number in the column's unit, or a Low/High kept at the
 * device's limit and flagged, so the reading counts in the very-low/very-high bands and is shown
 * as LO/HI rather than dropped.
 */
export function valueOrLimit(parsed: Parsed<number>, unit: GlucoseUnit, limitsMgdl: { below: number; above: number }): Parsed<GlucoseValue> {
  if (parsed.ok) return ok({ value: parsed.value, unit, beyondRange: null });
  if (!parsed.beyondRange) return parsed;
  return ok({ value: limitsMgdl[parsed.beyondRange], unit: 'mg/dL', beyondRange: parsed.beyondRange });
}

/** Notes are optional text: trimmed, empty means none, cut to the API's limit. */
export function noteOf(text: string | undefined, maxLength: number): string | null {
  const trimmed = (text ?? '').trim();
  return trimmed === '' ? null : trimmed.slice(0, maxLength);
}
