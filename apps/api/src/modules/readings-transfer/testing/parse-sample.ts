import type { ColumnMapping, GlucoseUnit, ImportFormat } from '@glucodiary/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { csvRecords, type CsvRecord } from '../csv-records';
import { detectFormat } from '../format-detector';
import type { RowOutcome } from '../formats/format-reader';

/** The sample exports shared with the e2e tests. */
export const FIXTURES_DIR = join(import.meta.dirname, '../../../../../../e2e/fixtures');
export const fixture = (name: string) => readFileSync(join(FIXTURES_DIR, name), 'utf8');

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
  rows: (RowOutcome & { line: number })[];
}

/** Detects and reads a file the way the importer does, without a database. */
export async function parseSample(
  text: string | Buffer,
  options: { format?: ImportFormat; timeZone?: string; mapping?: ColumnMapping; defaultUnit?: GlucoseUnit } = {},
): Promise<ParsedSample> {
  const all = await records(text);
  const detected = detectFormat(all, options.format);
  if (!detected) throw new Error('no header found');
  const { header } = detected;
  const read = detected.reader.rows(header, {
    timeZone: options.timeZone ?? 'UTC',
    mapping: options.mapping,
    defaultUnit: options.defaultUnit ?? 'mg/dL',
  });
  return {
    format: detected.reader.format,
    header,
    rows: all
      .slice(detected.headerIndex + 1)
      .map((row) => ({ line: row.line, ...('fields' in row ? read(row.fields) : { kind: 'rejected' as const, reason: row.error }) })),
  };
}

export const readingsOf = (sample: ParsedSample) =>
  sample.rows.flatMap((row) => (row.kind === 'reading' ? [{ line: row.line, ...row.reading, takenAt: row.reading.takenAt.toISOString() }] : []));
export const rejectionsOf = (sample: ParsedSample) =>
  sample.rows.flatMap((row) => (row.kind === 'rejected' ? [{ line: row.line, reason: row.reason }] : []));
