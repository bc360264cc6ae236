import type { Member } from '@glucodiary/grid';
import type { PrismaClient } from '@glucodiary/db';
import { createHash, randomBytes } from 'node:crypto';
import { gridOrFallback } from './grid-or-fallback';
import { GridRevocableMap, type GridEntry, type Revocable } from './grid-revocable-map';

/** Whom a device secret acts for, and what it may do ("upload" or "read"). */
export interface DeviceCredential {
  deviceId: string;
  userId: string;
  scope: string;
}

/** What the grid holds per secret, keyed by the secret's SHA-1. */
export interface LiveDevice extends DeviceCredential, Revocable {}

export const DEVICE_SECRETS_MAP = 'device-secrets';

/**
 * Secrets do not expire; their grid entries do, so the grid does not hold every secret ever
 * made: an entry unused this long is read through again. A tombstone lives as long: after it,
 * a read-through finds the revocation in the database.
 */
const ENTRY_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** A new secret: 192 random bits, URL-safe (it goes in a URL's user part, as xDrip+ takes it). */
export function newDeviceSecret(): string {
  return randomBytes(24).toString('base64url');
}

/** The key a secret is stored and looked up by: what uploaders send as `api-secret`. */
export function secretSha1(secret: string): string {
  return createHash('sha1').update(secret, 'utf8').digest('hex');
}

interface DeviceRow {
  id: string;
  userId: string;
  scope: string;
  secretSha1: string;
  revokedAt: Date | null;
}

const DEVICE_COLUMNS = { id: true, userId: true, scope: true, secretSha1: true, revokedAt: true } as const;

const entryOf = (device: DeviceRow): GridEntry<LiveDevice> => ({
  key: device.secretSha1,
  value: { deviceId: device.id, userId: device.userId, scope: device.scope, revoked: device.revokedAt !== null },
  ttlMs: ENTRY_TTL_MS,
});

/**
 * Device secrets checked like sessions: from the grid, with no database query once warm, and a
 * revocation refused on every instance once it returns (see GridRevocableMap). The database
 * (Device rows, revoked by `revokedAt`) is the durable record and the fallback.
 */
export class GridDeviceSecrets {
  private readonly devices: GridRevocableMap<LiveDevice>;

  constructor(
    member: Member,
    private readonly db: PrismaClient,
  ) {
    this.devices = new GridRevocableMap<LiveDevice>(member, DEVICE_SECRETS_MAP, async (since) =>
      (await db.device.findMany({ where: { revokedAt: { gte: since } }, select: DEVICE_COLUMNS })).map(entryOf),
    );
  }

  /** Whom the secret with this SHA-1 (lower-case hex) acts for; null when unknown or revoked. */
  async check(sha1: string): Promise<DeviceCredential | null> {
    // When the grid cannot answer: ask the durable record, never fail open.
    return gridOrFallback(
      this.devices.trusted,
      async () => {
        const live = await this.devices.lookup(sha1, async () => {
          const device = await this.db.device.findUnique({ where: { secretSha1: sha1 }, select: DEVICE_COLUMNS });
          return device ? entryOf(device) : undefined;
        });
        return live && !live.revoked ? { deviceId: live.deviceId, userId: live.userId, scope: live.scope } : null;
      },
      () => this.fromDatabase(sha1),
    );
  }

  /** Revokes a device: in the database, then its tombstone in the grid. Once this returns, no instance accepts it. */
  async revoke(userId: string, deviceId: string): Promise<boolean> {
    await this.db.device.updateMany({ where: { id: deviceId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
    const device = await this.db.device.findFirst({ where: { id: deviceId, userId }, select: DEVICE_COLUMNS });
    if (!device) return false;
    await this.devices.bury(entryOf(device));
    return true;
  }

  /** Revokes every device of an account (before it is deleted); a retry finishes a half-done one. */
  async revokeAll(userId: string): Promise<void> {
    await this.db.device.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    const devices = await this.db.device.findMany({ where: { userId }, select: DEVICE_COLUMNS });
    await Promise.all(devices.map((device) => this.devices.bury(entryOf(device))));
  }

  private async fromDatabase(sha1: string): Promise<DeviceCredential | null> {
    const device = await this.db.device.findUnique({ where: { secretSha1: sha1 }, select: DEVICE_COLUMNS });
    return device && device.revokedAt === null ? { deviceId: device.id, userId: device.userId, scope: device.scope } : null;
  }
}
