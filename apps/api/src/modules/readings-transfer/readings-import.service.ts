import {
  FUTURE_TOLERANCE_MS,
  GLUCOSE_LIMITS,
  IMPORT_PREVIEW_READINGS,
  IMPORT_REJECTED_LIST_MAX,
  isWithinGlucoseLimits,
  READING_SOURCES,
  type DateOrderReport,
  type GlucoseUnit,
  type ImportChoices,
  type ImportedReading,
  type ImportProgress,
  type ImportFormat,
  type ImportPreview as ImportPreviewAnswer,
  type ImportResult,
  type ReadingSource,
} from '@glucodiary/contracts';
import { Prisma, type PrismaClient } from '@glucodiary/db';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { FieldValidationError, ImportCancelledError, NotCsvError, UnreadableFileError } from '../../core/errors';
import { csvRecords, NotCsvFileError, UnreadableCsvError, type CsvRecord } from './csv-records';
import { chosenDateOrder, DateOrderDecider, resolveDateOrder, type DateOrderResolution } from './date-order';
import { candidate, choicesKey, noRows, treatmentCandidates, type Candidate, type FileReading, type ReaderSettings, type TreatmentCandidate } from './file-reading';
import { detectFormat, HEADER_SEARCH_ROWS } from './format-detector';
import { UnreadableHeaderError, type FormatReader, type OpenedFile, type ReaderOptions, type RowReading, type RowTreatment } from './formats/format-reader';
import { treatmentProblems } from '../treatments/treatment-rules';
import { suggestMapping } from './formats/generic.format';

/** Rows written per createMany; between batches the event loop serves other requests. */
const IMPORT_BATCH_SIZE = 1000;
/** A batch that loses a race on the unique import key is looked up and written again, this often. */
const BATCH_ATTEMPTS = 3;
/** Instants looked up per query, below SQLite's limit of bound parameters. */
const LOOKUP_SLICE = 900;
const MINUTE_MS = 60_000;
const minuteOf = (instant: Date) => Math.floor(instant.getTime() / MINUTE_MS) * MINUTE_MS;
/** What makes two treatments the same entry: type, minute, amounts and insulin kind; a note's text only for a note (a dose's note may be worded otherwise). */
const sameEntryKey = (treatment: { takenAt: Date; type: string } & Partial<Record<'units' | 'grams' | 'minutes' | 'value', number | null>> & Partial<Record<'insulinKind' | 'note', string | null>>) =>
  [treatment.type, minuteOf(treatment.takenAt), treatment.units, treatment.insulinKind, treatment.grams, treatment.minutes, treatment.value, treatment.type === 'note' ? treatment.note : '']
    .map((part) => part ?? '')
    .join('|');
/** A batch spanning at most this long is looked up with one range query. */
const RANGE_LOOKUP_MAX_MS = 14 * 24 * 60 * 60 * 1000;
/**
 * Two readings at the same instant within this many mg/dL are the same reading: an export in
 * mmol/L rounds to 0.1 mmol/L, so a value read back differs by up to 0.05 mmol/L (0.9 mg/dL).
 */
const SAME_VALUE_MGDL = 1;

export interface ImportRequest extends ImportChoices {
  userId: string;
  now?: Date;
}

export interface CommitRequest {
  userId: string;
  fileName: string;
  /** Told after each batch. */
  onProgress?: (progress: ImportProgress) => Promise<void> | void;
  /** Asked between batches: true stops the commit, and what it stored is removed again. */
  isCancelled?: () => Promise<boolean>;
}

/** What checking treatments against the diary found (and, when committing, stored). */
interface CheckedTreatments {
  accepted: number;
  duplicates: number;
  imported: number;
}

/** What checking readings against the diary found (and, when committing, stored). */
interface Checked {
  duplicates: number;
  imported: number;
  /** The first readings, each marked new or duplicate, for the preview. */
  shown: ImportedReading[];
}

