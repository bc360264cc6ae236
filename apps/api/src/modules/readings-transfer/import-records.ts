import { IMPORT_RESTORE_TTL_MS, type ImportFormat, type ImportRecord } from '@glucodiary/contracts';
import type { Import, PrismaClient, Reading, Treatment } from '@glucodiary/db';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { NotFoundError } from '../../core/errors';

const LIST_MAX = 100;
/** Readings written back per createMany when a removal is undone. */
const RESTORE_BATCH = 1000;
const notFound = () => new NotFoundError('No such import in your diary, or its removal can no longer be undone.');

/** A row as kept in a removed import: its instants as ISO text. */
type Kept<Row> = Omit<Row, 'takenAt' | 'createdAt' | 'updatedAt'> & { takenAt: string; createdAt: string; updatedAt: string };
interface KeptRows {
  readings: Kept<Reading>[];
  treatments: Kept<Treatment>[];
}

const keep = <Row extends { takenAt: Date; createdAt: Date; updatedAt: Date }>(row: Row) => ({
  ...row,
  takenAt: row.takenAt.toISOString(),
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
const revive = <Row extends { takenAt: string; createdAt: string; updatedAt: string }>(row: Row) => ({
  ...row,
  takenAt: new Date(row.takenAt),
  createdAt: new Date(row.createdAt),
  updatedAt: new Date(row.updatedAt),
});

/**
 * Past imports of a user: listed with what they added, and undone as one. Removing an import
 * deletes its readings and treatments but keeps them, compressed, with the import for a week, so
 * the removal itself can be undone: they come back as they were (ids, notes and edits included).
 */
export class ImportRecords {
  constructor(private readonly db: PrismaClient) {}

  async list(userId: string, now = new Date()): Promise<ImportRecord[]> {
    const imports = await this.db.import.findMany({
      where: { userId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: LIST_MAX,
      omit: { removedReadings: true },
    });
    const live = await this.db.reading.groupBy({
      by: ['importId'],
      where: { userId, importId: { in: imports.map((record) => record.id) } },
      _count: { _all: true },
    });
    const readings = new Map(live.map((group) => [group.importId, group._count._all]));
    return imports.map((record) => toRecord(record, readings.get(record.id) ?? 0, now));
  }

  /** Deletes the import's readings, keeping them to restore; answers the import as it now stands. */
  async remove(userId: string, id: string, now = new Date()): Promise<ImportRecord> {
    return this.db.$transaction(async (tx) => {
      const record = await tx.import.findFirst({ where: { id, userId }, omit: { removedReadings: true } });
      if (!record) throw notFound();
      const readings = await tx.reading.findMany({ where: { importId: id, userId } });
      const treatments = await tx.treatment.findMany({ where: { importId: id, userId } });
      await tx.reading.deleteMany({ where: { importId: id, userId } });
      await tx.treatment.deleteMany({ where: { importId: id, userId } });
      // Removing twice keeps what the first removal kept, plus anything added back since.
      const earlier = record.removedAt ? await this.kept(tx, id) : { readings: [], treatments: [] };
      const kept: KeptRows = { readings: [...earlier.readings, ...readings.map(keep)], treatments: [...earlier.treatments, ...treatments.map(keep)] };
      const removed = await tx.import.update({
        where: { id },
        data: { removedAt: now, removedReadings: new Uint8Array(await promisify(gzip)(JSON.stringify(kept))) },
        omit: { removedReadings: true },
      });
      return toRecord(removed, 0, now);
    });
  }

  /**
   * Writes a removed import's readings back. A reading that meanwhile came back another way (the
   * same file imported again, the same value typed at the same instant) is not written twice.
   */
  async restore(userId: string, id: string, now = new Date()): Promise<ImportRecord> {
    return this.db.$transaction(async (tx) => {
      const record = await tx.import.findFirst({ where: { id, userId }, omit: { removedReadings: true } });
      if (!record?.removedAt || record.removedAt.getTime() + IMPORT_RESTORE_TTL_MS < now.getTime()) throw notFound();
      const kept = await this.kept(tx, id);
      const missingReadings = await notStoredAgain(kept.readings, (keys) => tx.reading.findMany({ where: { userId, importKey: { in: keys } }, select: { importKey: true } }));
      const missingTreatments = await notStoredAgain(kept.treatments, (keys) =>
        tx.treatment.findMany({ where: { userId, importKey: { in: keys } }, select: { importKey: true } }),
      );
      for (let start = 0; start < missingReadings.length; start += RESTORE_BATCH) {
        await tx.reading.createMany({ data: missingReadings.slice(start, start + RESTORE_BATCH).map((row) => ({ ...revive(row), userId, importId: id })) });
      }
      for (let start = 0; start < missingTreatments.length; start += RESTORE_BATCH) {
        await tx.treatment.createMany({ data: missingTreatments.slice(start, start + RESTORE_BATCH).map((row) => ({ ...revive(row), userId, importId: id })) });
      }
      const restored = await tx.import.update({
        where: { id },
        data: { removedAt: null, removedReadings: null },
        omit: { removedReadings: true },
      });
      return toRecord(restored, missingReadings.length, now);
    });
  }

  private async kept(tx: Pick<PrismaClient, 'import'>, id: string): Promise<KeptRows> {
    const { removedReadings } = await tx.import.findUniqueOrThrow({ where: { id }, select: { removedReadings: true } });
    if (!removedReadings) return { readings: [], treatments: [] };
    const kept = JSON.parse((await promisify(gunzip)(removedReadings)).toString('utf8')) as KeptRows | KeptRows['readings'];
    // Imports removed before treatments were imported kept their readings alone, as an array.
    return Array.isArray(kept) ? { readings: kept, treatments: [] } : kept;
  }
}

/**
 * The kept rows that did not come back another way meanwhile (the same file imported again):
 * looked up by their fingerprints, a slice at a time.
 */
async function notStoredAgain<Row extends { importKey: string | null }>(
  rows: Row[],
  findByKeys: (keys: string[]) => Promise<{ importKey: string | null }[]>,
): Promise<Row[]> {
  const keys = rows.flatMap((row) => (row.importKey ? [row.importKey] : []));
  const present = new Set<string>();
  for (let start = 0; start < keys.length; start += RESTORE_BATCH) {
    for (const found of await findByKeys(keys.slice(start, start + RESTORE_BATCH))) if (found.importKey) present.add(found.importKey);
  }
  return rows.filter((row) => !row.importKey || !present.has(row.importKey));
}

function toRecord(record: Omit<Import, 'removedReadings'>, readings: number, now: Date): ImportRecord {
  const restorableUntil = record.removedAt && new Date(record.removedAt.getTime() + IMPORT_RESTORE_TTL_MS);
  return {
    id: record.id,
    fileName: record.fileName,
    format: record.format as ImportFormat,
    createdAt: record.createdAt.toISOString(),
    totalRows: record.totalRows,
    imported: record.imported,
    duplicates: record.duplicates,
    skipped: record.skipped,
    rejected: record.rejected,
    readings,
    removedAt: record.removedAt?.toISOString() ?? null,
    restorableUntil: restorableUntil && restorableUntil > now ? restorableUntil.toISOString() : null,
  };
}
