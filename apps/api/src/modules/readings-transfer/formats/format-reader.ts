import type { ColumnMapping, GlucoseUnit, ImportFormat, MealContext } from '@glucodiary/contracts';
import type { Parsed } from '../import-values';

/** A reading as one row of a file states it, in the file's unit; checked and stored by the importer. */
export interface RowReading {
  takenAt: Date;
  value: number;
  unit: GlucoseUnit;
  context: MealContext;
  note: string | null;
}

/** What one data row is: a reading, a row that should be one but is wrong, or another kind of record. */
export type RowOutcome = { kind: 'reading'; reading: RowReading } | { kind: 'rejected'; reason: string } | { kind: 'skipped' };

export interface ReaderOptions {
  /** IANA zone in which local timestamps without an offset are read: the user's profile zone. */
  timeZone: string;
  /** For a generic CSV: which column holds what. */
  mapping?: ColumnMapping;
  /** Unit of a generic CSV's values when neither a unit column nor the value's header names one. */
  defaultUnit: GlucoseUnit;
}

/** One file format GlucoDiary imports. */
export interface FormatReader {
  readonly format: ImportFormat;
  /** Whether a row is this format's header row. */
  isHeader(fields: readonly string[]): boolean;
  /** The reader of the data rows below `header`; throws when the file cannot be read this way. */
  rows(header: readonly string[], options: ReaderOptions): (fields: readonly string[]) => RowOutcome;
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
export const skipped: RowOutcome = { kind: 'skipped' };
export function fromParsed(parsed: Parsed<unknown>[]): RowOutcome | null {
  const reasons = parsed.flatMap((item) => (item.ok ? [] : [item.reason]));
  return reasons.length > 0 ? rejected(reasons.join('; ')) : null;
}

/** Notes are optional text: trimmed, empty means none, cut to the API's limit. */
export function noteOf(text: string | undefined, maxLength: number): string | null {
  const trimmed = (text ?? '').trim();
  return trimmed === '' ? null : trimmed.slice(0, maxLength);
}
