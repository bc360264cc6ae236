import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, ImportIdParamsSchema, ImportListSchema, ImportRecordSchema } from '@glucodiary/contracts';
import { ImportRecords } from './import-records';

/** Past imports: listed, removed as one (their readings with them), and a removal undone. Mounted under /imports. */
export const importRecordsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const records = new ImportRecords(app.db);
  const tagged = { tags: ['readings'] };

  app.get(
    '/',
    { schema: { ...tagged, description: 'Past imports, newest first', response: { 200: ImportListSchema, ...errorResponses(401) } } },
    async (request) => ({ items: await records.list(request.user.id) }),
  );

  app.delete(
    '/:id',
    {
      schema: {
        ...tagged,
        description: "Removes the import's readings from the diary; for a week, POST …/restore puts them back as they were.",
        params: ImportIdParamsSchema,
        response: { 200: ImportRecordSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => records.remove(request.user.id, request.params.id),
  );

  app.post(
    '/:id/restore',
    {
      schema: {
        ...tagged,
        description: 'Undoes the removal of an import: its readings come back (none twice).',
        params: ImportIdParamsSchema,
        response: { 200: ImportRecordSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => records.restore(request.user.id, request.params.id),
  );
};
