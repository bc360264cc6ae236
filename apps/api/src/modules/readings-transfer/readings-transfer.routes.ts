import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CHOSEN_DATE_ORDERS,
  ColumnMappingSchema,
  errorResponses,
  ExportQuerySchema,
  IMPORT_FORMATS,
  IMPORT_MAX_FILE_BYTES,
  ImportChoicesSchema,
  ImportPreviewSchema,
  ImportProgressSchema,
  ImportQuerySchema,
  ImportResultSchema,
  UploadIdParamsSchema,
  type ChosenDateOrder,
  type ColumnMapping,
  type ImportChoices,
  type ImportFormat,
} from '@glucodiary/contracts';
import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { FieldValidationError, FileRequiredError, FileTooLargeError, MalformedUploadError, NotFoundError } from '../../core/errors';
import { choicesKey, type FileReading } from './file-reading';
import { ImportClaims } from './import-claims';
import { ImportProgressBoard } from './import-progress';
import { ImportUploads } from './import-uploads';
import { ReadingsExportService } from './readings-export.service';
import { ReadingsImportService } from './readings-import.service';

/** Room for the multipart envelope and the small fields around the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const MAX_MB = IMPORT_MAX_FILE_BYTES / (1024 * 1024);
const tooLarge = () => new FileTooLargeError(`The file is larger than ${MAX_MB} MB; split it into smaller files (e.g. by year).`);

/** What @fastify/multipart reports about the client's body: too many parts, a forbidden field name, a body cut short. */
const MULTIPART_CLIENT_ERROR_CODES = new Set(['FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT', 'FST_PROTO_VIOLATION', 'FST_MP_PREMATURE_CLOSE']);

/**
 * A multipart body the parser could not take, as a 400 of the API's own; undefined for any other
 * error. The parser (busboy) throws plain Errors: about multipart (no boundary, a body cut short)
 * or about its search "needle" (a boundary over 256 characters).
 */
function malformedUpload(error: unknown): Error | undefined {
  const { code, statusCode, message } = error as { code?: string; statusCode?: number; message?: string };
  const fromParser =
    code !== undefined ? MULTIPART_CLIENT_ERROR_CODES.has(code) : statusCode === undefined && /multipart|needle/i.test(message ?? '');
  return fromParser ? new MalformedUploadError(`The upload could not be read as multipart/form-data: ${message}.`) : undefined;
}

/**
 * Import of CSV files (LibreView, Dexcom Clarity, GlucoDiary, or any CSV with mapped columns)
 * and export of the diary as CSV or JSON. Mounted under /readings.
 */
