import {
  FUTURE_TOLERANCE_MS,
  GLUCOSE_LIMITS,
  IMPORT_PREVIEW_READINGS,
  IMPORT_REJECTED_LIST_MAX,
  isWithinGlucoseLimits,
  SKIPPED_KINDS,
  toMgdl,
  type ChosenDateOrder,
  type ColumnMapping,
  type DateOrderReport,
  type GlucoseUnit,
  type ImportedReading,
  type ImportFormat,
  type ImportMode,
  type ImportPreview,
  type ImportResult,
  type RejectedRow,
  type SkippedByKind,
} from '@glucodiary/contracts';
import { Prisma, type PrismaClient } from '@glucodiary/db';
import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { FieldValidationError, NotCsvError, UnreadableFileError } from '../../core/errors';
import { csvRecords, NotCsvFileError, UnreadableCsvError, type CsvRecord } from './csv-records';
import { chosenDateOrder, DateOrderDecider, resolveDateOrder, type DateOrderResolution } from './date-order';
import { detectFormat, HEADER_SEARCH_ROWS } from './format-detector';
import { UnreadableHeaderError, type FormatReader, type OpenedFile, type ReaderOptions, type RowReading } from './formats/format-reader';
import { suggestMapping } from './formats/generic.format';

/** Rows written per createMany; between batches the event loop serves other requests. */
const IMPORT_BATCH_SIZE = 1000;
/** A batch that loses a race on the unique import key is looked up and written again, this often. */
const BATCH_ATTEMPTS = 3;
/** Instants looked up per query, below SQLite's limit of bound parameters. */
const LOOKUP_SLICE = 900;
/** A batch spanning at most this long is looked up with one range query. */
const RANGE_LOOKUP_MAX_MS = 14 * 24 * 60 * 60 * 1000;
/**
 * Two readings at the same instant within this many mg/dL are the same reading: an export in
 * mmol/L rounds to 0.1 mmol/L, so a value read back differs by up to 0.05 mmol/L (0.9 mg/dL).
 */
const SAME_VALUE_MGDL = 1;

export interface ImportRequest {
  userId: string;
  mode: ImportMode;
  /** Overrides detection. */
  format?: ImportFormat;
  mapping?: ColumnMapping;
  /** The order of day and month the person chose, for a file whose dates fit both. */
  dateOrder?: ChosenDateOrder;
  now?: Date;
}

interface Candidate extends RowReading {
  line: number;
  valueMgdl: number;
  importKey: string;
  duplicate: boolean;
}

interface Tally {
  totalRows: number;
  accepted: number;
  duplicates: number;
  skipped: number;
  skippedByKind: SkippedByKind;
  imported: number;
  rejectedCount: number;
  rejected: RejectedRow[];
  outOfRange: { low: number; high: number };
  readings: ImportedReading[];
}

const newTally = (): Tally => ({
  totalRows: 0,
  accepted: 0,
  duplicates: 0,
  skipped: 0,
  skippedByKind: Object.fromEntries(SKIPPED_KINDS.map((kind) => [kind, 0])) as SkippedByKind,
  imported: 0,
  rejectedCount: 0,
  rejected: [],
  outOfRange: { low: 0, high: 0 },
  readings: [],
});

/**
 * Reads a CSV upload row by row and, in `commit` mode, adds its readings to a user's diary in
 * batches. Every imported reading carries an import key (source, instant, value): a batch first
 * looks up the keys (and same-instant, same-value readings) already stored and writes only new
 * ones, so importing a file twice, or importing your own export, adds nothing twice.
 */
export class ReadingsImportService {
  constructor(
    private readonly db: PrismaClient,
    private readonly batchSize = IMPORT_BATCH_SIZE,
  ) {}

