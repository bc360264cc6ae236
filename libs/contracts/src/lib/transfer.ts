import { Type, type Static } from 'typebox';
import { literalUnion } from './literal-union';
import { GlucoseUnitSchema } from './profile';
import { BeyondRangeSchema, MealContextSchema, ReadingKindSchema, ReadingSourceSchema } from './readings';
import { TreatmentSchema } from './treatments';

/** Import and export of readings: CSV files from meters and CGM apps, and GlucoDiary's own files. */

/** The file formats GlucoDiary reads; `generic` is any CSV whose columns the user maps. */
export const IMPORT_FORMATS = ['libreview', 'dexcom', 'glucodiary', 'generic'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const ImportFormatSchema = literalUnion(IMPORT_FORMATS, {
  description: 'libreview (FreeStyle Libre), dexcom (Dexcom Clarity), glucodiary (our own export) or generic (mapped columns)',
});

export const IMPORT_FORMAT_LABELS: Readonly<Record<ImportFormat, string>> = {
  libreview: 'LibreView (FreeStyle Libre)',
  dexcom: 'Dexcom Clarity',
  glucodiary: 'GlucoDiary export',
  generic: 'Other CSV (map the columns)',
};

/** Largest file accepted for import. */
export const IMPORT_MAX_FILE_BYTES = 20 * 1024 * 1024;
/** How many parsed readings a preview shows. */
export const IMPORT_PREVIEW_READINGS = 20;
/** How long an uploaded file is kept for its commit after the preview. */
export const IMPORT_UPLOAD_TTL_MS = 60 * 60 * 1000;
/** How long the readings of a removed import are kept so the removal can be undone. */
export const IMPORT_RESTORE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** How many rejected rows an answer lists; `rejectedCount` has the total. */
export const IMPORT_REJECTED_LIST_MAX = 100;

export const DATE_ORDERS = ['YMD', 'MDY', 'DMY'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];
export const DateOrderSchema = literalUnion(DATE_ORDERS);

/** The orders a person chooses between when a file's dates (all days 1–12) fit both. */
export const CHOSEN_DATE_ORDERS = ['DMY', 'MDY'] as const;
export type ChosenDateOrder = (typeof CHOSEN_DATE_ORDERS)[number];
export const ChosenDateOrderSchema = literalUnion(CHOSEN_DATE_ORDERS, {
  description: 'DMY (01-09-2025 is 1 September) or MDY (9 January): for a file whose dates fit both',
});

/**
 * For a generic CSV: which header column holds what. `timestamp` and `value` are required;
 * without a `unit` column the values are in `defaultUnit` (or the unit named in the value
 * column's header, e.g. "Glucose (mmol/L)").
 */
export const ColumnMappingSchema = Type.Object(
  {
    timestamp: Type.String({ minLength: 1, maxLength: 200, description: 'Column with the date and time' }),
    value: Type.String({ minLength: 1, maxLength: 200, description: 'Column with the glucose value' }),
    unit: Type.Optional(Type.String({ maxLength: 200, description: 'Column with the unit of each value' })),
    context: Type.Optional(Type.String({ maxLength: 200, description: 'Column with the meal context' })),
    note: Type.Optional(Type.String({ maxLength: 200, description: 'Column with a note' })),
    defaultUnit: Type.Optional(GlucoseUnitSchema),
    dateOrder: Type.Optional(
      literalUnion(DATE_ORDERS, {
        description:
          'Order of day and month in dates such as 03/04/2026 (DMY or MDY), when the file itself does not settle it; YMD (or none) lets the file decide',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ColumnMapping = Static<typeof ColumnMappingSchema>;

export const ImportModeSchema = Type.Union([Type.Literal('preview'), Type.Literal('commit')]);
export type ImportMode = Static<typeof ImportModeSchema>;

export const ImportQuerySchema = Type.Object(
  {
    mode: Type.Optional(ImportModeSchema),
    format: Type.Optional(ImportFormatSchema),
    dateOrder: Type.Optional(ChosenDateOrderSchema),
  },
  { additionalProperties: false },
);
export type ImportQuery = Static<typeof ImportQuerySchema>;

/** A reading as read from the file, in the file's unit, before it is stored. */
export const ImportedReadingSchema = Type.Object({
  line: Type.Integer({ description: 'Line of the file the reading came from (1-based)' }),
  takenAt: Type.String({ format: 'date-time' }),
  value: Type.Number(),
  unit: GlucoseUnitSchema,
  context: MealContextSchema,
  note: Type.Union([Type.String(), Type.Null()]),
  kind: ReadingKindSchema,
  source: ReadingSourceSchema,
  beyondRange: Type.Union([BeyondRangeSchema, Type.Null()], { description: 'A Low/High: `value` is the device limit' }),
  duplicate: Type.Boolean({ description: 'Already in the diary (or earlier in the same file)' }),
});
export type ImportedReading = Static<typeof ImportedReadingSchema>;

export const RejectedRowSchema = Type.Object({
  line: Type.Integer({ description: 'Line of the file (1-based)' }),
  reason: Type.String(),
});
export type RejectedRow = Static<typeof RejectedRowSchema>;

/**
 * What the rows that are neither readings nor treatments are. insulin, carbohydrates, note and
 * ketone are such records without an amount (LibreView's "non-numeric" entries); calibration is a
 * finger-stick value entered into a CGM; deviceInfo the untimed patient, device and alert-setting
 * rows; event any other timed record (sensor start, time change…); empty a row of empty cells.
 */
export const SKIPPED_KINDS = ['insulin', 'carbohydrates', 'note', 'ketone', 'calibration', 'deviceInfo', 'event', 'empty'] as const;
export type SkippedKind = (typeof SKIPPED_KINDS)[number];
const rowCount = Type.Integer({ minimum: 0 });
export const SkippedByKindSchema = Type.Object(
  {
    insulin: rowCount,
    carbohydrates: rowCount,
    note: rowCount,
    ketone: rowCount,
    calibration: rowCount,
    deviceInfo: rowCount,
    event: rowCount,
    empty: rowCount,
  },
  { description: 'The skipped rows by kind; they add up to `skipped`' },
);
export type SkippedByKind = Static<typeof SkippedByKindSchema>;

/** Where a file's timestamp shows the order of its day and month. */
export const DateEvidenceSchema = Type.Object({
  line: Type.Integer({ description: 'Line of the file (1-based)' }),
  text: Type.String({ description: 'The timestamp as the file writes it' }),
});
export type DateEvidence = Static<typeof DateEvidenceSchema>;

/**
 * How the file's dates were read: one order for the whole file, settled by its own timestamps
 * (a first number above 12 is a day, a second number above 12 is a day, a year first is ISO),
 * else chosen by the person. When nothing settles it and nothing was chosen, `used` is null,
 * `needsChoice` lists the candidates and nothing was read: send `dateOrder` to read the file.
 */
export const DateOrderReportSchema = Type.Object({
  used: Type.Union([DateOrderSchema, Type.Null()], { description: 'The order the dates were read in; null when none could be' }),
  pattern: Type.Union([Type.String(), Type.Null()], { description: 'How the timestamps were read, e.g. DD-MM-YYYY HH:mm or MM/DD/YYYY hh:mm A' }),
  decidedBy: Type.Union([Type.Literal('file'), Type.Literal('choice'), Type.Null()]),
  evidence: Type.Union([DateEvidenceSchema, Type.Null()], { description: 'The timestamp that settled the order (file only)' }),
  needsChoice: Type.Array(ChosenDateOrderSchema, { description: 'Non-empty when the dates fit both orders and none was chosen' }),
  samples: Type.Array(Type.String(), { description: "A few of the file's timestamps as written (first and last), to choose by" }),
});
export type DateOrderReport = Static<typeof DateOrderReportSchema>;

const importCounts = {
  format: ImportFormatSchema,
  totalRows: Type.Integer({ description: 'Data rows after the header' }),
  accepted: Type.Integer({ description: 'Rows that are valid readings (new ones and duplicates)' }),
  duplicates: Type.Integer({ description: 'Valid readings already in the diary or repeated in the file' }),
  skipped: Type.Integer({ description: 'Rows that are neither readings nor treatments (device rows, events, entries without an amount)' }),
  skippedByKind: SkippedByKindSchema,
  rejectedCount: Type.Integer(),
  rejected: Type.Array(RejectedRowSchema, { description: `The first ${IMPORT_REJECTED_LIST_MAX} rejected rows` }),
  outOfRange: Type.Object(
    { low: rowCount, high: rowCount },
    {
      description:
        "Readings the device wrote as Low or High (beyond its range): kept at the device's limit, flagged, shown as LO/HI and counted in the very-low/very-high bands",
    },
  ),
  dateOrder: DateOrderReportSchema,
  treatments: Type.Object(
    {
      byType: Type.Object({ insulin: rowCount, carbs: rowCount, activity: rowCount, note: rowCount, ketones: rowCount }),
      accepted: rowCount,
      duplicates: Type.Integer({ minimum: 0, description: 'Already in the diary or repeated in the file' }),
      imported: Type.Integer({ minimum: 0, description: 'Stored by this commit (0 in a preview)' }),
    },
    { description: 'Insulin, carbohydrates, exercise, notes and ketones of the file (a row may hold two doses)' },
  ),
  bySource: Type.Object(
    { typed: rowCount, meter: rowCount, sensor_history: rowCount, sensor_scan: rowCount },
    { description: "The accepted readings by how they were taken: a meter's finger-sticks, a sensor's periodic history, its scans" },
  ),
};

export const ImportPreviewSchema = Type.Object({
  mode: Type.Literal('preview'),
  ...importCounts,
  uploadId: Type.String({ description: 'The file, kept on the server: preview it again or commit it by this id, without uploading it again' }),
  uploadExpiresAt: Type.String({ format: 'date-time' }),
  columns: Type.Array(Type.String(), { description: 'Header of the file, for mapping a generic CSV' }),
  needsMapping: Type.Boolean({ description: 'A generic CSV without a usable `mapping`: nothing could be read yet' }),
  mapping: Type.Union([ColumnMappingSchema, Type.Null()], { description: 'The mapping used, or a suggestion' }),
  readings: Type.Array(ImportedReadingSchema, { description: `The first ${IMPORT_PREVIEW_READINGS} valid readings` }),
});
export type ImportPreview = Static<typeof ImportPreviewSchema>;

export const ImportResultSchema = Type.Object({
  mode: Type.Literal('commit'),
  ...importCounts,
  imported: Type.Integer({ description: 'Readings added to the diary' }),
  importId: Type.String({ description: 'The import record: its readings can be removed together (DELETE /api/imports/:id)' }),
});
export type ImportResult = Static<typeof ImportResultSchema>;

/** The choices for an uploaded file, sent again to preview it otherwise or to commit it. */
export const ImportChoicesSchema = Type.Object(
  {
    format: Type.Optional(ImportFormatSchema),
    mapping: Type.Optional(ColumnMappingSchema),
    dateOrder: Type.Optional(ChosenDateOrderSchema),
  },
  { additionalProperties: false },
);
export type ImportChoices = Static<typeof ImportChoicesSchema>;

export const UploadIdParamsSchema = Type.Object({ uploadId: Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });

/** How far a running commit has come: rows read (when the file is read again), then readings checked and stored. */
export const ImportProgressSchema = Type.Object({
  stage: Type.Union([Type.Literal('reading'), Type.Literal('storing')]),
  done: Type.Integer({ minimum: 0 }),
  total: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
});
export type ImportProgress = Static<typeof ImportProgressSchema>;

/** One committed import, for the list of past imports and its undo. */
export const ImportRecordSchema = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  format: ImportFormatSchema,
  createdAt: Type.String({ format: 'date-time' }),
  totalRows: Type.Integer(),
  imported: Type.Integer({ description: 'Readings the import added' }),
  duplicates: Type.Integer(),
  skipped: Type.Integer(),
  rejected: Type.Integer(),
  readings: Type.Integer({ description: 'Of its readings, those in the diary now (some may have been deleted one by one)' }),
  removedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When its readings were removed' }),
  restorableUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'Until when a removal can be undone (POST /api/imports/:id/restore)',
  }),
});
export type ImportRecord = Static<typeof ImportRecordSchema>;

export const ImportListSchema = Type.Object({ items: Type.Array(ImportRecordSchema, { description: 'Newest first, at most 100' }) });
export type ImportList = Static<typeof ImportListSchema>;
export const ImportIdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const ExportQuerySchema = Type.Object(
  {
    format: Type.Optional(literalUnion(EXPORT_FORMATS, { default: 'csv' })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuerySchema>;

/** Columns of GlucoDiary's CSV export, in order; the importer recognises a file by them. */
export const GLUCODIARY_CSV_COLUMNS = ['takenAt', 'value', 'unit', 'context', 'note', 'kind', 'source', 'beyondRange'] as const;

/** One reading of a GlucoDiary export (CSV row or JSON element), in the user's unit and time zone. */
export const ExportedReadingSchema = Type.Object({
  takenAt: Type.String({ format: 'date-time', description: "ISO 8601 with the offset of the user's time zone" }),
  value: Type.Number(),
  unit: GlucoseUnitSchema,
  context: MealContextSchema,
  note: Type.Union([Type.String(), Type.Null()]),
  kind: ReadingKindSchema,
  source: ReadingSourceSchema,
  beyondRange: Type.Union([BeyondRangeSchema, Type.Null()], { description: "A Low/High: `value` is the device's limit" }),
});
export type ExportedReading = Static<typeof ExportedReadingSchema>;

export const ReadingsExportSchema = Type.Object({
  format: Type.Literal('glucodiary'),
  version: Type.Literal(1),
  exportedAt: Type.String({ format: 'date-time' }),
  timeZone: Type.String(),
  unit: GlucoseUnitSchema,
  treatments: Type.Array(TreatmentSchema, { description: "The period's treatments, oldest first (JSON only)" }),
  readings: Type.Array(ExportedReadingSchema),
});
export type ReadingsExport = Static<typeof ReadingsExportSchema>;
