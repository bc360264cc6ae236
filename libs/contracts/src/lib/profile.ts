import { Type, type Static } from 'typebox';
import { GLUCOSE_UNITS } from './glucose-units';
import { literalUnion } from './literal-union';

export const GlucoseUnitSchema = literalUnion(GLUCOSE_UNITS, { description: 'mg/dL or mmol/L' });

/** An IANA time zone name; the API checks that the runtime knows it. */
export const TimeZoneSchema = Type.String({ minLength: 1, maxLength: 64 });

/** A name to greet the user by: not blank (it is stored trimmed). */
export const DisplayNameSchema = Type.String({ minLength: 1, maxLength: 80, pattern: '\\S' });

/** The languages of the app's words. */
export const LANGUAGES = ['en', 'de'] as const;
export const LanguageSchema = literalUnion(LANGUAGES, { description: 'The language of the app: en (English) or de (German)' });
export type Language = Static<typeof LanguageSchema>;

/**
 * How numbers and dates are written, chosen apart from the language: an English speaker in Vienna
 * writes "7,2", a Swiss German "7.2".
 */
export const FORMAT_LOCALES = ['en-US', 'en-GB', 'de-DE', 'de-AT', 'de-CH', 'fr-FR', 'nl-NL'] as const;
export const FormatLocaleSchema = literalUnion(FORMAT_LOCALES, { description: 'BCP 47 tag for number and date formats, e.g. de-DE' });
export type FormatLocale = Static<typeof FormatLocaleSchema>;

export const TargetRangeSchema = Type.Object({
  low: Type.Number({ exclusiveMinimum: 0 }),
  high: Type.Number({ exclusiveMinimum: 0 }),
  unit: GlucoseUnitSchema,
});
export type TargetRange = Static<typeof TargetRangeSchema>;

/**
 * Grams of carbohydrate in one serving (an exchange), for files and meters that count servings:
 * 10 g (a KE, most of Europe) unless the user sets 12 g (a BE), 15 g (a US exchange) or another.
 */
export const DEFAULT_GRAMS_PER_SERVING = 10;
export const GRAMS_PER_SERVING_LIMITS = { min: 5, max: 25 } as const;
export const GramsPerServingSchema = Type.Number({
  minimum: GRAMS_PER_SERVING_LIMITS.min,
  maximum: GRAMS_PER_SERVING_LIMITS.max,
  multipleOf: 0.5,
  description: 'Grams of carbohydrate in one serving (exchange): 10 unless set',
});

/** An insulin's name ("Humalog", "Tresiba"): in the user's list and on a dose. */
export const INSULIN_NAME_MAX_LENGTH = 50;

/** The user's own insulins ("Humalog", "Tresiba"), offered when a dose is logged. */
export const INSULIN_NAMES_MAX = 12;
export const InsulinNamesSchema = Type.Array(Type.String({ minLength: 1, maxLength: INSULIN_NAME_MAX_LENGTH, pattern: '\\S' }), {
  maxItems: INSULIN_NAMES_MAX,
  description: "The user's insulins by name, in the order they are offered; names are unique regardless of letter case",
});

export const UserProfileSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  preferredUnit: GlucoseUnitSchema,
  targetRange: TargetRangeSchema,
  timeZone: Type.String({ description: 'IANA time zone, e.g. Europe/Berlin' }),
  gramsPerServing: GramsPerServingSchema,
  insulinNames: InsulinNamesSchema,
  language: LanguageSchema,
  formatLocale: FormatLocaleSchema,
  createdAt: Type.String({ format: 'date-time' }),
});
export type UserProfile = Static<typeof UserProfileSchema>;

export const UpdateProfileBodySchema = Type.Object(
  {
    displayName: Type.Optional(DisplayNameSchema),
    preferredUnit: Type.Optional(GlucoseUnitSchema),
    targetRange: Type.Optional(TargetRangeSchema),
    timeZone: Type.Optional(TimeZoneSchema),
    gramsPerServing: Type.Optional(GramsPerServingSchema),
    insulinNames: Type.Optional(InsulinNamesSchema),
    language: Type.Optional(LanguageSchema),
    formatLocale: Type.Optional(FormatLocaleSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateProfileBody = Static<typeof UpdateProfileBodySchema>;
