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

export const CreateReadingBodySchema = Type.Object(
  {
    takenAt: Type.String({ format: 'date-time', description: 'When the reading was taken (ISO 8601 with offset)' }),
    value: Type.Number({ description: 'Glucose value in `unit`' }),
    unit: GlucoseUnitSchema,
    context: MealContextSchema,
    note: Type.Optional(Type.String({ maxLength: NOTE_MAX_LENGTH })),
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
