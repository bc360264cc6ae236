import {
  SKIPPED_KINDS,
  toMgdl,
  type BeyondRange,
  type ColumnMapping,
  type DateOrderReport,
  type GlucoseUnit,
  type ImportChoices,
  type ImportFormat,
  type MealContext,
  type ReadingKind,
  type ReadingSource,
  type RejectedRow,
  type SkippedByKind,
} from '@glucodiary/contracts';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { RowReading, RowTreatment } from './formats/format-reader';

/** A reading read from one line of the file, with what the importer needs to store it once. */
export interface Candidate extends RowReading {
  line: number;
  valueMgdl: number;
  importKey: string;
}

/** A treatment read from one line of the file, with the fingerprint that keeps it from being stored twice. */
export interface TreatmentCandidate extends RowTreatment {
  line: number;
  importKey: string;
}

/** What the rows of a file were, apart from its readings. */
export interface RowCounts {
  totalRows: number;
  skipped: number;
  skippedByKind: SkippedByKind;
  rejectedCount: number;
  rejected: RejectedRow[];
}

export const noRows = (): RowCounts => ({
  totalRows: 0,
  skipped: 0,
  skippedByKind: Object.fromEntries(SKIPPED_KINDS.map((kind) => [kind, 0])) as SkippedByKind,
  rejectedCount: 0,
  rejected: [],
});

/**
 * A file read once: its format and columns, how its dates were read, its rows counted by what
 * they are, and its readings. Kept with the upload, so a commit with the same choices stores
 * these readings without reading the file again.
 */
export interface FileReading {
  format: ImportFormat;
  header: string[];
  /** The mapping used for a generic CSV, or the suggestion when none was given. */
  mapping: ColumnMapping | null;
  dateOrder: DateOrderReport;
  counts: RowCounts;
  /** Null when nothing could be read yet: a generic CSV without a mapping, or dates that fit both orders. */
  candidates: Candidate[] | null;
  /** Insulin, carbohydrates, exercise, notes and ketones (LibreView and Clarity); empty until the file is read. */
  treatments: TreatmentCandidate[];
  needsMapping: boolean;
  /** The question the preview asks when the dates fit both orders and none was chosen. */
  dateOrderQuestion: string | null;
  /** Why the file could not be read past some line; `candidates` holds the readings of the rows before it. */
  stoppedBy: string | null;
  /** The choices it was read with (see choicesKey). */
  choices: string;
}

/** What of the user's profile a file is read with: local times in their zone, servings at their grams. */
export interface ReaderSettings {
  timeZone: string;
  preferredUnit: string;
  gramsPerServing: number;
}

/**
 * The same choices and settings give the same key, so a commit can tell whether the preview's
 * reading still holds (not when the user changed their time zone or grams per serving since).
 */
export function choicesKey({ format, mapping, dateOrder }: ImportChoices, { timeZone, preferredUnit, gramsPerServing }: ReaderSettings): string {
  const sortedMapping = mapping && Object.fromEntries(Object.entries(mapping).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify([format ?? null, sortedMapping ?? null, dateOrder ?? null, timeZone, preferredUnit, gramsPerServing]);
}

export function candidate(format: ImportFormat, line: number, reading: RowReading): Candidate {
  const valueMgdl = toMgdl(reading.value, reading.unit);
  return { ...reading, line, valueMgdl, importKey: importKey(format, reading.takenAt, valueMgdl) };
}

/**
 * The stable fingerprint of an imported reading: its source format, instant and value (mg/dL to
 * two decimals, so 7,8 and 7.8 mmol/L agree). Stored with the reading, unique per user.
 */
function importKey(format: ImportFormat, takenAt: Date, valueMgdl: number): string {
  return createHash('sha256').update(`${format}|${takenAt.toISOString()}|${valueMgdl.toFixed(2)}`).digest('base64url').slice(0, 32);
}

/**
 * Makes the treatment candidates of one file, in row order. A treatment's fingerprint is its
 * format, instant and every field, plus how many identical ones came before it in the file: two
 * 20 g carbohydrate rows in the same minute are two entries (40 g), and importing the file again
 * still finds both.
 */
export function treatmentCandidates(format: ImportFormat): (line: number, treatment: RowTreatment) => TreatmentCandidate {
  const seen = new Map<string, number>();
  return (line, treatment) => {
    const { takenAt, type, units, insulinKind, purpose, insulinName, grams, minutes, intensity, value, unit, note } = treatment;
    const content = [format, 'treatment', type, takenAt.toISOString(), units, insulinKind, purpose, insulinName, grams, minutes, intensity, value, unit, note]
      .map((part) => part ?? '')
      .join('|');
    const occurrence = seen.get(content) ?? 0;
    seen.set(content, occurrence + 1);
    const fingerprint = occurrence === 0 ? content : `${content}|#${occurrence}`;
    return { ...treatment, line, importKey: createHash('sha256').update(fingerprint).digest('base64url').slice(0, 32) };
  };
}

/** A candidate as a compact row; 40,000 of them are about 3 MB of JSON before gzip. */
type StoredCandidate = [
  line: number,
  takenAtMs: number,
  value: number,
  unit: GlucoseUnit,
  context: MealContext,
  note: string | null,
  kind: ReadingKind,
  source: ReadingSource,
  beyondRange: BeyondRange | null,
];

export async function packFileReading(reading: FileReading): Promise<Buffer> {
  const rows = reading.candidates?.map(
    (c): StoredCandidate => [c.line, c.takenAt.getTime(), c.value, c.unit, c.context, c.note, c.kind, c.source, c.beyondRange],
  );
  const treatments = reading.treatments.map(({ importKey: _key, ...treatment }) => ({ ...treatment, takenAt: treatment.takenAt.getTime() }));
  return promisify(gzip)(JSON.stringify({ ...reading, candidates: rows ?? null, treatments }));
}

export async function unpackFileReading(packed: Uint8Array): Promise<FileReading> {
  const stored = JSON.parse((await promisify(gunzip)(packed)).toString('utf8')) as Omit<FileReading, 'candidates' | 'treatments'> & {
    candidates: StoredCandidate[] | null;
    treatments?: (Omit<TreatmentCandidate, 'takenAt' | 'importKey'> & { takenAt: number })[];
  };
  const candidates = stored.candidates?.map(([line, takenAtMs, value, unit, context, note, kind, source, beyondRange]) =>
    candidate(stored.format, line, { takenAt: new Date(takenAtMs), value, unit, context, note, kind, source, beyondRange }),
  );
  // `?? []`: an upload previewed before treatments were read holds none.
  const treatmentCandidate = treatmentCandidates(stored.format);
  const treatments = (stored.treatments ?? []).map(({ line, ...treatment }) => treatmentCandidate(line, { ...treatment, takenAt: new Date(treatment.takenAt) }));
  return { ...stored, candidates: candidates ?? null, treatments };
}
