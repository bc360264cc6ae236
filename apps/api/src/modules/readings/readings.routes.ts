import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateReadingBodySchema,
  errorResponses,
  IDEMPOTENCY_KEY_HEADER,
  IdempotencyKeyHeadersSchema,
  ListReadingsQuerySchema,
  READINGS_PAGE_DEFAULT,
  ReadingIdParamsSchema,
  ReadingPageSchema,
  ReadingSchema,
  UpdateReadingBodySchema,
} from '@glucodiary/contracts';
import { clientKeyOf, sendStored } from '../../core/idempotency';
import { ReadingsService } from './readings.service';

export const readingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const readings = new ReadingsService(app.db);

  app.post(
    '/',
    {
      schema: {
        tags: ['readings'],
        body: CreateReadingBodySchema,
        headers: IdempotencyKeyHeadersSchema,
        summary: 'Adds a reading; with an Idempotency-Key, at most once',
        response: { 201: ReadingSchema, 200: ReadingSchema, ...errorResponses(400, 401, 422) },
      },
    },
    async (request, reply) =>
      sendStored(reply, await readings.add(request.user.id, request.body, clientKeyOf(request.headers[IDEMPOTENCY_KEY_HEADER], request.body))),
  );

  app.get(
    '/',
    {
      schema: {
        tags: ['readings'],
        querystring: ListReadingsQuerySchema,
        response: { 200: ReadingPageSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { from, to, limit, cursor, context } = request.query;
      return readings.list(request.user.id, {
        from: from === undefined ? undefined : new Date(from),
        to: to === undefined ? undefined : new Date(to),
        limit: limit ?? READINGS_PAGE_DEFAULT,
        cursor,
        context,
      });
    },
  );

  const byId = { tags: ['readings'], params: ReadingIdParamsSchema };

  app.get(
    '/:id',
    { schema: { ...byId, response: { 200: ReadingSchema, ...errorResponses(401, 404) } } },
    async (request) => readings.get(request.user.id, request.params.id),
  );

  app.patch(
    '/:id',
    { schema: { ...byId, body: UpdateReadingBodySchema, response: { 200: ReadingSchema, ...errorResponses(400, 401, 404) } } },
    async (request) => readings.update(request.user.id, request.params.id, request.body),
  );

  app.delete(
    '/:id',
    {
      schema: {
        ...byId,
        description: 'Deletes the reading and returns it, so a client can undo by adding it back',
        response: { 200: ReadingSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => readings.delete(request.user.id, request.params.id),
  );
};
