import type { NightscoutEntry } from '@glucodiary/contracts';
import { Prisma, type PrismaClient } from '@glucodiary/db';
import type { DeviceCredential } from '@glucodiary/server-auth';
import { createHash } from 'node:crypto';
import { readEntry, type UploadedReading } from './nightscout-entry';

/** Attempts at a batch that lost a race with the same batch sent again (phones retry). */
const WRITE_ATTEMPTS = 3;

/**
 * An uploaded reading's fingerprint: its type and instant, as Nightscout deduplicates entries, so
 * an upload sent again (retries are the norm on phones) adds nothing. Kept in the readings'
 * import key, unique per user.
 */
export function uploadKey(type: UploadedReading['type'], takenAt: Date): string {
  return createHash('sha256').update(`nightscout|${type}|${takenAt.toISOString()}`).digest('base64url').slice(0, 32);
}

type StoredRow = { id: string; takenAt: Date; valueMgdl: number; kind: string; beyondRange: string | null; direction: string | null; deviceName: string | null };

/** A stored reading as Nightscout writes an entry: sgv for a sensor's, mbg for a finger-stick, mg/dL, epoch ms. */
export function toNightscoutEntry(row: StoredRow): NightscoutEntry {
  const type = row.kind === 'sensor' ? 'sgv' : 'mbg';
  const iso = row.takenAt.toISOString();
  return {
    _id: row.id,
    type,
    [type]: Math.round(row.valueMgdl),
    date: row.takenAt.getTime(),
    dateString: iso,
    sysTime: iso,
    ...(row.direction && { direction: row.direction }),
    device: row.deviceName ?? 'GlucoDiary',
    utcOffset: 0,
  };
}

const ROW_COLUMNS = { id: true, takenAt: true, valueMgdl: true, kind: true, beyondRange: true, direction: true, deviceName: true } as const;

/** Readings in and out through Nightscout's entries API, for one device's user. */
export class NightscoutEntries {
  constructor(private readonly db: PrismaClient) {}

  /**
   * Stores the readings among the posted entries; answers one item per entry, in order: the
   * stored (or already stored) reading with its `_id`, an entry of a type not kept (a
   * calibration) as sent, or the entry with why it was `refused`.
   */
  async upload(device: DeviceCredential & { name: string }, entries: readonly unknown[], now = new Date()): Promise<NightscoutEntry[]> {
    const outcomes = entries.map((entry) => readEntry(entry, now));
    const readings = outcomes.flatMap((outcome) => (outcome.kind === 'reading' ? [outcome.reading] : []));
    const ids = await this.store(device, readings);
    return outcomes.map((outcome, index) => {
      const sent = entries[index] as Record<string, unknown>;
      if (outcome.kind === 'refused') return { type: typeof sent?.['type'] === 'string' ? sent['type'] : 'sgv', refused: outcome.reason };
      if (outcome.kind === 'ignored') return { type: outcome.type, ...(typeof sent['date'] === 'number' && { date: sent['date'] }) };
      const { reading } = outcome;
      return toNightscoutEntry({ ...reading, id: ids.get(uploadKey(reading.type, reading.takenAt)) ?? '', deviceName: device.name, kind: reading.kind });
    });
  }

  /** The user's newest readings, sgv or mbg or both, within the bounds; newest first. */
  async list(userId: string, query: { type?: 'sgv' | 'mbg'; count: number; from?: Date; to?: Date; after?: Date; before?: Date }): Promise<NightscoutEntry[]> {
    const rows = await this.db.reading.findMany({
      where: {
        userId,
        ...(query.type && { kind: query.type === 'sgv' ? 'sensor' : 'fingerstick' }),
        takenAt: { gte: query.from, lte: query.to, gt: query.after, lt: query.before },
      },
      orderBy: [{ takenAt: 'desc' }, { id: 'desc' }],
      take: query.count,
      select: ROW_COLUMNS,
    });
    return rows.map(toNightscoutEntry);
  }

  /** Stores what is not stored yet; the id of every reading's row by its upload key. */
  async store(device: DeviceCredential & { name: string }, readings: readonly UploadedReading[]): Promise<Map<string, string>> {
    if (readings.length === 0) return new Map();
    const byKey = new Map(readings.map((reading) => [uploadKey(reading.type, reading.takenAt), reading]));
    for (let attempt = 1; ; attempt += 1) {
      const found = await this.db.reading.findMany({ where: { userId: device.userId, importKey: { in: [...byKey.keys()] } }, select: { id: true, importKey: true } });
      const ids = new Map(found.map((row) => [row.importKey ?? '', row.id]));
      const fresh = [...byKey.entries()].filter(([key]) => !ids.has(key));
      if (fresh.length === 0) return ids;
      try {
        const created = await this.db.reading.createManyAndReturn({
          data: fresh.map(([importKey, reading]) => ({
            userId: device.userId,
            takenAt: reading.takenAt,
            valueMgdl: reading.valueMgdl,
            mealContext: 'other',
            kind: reading.kind,
            source: reading.source,
            beyondRange: reading.beyondRange,
            direction: reading.direction,
            deviceId: device.deviceId,
            deviceName: device.name,
            importKey,
          })),
          select: { id: true, importKey: true },
        });
        for (const row of created) ids.set(row.importKey ?? '', row.id);
        return ids;
      } catch (error) {
        // The same upload, sent again at once, got there first: look again.
        const lostRace = error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
        if (!lostRace || attempt >= WRITE_ATTEMPTS) throw error;
      }
    }
  }
}
