import { Type, type Static } from 'typebox';
import { literalUnion } from './literal-union';
import { INSULIN_NAME_MAX_LENGTH } from './profile';
import { NOTE_MAX_LENGTH } from './readings';

/** What a diabetes day is made of besides glucose: doses, meals, exercise, lab values and device events. */
export const TREATMENT_TYPES = ['insulin', 'carbs', 'activity', 'note', 'ketones', 'hba1c', 'sensor-change', 'site-change'] as const;
export const TreatmentTypeSchema = literalUnion(TREATMENT_TYPES);
export type TreatmentType = Static<typeof TreatmentTypeSchema>;

export const INSULIN_KINDS = ['rapid', 'long', 'mixed', 'other'] as const;
export const InsulinKindSchema = literalUnion(INSULIN_KINDS);
export type InsulinKind = Static<typeof InsulinKindSchema>;

export const INSULIN_PURPOSES = ['meal', 'correction', 'basal'] as const;
export const InsulinPurposeSchema = literalUnion(INSULIN_PURPOSES);
export type InsulinPurpose = Static<typeof InsulinPurposeSchema>;

export const ACTIVITY_INTENSITIES = ['light', 'moderate', 'vigorous'] as const;
export const ActivityIntensitySchema = literalUnion(ACTIVITY_INTENSITIES);
export type ActivityIntensity = Static<typeof ActivityIntensitySchema>;

/** Units of a lab or meter value: ketones in mmol/L; HbA1c in % (DCCT) or mmol/mol (IFCC). */
export const TREATMENT_VALUE_UNITS = ['mmol/L', '%', 'mmol/mol'] as const;
export const TreatmentValueUnitSchema = literalUnion(TREATMENT_VALUE_UNITS);
export type TreatmentValueUnit = Static<typeof TreatmentValueUnitSchema>;

/** How a treatment came: typed by hand, from an imported file, or (later) uploaded by a device. */
export const TREATMENT_SOURCES = ['typed', 'import', 'upload'] as const;
export const TreatmentSourceSchema = literalUnion(TREATMENT_SOURCES);
export type TreatmentSource = Static<typeof TreatmentSourceSchema>;

/** The ranges a treatment's amounts must lie in; the API checks them per type and names the field it refuses. */
export const TREATMENT_LIMITS = {
  /** Insulin pens and pumps dose in steps of 0.05 units at the finest. */
  units: { min: 0.05, max: 100, step: 0.05 },
  grams: { min: 0, max: 500 },
  minutes: { min: 1, max: 1440 },
  ketones: { min: 0, max: 10 },
  hba1cPercent: { min: 3, max: 20 },
  hba1cMmolPerMol: { min: 9, max: 195 },
} as const;

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** The fields of a treatment; which are required, allowed or refused depends on `type` (see TREATMENT_FIELDS). */
const treatmentFields = {
  units: Type.Number({ description: 'insulin: units, 0.05–100 in steps of 0.05' }),
  insulinKind: InsulinKindSchema,
  purpose: InsulinPurposeSchema,
  insulinName: Type.String({ minLength: 1, maxLength: INSULIN_NAME_MAX_LENGTH, description: 'insulin: the brand, e.g. Humalog' }),
  grams: Type.Number({ description: 'carbs: grams, 0–500' }),
  minutes: Type.Integer({ description: 'activity: minutes, 1–1440' }),
  intensity: ActivityIntensitySchema,
  value: Type.Number({ description: 'ketones (mmol/L) or hba1c (% or mmol/mol)' }),
  unit: TreatmentValueUnitSchema,
  note: Type.String({ maxLength: NOTE_MAX_LENGTH }),
};
export type TreatmentField = keyof typeof treatmentFields;

/** Per type: the fields it must have and the ones it may have; any other field is refused. */
export const TREATMENT_FIELDS: Readonly<Record<TreatmentType, { required: readonly TreatmentField[]; optional: readonly TreatmentField[] }>> = {
  insulin: { required: ['units', 'insulinKind'], optional: ['purpose', 'insulinName', 'note'] },
  carbs: { required: ['grams'], optional: ['note'] },
  activity: { required: ['minutes', 'intensity'], optional: ['note'] },
  note: { required: ['note'], optional: [] },
  ketones: { required: ['value'], optional: ['unit', 'note'] },
  hba1c: { required: ['value', 'unit'], optional: ['note'] },
  'sensor-change': { required: [], optional: ['note'] },
  'site-change': { required: [], optional: ['note'] },
};

