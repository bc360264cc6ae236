import { DEVICE_EVENTS_MAX, DEVICES_MAX, type CreatedDevice, type Device, type DeviceEvent, type DeviceEventList, type DeviceScope } from '@glucodiary/contracts';
import type { DeviceEvent as DeviceEventRow, PrismaClient } from '@glucodiary/db';
import { newDeviceSecret, secretSha1, type GridDeviceSecrets } from '@glucodiary/server-auth';
import { FieldValidationError, NotFoundError, TooManyDevicesError } from '../../core/errors';
import { summariseDeviceStatus } from './device-status-summary';

const notFound = () => new NotFoundError('No such device among yours.');
const COLUMNS = { id: true, name: true, scope: true, createdAt: true, lastUsedAt: true } as const;

type DeviceRow = { id: string; name: string; scope: string; createdAt: Date; lastUsedAt: Date | null };

const toDevice = (row: DeviceRow, latestStatus: Device['latestStatus'] = null): Device => ({
  id: row.id,
  name: row.name,
  scope: row.scope as DeviceScope,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  latestStatus,
});

export function toDeviceEvent(row: DeviceEventRow): DeviceEvent {
  return {
    id: row.id,
    takenAt: row.takenAt.toISOString(),
    eventType: row.eventType,
    durationMinutes: row.durationMinutes,
    details: JSON.parse(row.details) as DeviceEvent['details'],
    note: row.note,
    deviceName: row.deviceName,
  };
}

/** A user's device secrets: made, listed, renamed and revoked with the user's own session, never with a secret. */
export class DevicesService {
  constructor(
    private readonly db: PrismaClient,
    private readonly secrets: GridDeviceSecrets,
  ) {}

  /** A new device; its secret is in this answer only (the database keeps its hash). */
  async create(userId: string, name: string, scope: DeviceScope, baseUrl: URL): Promise<CreatedDevice> {
    const live = await this.db.device.count({ where: { userId, revokedAt: null } });
    if (live >= DEVICES_MAX) throw new TooManyDevicesError(String(live));
    const secret = newDeviceSecret();
    const row = await this.db.device.create({ data: { userId, name: name.trim(), scope, secretSha1: secretSha1(secret) }, select: COLUMNS });
    return { ...toDevice(row), secret, nightscoutUrl: nightscoutUrl(baseUrl, secret) };
  }

  async list(userId: string): Promise<Device[]> {
    const rows = await this.db.device.findMany({ where: { userId, revokedAt: null }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: COLUMNS });
    return Promise.all(rows.map(async (row) => toDevice(row, await this.latestStatus(row.id))));
  }

  async rename(userId: string, id: string, name: string): Promise<Device> {
    const [row] = await this.db.device.updateManyAndReturn({ where: { id, userId, revokedAt: null }, data: { name: name.trim() }, select: COLUMNS });
    if (!row) throw notFound();
    return toDevice(row, await this.latestStatus(row.id));
  }

  /** What the user's apps reported that is not a treatment (temporary basals, profile switches…), newest first. */
  async events(userId: string, from: Date, to: Date): Promise<DeviceEventList> {
    if (from > to) throw new FieldValidationError([{ field: 'from', message: 'must not be after `to`' }]);
    const rows = await this.db.deviceEvent.findMany({ where: { userId, takenAt: { gte: from, lte: to } }, orderBy: [{ takenAt: 'desc' }, { id: 'desc' }], take: DEVICE_EVENTS_MAX + 1 });
    return {
      items: rows.slice(0, DEVICE_EVENTS_MAX).map(toDeviceEvent),
      truncated: rows.length > DEVICE_EVENTS_MAX,
    };
  }

  private async latestStatus(deviceId: string): Promise<Device['latestStatus']> {
    const status = await this.db.deviceStatus.findFirst({ where: { deviceId }, orderBy: { reportedAt: 'desc' }, select: { document: true, reportedAt: true } });
    return status ? summariseDeviceStatus(JSON.parse(status.document) as Record<string, unknown>, status.reportedAt) : null;
  }

  /** Once this returns, no instance accepts the secret. */
  async revoke(userId: string, id: string): Promise<void> {
    const live = await this.db.device.count({ where: { id, userId, revokedAt: null } });
    if (live === 0) throw notFound();
    await this.secrets.revoke(userId, id);
  }
}

/** The URL an uploader is given: the secret as the URL's user part, as xDrip+ and Nightscout clients take it. */
export function nightscoutUrl(baseUrl: URL, secret: string): string {
  const url = new URL('/api/v1/', baseUrl);
  url.username = secret;
  return url.toString();
}
