import { Type, type Static } from 'typebox';
import { GLUCOSE_UNITS } from './glucose-units';
import { literalUnion } from './literal-union';

export const GlucoseUnitSchema = literalUnion(GLUCOSE_UNITS, { description: 'mg/dL or mmol/L' });

/** An IANA time zone name; the API checks that the runtime knows it. */
export const TimeZoneSchema = Type.String({ minLength: 1, maxLength: 64 });

/** A name to greet the user by: not blank (it is stored trimmed). */
export const DisplayNameSchema = Type.String({ minLength: 1, maxLength: 80, pattern: '\\S' });

export const TargetRangeSchema = Type.Object({
  low: Type.Number({ exclusiveMinimum: 0 }),
  high: Type.Number({ exclusiveMinimum: 0 }),
  unit: GlucoseUnitSchema,
});
export type TargetRange = Static<typeof TargetRangeSchema>;

export const UserProfileSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  preferredUnit: GlucoseUnitSchema,
  targetRange: TargetRangeSchema,
  timeZone: Type.String({ description: 'IANA time zone, e.g. Europe/Berlin' }),
  createdAt: Type.String({ format: 'date-time' }),
});
export type UserProfile = Static<typeof UserProfileSchema>;

export const UpdateProfileBodySchema = Type.Object(
  {
    displayName: Type.Optional(DisplayNameSchema),
    preferredUnit: Type.Optional(GlucoseUnitSchema),
    targetRange: Type.Optional(TargetRangeSchema),
    timeZone: Type.Optional(TimeZoneSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateProfileBody = Static<typeof UpdateProfileBodySchema>;