  /**
   * One straight pipeline, in two passes over the upload: the first detects the format from the
   * top rows and then collects every row's timestamp to decide the one order of day and month the
   * file's dates are written in; the second reads the rows with that order and maps them to
   * readings, which are checked against the diary (and, in commit mode, stored) in batches.
   */
  async import(file: AsyncIterable<Buffer | string>, request: ImportRequest): Promise<ImportPreview | ImportResult> {
    const user = await this.db.user.findUniqueOrThrow({
      where: { id: request.userId },
      select: { timeZone: true, preferredUnit: true },
    });
    const now = request.now ?? new Date();
    // Held in memory (at most IMPORT_MAX_FILE_BYTES, as the route enforces) to be read twice.
    const upload = await held(file);

    // 1. Detect the format from the first rows.
    const firstPass = withHttpErrors(csvRecords(replay(upload)))[Symbol.asyncIterator]();
    const head: CsvRecord[] = [];
    while (head.length < HEADER_SEARCH_ROWS) {
      const next = await firstPass.next();
      if (next.done) break;
      head.push(next.value);
    }
    if (!head.some((row) => 'fields' in row)) throw new NotCsvError('The file is empty: there are no rows to import.');

    const detected = detectFormat(head, request.format);
    if (!detected) {
      if (request.format) throw new UnreadableFileError(`This file is not a ${formatName(request.format)} export: its header was not found.`);
      throw new NotCsvError('This file has no header row naming its columns, so it cannot be read as a CSV of readings.');
    }
    const { reader, headerIndex, header } = detected;
    const format = reader.format;
    const firstPassRows = rest(head.slice(headerIndex + 1), firstPass);
    const tally = newTally();

    if (format === 'generic' && !request.mapping) {
      if (request.mode === 'commit') {
        throw new FieldValidationError([{ field: 'mapping', message: 'name the timestamp and value columns of this CSV' }]);
      }
      // Nothing can be read without a mapping: count the rows, and decide the suggested column's date order.
      const suggestion = suggestMapping(header);
      const timestampColumn = suggestion ? header.indexOf(suggestion.timestamp) : -1;
      const decider = new DateOrderDecider();
      for await (const row of firstPassRows) {
        tally.totalRows += 1;
        if ('fields' in row && timestampColumn >= 0) decider.add(row.line, row.fields[timestampColumn]);
      }
      const resolution = resolveDateOrder(decider.decide(), request.dateOrder);
      const used = resolution.ok ? resolution.report.used : null;
      return preview(format, header, true, suggestion && { ...suggestion, ...(used && { dateOrder: used }) }, tally, reportOf(resolution));
    }

    const opened = openFile(reader, header, {
      timeZone: user.timeZone,
      mapping: request.mapping,
      defaultUnit: user.preferredUnit as GlucoseUnit,
    });

    // 2. Decide the date order from all the file's timestamps.
    const decider = new DateOrderDecider();
    let dataRows = 0;
    try {
      for await (const row of firstPassRows) {
        dataRows += 1;
        if ('fields' in row) decider.add(row.line, opened.timestampOf(row.fields));
      }
    } catch (error) {
      // Unreadable past some line: the dates are those before it, and the second pass stops there, saying so.
      if (!(error instanceof UnreadableFileError)) throw error;
    }
    const resolution = resolveDateOrder(decider.decide(), chosenDateOrder(request.dateOrder, request.mapping));
    if (!resolution.ok) {
      if (resolution.problem === 'contradictory') throw new UnreadableFileError(resolution.message);
      if (resolution.problem === 'conflict') {
        throw new FieldValidationError([{ field: request.dateOrder ? 'dateOrder' : 'mapping.dateOrder', message: resolution.message }]);
      }
      if (request.mode === 'commit') throw new FieldValidationError([{ field: 'dateOrder', message: resolution.message }]);
      // The preview asks rather than guesses: nothing is read until the order is chosen.
      tally.totalRows = dataRows;
      return preview(format, header, false, request.mapping ?? null, tally, resolution.report);
    }
    const { order: dateOrder, report: dateOrderReport } = resolution;

    // 3. Read the rows (the second pass), and 4. map them to readings, batch by batch.
    const reject = (line: number, reason: string) => {
      tally.rejectedCount += 1;
      if (tally.rejected.length < IMPORT_REJECTED_LIST_MAX) tally.rejected.push({ line, reason });
    };
    const seenKeys = new Set<string>();
    let batch: Candidate[] = [];
    const flush = async () => {
      await this.writeBatch(request.userId, batch, seenKeys, request.mode, tally);
      batch = [];
      await nextTurn();
    };

    try {
      for await (const row of rowsAfterHeader(upload, headerIndex)) {
        tally.totalRows += 1;
        if ('error' in row) {
          reject(row.line, row.error);
          continue;
        }
        // A row of empty cells (spreadsheets leave them at the end) is not a reading.
        const outcome = row.fields.every((field) => field === '') ? ({ kind: 'skipped', what: 'empty' } as const) : opened.read(row.fields, dateOrder);
        if (outcome.kind === 'skipped') {
          tally.skipped += 1;
          tally.skippedByKind[outcome.what] += 1;
          continue;
        }
        if (outcome.kind === 'rejected') {
          if (outcome.outOfRange) tally.outOfRange[outcome.outOfRange] += 1;
          reject(row.line, outcome.reason);
          continue;
        }
        const problem = readingProblem(outcome.reading, now);
        if (problem) {
          reject(row.line, problem);
          continue;
        }
        tally.accepted += 1;
        batch.push(candidate(format, row.line, outcome.reading));
        if (batch.length >= this.batchSize) await flush();
      }
    } catch (error) {
      // The file cannot be read past some line: in commit mode, say what the rows before it added.
      if (!(error instanceof UnreadableFileError) || request.mode !== 'commit') throw error;
      if (batch.length > 0) await flush();
      throw new UnreadableFileError(
        `${error.message} ${tally.imported} readings from the rows before it were imported; importing the file again does not add them twice.`,
      );
    }
    if (batch.length > 0) await flush();

    if (request.mode === 'preview') return preview(format, header, false, request.mapping ?? null, tally, dateOrderReport);
    const { totalRows, accepted, duplicates, skipped, skippedByKind, imported, rejectedCount, rejected, outOfRange } = tally;
    return {
      mode: 'commit',
      format,
      totalRows,
      accepted,
      imported,
      duplicates,
      skipped,
      skippedByKind,
      rejectedCount,
      rejected,
      outOfRange,
      dateOrder: dateOrderReport,
    };
  }

