import { Type, type Static } from 'typebox';
import { PASSWORD_MAX_LENGTH } from './auth';
import { UserProfileSchema } from './profile';
import { BeyondRangeSchema, MealContextSchema, ReadingKindSchema, ReadingSourceSchema } from './readings';
import { DeviceEventSchema } from './devices';
import { TreatmentSchema } from './treatments';

/** The whole account: its export (everything it holds) and its deletion (GDPR art. 15, 17 and 20). */

/** Deleting the account asks for the password again: a token left on a shared computer is not enough. */
export const DeleteAccountBodySchema = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }) },
  { additionalProperties: false },
);
export type DeleteAccountBody = Static<typeof DeleteAccountBodySchema>;

export const ACCOUNT_EXPORT_FORMAT = 'glucodiary-account';
export const ACCOUNT_EXPORT_VERSION = 1;

export const AccountExportProfileSchema = Type.Object({
  ...UserProfileSchema.properties,
  targetRangeMgdl: Type.Object({ low: Type.Number(), high: Type.Number() }, { description: 'The target range as stored, in mg/dL' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type AccountExportProfile = Static<typeof AccountExportProfileSchema>;

/** A reading as stored: the canonical mg/dL value and the instant in UTC. */
export const AccountExportReadingSchema = Type.Object({
  id: Type.String(),
  takenAt: Type.String({ format: 'date-time' }),
  valueMgdl: Type.Number(),
  context: MealContextSchema,
  note: Type.Union([Type.String(), Type.Null()]),
  kind: ReadingKindSchema,
  source: ReadingSourceSchema,
  beyondRange: Type.Union([BeyondRangeSchema, Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type AccountExportReading = Static<typeof AccountExportReadingSchema>;

/** A sign-in (device) of the account, ended or not; never its tokens. */
export const AccountExportSessionSchema = Type.Object({
  id: Type.String(),
  device: Type.String({ description: 'Browser and system, from the user agent' }),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type AccountExportSession = Static<typeof AccountExportSessionSchema>;

export const AccountExportSchema = Type.Object({
  format: Type.Literal(ACCOUNT_EXPORT_FORMAT),
  version: Type.Literal(ACCOUNT_EXPORT_VERSION),
  exportedAt: Type.String({ format: 'date-time' }),
  profile: AccountExportProfileSchema,
  sessions: Type.Array(AccountExportSessionSchema, { description: 'Every sign-in, newest first' }),
  treatments: Type.Array(TreatmentSchema, { description: 'Every treatment (insulin, carbs, activity, notes, lab values), oldest first' }),
  deviceEvents: Type.Array(DeviceEventSchema, { description: 'Every device event the apps reported (temporary basals, profile switches…), oldest first' }),
  readings: Type.Array(AccountExportReadingSchema, { description: 'Every reading, oldest first, in mg/dL' }),
});
export type AccountExport = Static<typeof AccountExportSchema>;
