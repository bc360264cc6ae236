import type { PrismaClient } from '@glucodiary/db';
import type { DeviceCredential } from '@glucodiary/server-auth';
import { takenAtProblems } from '../../core/taken-at';
import { isoInstantOf, numberOf } from './nightscout-entry';
import { plainTextDeep } from './plain-text';

/** A status larger than this is refused: Loop's, with its forecast, is a few kB. */
export const DEVICE_STATUS_MAX_BYTES = 32 * 1024;
/** Statuses are kept this long: followers read the newest, Settings shows the newest. */
const KEEP_FOR_MS = 48 * 60 * 60_000;
/** How often a device's old statuses are swept (an app reports every five minutes). */
const SWEEP_EVERY_MS = 60 * 60_000;

export type DeviceStatusAnswer = Record<string, unknown>;

/** Device status (battery, pump, loop) in and out through Nightscout's devicestatus API. */
export class NightscoutDeviceStatus {
  private readonly sweptAt = new Map<string, number>();

  constructor(private readonly db: PrismaClient) {}

  /** Stores each status; answers them in order with `_id`, or with why one was `refused`. */
  async upload(device: DeviceCredential, items: readonly unknown[], now = new Date()): Promise<DeviceStatusAnswer[]> {
    const read = items.map((item) => readStatus(item, now));
    const rows = await this.db.deviceStatus.createManyAndReturn({
      data: read.flatMap((status) => ('refused' in status ? [] : [{ userId: device.userId, deviceId: device.deviceId, reportedAt: status.reportedAt, document: JSON.stringify(status.document) }])),
      select: { id: true },
    });
    await this.sweep(device.deviceId, now);
    let stored = 0;
    return read.map((status) => ('refused' in status ? { refused: status.refused } : { _id: rows[stored++]?.id, ...status.document, created_at: status.reportedAt.toISOString() }));
  }

  /** The user's newest statuses, of all their devices; newest first. */
  async list(userId: string, count: number): Promise<DeviceStatusAnswer[]> {
    const rows = await this.db.deviceStatus.findMany({ where: { userId }, orderBy: [{ reportedAt: 'desc' }, { id: 'desc' }], take: count });
    return rows.map((row) => ({ _id: row.id, ...(JSON.parse(row.document) as object), created_at: row.reportedAt.toISOString(), mills: row.reportedAt.getTime() }));
  }

  /** Deletes a device's statuses older than the retention, at most once an hour per device. */
  private async sweep(deviceId: string, now: Date): Promise<void> {
    if (now.getTime() - (this.sweptAt.get(deviceId) ?? 0) < SWEEP_EVERY_MS) return;
    if (this.sweptAt.size > 100_000) this.sweptAt.clear();
    this.sweptAt.set(deviceId, now.getTime());
    await this.db.deviceStatus.deleteMany({ where: { deviceId, reportedAt: { lt: new Date(now.getTime() - KEEP_FOR_MS) } } });
  }
}

/** One posted status: its time (`created_at`, else `date` or `mills`, else now) and the document with its texts made plain. */
function readStatus(item: unknown, now: Date): { reportedAt: Date; document: Record<string, unknown> } | { refused: string } {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return { refused: 'a device status must be a JSON object' };
  const fields = item as Record<string, unknown>;
  if (JSON.stringify(fields).length > DEVICE_STATUS_MAX_BYTES) return { refused: `a device status must be at most ${DEVICE_STATUS_MAX_BYTES / 1024} kB` };
  const epoch = numberOf(fields['date']) ?? numberOf(fields['mills']);
  const reportedAt = isoInstantOf(fields['created_at']) ?? (epoch !== null ? new Date(epoch) : fields['created_at'] === undefined ? now : null);
  if (!reportedAt || Number.isNaN(reportedAt.getTime())) return { refused: '`created_at` is not an ISO 8601 time with an offset' };
  const problem = takenAtProblems(reportedAt.toISOString(), now)[0];
  if (problem) return { refused: `the time ${problem.message}` };
  // The id and time are the server's to give.
  const document = Object.fromEntries(Object.entries(fields).filter(([key]) => key !== '_id' && key !== 'created_at'));
  return { reportedAt, document: plainTextDeep(document) as Record<string, unknown> };
}