  /**
   * Stored readings at the instants of these readings. A reading with the same import key is at
   * the same instant, so this finds key matches too. Exports are in time order, so one range
   * query usually covers a batch; a batch spread over a long time is looked up instant by instant.
   */
  private async storedAt(userId: string, readings: Candidate[]) {
    const select = { importKey: true, takenAt: true, valueMgdl: true } as const;
    const times = [...new Set(readings.map((reading) => reading.takenAt.getTime()))];
    const first = Math.min(...times);
    const last = Math.max(...times);
    if (last - first <= RANGE_LOOKUP_MAX_MS) {
      return this.db.reading.findMany({ where: { userId, takenAt: { gte: new Date(first), lte: new Date(last) } }, select });
    }
    const stored: { importKey: string | null; takenAt: Date; valueMgdl: number }[] = [];
    for (let start = 0; start < times.length; start += LOOKUP_SLICE) {
      const slice = times.slice(start, start + LOOKUP_SLICE).map((time) => new Date(time));
      stored.push(...(await this.db.reading.findMany({ where: { userId, takenAt: { in: slice } }, select })));
    }
    return stored;
  }

  /** Marks the batch's duplicates and, in commit mode, stores the rest; retries a batch that lost a race. */
  private async writeBatch(userId: string, batch: Candidate[], seenKeys: Set<string>, mode: ImportMode, tally: Tally): Promise<void> {
    const fresh: Candidate[] = [];
    for (const reading of batch) {
      if (seenKeys.has(reading.importKey)) {
        reading.duplicate = true;
      } else {
        seenKeys.add(reading.importKey);
        fresh.push(reading);
      }
    }

    for (let attempt = 1; fresh.length > 0; attempt += 1) {
      const stored = await this.storedAt(userId, fresh);
      const storedKeys = new Set(stored.map((row) => row.importKey));
      const storedAt = new Map<number, number[]>();
      for (const row of stored) storedAt.set(row.takenAt.getTime(), [...(storedAt.get(row.takenAt.getTime()) ?? []), row.valueMgdl]);
      const isStored = (reading: Candidate) =>
        storedKeys.has(reading.importKey) ||
        (storedAt.get(reading.takenAt.getTime()) ?? []).some((value) => Math.abs(value - reading.valueMgdl) < SAME_VALUE_MGDL);
      const toWrite = fresh.filter((reading) => !isStored(reading));
      const writing = new Set(toWrite);
      for (const reading of fresh) reading.duplicate = !writing.has(reading);
      if (mode === 'preview') break;
      try {
        const data = toWrite.map((reading) => ({
          userId,
          takenAt: reading.takenAt,
          valueMgdl: reading.valueMgdl,
          mealContext: reading.context,
          note: reading.note,
          importKey: reading.importKey,
        }));
        // The database may split a large insert into several statements: all or none of them count.
        await this.db.$transaction((tx) => tx.reading.createMany({ data }));
        tally.imported += toWrite.length;
        break;
      } catch (error) {
        // Another import of the same file got there first: look again and write what is still new.
        const lostRace = error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
        if (!lostRace || attempt >= BATCH_ATTEMPTS) throw error;
      }
    }

    for (const reading of batch) {
      if (reading.duplicate) tally.duplicates += 1;
      if (tally.readings.length < IMPORT_PREVIEW_READINGS) {
        tally.readings.push({
          line: reading.line,
          takenAt: reading.takenAt.toISOString(),
          value: reading.value,
          unit: reading.unit,
          context: reading.context,
          note: reading.note,
          duplicate: reading.duplicate,
        });
      }
    }
  }
}

