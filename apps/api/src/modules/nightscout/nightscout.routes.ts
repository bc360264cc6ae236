import compress from '@fastify/compress';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  fromMgdl,
  NightscoutEntriesQuerySchema,
  NightscoutTreatmentsQuerySchema,
  NightscoutUploadBodySchema,
  type GlucoseUnit,
  type NightscoutEntriesQuery,
} from '@glucodiary/contracts';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { DeviceUnauthorizedError, FieldValidationError, NotFoundError } from '../../core/errors';
import type { DiaryChangeKind } from '../../plugins/diary-changes';
import { deviceAuthentication } from './device-auth';
import { NightscoutDeviceStatus } from './nightscout-device-status.service';
import { NightscoutEntries } from './nightscout-entries.service';
import { NightscoutTreatments } from './nightscout-treatments.service';

export interface NightscoutRoutesOptions {
  /** Requests per device per window, on all instances together (an uploader sends one every few minutes). */
  rateLimit?: { max: number; timeWindowMs: number };
}

/** Large enough for thousands of entries of a phone back online; a 10 MB body is refused with 413. */
const UPLOAD_BODY_LIMIT_BYTES = 1024 * 1024;
/** Nightscout answers 10 entries or device statuses unless asked for more, and 100 treatments. */
const DEFAULT_COUNT = 10;
const DEFAULT_TREATMENTS_COUNT = 100;
/** Nightscout's version clients check for (xDrip+ refuses 0.6–0.8); GlucoDiary speaks its v1 API as of 15. */
const NIGHTSCOUT_VERSION = '15.0.0';
/** Device names are read at most this often; a rename shows on new uploads within it. */
const DEVICE_NAME_TTL_MS = 5 * 60_000;

/**
 * Nightscout's REST API v1, the subset uploader and follower apps use (xDrip+, Loop, Juggluco,
 * nightscout-librelink-up, watch faces), for every account: a request is for the user whose
 * device secret it carries. Mounted under /api/v1.
 */
