import type { FastifyInstance, FastifyRequest } from 'fastify';
import { secretSha1, type DeviceCredential } from '@glucodiary/server-auth';
import { DeviceRateLimitedError, DeviceScopeError, DeviceUnauthorizedError } from '../../core/errors';
import { rateLimitHook } from '../../core/rate-limit-hook';

declare module 'fastify' {
  interface FastifyRequest {
    /** The device secret a Nightscout API request came with (set by `authenticateDevice`). */
    device?: DeviceCredential;
  }
}

const SHA1_HEX = /^[0-9a-f]{40}$/i;

/**
 * The SHA-1 of the secret a request carries, the way Nightscout clients send it: the `api-secret`
 * header holding the secret's SHA-1 hex (xDrip+, Loop, Juggluco, nightscout-librelink-up; any
 * letter case), `?token=` or `?secret=`, or `Authorization: Bearer <secret>`. A value that is not
 * a SHA-1 is taken as the secret itself.
 */
export function presentedSecretSha1(request: FastifyRequest): string | null {
  const query = request.query as Record<string, unknown> | undefined;
  const header = request.headers['api-secret'];
  const bearer = /^Bearer ([^\s]+)$/.exec(request.headers.authorization ?? '')?.[1];
  const presented = [typeof header === 'string' ? header : undefined, query?.['token'], query?.['secret'], bearer].find(
    (value): value is string => typeof value === 'string' && value.trim() !== '' && value !== 'null',
  );
  if (!presented) return null;
  const value = presented.trim();
  return SHA1_HEX.test(value) ? value.toLowerCase() : secretSha1(value);
}

/** How often a device's "last used" is written: a check itself never queries the database once warm. */
const LAST_USED_EVERY_MS = 5 * 60_000;

/**
 * Hooks of the Nightscout API: who a request is for, whether it may write, and how fast a
 * device may go. Every device has its own limit, shared by all instances through the grid.
 */
export function deviceAuthentication(app: FastifyInstance, limit: { max: number; timeWindowMs: number }) {
  const lastUseWritten = new Map<string, number>();
  const withinLimit = rateLimitHook(
    app,
    { max: limit.max, timeWindow: limit.timeWindowMs, keyGenerator: (request) => `nightscout-device|${request.device?.deviceId ?? request.ip}` },
    (retryAfterSeconds) => new DeviceRateLimitedError(retryAfterSeconds),
  );

  async function authenticateDevice(request: FastifyRequest): Promise<void> {
    const sha1 = presentedSecretSha1(request);
    const device = sha1 ? await app.deviceSecrets.check(sha1) : null;
    if (!device) throw new DeviceUnauthorizedError();
    request.device = device;
    await withinLimit(request);
    noteUse(device.deviceId);
  }

  /** Writes the device's last use now and then, in the background (a failure only delays it). */
  function noteUse(deviceId: string): void {
    const now = Date.now();
    if (now - (lastUseWritten.get(deviceId) ?? 0) < LAST_USED_EVERY_MS) return;
    lastUseWritten.set(deviceId, now);
    if (lastUseWritten.size > 100_000) lastUseWritten.clear();
    app.db.device.updateMany({ where: { id: deviceId }, data: { lastUsedAt: new Date(now) } }).catch((error: unknown) => {
      lastUseWritten.delete(deviceId);
      app.log.warn({ err: error }, 'could not note a device use');
    });
  }

  /** For writing routes: a `read` device may not. */
  async function requireUploadScope(request: FastifyRequest): Promise<void> {
    if (request.device?.scope !== 'upload') throw new DeviceScopeError();
  }

  return { authenticateDevice, requireUploadScope };
}
