import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CHOSEN_DATE_ORDERS,
  ColumnMappingSchema,
  errorResponses,
  ExportQuerySchema,
  IMPORT_FORMATS,
  IMPORT_MAX_FILE_BYTES,
  ImportPreviewSchema,
  ImportQuerySchema,
  ImportResultSchema,
  type ChosenDateOrder,
  type ColumnMapping,
  type ImportFormat,
} from '@glucodiary/contracts';
import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { FieldValidationError, FileRequiredError, FileTooLargeError, MalformedUploadError } from '../../core/errors';
import { ReadingsExportService } from './readings-export.service';
import { ImportClaims } from './import-claims';
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
  app.addHook('onRequest', app.authenticate);
  // Only this plugin accepts multipart bodies; the file is streamed, never buffered whole.
  await app.register(fastifyMultipart, {
    limits: { fileSize: IMPORT_MAX_FILE_BYTES, files: 1, fields: 4, fieldSize: 16 * 1024, parts: 5 },
  });

  app.post(
    '/import',
    {
      schema: {
        tags: ['readings'],
        security: [{ bearerAuth: [] }],
        consumes: ['multipart/form-data'],
        description:
          'Multipart upload: optional fields `format`, `mapping` (JSON, for a generic CSV) and `dateOrder`, sent before the `file` field. ' +
          '`mode=preview` (default) reads the file and stores nothing; `mode=commit` adds its new readings. ' +
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
      const release = await claims.claim(request.user.id);
      try {
        return await readImport(request, request.query);
      } finally {
        await release();
      }
    },
  );

  /** Reads the fields and the file of an import request and runs the import. */
  async function readImport(request: FastifyRequest, query: Static<typeof ImportQuerySchema>) {
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
        const options = importOptions(query, fields);
        const result = await importer.import(sizeChecked(part), { userId: request.user.id, mode: query.mode ?? 'preview', ...options });
        // Let the parts iterator reach the end of the request.
        part.file.resume();
        return result;
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
        security: [{ bearerAuth: [] }],
        description: 'Downloads the readings (oldest first) as GlucoDiary CSV (`takenAt,value,unit,context,note`) or JSON.',
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