function preview(
  format: ImportFormat,
  columns: readonly string[],
  needsMapping: boolean,
  mapping: ColumnMapping | null,
  tally: Tally,
  dateOrder: DateOrderReport,
): ImportPreview {
  const { totalRows, accepted, duplicates, skipped, skippedByKind, rejectedCount, rejected, outOfRange, readings } = tally;
  return {
    mode: 'preview',
    format,
    columns: [...columns],
    needsMapping,
    mapping,
    totalRows,
    accepted,
    duplicates,
    skipped,
    skippedByKind,
    rejectedCount,
    rejected,
    outOfRange,
    dateOrder,
    readings,
  };
}

/** What an answer says about the dates, also when they could not be settled. */
function reportOf(resolution: DateOrderResolution): DateOrderReport {
  if (resolution.ok || resolution.problem === 'needsChoice') return resolution.report;
  return { used: null, pattern: null, decidedBy: null, evidence: null, needsChoice: [], samples: [] };
}

/** The reader's view of the file below its header; a header or mapping it cannot read is a 400. */
function openFile(reader: FormatReader, header: readonly string[], options: ReaderOptions): OpenedFile {
  try {
    return reader.open(header, options);
  } catch (error) {
    if (!(error instanceof UnreadableHeaderError)) throw error;
    if (error.field) throw new FieldValidationError([{ field: error.field, message: error.message }]);
    throw new UnreadableFileError(error.message);
  }
}

/** The whole upload, in its chunks, so it can be read twice. */
async function held(file: AsyncIterable<Buffer | string>): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of file) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return chunks;
}

async function* replay(chunks: readonly Buffer[]): AsyncGenerator<Buffer> {
  yield* chunks;
}

/** The rows below the header, read again from the start of the upload. */
async function* rowsAfterHeader(upload: readonly Buffer[], headerIndex: number): AsyncGenerator<CsvRecord> {
  let index = 0;
  for await (const row of withHttpErrors(csvRecords(replay(upload)))) {
    if (index > headerIndex) yield row;
    index += 1;
  }
}

/** The CSV reader's complaints as the API's 400s, wherever in the file they arise. */
async function* withHttpErrors(records: AsyncIterable<CsvRecord>): AsyncGenerator<CsvRecord> {
  try {
    yield* records;
  } catch (error) {
    if (error instanceof NotCsvFileError) throw new NotCsvError(error.message);
    if (error instanceof UnreadableCsvError) throw new UnreadableFileError(error.message);
    throw error;
  }
}

async function* rest(first: CsvRecord[], records: AsyncIterator<CsvRecord>): AsyncGenerator<CsvRecord> {
  yield* first;
  for (;;) {
    const next = await records.next();
    if (next.done) return;
    yield next.value;
  }
}

function candidate(format: ImportFormat, line: number, reading: RowReading): Candidate {
  const valueMgdl = toMgdl(reading.value, reading.unit);
  return { ...reading, line, valueMgdl, importKey: importKey(format, reading.takenAt, valueMgdl), duplicate: false };
}

/**
 * The stable fingerprint of an imported reading: its source format, instant and value (mg/dL to
 * two decimals, so 7,8 and 7.8 mmol/L agree). Stored with the reading, unique per user.
 */
function importKey(format: ImportFormat, takenAt: Date, valueMgdl: number): string {
  return createHash('sha256').update(`${format}|${takenAt.toISOString()}|${valueMgdl.toFixed(2)}`).digest('base64url').slice(0, 32);
}

/** The rules every reading obeys, whatever its source: a measurable value, not in the future. */
function readingProblem(reading: RowReading, now: Date): string | null {
  if (!isWithinGlucoseLimits(reading.value, reading.unit)) {
    const { min, max } = GLUCOSE_LIMITS[reading.unit];
    return `value ${reading.value} ${reading.unit} is outside the measurable range ${min}–${max} ${reading.unit}`;
  }
  if (reading.takenAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return `${reading.takenAt.toISOString()} is in the future`;
  return null;
}

const formatName = (format: ImportFormat) =>
  ({ libreview: 'LibreView', dexcom: 'Dexcom Clarity', glucodiary: 'GlucoDiary', generic: 'CSV' })[format];
