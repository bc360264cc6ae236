import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateReadingBodySchema,
  errorResponses,
  ListReadingsQuerySchema,
  READINGS_PAGE_DEFAULT,
  ReadingPageSchema,
  ReadingSchema,
} from '@glucodiary/contracts';
import { ReadingsService } from './readings.service';

export const readingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const readings = new ReadingsService(app.db);
  app.addHook('onRequest', app.authenticate);

  app.post(
    '/',
    {
      schema: {
        tags: ['readings'],
        security: [{ bearerAuth: [] }],
        body: CreateReadingBodySchema,
        response: { 201: ReadingSchema, ...errorResponses(400, 401) },
      },
    },
    async (request, reply) => reply.status(201).send(await readings.add(request.user.id, request.body)),
  );

  app.get(
    '/',
    {
      schema: {
        tags: ['readings'],
        security: [{ bearerAuth: [] }],
        querystring: ListReadingsQuerySchema,
        response: { 200: ReadingPageSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { from, to, limit, cursor } = request.query;
      return readings.list(request.user.id, {
        from: from === undefined ? undefined : new Date(from),
        to: to === undefined ? undefined : new Date(to),
        limit: limit ?? READINGS_PAGE_DEFAULT,
        cursor,
      });
    },
  );
};
