import { DEFAULT_GRAMS_PER_SERVING, type ChosenDateOrder, type ColumnMapping, type GlucoseUnit, type ImportFormat } from '@glucodiary/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { csvRecords, type CsvRecord } from '../csv-records';
import { chosenDateOrder, DateOrderDecider, resolveDateOrder, type DateOrderResolution } from '../date-order';
import { detectFormat } from '../format-detector';
import type { RowOutcome } from '../formats/format-reader';

/** The sample exports shared with the e2e tests. */
export const FIXTURES_DIR = join(import.meta.dirname, '../../../../../../e2e/fixtures');
export const fixture = (name: string) => readFileSync(join(FIXTURES_DIR, name), 'utf8');
/** Exports as LibreView and Clarity write them in other languages and settings, for the unit tests. */
export const LOCALE_FIXTURES_DIR = join(import.meta.dirname, 'fixtures');
export const localeFixture = (name: string) => readFileSync(join(LOCALE_FIXTURES_DIR, name));

/** Streams text in small chunks, as an upload arrives, so rows straddle chunk boundaries. */
export function chunked(text: string | Buffer, size = 37): Readable {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) chunks.push(bytes.subarray(offset, offset + size));
  return Readable.from(chunks);
}

export async function records(text: string | Buffer): Promise<CsvRecord[]> {
  const all: CsvRecord[] = [];
  for await (const record of csvRecords(chunked(text))) all.push(record);
  return all;
}

export interface ParsedSample {
  format: ImportFormat;
  header: readonly string[];
  /** The order the dates were read in, or why they were not read (then `rows` is empty). */
  dateOrder: DateOrderResolution;
  rows: (RowOutcome & { line: number })[];
}

/** Detects and reads a file the way the importer does (format, date order, rows), without a database. */
export async function parseSample(
  text: string | Buffer,
  options: { format?: ImportFormat; timeZone?: string; mapping?: ColumnMapping; defaultUnit?: GlucoseUnit; dateOrder?: ChosenDateOrder; gramsPerServing?: number } = {},
): Promise<ParsedSample> {
  const all = await records(text);
  const detected = detectFormat(all, options.format);
  if (!detected) throw new Error('no header found');
  const { header } = detected;
  const opened = detected.reader.open(header, {
    timeZone: options.timeZone ?? 'UTC',
    mapping: options.mapping,
    defaultUnit: options.defaultUnit ?? 'mg/dL',
    gramsPerServing: options.gramsPerServing ?? DEFAULT_GRAMS_PER_SERVING,
  });
  const dataRows = all.slice(detected.headerIndex + 1);
  const decider = new DateOrderDecider();
  for (const row of dataRows) if ('fields' in row) decider.add(row.line, opened.timestampOf(row.fields));
  const dateOrder = resolveDateOrder(decider.decide(), chosenDateOrder(options.dateOrder, options.mapping));
  const order = dateOrder.ok ? dateOrder.order : null;
  return {
    format: detected.reader.format,
    header,
    dateOrder,
    rows:
      order === null
        ? []
        : dataRows.map((row) => {
            if ('error' in row) return { line: row.line, kind: 'rejected' as const, reason: row.error };
            // As the importer does: a row of empty cells is an empty row, whatever the format.
            if (row.fields.every((field) => field === '')) return { line: row.line, kind: 'skipped' as const, what: 'empty' as const };
            return { line: row.line, ...opened.read(row.fields, order) };
          }),
  };
}

export const readingsOf = (sample: ParsedSample) =>
  sample.rows.flatMap((row) => (row.kind === 'reading' ? [{ line: row.line, ...row.reading, takenAt: row.reading.takenAt.toISOString() }] : []));
export const rejectionsOf = (sample: ParsedSample) =>
  sample.rows.flatMap((row) => (row.kind === 'rejected' ? [{ line: row.line, reason: row.reason }] : []));
/** How many rows were skipped, by kind (kinds with none left out). */
export const skippedKindsOf = (sample: ParsedSample) =>
  sample.rows.reduce<Record<string, number>>((counts, row) => (row.kind === 'skipped' ? { ...counts, [row.what]: (counts[row.what] ?? 0) + 1 } : counts), {});
/** The treatments read, one line each: "line type amount…", e.g. "10 insulin 6 rapid", "12 carbs 45". */
export const treatmentsOf = (sample: ParsedSample) =>
  sample.rows.flatMap((row) =>
    row.kind === 'treatments'
      ? row.treatments.map((t) =>
          [row.line, t.type, t.units ?? t.grams ?? t.minutes ?? t.value, t.insulinKind, t.purpose, t.intensity, t.type === 'note' ? t.note : undefined]
            .filter((part) => part !== undefined && part !== null)
            .join(' '),
        )
      : [],
  );
