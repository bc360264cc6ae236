import { Type, type Static } from 'typebox';
import { literalUnion } from './literal-union';
import { GlucoseUnitSchema } from './profile';

export const NOTE_MAX_LENGTH = 500;
/** How far in the future a reading may be dated, to allow for clocks that run a little fast. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;
/** No glucose meter is older: an earlier time is a typo (the importer reads years from 1900 too). */
export const EARLIEST_READING_AT = '1900-01-01T00:00:00Z';

export const MEAL_CONTEXTS = ['fasting', 'before_meal', 'after_meal', 'bedtime', 'other'] as const;
export const MealContextSchema = literalUnion(MEAL_CONTEXTS);
export type MealContext = Static<typeof MealContextSchema>;

/** Blood from a finger-stick (a meter, or typed from one), or a sensor's interstitial glucose. */
export const READING_KINDS = ['fingerstick', 'sensor'] as const;
export const ReadingKindSchema = literalUnion(READING_KINDS);
export type ReadingKind = Static<typeof ReadingKindSchema>;

/** How a value came: typed by hand, from a meter's memory, a sensor's periodic history, or a scan of the sensor. */
export const READING_SOURCES = ['typed', 'meter', 'sensor_history', 'sensor_scan'] as const;
export const ReadingSourceSchema = literalUnion(READING_SOURCES);
export type ReadingSource = Static<typeof ReadingSourceSchema>;

/**
 * A sensor's "Low"/"High": the stored value is the sensor's limit and the real one lies beyond
 * it, so it is shown as LO/HI, never as a number a person could take literally.
 */
export const BEYOND_RANGE = ['below', 'above'] as const;
export const BeyondRangeSchema = literalUnion(BEYOND_RANGE);
export type BeyondRange = Static<typeof BeyondRangeSchema>;

/** Where a sensor's readings lie beyond its range, in mg/dL (Tidepool's values for Dexcom; Libre reads 40–500). */
export const SENSOR_LIMITS_MGDL = {
  dexcom: { below: 39, above: 401 },
  libre: { below: 39, above: 501 },
  /** Blood glucose meters read about 20–600 mg/dL. */
  meter: { below: 20, above: 600 },
} as const;

export const CreateReadingBodySchema = Type.Object(
  {
    takenAt: Type.String({ format: 'date-time', description: 'When the reading was taken (ISO 8601 with offset)' }),
    value: Type.Number({ description: 'Glucose value in `unit`' }),
    unit: GlucoseUnitSchema,
    context: MealContextSchema,
    note: Type.Optional(Type.String({ maxLength: NOTE_MAX_LENGTH })),
    kind: Type.Optional(ReadingKindSchema),
    source: Type.Optional(ReadingSourceSchema),
    beyondRange: Type.Optional(
      Type.Union([BeyondRangeSchema, Type.Null()], { description: "A sensor's Low/High: `value` is its limit (e.g. to undo a deletion)" }),
    ),
  },
  { additionalProperties: false },
);
export type CreateReadingBody = Static<typeof CreateReadingBodySchema>;

export const ReadingSchema = Type.Object({
  id: Type.String(),
  takenAt: Type.String({ format: 'date-time' }),
  value: Type.Number({ description: "Value in the user's preferred unit, rounded for display" }),
  unit: GlucoseUnitSchema,
  valueMgdl: Type.Number({ description: 'Canonical stored value in mg/dL' }),
  context: MealContextSchema,
  note: Type.Union([Type.String(), Type.Null()]),
  kind: ReadingKindSchema,
  source: ReadingSourceSchema,
  beyondRange: Type.Union([BeyondRangeSchema, Type.Null()], {
    description: 'Set for a sensor Low/High: the value is the limit, the real one below or above it (show LO/HI)',
  }),
  importId: Type.Union([Type.String(), Type.Null()], { description: 'The import that added this reading' }),
  deviceName: Type.Union([Type.String(), Type.Null()], { description: 'The device (uploader app) that sent this reading, by the name the user gave it' }),
  direction: Type.Union([Type.String(), Type.Null()], { description: "A sensor reading's trend arrow as its uploader sent it (Nightscout's direction: Flat, SingleUp, …)" }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Reading = Static<typeof ReadingSchema>;

export const READINGS_PAGE_DEFAULT = 50;
export const READINGS_PAGE_MAX = 200;

export const ListReadingsQuerySchema = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: READINGS_PAGE_MAX, default: READINGS_PAGE_DEFAULT })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    context: Type.Optional(MealContextSchema),
  },
  { additionalProperties: false },
);
export type ListReadingsQuery = Static<typeof ListReadingsQuerySchema>;

export const ReadingPageSchema = Type.Object({
  items: Type.Array(ReadingSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type ReadingPage = Static<typeof ReadingPageSchema>;

export const ReadingIdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** Any subset of a reading's fields; `value` and `unit` go together, `note: null` clears the note. */
export const UpdateReadingBodySchema = Type.Object(
  {
    takenAt: Type.Optional(Type.String({ format: 'date-time' })),
    value: Type.Optional(Type.Number()),
    unit: Type.Optional(GlucoseUnitSchema),
    context: Type.Optional(MealContextSchema),
    note: Type.Optional(Type.Union([Type.String({ maxLength: NOTE_MAX_LENGTH }), Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateReadingBody = Static<typeof UpdateReadingBodySchema>;