const { units, insulinKind, purpose, insulinName, grams, minutes, intensity, value, unit, note } = treatmentFields;

export const CreateTreatmentBodySchema = Type.Object(
  {
    takenAt: Type.String({ format: 'date-time', description: 'When (ISO 8601 with offset); for hba1c the lab date' }),
    type: TreatmentTypeSchema,
    units: Type.Optional(units),
    insulinKind: Type.Optional(insulinKind),
    purpose: Type.Optional(purpose),
    insulinName: Type.Optional(insulinName),
    grams: Type.Optional(grams),
    minutes: Type.Optional(minutes),
    intensity: Type.Optional(intensity),
    value: Type.Optional(value),
    unit: Type.Optional(unit),
    note: Type.Optional(note),
    source: Type.Optional({ ...TreatmentSourceSchema, description: "Where it came from: typed unless an undo writes back an imported or uploaded one" }),
  },
  { additionalProperties: false },
);
export type CreateTreatmentBody = Static<typeof CreateTreatmentBodySchema>;

/** Any subset of a treatment's fields (not its type); `null` clears an optional field. */
export const UpdateTreatmentBodySchema = Type.Object(
  {
    takenAt: Type.Optional(Type.String({ format: 'date-time' })),
    units: Type.Optional(nullable(units)),
    insulinKind: Type.Optional(nullable(insulinKind)),
    purpose: Type.Optional(nullable(purpose)),
    insulinName: Type.Optional(nullable(insulinName)),
    grams: Type.Optional(nullable(grams)),
    minutes: Type.Optional(nullable(minutes)),
    intensity: Type.Optional(nullable(intensity)),
    value: Type.Optional(nullable(value)),
    unit: Type.Optional(nullable(unit)),
    note: Type.Optional(nullable(note)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateTreatmentBody = Static<typeof UpdateTreatmentBodySchema>;

export const TreatmentSchema = Type.Object({
  id: Type.String(),
  takenAt: Type.String({ format: 'date-time' }),
  type: TreatmentTypeSchema,
  units: nullable(Type.Number()),
  insulinKind: nullable(InsulinKindSchema),
  purpose: nullable(InsulinPurposeSchema),
  insulinName: nullable(Type.String()),
  grams: nullable(Type.Number()),
  minutes: nullable(Type.Integer()),
  intensity: nullable(ActivityIntensitySchema),
  value: nullable(Type.Number()),
  unit: nullable(TreatmentValueUnitSchema),
  note: nullable(Type.String()),
  source: TreatmentSourceSchema,
  deviceName: nullable(Type.String({ description: 'The device (uploader app) that sent it, by the name the user gave it' })),
  importId: nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Treatment = Static<typeof TreatmentSchema>;

export const TREATMENTS_PAGE_DEFAULT = 50;
export const TREATMENTS_PAGE_MAX = 200;

export const ListTreatmentsQuerySchema = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    type: Type.Optional(TreatmentTypeSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: TREATMENTS_PAGE_MAX, default: TREATMENTS_PAGE_DEFAULT })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type ListTreatmentsQuery = Static<typeof ListTreatmentsQuerySchema>;

export const TreatmentPageSchema = Type.Object({
  items: Type.Array(TreatmentSchema),
  nextCursor: nullable(Type.String()),
});
export type TreatmentPage = Static<typeof TreatmentPageSchema>;

/** Columns of the treatments CSV export, in order. */
export const TREATMENT_CSV_COLUMNS = ['takenAt', 'type', 'units', 'insulinKind', 'purpose', 'insulinName', 'grams', 'minutes', 'intensity', 'value', 'unit', 'note', 'source'] as const;

export const TreatmentExportQuerySchema = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type TreatmentExportQuery = Static<typeof TreatmentExportQuerySchema>;

export const TreatmentIdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