export const nightscoutRoutes: FastifyPluginAsyncTypebox<NightscoutRoutesOptions> = async (app, options) => {
  const entries = new NightscoutEntries(app.db);
  const treatments = new NightscoutTreatments(app.db, entries);
  const deviceStatus = new NightscoutDeviceStatus(app.db);
  // Uploaders on a slow connection may send their batches gzipped (the size limit applies to the unpacked body).
  await app.register(compress, { global: true, requestEncodings: ['gzip', 'deflate'], encodings: ['gzip', 'deflate'] });
  // xDrip+ gzips its uploads only to a server whose answers say `accept-encoding: gzip` (or that runs Express).
  app.addHook('onSend', async (_request, reply) => void reply.header('accept-encoding', 'gzip, deflate'));
  const { authenticateDevice, requireUploadScope } = deviceAuthentication(app, options.rateLimit ?? { max: 300, timeWindowMs: 60_000 });
  const deviceNames = new Map<string, { name: string; readAt: number }>();
  app.addHook('onRequest', authenticateDevice);
  const tags = ['nightscout'];

  const deviceOf = (request: FastifyRequest) => {
    if (!request.device) throw new DeviceUnauthorizedError();
    return request.device;
  };

  /** The answer to an upload, once the user's open pages were told of what it stored (they load it themselves). */
  function announced<T extends { _id?: unknown }>(userId: string, kinds: DiaryChangeKind[], answer: T[]): T[] {
    if (answer.some((item) => item._id !== undefined && item._id !== '')) app.diaryChanges.announce(userId, kinds);
    return answer;
  }

  async function nameOf(deviceId: string): Promise<string> {
    const known = deviceNames.get(deviceId);
    if (known && Date.now() - known.readAt < DEVICE_NAME_TTL_MS) return known.name;
    const device = await app.db.device.findUnique({ where: { id: deviceId }, select: { name: true } });
    const name = device?.name ?? 'device';
    if (deviceNames.size > 10_000) deviceNames.clear();
    deviceNames.set(deviceId, { name, readAt: Date.now() });
    return name;
  }

  // POST /entries, /entries/ and /entries.json: Nightscout's routes are not strict about either.
  for (const url of ['/entries', '/entries/', '/entries.json']) {
    app.post(
      url,
      {
        bodyLimit: UPLOAD_BODY_LIMIT_BYTES,
        preHandler: requireUploadScope,
        schema: {
          tags,
          description: 'Stores sgv (sensor) and mbg (finger-stick) entries; the same type at the same `date` again adds nothing. Answers one item per entry, in order.',
          body: NightscoutUploadBodySchema,
        },
      },
      async (request) => {
        const device = deviceOf(request);
        const items = Array.isArray(request.body) ? request.body : [request.body];
        return announced(device.userId, ['readings'], await entries.upload({ ...device, name: await nameOf(device.deviceId) }, items));
      },
    );
  }

  const listEntries = (userId: string, query: NightscoutEntriesQuery, spec?: string) => {
    const type = spec === 'sgv' || spec === 'mbg' ? spec : undefined;
    if (spec !== undefined && spec !== 'current' && !type) throw new NotFoundError(`No entries of type "${spec}": sgv and mbg are kept.`);
    return entries.list(userId, {
      type,
      count: spec === 'current' ? 1 : (query.count ?? DEFAULT_COUNT),
      from: instantOf(query['find[date][$gte]'] ?? query['find[dateString][$gte]'], 'find[date][$gte]'),
      to: instantOf(query['find[date][$lte]'] ?? query['find[dateString][$lte]'], 'find[date][$lte]'),
      after: instantOf(query['find[date][$gt]'], 'find[date][$gt]'),
      before: instantOf(query['find[date][$lt]'], 'find[date][$lt]'),
    });
  };

  for (const url of ['/entries', '/entries/', '/entries.json']) {
    app.get(url, { schema: { tags, description: 'The newest entries first (10 unless `count`)', querystring: NightscoutEntriesQuerySchema } }, async (request) =>
      listEntries(deviceOf(request).userId, request.query),
    );
  }
  // /entries/sgv.json, /entries/mbg, /entries/current.json: an entry type, or the newest entry.
  app.get<{ Params: { spec: string } }>(
    '/entries/:spec',
    { schema: { tags, description: 'Entries of one type (sgv, mbg), or `current`: the newest one', querystring: NightscoutEntriesQuerySchema } },
    async (request) => listEntries(deviceOf(request).userId, request.query as NightscoutEntriesQuery, request.params.spec.replace(/\.json$/, '')),
  );

  // POST and PUT /treatments: xDrip+ sends PUT; both store, and a treatment of the same event type and time replaces the earlier one.
  for (const url of ['/treatments', '/treatments/', '/treatments.json']) {
    for (const method of ['POST', 'PUT'] as const) {
      app.route({
        method,
        url,
        bodyLimit: UPLOAD_BODY_LIMIT_BYTES,
        preHandler: requireUploadScope,
        schema: {
          tags,
          description:
            'Stores treatments: insulin and carbs (a Meal Bolus with both is both), exercise, notes, site and sensor changes; a BG Check as a finger-stick reading; other event types (Temp Basal, Profile Switch…) as device events. Answers one item per treatment, in order.',
          body: NightscoutUploadBodySchema,
        },
        handler: async (request) => {
          const device = deviceOf(request);
          const items = Array.isArray(request.body) ? request.body : [request.body];
          return announced(device.userId, ['readings', 'treatments'], await treatments.upload({ ...device, name: await nameOf(device.deviceId) }, items));
        },
      });
    }
    app.get(url, { schema: { tags, description: 'The newest treatments first (100 unless `count`)', querystring: NightscoutTreatmentsQuerySchema } }, async (request) => {
      const { query } = request;
      return treatments.list(deviceOf(request).userId, {
        count: query.count ?? DEFAULT_TREATMENTS_COUNT,
        from: instantOf(query['find[created_at][$gte]'] ?? query['find[created_at][$gt]'], 'find[created_at][$gte]'),
        to: instantOf(query['find[created_at][$lte]'] ?? query['find[created_at][$lt]'], 'find[created_at][$lte]'),
        eventType: query['find[eventType]'],
      });
    });
  }
  app.delete(
    '/treatments/:id',
    { preHandler: requireUploadScope, schema: { tags, description: 'Deletes a treatment by its `_id` (all it was stored as)', params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }) } },
    // Nightscout answers 200 with what it deleted, none included: Loop deletes what it sent, and takes anything else for a failure.
    async (request) => ({ acknowledged: true, deletedCount: await treatments.delete(deviceOf(request).userId, request.params.id) }),
  );

  for (const url of ['/devicestatus', '/devicestatus/', '/devicestatus.json']) {
    app.post(
      url,
      {
        bodyLimit: UPLOAD_BODY_LIMIT_BYTES,
        preHandler: requireUploadScope,
        schema: { tags, description: "Stores the app's status (its battery, the pump's, the loop's); the newest shows in Settings → Devices.", body: NightscoutUploadBodySchema },
      },
      async (request) => {
        const device = deviceOf(request);
        return announced(device.userId, ['device-status'], await deviceStatus.upload(device, Array.isArray(request.body) ? request.body : [request.body]));
      },
    );
    app.get(url, { schema: { tags, description: 'The newest device statuses first (10 unless `count`)', querystring: Type.Object({ count: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }, { additionalProperties: true }) } }, async (request) =>
      deviceStatus.list(deviceOf(request).userId, request.query.count ?? DEFAULT_COUNT),
    );
  }

  // Loop's check of its credentials.
  app.get('/experiments/test', { schema: { tags } }, async () => ({ status: 'ok' }));

  for (const url of ['/verifyauth', '/verifyauth.json']) {
    app.get(url, { schema: { tags, description: "Whether the device secret is accepted (a refused one gets 401 before this)" } }, async (request) => {
      const device = deviceOf(request);
      return {
        status: 200,
        message: { canRead: true, canWrite: device.scope === 'upload', isAdmin: false, message: 'OK', rolefound: 'FOUND', permissions: 'ROLE' },
      };
    });
  }

  for (const url of ['/status', '/status.json']) {
    app.get(url, { schema: { tags, description: "A Nightscout-like status: version, the user's unit and target range as thresholds" } }, async (request) => {
      const user = await app.db.user.findUnique({ where: { id: deviceOf(request).userId }, select: { preferredUnit: true, targetLowMgdl: true, targetHighMgdl: true } });
      if (!user) throw new DeviceUnauthorizedError();
      const now = new Date();
      const unit = user.preferredUnit as GlucoseUnit;
      return {
        status: 'ok',
        name: 'GlucoDiary',
        version: NIGHTSCOUT_VERSION,
        serverTime: now.toISOString(),
        serverTimeEpoch: now.getTime(),
        apiEnabled: true,
        careportalEnabled: true,
        boluscalcEnabled: false,
        settings: {
          units: unit === 'mmol/L' ? 'mmol' : 'mg/dl',
          // Nightscout's thresholds are mg/dL whatever the unit: the user's target, and the consensus' very low and very high.
          thresholds: { bgHigh: 250, bgTargetTop: Math.round(user.targetHighMgdl), bgTargetBottom: Math.round(user.targetLowMgdl), bgLow: 54 },
          targetRange: { low: fromMgdl(user.targetLowMgdl, unit), high: fromMgdl(user.targetHighMgdl, unit), unit },
          enable: ['careportal'],
        },
        extendedSettings: { devicestatus: { advanced: true } },
        authorized: null,
      };
    });
  }

  for (const url of ['/profile', '/profile.json']) {
    app.get(url, { schema: { tags, description: 'Nightscout profiles: none are kept (an empty list)' } }, async () => []);
  }
};

/** A bound of a `find` on `date`: epoch ms, or ISO text (as `find[dateString]` gives it). */
function instantOf(text: string | undefined, field: string): Date | undefined {
  if (text === undefined) return undefined;
  const instant = /^\d{1,15}$/.test(text) ? new Date(Number(text)) : new Date(text);
  if (Number.isNaN(instant.getTime())) throw new FieldValidationError([{ field, message: 'is neither epoch milliseconds nor an ISO 8601 time' }]);
  return instant;
}
