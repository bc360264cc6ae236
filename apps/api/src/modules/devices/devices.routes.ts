import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateDeviceBodySchema,
  CreatedDeviceSchema,
  DeviceEventListSchema,
  DeviceEventsQuerySchema,
  DeviceIdParamsSchema,
  DeviceListSchema,
  DeviceSchema,
  errorResponses,
  UpdateDeviceBodySchema,
} from '@glucodiary/contracts';
import { DevicesService } from './devices.service';

/** Device secrets for uploader and follower apps. Mounted under /devices; the user's session only, never a device secret. */
export const devicesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const devices = new DevicesService(app.db, app.deviceSecrets);
  const tagged = { tags: ['devices'] };

  app.post(
    '/',
    {
      schema: {
        ...tagged,
        description: 'Creates a device secret; the answer holds the secret and the Nightscout URL for the app, shown this once.',
        body: CreateDeviceBodySchema,
        response: { 201: CreatedDeviceSchema, ...errorResponses(400, 401, 409) },
      },
    },
    async (request, reply) => {
      const baseUrl = new URL(`${request.protocol}://${request.host}`);
      const created = await devices.create(request.user.id, request.body.name, request.body.scope, baseUrl);
      return reply.status(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.get('/', { schema: { ...tagged, response: { 200: DeviceListSchema, ...errorResponses(401) } } }, async (request) => ({
    items: await devices.list(request.user.id),
  }));

  app.get(
    '/events',
    {
      schema: {
        ...tagged,
        description: 'What the apps reported that is not a treatment (Temp Basal, Profile Switch, …) in a period, newest first',
        querystring: DeviceEventsQuerySchema,
        response: { 200: DeviceEventListSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => devices.events(request.user.id, new Date(request.query.from), new Date(request.query.to)),
  );

  const byId = { ...tagged, params: DeviceIdParamsSchema };

  app.patch('/:id', { schema: { ...byId, body: UpdateDeviceBodySchema, response: { 200: DeviceSchema, ...errorResponses(400, 401, 404) } } }, async (request) =>
    devices.rename(request.user.id, request.params.id, request.body.name),
  );

  app.delete('/:id', { schema: { ...byId, response: { 204: { type: 'null' }, ...errorResponses(401, 404, 503) } } }, async (request, reply) => {
    await devices.revoke(request.user.id, request.params.id);
    return reply.status(204).send(null);
  });
};
