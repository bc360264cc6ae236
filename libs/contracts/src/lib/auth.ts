import { Type, type Static } from 'typebox';
import { DisplayNameSchema, TimeZoneSchema, UserProfileSchema } from './profile';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

// Surrounding spaces (phone keyboards add them) are allowed here and trimmed by the API.
// The domain is dot-separated labels without dots, so every character has one place in the
// pattern: matching takes linear time. (With "[^\s@]+\.[^\s@]+" a 60 KB address of "a." runs
// took seconds, and the validator checks the pattern even after maxLength failed.)
export const EMAIL_PATTERN = '^\\s*[^\\s@]+@[^\\s@.]+(?:\\.[^\\s@.]+)+\\s*$';
const EmailSchema = Type.String({
  pattern: EMAIL_PATTERN,
  maxLength: 254,
  description: 'Email address; compared case-insensitively',
});

export const RegisterBodySchema = Type.Object(
  {
    email: EmailSchema,
    password: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }),
    displayName: DisplayNameSchema,
    timeZone: Type.Optional({ ...TimeZoneSchema, description: 'IANA time zone of the browser, e.g. Europe/Berlin; UTC if absent or unknown' }),
  },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBodySchema>;

export const RegisterResponseSchema = Type.Object({ user: UserProfileSchema });
export type RegisterResponse = Static<typeof RegisterResponseSchema>;

/**
 * Sign-in only needs the address to look the account up: an account registered under an older,
 * looser rule ("a@b..c") must still get in. Linear like the stricter one.
 */
const LoginEmailSchema = Type.String({ pattern: '^\\s*[^\\s@]+@[^\\s@]+\\s*$', maxLength: 254 });

export const LoginBodySchema = Type.Object(
  {
    email: LoginEmailSchema,
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBodySchema>;

export const LoginResponseSchema = Type.Object({
  accessToken: Type.String(),
  tokenType: Type.Literal('Bearer'),
  expiresIn: Type.Integer({ description: 'Seconds until the access token expires' }),
  refreshToken: Type.String({ description: 'Opaque, single use: exchange it at /api/auth/refresh for new tokens' }),
  refreshExpiresIn: Type.Integer({ description: 'Seconds until the session (and so every refresh token) expires' }),
  user: UserProfileSchema,
});
export type LoginResponse = Static<typeof LoginResponseSchema>;

export const RefreshBodySchema = Type.Object(
  { refreshToken: Type.String({ minLength: 20, maxLength: 200 }) },
  { additionalProperties: false },
);
export type RefreshBody = Static<typeof RefreshBodySchema>;

export const SessionSummarySchema = Type.Object({
  id: Type.String(),
  device: Type.String({ description: 'Browser and system, from the user agent' }),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  current: Type.Boolean({ description: 'The session of the token that asked' }),
});
export type SessionSummary = Static<typeof SessionSummarySchema>;

export const SessionListSchema = Type.Object({ items: Type.Array(SessionSummarySchema) });
export type SessionList = Static<typeof SessionListSchema>;

export const SessionIdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const ChangePasswordBodySchema = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
    newPassword: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBodySchema>;