/**
 * Imports a CSV upload as one straight pipeline: detect the format → decide the order of day and
 * month from every timestamp → read the rows into readings (a FileReading, kept with the upload)
 * → check them against the diary and, for a commit, store the new ones in batches. Every
 * imported reading carries an import key (source, instant, value) and its import's id: importing
 * a file twice, or importing your own export, adds nothing twice, and an import can be undone.
 */
export class ReadingsImportService {
  constructor(
    private readonly db: PrismaClient,
    private readonly batchSize = IMPORT_BATCH_SIZE,
  ) {}

  /** The user's settings a file is read with. */
  readerSettings(userId: string): Promise<ReaderSettings> {
    return this.db.user.findUniqueOrThrow({ where: { id: userId }, select: { timeZone: true, preferredUnit: true, gramsPerServing: true } });
  }

  /** Reads the whole upload (held in memory, at most IMPORT_MAX_FILE_BYTES, as the route enforces). */
  async read(upload: readonly Buffer[], request: ImportRequest): Promise<FileReading> {
    const user = await this.readerSettings(request.userId);
    const now = request.now ?? new Date();
    const choices = choicesKey(request, user);

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
    const { reader, headerIndex } = detected;
    const header = [...detected.header];
    const format = reader.format;
    const firstPassRows = rest(head.slice(headerIndex + 1), firstPass);
    const counts = noRows();
    const unread = { format, header, counts, candidates: null, treatments: [], stoppedBy: null, choices };

    if (format === 'generic' && !request.mapping) {
      // Nothing can be read without a mapping: count the rows, and decide the suggested column's date order.
      const suggestion = suggestMapping(header);
      const timestampColumn = suggestion ? header.indexOf(suggestion.timestamp) : -1;
      const decider = new DateOrderDecider();
      for await (const row of firstPassRows) {
        counts.totalRows += 1;
        if ('fields' in row && timestampColumn >= 0) decider.add(row.line, row.fields[timestampColumn]);
      }
      const resolution = resolveDateOrder(decider.decide(), request.dateOrder);
      const used = resolution.ok ? resolution.report.used : null;
      const mapping = suggestion && { ...suggestion, ...(used && { dateOrder: used }) };
      return { ...unread, mapping, dateOrder: reportOf(resolution), needsMapping: true, dateOrderQuestion: null };
    }

    const opened = openFile(reader, header, {
      timeZone: user.timeZone,
      mapping: request.mapping,
      defaultUnit: user.preferredUnit as GlucoseUnit,
      gramsPerServing: user.gramsPerServing,
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
      // The preview asks rather than guesses: nothing is read until the order is chosen.
      counts.totalRows = dataRows;
      return { ...unread, mapping: request.mapping ?? null, dateOrder: resolution.report, needsMapping: false, dateOrderQuestion: resolution.message };
    }
    const { order: dateOrder, report: dateOrderReport } = resolution;

    // 3. Read the rows (the second pass) into readings.
    const reject = (line: number, reason: string) => {
      counts.rejectedCount += 1;
      if (counts.rejected.length < IMPORT_REJECTED_LIST_MAX) counts.rejected.push({ line, reason });
    };
    const candidates: Candidate[] = [];
    const treatments: TreatmentCandidate[] = [];
    const treatmentCandidate = treatmentCandidates(format);
    let stoppedBy: string | null = null;
    try {
      for await (const row of rowsAfterHeader(upload, headerIndex)) {
        counts.totalRows += 1;
        if (counts.totalRows % READ_YIELD_ROWS === 0) await nextTurn();
        if ('error' in row) {
          reject(row.line, row.error);
          continue;
        }
        // A row of empty cells (spreadsheets leave them at the end) is not a reading.
        const outcome = row.fields.every((field) => field === '') ? ({ kind: 'skipped', what: 'empty' } as const) : opened.read(row.fields, dateOrder);
        if (outcome.kind === 'skipped') {
          counts.skipped += 1;
          counts.skippedByKind[outcome.what] += 1;
        } else if (outcome.kind === 'rejected') {
          reject(row.line, outcome.reason);
        } else if (outcome.kind === 'treatments') {
          for (const treatment of outcome.treatments) {
            const problem = treatmentProblem(treatment, now);
            if (problem) reject(row.line, problem);
            else treatments.push(treatmentCandidate(row.line, treatment));
          }
        } else {
          const problem = readingProblem(outcome.reading, now);
          if (problem) reject(row.line, problem);
          else candidates.push(candidate(format, row.line, outcome.reading));
        }
      }
    } catch (error) {
      if (!(error instanceof UnreadableFileError)) throw error;
      stoppedBy = error.message;
    }
    return {
      format,
      header,
      mapping: request.mapping ?? null,
      dateOrder: dateOrderReport,
      counts,
      candidates,
      treatments,
      needsMapping: false,
      dateOrderQuestion: null,
      stoppedBy,
      choices,
    };
  }

  /** What importing the file would add: its readings checked against the diary, nothing stored. */
  async preview(userId: string, file: FileReading): Promise<Omit<ImportPreviewAnswer, 'uploadId' | 'uploadExpiresAt'>> {
    if (file.stoppedBy) throw new UnreadableFileError(file.stoppedBy);
    const checked = file.candidates ? await this.check(userId, file.candidates, null) : { duplicates: 0, imported: 0, shown: [] };
    const treatments = await this.checkTreatments(userId, file.treatments, null);
    return {
      mode: 'preview',
      ...answerCounts(file, checked, treatments),
      columns: file.header,
      needsMapping: file.needsMapping,
      mapping: file.mapping,
      readings: checked.shown,
    };
  }

  /**
   * Stores the file's new readings under a new import record, in batches, telling progress after
   * each. A cancelled commit removes what it stored and throws ImportCancelledError.
   */
  async commit(file: FileReading, request: CommitRequest): Promise<ImportResult> {
    if (file.needsMapping) throw new FieldValidationError([{ field: 'mapping', message: 'name the timestamp and value columns of this CSV' }]);
    if (!file.candidates) throw new FieldValidationError([{ field: 'dateOrder', message: file.dateOrderQuestion ?? 'choose DMY or MDY' }]);
    const { counts } = file;
    const record = await this.db.import.create({
      data: {
        userId: request.userId,
        fileName: request.fileName,
        format: file.format,
        totalRows: counts.totalRows,
        imported: 0,
        duplicates: 0,
        skipped: counts.skipped,
        rejected: counts.rejectedCount,
      },
    });
    let checked: Checked;
    let treatments: CheckedTreatments;
    try {
      checked = await this.check(request.userId, file.candidates, { importId: record.id, ...request });
      treatments = await this.checkTreatments(request.userId, file.treatments, record.id);
    } catch (error) {
      // Nothing half-done stays: a cancelled or failed commit removes what it stored (the file can be imported again).
      await this.db.$transaction([
        this.db.reading.deleteMany({ where: { importId: record.id, userId: request.userId } }),
        this.db.treatment.deleteMany({ where: { importId: record.id, userId: request.userId } }),
        this.db.import.deleteMany({ where: { id: record.id } }),
      ]);
      throw error;
    }
    await this.db.import.update({ where: { id: record.id }, data: { imported: checked.imported, duplicates: checked.duplicates } });
    if (file.stoppedBy) {
      throw new UnreadableFileError(
        `${file.stoppedBy} ${checked.imported} readings from the rows before it were imported; importing the file again does not add them twice.`,
      );
    }
    return { mode: 'commit', ...answerCounts(file, checked, treatments), imported: checked.imported, importId: record.id };
  }

  /**
   * Checks readings against the diary batch by batch (an earlier batch's readings count as
   * stored for the later ones) and, when `store` is given, writes the new ones.
   */
  private async check(
    userId: string,
    candidates: readonly Candidate[],
    store: (CommitRequest & { importId: string }) | null,
  ): Promise<Checked> {
    const checked: Checked = { duplicates: 0, imported: 0, shown: [] };
    const seenKeys = new Set<string>();
    for (let start = 0; start < candidates.length; start += this.batchSize) {
      if (store && (await store.isCancelled?.())) throw new ImportCancelledError();
      const batch = candidates.slice(start, start + this.batchSize);
      const fresh = batch.filter((reading) => !seenKeys.has(reading.importKey));
      for (const reading of batch) seenKeys.add(reading.importKey);
      const toWrite = await this.notStored(userId, fresh, store?.importId ?? null);
      const writing = new Set(toWrite);
      checked.imported += store ? toWrite.length : 0;
      checked.duplicates += batch.length - toWrite.length;
      for (const reading of batch) {
        if (checked.shown.length >= IMPORT_PREVIEW_READINGS) break;
        checked.shown.push(shownReading(reading, !writing.has(reading)));
      }
      await store?.onProgress?.({ stage: 'storing', done: Math.min(start + this.batchSize, candidates.length), total: candidates.length });
      await nextTurn();
    }
    return checked;
  }

  /** The readings of a batch not in the diary yet; with an import id, stores them, retrying a batch that lost a race. */
  private async notStored(userId: string, fresh: Candidate[], importId: string | null): Promise<Candidate[]> {
    for (let attempt = 1; ; attempt += 1) {
      if (fresh.length === 0) return [];
      const stored = await this.storedAt(userId, fresh);
      const storedKeys = new Set(stored.map((row) => row.importKey));
      const storedAt = new Map<number, number[]>();
      for (const row of stored) storedAt.set(row.takenAt.getTime(), [...(storedAt.get(row.takenAt.getTime()) ?? []), row.valueMgdl]);
      const isStored = (reading: Candidate) =>
        storedKeys.has(reading.importKey) ||
        (storedAt.get(reading.takenAt.getTime()) ?? []).some((value) => Math.abs(value - reading.valueMgdl) < SAME_VALUE_MGDL);
      const toWrite = fresh.filter((reading) => !isStored(reading));
      if (!importId || toWrite.length === 0) return toWrite;
      try {
        const data = toWrite.map((reading) => ({
          userId,
          takenAt: reading.takenAt,
          valueMgdl: reading.valueMgdl,
          mealContext: reading.context,
          note: reading.note,
          kind: reading.kind,
          source: reading.source,
          beyondRange: reading.beyondRange,
          importKey: reading.importKey,
          importId,
        }));
        // The database may split a large insert into several statements: all or none of them count.
        await this.db.$transaction((tx) => tx.reading.createMany({ data }));
        return toWrite;
      } catch (error) {
        // Another import of the same file got there first: look again and write what is still new.
        const lostRace = error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
        if (!lostRace || attempt >= BATCH_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Treatments of the file not in the diary yet; with an import id, stores them. A file holds far
   * fewer treatments than readings (a few a day), so they are checked and written in one go.
   */
  private async checkTreatments(userId: string, treatments: readonly TreatmentCandidate[], importId: string | null): Promise<CheckedTreatments> {
    for (let attempt = 1; ; attempt += 1) {
      const toWrite = await this.newTreatments(userId, treatments);
      if (!importId) return { accepted: treatments.length, duplicates: treatments.length - toWrite.length, imported: 0 };
      try {
        const data = toWrite.map(({ line: _line, ...treatment }) => ({ ...treatment, userId, importId, source: 'import' }));
        await this.db.$transaction(async (tx) => {
          for (let start = 0; start < data.length; start += this.batchSize) await tx.treatment.createMany({ data: data.slice(start, start + this.batchSize) });
        });
        return { accepted: treatments.length, duplicates: treatments.length - toWrite.length, imported: toWrite.length };
      } catch (error) {
        // Another import of the same file got there first: look again and write what is still new.
        const lostRace = error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
        if (!lostRace || attempt >= BATCH_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * The treatments that are not in the diary: not by their fingerprint (this file, or the same
   * rows in another export, imported before), and not as the same entry at the same minute
   * (typed in, uploaded, or an undo of a deleted imported one). Each stored entry stands for one
   * row of the file, so two identical doses in a minute against one stored still add one.
   */
  private async newTreatments(userId: string, treatments: readonly TreatmentCandidate[]): Promise<TreatmentCandidate[]> {
    const byKey = new Set<string>();
    for (let start = 0; start < treatments.length; start += LOOKUP_SLICE) {
      const keys = treatments.slice(start, start + LOOKUP_SLICE).map((treatment) => treatment.importKey);
      const found = await this.db.treatment.findMany({ where: { userId, importKey: { in: keys } }, select: { importKey: true } });
      for (const row of found) if (row.importKey) byKey.add(row.importKey);
    }
    const unmatched = treatments.filter((treatment) => !byKey.has(treatment.importKey));
    if (unmatched.length === 0) return [];
    const times = unmatched.map((treatment) => minuteOf(treatment.takenAt));
    const nearby = await this.db.treatment.findMany({
      where: { userId, takenAt: { gte: new Date(Math.min(...times)), lt: new Date(Math.max(...times) + MINUTE_MS) } },
      select: { importKey: true, takenAt: true, type: true, units: true, insulinKind: true, grams: true, minutes: true, value: true, note: true },
    });
    const inDiary = new Map<string, number>();
    for (const row of nearby) {
      if (row.importKey && byKey.has(row.importKey)) continue;
      const key = sameEntryKey(row);
      inDiary.set(key, (inDiary.get(key) ?? 0) + 1);
    }
    return unmatched.filter((treatment) => {
      const key = sameEntryKey(treatment);
      const left = inDiary.get(key) ?? 0;
      if (left === 0) return true;
      inDiary.set(key, left - 1);
      return false;
    });
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
}

/** Rows read between two turns of the event loop, so a large file does not hold the server. */
const READ_YIELD_ROWS = 2000;

/** The counts every answer about a file carries. */
function answerCounts(file: FileReading, checked: Checked, treatments: CheckedTreatments) {
  const { totalRows, skipped, skippedByKind, rejectedCount, rejected } = file.counts;
  const candidates = file.candidates ?? [];
  return {
    format: file.format,
    totalRows,
    accepted: candidates.length,
    duplicates: checked.duplicates,
    skipped,
    skippedByKind,
    rejectedCount,
    rejected,
    outOfRange: {
      low: candidates.filter((reading) => reading.beyondRange === 'below').length,
      high: candidates.filter((reading) => reading.beyondRange === 'above').length,
    },
    dateOrder: file.dateOrder,
    treatments: {
      byType: Object.fromEntries(
        (['insulin', 'carbs', 'activity', 'note', 'ketones'] as const).map((type) => [type, file.treatments.filter((treatment) => treatment.type === type).length]),
      ) as Record<'insulin' | 'carbs' | 'activity' | 'note' | 'ketones', number>,
      ...treatments,
    },
    bySource: Object.fromEntries(READING_SOURCES.map((source) => [source, candidates.filter((reading) => reading.source === source).length])) as Record<
      ReadingSource,
      number
    >,
  };
}

function shownReading(reading: Candidate, duplicate: boolean): ImportedReading {
  return {
    line: reading.line,
    takenAt: reading.takenAt.toISOString(),
    value: reading.value,
    unit: reading.unit,
    context: reading.context,
    note: reading.note,
    kind: reading.kind,
    source: reading.source,
    beyondRange: reading.beyondRange,
    duplicate,
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

/** The rules every treatment obeys, whatever its source: the API's per-type fields and ranges, not in the future. */
function treatmentProblem(treatment: RowTreatment, now: Date): string | null {
  if (treatment.takenAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return `${treatment.takenAt.toISOString()} is in the future`;
  const { takenAt: _takenAt, type, ...fields } = treatment;
  const problems = treatmentProblems(type, fields);
  return problems.length === 0 ? null : `${type}: ${problems.map((problem) => `${problem.field} ${problem.message}`).join('; ')}`;
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
