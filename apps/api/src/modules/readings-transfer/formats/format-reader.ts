import type { ColumnMapping, DateOrder, GlucoseUnit, ImportFormat, MealContext, SkippedKind } from '@glucodiary/contracts';
import type { OutOfRange, Parsed } from '../import-values';

/** A reading as one row of a file states it, in the file's unit; checked and stored by the importer. */
export interface RowReading {
  takenAt: Date;
  value: number;
  unit: GlucoseUnit;
  context: MealContext;
  note: string | null;
}

/**
 * What one data row is: a reading; a row that should be one but is wrong (a Low/High reading
 * among them); or another kind of record, which is counted by its kind.
 */
export type RowOutcome =
  | { kind: 'reading'; reading: RowReading }
  | { kind: 'rejected'; reason: string; outOfRange?: OutOfRange }
  | { kind: 'skipped'; what: SkippedKind };

export interface ReaderOptions {
  /** IANA zone in which local timestamps without an offset are read: the user's profile zone. */
  timeZone: string;
  /** For a generic CSV: which column holds what. */
  mapping?: ColumnMapping;
  /** Unit of a generic CSV's values when neither a unit column nor the value's header names one. */
  defaultUnit: GlucoseUnit;
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
export const skipped = (what: SkippedKind): RowOutcome => ({ kind: 'skipped', what });
export function fromParsed(parsed: Parsed<unknown>[]): RowOutcome | null {
  const failures = parsed.flatMap((item) => (item.ok ? [] : [item]));
  if (failures.length === 0) return null;
  const outOfRange = failures.find((failure) => failure.outOfRange)?.outOfRange;
  return { kind: 'rejected', reason: failures.map((failure) => failure.reason).join('; '), ...(outOfRange && { outOfRange }) };
}

/** Notes are optional text: trimmed, empty means none, cut to the API's limit. */
export function noteOf(text: string | undefined, maxLength: number): string | null {
  const trimmed = (text ?? '').trim();
  return trimmed === '' ? null : trimmed.slice(0, maxLength);
}