export const readingsTransferRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const importer = new ReadingsImportService(app.db);
  const exporter = new ReadingsExportService(app.db);
  const claims = new ImportClaims(app.grid);
  const uploads = new ImportUploads(app.db);
  const progress = new ImportProgressBoard(app.grid);
  /** Runs `work` holding the user's one import slot (on every instance). */
  const claimed = async <T>(userId: string, work: () => Promise<T>): Promise<T> => {
    const release = await claims.claim(userId);
    try {
      return await work();
    } finally {
      await release();
    }
  };
  // Only this plugin accepts multipart bodies; the file is streamed, never buffered whole.
  await app.register(fastifyMultipart, {
    limits: { fileSize: IMPORT_MAX_FILE_BYTES, files: 1, fields: 4, fieldSize: 16 * 1024, parts: 5 },
  });

  app.post(
    '/import',
    {
      schema: {
        tags: ['readings'],
        consumes: ['multipart/form-data'],
        description:
          'Multipart upload: optional fields `format`, `mapping` (JSON, for a generic CSV) and `dateOrder`, sent before the `file` field. ' +
          '`mode=preview` (default) reads the file, stores no reading, and keeps the file for an hour under `uploadId`: ' +
          'preview it again with other choices, or commit it, by that id without uploading it again. ' +
          '`mode=commit` adds the new readings of the file in one step. ' +
          "The order of day and month is decided from all of the file's dates; where they fit both (every day 1–12), " +
          'the preview answers `dateOrder.needsChoice` and reads nothing, and a commit is refused, until `dateOrder` (DMY or MDY) is sent.',
        querystring: ImportQuerySchema,
        response: {
          200: Type.Union([ImportPreviewSchema, ImportResultSchema]),
          ...errorResponses(400, 401, 409, 413, 415),
        },
      },
    },
    async (request) => {
      const declared = Number(request.headers['content-length']);
      if (declared > IMPORT_MAX_FILE_BYTES + MULTIPART_OVERHEAD_BYTES) throw tooLarge();
      if (!request.isMultipart()) throw new FileRequiredError('Send the file as multipart/form-data in the field `file`.');
      const userId = request.user.id;
      return claimed(userId, async () => {
        const { content, fileName, choices } = await receiveUpload(request, request.query);
        const reading = await importer.read(content, { userId, ...choices });
        if (request.query.mode === 'commit') return importer.commit(reading, { userId, fileName });
        const answer = await importer.preview(userId, reading);
        const kept = await uploads.keep(userId, fileName, content, reading);
        return { ...answer, uploadId: kept.id, uploadExpiresAt: kept.expiresAt.toISOString() };
      });
    },
  );

  app.post(
    '/import/:uploadId/preview',
    {
      schema: {
        tags: ['readings'],
        description: 'Previews a kept upload again with other choices (format, mapping, dateOrder), without uploading it again.',
        params: UploadIdParamsSchema,
        body: ImportChoicesSchema,
        response: { 200: ImportPreviewSchema, ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request) => {
      const userId = request.user.id;
      const { uploadId } = request.params;
      return claimed(userId, async () => {
        const upload = await uploads.find(userId, uploadId);
        const reading = await readingOf(userId, uploadId, request.body);
        const answer = await importer.preview(userId, reading);
        await uploads.remember(userId, uploadId, reading);
        return { ...answer, uploadId, uploadExpiresAt: upload.expiresAt.toISOString() };
      });
    },
  );

  app.post(
    '/import/:uploadId/commit',
    {
      schema: {
        tags: ['readings'],
        description:
          'Adds the new readings of a kept upload, read with these choices (those of its last preview: stored without reading the file again). ' +
          'While it runs, GET …/progress tells how far it has come and DELETE …/:uploadId cancels it (then nothing of it stays: 409 IMPORT_CANCELLED).',
        params: UploadIdParamsSchema,
        body: ImportChoicesSchema,
        response: { 200: ImportResultSchema, ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request) => {
      const userId = request.user.id;
      const { uploadId } = request.params;
      return claimed(userId, async () => {
        const upload = await uploads.find(userId, uploadId);
        try {
          const reading = await readingOf(userId, uploadId, request.body);
          const result = await importer.commit(reading, {
            userId,
            fileName: upload.fileName,
            onProgress: (now) => progress.tell(userId, uploadId, now),
            isCancelled: () => progress.isCancelled(userId, uploadId),
          });
          await uploads.discard(userId, uploadId);
          return result;
        } finally {
          await progress.finished(userId, uploadId);
        }
      });
    },
  );

  app.get(
    '/import/:uploadId/progress',
    {
      schema: {
        tags: ['readings'],
        description: 'How far the running commit of this upload has come; 404 when none is running (not started, or finished).',
        params: UploadIdParamsSchema,
        response: { 200: ImportProgressSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const now = await progress.read(request.user.id, request.params.uploadId);
      if (!now) throw new NotFoundError('No commit of this upload is running.');
      return now;
    },
  );

  app.delete(
    '/import/:uploadId',
    {
      schema: {
        tags: ['readings'],
        description: 'Cancels the running commit of this upload (what it stored is removed) and forgets the upload.',
        params: UploadIdParamsSchema,
        response: { 204: Type.Null(), ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      const userId = request.user.id;
      const { uploadId } = request.params;
      await progress.cancel(userId, uploadId);
      await uploads.discard(userId, uploadId);
      return reply.status(204).send(null);
    },
  );

  /** A kept upload read with these choices: the last preview's reading when the choices are the same, else the file read again. */
  async function readingOf(userId: string, uploadId: string, choices: ImportChoices): Promise<FileReading> {
    const remembered = await uploads.readingFor(userId, uploadId, choicesKey(choices, await importer.readerSettings(userId)));
    if (remembered) return remembered;
    await progress.tell(userId, uploadId, { stage: 'reading', done: 0, total: null });
    return importer.read(await uploads.content(userId, uploadId), { userId, ...choices });
  }

  /** Reads the fields and the whole file of an import request (at most IMPORT_MAX_FILE_BYTES). */
  async function receiveUpload(request: FastifyRequest, query: Static<typeof ImportQuerySchema>) {
    const fields: Record<string, string> = {};
    let file: MultipartFile | undefined;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          fields[part.fieldname] = String(part.value);
          continue;
        }
        if (part.fieldname !== 'file' || file) {
          part.file.resume();
          continue;
        }
        file = part;
        const choices = importOptions(query, fields);
        const content: Buffer[] = [];
        for await (const chunk of sizeChecked(part)) content.push(chunk);
        return { content, fileName: fileNameOf(part.filename), choices };
      }
    } catch (error) {
      file?.file.resume();
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
      throw malformedUpload(error) ?? error;
    }
    throw new FileRequiredError('No file was sent: upload the CSV in the multipart field `file`.');
  }

  app.get(
    '/export',
    {
      schema: {
        tags: ['readings'],
        description: 'Downloads the readings (oldest first) as GlucoDiary CSV (`takenAt,value,unit,context,note,kind,source,beyondRange`) or JSON.',
        produces: ['text/csv', 'application/json'],
        querystring: ExportQuerySchema,
        response: { 200: Type.Unknown({ description: 'The file, streamed' }), ...errorResponses(400, 401) },
      },
    },
    async (request, reply) => {
      const { format, from, to } = request.query;
      const download = await exporter.export({
        userId: request.user.id,
        format: format ?? 'csv',
        from: from === undefined ? undefined : new Date(from),
        to: to === undefined ? undefined : new Date(to),
      });
      return reply
        .header('content-type', download.contentType)
        .header('content-disposition', `attachment; filename="${download.filename}"`)
        .header('cache-control', 'no-store')
        .send(download.body);
    },
  );
};

/** The name the browser sent, cut to something a list can show; "upload.csv" when none. */
function fileNameOf(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop()?.trim() ?? '';
  return base === '' ? 'upload.csv' : base.slice(0, 200);
}

/** The file's bytes, failing with 413 once busboy has cut it at the size limit. */
async function* sizeChecked(part: MultipartFile): AsyncGenerator<Buffer> {
  for await (const chunk of part.file) {
    if (part.file.truncated) throw tooLarge();
    yield chunk as Buffer;
  }
  if (part.file.truncated) throw tooLarge();
}

/** `format` and `dateOrder` from the query or the form; `mapping` from the form, as JSON checked against its schema. */
function importOptions(
  query: Static<typeof ImportQuerySchema>,
  fields: Record<string, string>,
): { format?: ImportFormat; mapping?: ColumnMapping; dateOrder?: ChosenDateOrder } {
  const formText = fields['format']?.trim();
  let format = query.format;
  if (!format && formText && formText !== 'auto') {
    if (!(IMPORT_FORMATS as readonly string[]).includes(formText)) {
      throw new FieldValidationError([{ field: 'format', message: `must be one of ${IMPORT_FORMATS.join(', ')}` }]);
    }
    format = formText as ImportFormat;
  }
  const dateOrderText = fields['dateOrder']?.trim();
  let dateOrder = query.dateOrder;
  if (!dateOrder && dateOrderText) {
    if (!(CHOSEN_DATE_ORDERS as readonly string[]).includes(dateOrderText)) {
      throw new FieldValidationError([{ field: 'dateOrder', message: `must be one of ${CHOSEN_DATE_ORDERS.join(', ')}` }]);
    }
    dateOrder = dateOrderText as ChosenDateOrder;
  }
  const mappingText = fields['mapping']?.trim();
  if (!mappingText) return { format, dateOrder };
  let mapping: unknown;
  try {
    mapping = JSON.parse(mappingText);
  } catch {
    throw new FieldValidationError([{ field: 'mapping', message: 'is not valid JSON' }]);
  }
  if (!Value.Check(ColumnMappingSchema, mapping)) {
    const details = [...Value.Errors(ColumnMappingSchema, mapping)]
      .filter((issue) => issue.keyword !== 'boolean')
      .map((issue) => ({ field: ['mapping', ...issue.instancePath.split('/').filter(Boolean)].join('.'), message: issue.message }));
    throw new FieldValidationError(details);
  }
  return { format, mapping, dateOrder };
}
