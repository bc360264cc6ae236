import { parse, type CsvError } from 'csv-parse';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** One row of a CSV file: its fields, or why the CSV syntax of that row could not be read. */
export type CsvRecord = { line: number; fields: string[] } | { line: number; error: string };

/** Thrown when the bytes are not a text CSV file at all (binary, UTF-16, empty). */
export class NotCsvFileError extends Error {}

/** Thrown where the rest of a file cannot be read reliably (a row longer than MAX_RECORD_BYTES). */
export class UnreadableCsvError extends Error {}

/** Enough of the start of the file to tell its delimiter and whether it is text at all. */
const SNIFF_BYTES = 8 * 1024;
/** A row longer than this is not a reading: refuse it rather than buffer it. */
const MAX_RECORD_BYTES = 64 * 1024;
const DELIMITERS = [',', ';', '\t'] as const;

/**
 * Streams the rows of a CSV file with their 1-based line numbers. The delimiter (comma,
 * semicolon or tab) is sniffed from the first lines; a BOM, CRLF line ends, quoted fields
 * (including "5,6" decimal commas and line breaks) and blank lines are handled by csv-parse.
 * A row with broken quoting is reported as an error record instead of ending the file.
 */
export async function* csvRecords(source: AsyncIterable<Buffer | string>): AsyncGenerator<CsvRecord> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let exhausted = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    head.push(chunk);
    headBytes += chunk.length;
  }
  const start = Buffer.concat(head);
  if (start.includes(0)) throw new NotCsvFileError('This is not a CSV text file (it contains binary data). Export or save it as CSV (UTF-8).');
  const delimiter = sniffDelimiter(start.toString('utf8'));

  async function* whole(): AsyncGenerator<Buffer> {
    if (start.length > 0) yield start;
    if (exhausted) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
      // A stray NUL byte deep in a text file (the start had none) is dropped: no database stores it in text.
      yield chunk.includes(0) ? Buffer.from(chunk.filter((byte) => byte !== 0)) : chunk;
    }
  }

  const skipped: CsvRecord[] = [];
  let tooLongAt: number | undefined;
  const tooLong = (line: number) =>
    new UnreadableCsvError(
      `Line ${line} is longer than ${MAX_RECORD_BYTES / 1024} KB, so the rows after it cannot be read reliably. Shorten that line (or remove it) and import the file again.`,
    );
  const parser = parse({
    delimiter,
    bom: true,
    trim: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
    max_record_size: MAX_RECORD_BYTES,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      const line = Number((error as { lines?: number } | undefined)?.lines ?? 0);
      // After an over-long row csv-parse cannot find the next one: everything after it would be lost unnoticed.
      if (error?.code === 'CSV_MAX_RECORD_SIZE') tooLongAt ??= line;
      skipped.push({ line, error: `unreadable CSV row: ${error?.message ?? 'broken quoting'}` });
    },
  });
  const feeding = pipeline(Readable.from(whole()), parser);
  // The parser reports the failure of its source; this promise only must not go unhandled.
  feeding.catch(() => undefined);

  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    // `lines` is where the row ends; a quoted field may span several lines.
    const spanned = record.reduce((count, field) => count + (field.match(/\n/g)?.length ?? 0), 0);
    const line = info.lines - spanned;
    // The parser runs ahead of this loop: report broken rows in their place in the file.
    while (skipped.length > 0 && (skipped[0]?.line ?? 0) < line) yield skipped.shift() as CsvRecord;
    if (tooLongAt !== undefined && tooLongAt < line) throw tooLong(tooLongAt);
    yield { line, fields: record };
  }
  await feeding;
  if (tooLongAt !== undefined) throw tooLong(tooLongAt);
  while (skipped.length > 0) yield skipped.shift() as CsvRecord;
}

/** The delimiter used most, outside quotes, in the first lines; comma when in doubt. */
function sniffDelimiter(text: string): string {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).slice(0, 6);
  let best = ',';
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    let count = 0;
    for (const line of lines) {
      let quoted = false;
      for (const char of line) {
        if (char === '"') quoted = !quoted;
        else if (char === delimiter && !quoted) count += 1;
      }
    }
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}
