import { IMPORT_RESTORE_TTL_MS, type ImportFormat, type ImportRecord } from '@glucodiary/contracts';
import type { Import, PrismaClient, Reading } from '@glucodiary/db';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { NotFoundError } from '../../core/errors';

const LIST_MAX = 100;
/** Readings written back per createMany when a removal is undone. */
const RESTORE_BATCH = 1000;
const notFound = () => new NotFoundError('No such import in your diary, or its removal can no longer be undone.');

type StoredReading = Omit<Reading, 'takenAt' | 'createdAt' | 'updatedAt'> & { takenAt: string; createdAt: string; updatedAt: string };

/**
 * Past imports of a user: listed with what they added, and undone as one. Removing an import
 * deletes its readings but keeps them, compressed, with the import for a week, so the removal
 * itself can be undone: the readings come back as they were (ids, notes and edits included).
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
      const kept = readings.map(
        (reading): StoredReading => ({
          ...reading,
          takenAt: reading.takenAt.toISOString(),
          createdAt: reading.createdAt.toISOString(),
          updatedAt: reading.updatedAt.toISOString(),
        }),
      );
      await tx.reading.deleteMany({ where: { importId: id, userId } });
      // Removing twice keeps what the first removal kept, plus anything added back since.
      const earlier = record.removedAt ? await this.kept(tx, id) : [];
      const removed = await tx.import.update({
        where: { id },
        data: { removedAt: now, removedReadings: new Uint8Array(await promisify(gzip)(JSON.stringify([...earlier, ...kept]))) },
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
      const keys = kept.flatMap((reading) => (reading.importKey ? [reading.importKey] : []));
      const present = new Set<string>();
      for (let start = 0; start < keys.length; start += RESTORE_BATCH) {
        const found = await tx.reading.findMany({
          where: { userId, importKey: { in: keys.slice(start, start + RESTORE_BATCH) } },
          select: { importKey: true },
        });
        for (const row of found) if (row.importKey) present.add(row.importKey);
      }
      const missing = kept.filter((reading) => !reading.importKey || !present.has(reading.importKey));
      for (let start = 0; start < missing.length; start += RESTORE_BATCH) {
        await tx.reading.createMany({
          data: missing.slice(start, start + RESTORE_BATCH).map((reading) => ({
            ...reading,
            userId,
            importId: id,
            takenAt: new Date(reading.takenAt),
            createdAt: new Date(reading.createdAt),
            updatedAt: new Date(reading.updatedAt),
          })),
        });
      }
      const restored = await tx.import.update({
        where: { id },
        data: { removedAt: null, removedReadings: null },
        omit: { removedReadings: true },
      });
      return toRecord(restored, missing.length, now);
    });
  }

  private async kept(tx: Pick<PrismaClient, 'import'>, id: string): Promise<StoredReading[]> {
    const { removedReadings } = await tx.import.findUniqueOrThrow({ where: { id }, select: { removedReadings: true } });
    return removedReadings ? (JSON.parse((await promisify(gunzip)(removedReadings)).toString('utf8')) as StoredReading[]) : [];
  }
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
