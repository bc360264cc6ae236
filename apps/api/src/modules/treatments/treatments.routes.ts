import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateTreatmentBodySchema,
  errorResponses,
  IDEMPOTENCY_KEY_HEADER,
  IdempotencyKeyHeadersSchema,
  ListTreatmentsQuerySchema,
  TREATMENTS_PAGE_DEFAULT,
  TREATMENT_CSV_COLUMNS,
  TreatmentExportQuerySchema,
  TreatmentIdParamsSchema,
  TreatmentPageSchema,
  TreatmentSchema,
  UpdateTreatmentBodySchema,
} from '@glucodiary/contracts';
import { clientKeyOf, sendStored } from '../../core/idempotency';
import { Type } from 'typebox';
import { treatmentsCsv } from './treatments-export';
import { TreatmentsService } from './treatments.service';

/** Insulin, carbohydrates, activity and the other events of a diabetes day. Mounted under /treatments. */
export const treatmentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const treatments = new TreatmentsService(app.db);
  const tagged = { tags: ['treatments'] };

  app.post(
    '/',
    {
      schema: {
        ...tagged,
        description: 'Which fields a type requires and allows: insulin (units, insulinKind; purpose, insulinName, note), carbs (grams; note), ' +
          'activity (minutes, intensity; note), note (note), ketones (value in mmol/L), hba1c (value, unit % or mmol/mol), sensor-change and site-change (note).',
        body: CreateTreatmentBodySchema,
        headers: IdempotencyKeyHeadersSchema,
        summary: 'Adds a treatment; with an Idempotency-Key, at most once',
        response: { 201: TreatmentSchema, 200: TreatmentSchema, ...errorResponses(400, 401, 422) },
      },
    },
    async (request, reply) =>
      sendStored(reply, await treatments.add(request.user.id, request.body, clientKeyOf(request.headers[IDEMPOTENCY_KEY_HEADER], request.body))),
  );

  app.get(
    '/',
    { schema: { ...tagged, description: 'Newest first, a page at a time', querystring: ListTreatmentsQuerySchema, response: { 200: TreatmentPageSchema, ...errorResponses(400, 401) } } },
    async (request) => {
      const { from, to, type, limit, cursor } = request.query;
      return treatments.list(request.user.id, {
        from: from === undefined ? undefined : new Date(from),
        to: to === undefined ? undefined : new Date(to),
        type,
        limit: limit ?? TREATMENTS_PAGE_DEFAULT,
        cursor,
      });
    },
  );

  app.get(
    '/export',
    {
      schema: {
        ...tagged,
        description: `Downloads the treatments (oldest first) as CSV (\`${TREATMENT_CSV_COLUMNS.join(',')}\`); the readings export's JSON holds them too.`,
        produces: ['text/csv'],
        querystring: TreatmentExportQuerySchema,
        response: { 200: Type.Unknown({ description: 'The file, streamed' }), ...errorResponses(400, 401) },
      },
    },
    async (request, reply) => {
      const { from, to } = request.query;
      const csv = await treatmentsCsv(app.db, request.user.id, { from: from === undefined ? undefined : new Date(from), to: to === undefined ? undefined : new Date(to) });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${csv.filename}"`)
        .header('cache-control', 'no-store')
        .send(csv.body);
    },
  );

  const byId = { ...tagged, params: TreatmentIdParamsSchema };

  app.get('/:id', { schema: { ...byId, response: { 200: TreatmentSchema, ...errorResponses(401, 404) } } }, async (request) =>
    treatments.get(request.user.id, request.params.id),
  );

  app.patch(
    '/:id',
    { schema: { ...byId, body: UpdateTreatmentBodySchema, response: { 200: TreatmentSchema, ...errorResponses(400, 401, 404) } } },
    async (request) => treatments.update(request.user.id, request.params.id, request.body),
  );

  app.delete(
    '/:id',
    {
      schema: {
        ...byId,
        description: 'Deletes the treatment and returns it, so a client can undo by adding it back',
        response: { 200: TreatmentSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => treatments.delete(request.user.id, request.params.id),
  );
};
