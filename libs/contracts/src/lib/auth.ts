import { Type, type Static } from 'typebox';
import { DisplayNameSchema, FormatLocaleSchema, LanguageSchema, TimeZoneSchema, UserProfileSchema } from './profile';

/** For a new password (registration, change); sign-in still takes the shorter ones of older accounts. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
/** Shorter parts of the email or name ("al", "jo") are common inside any phrase; zxcvbn weighs those. */
const PERSONAL_PART_MIN_LENGTH = 4;

/**
 * The form a password is hashed and checked in: NFKC, so that "é" typed as one code point (NFC)
 * or as "e" and a combining accent (NFD, as some systems' keyboards send it) is one password.
 */
export const normalisePassword = (password: string) => password.normalize('NFKC');

/** Characters as a person counts them (code points of the NFKC form, as the API checks them). */
export const passwordLength = (password: string) => [...normalisePassword(password)].length;

/** A new password's schema; the API also refuses ones that are too easy to guess (a 400 naming the field). */
const NewPasswordSchema = Type.String({
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: PASSWORD_MAX_LENGTH,
  description: `At least ${PASSWORD_MIN_LENGTH} characters, not containing the email or name, and not common or easy to guess`,
});

/** Runs of spaces and punctuation squeezed out ("ada.lovelace" as "adalovelace") or into one space ("ada lovelace"). */
const squeeze = (text: string) => text.replace(/[\s\p{P}]+/gu, '');
const spaced = (text: string) => text.replace(/[\s\p{P}]+/gu, ' ');

export interface PasswordOwner {
  email: string;
  displayName: string;
}

/**
 * The owner's email, its local part and the name, as compared with a password (NFKC, lower
 * case), each also squeezed and spaced.
 */
export function personalPasswordParts(owner: PasswordOwner): string[] {
  const fold = (text: string) => normalisePassword(text).trim().toLowerCase();
  const email = fold(owner.email);
  const parts = [email, email.split('@')[0] ?? '', fold(owner.displayName)];
  return [...new Set([...parts, ...parts.map(squeeze), ...parts.map(spaced)])].filter((part) => [...part].length >= PERSONAL_PART_MIN_LENGTH);
}

/**
 * What is wrong with a new password by the rules the browser can check too (length; not the
 * owner's email or name), as the end of a sentence about the field; null if nothing. The API
 * also refuses common and easily guessed passwords, which needs dictionaries too big to ship.
 */
export function newPasswordProblem(password: string, owner: PasswordOwner): string | null {
  if (passwordLength(password) < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  const folded = normalisePassword(password).toLowerCase();
  const forms = [folded, spaced(folded)];
  if (personalPasswordParts(owner).some((part) => forms.some((form) => containsAsWord(form, part)))) {
    return 'must not contain your email address or your name';
  }
  return null;
}

/**
 * Whether `part` is in `text` with no letter right before or after it: "jo.smith2024" contains
 * "jo.smith", but a person named "Bench" may well have "benchmark" in a password.
 */
function containsAsWord(text: string, part: string): boolean {
  const isLetter = (character: string | undefined) => character !== undefined && /\p{L}/u.test(character);
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + 1)) {
    if (!isLetter(text[at - 1]) && !isLetter(text[at + part.length])) return true;
  }
  return false;
}

// Surrounding spaces (phone keyboards add them) are allowed here and trimmed by the API.
// The domain is dot-separated labels without dots, so every character has one place in the
// pattern: matching takes linear time. (With "[^\s@]+\.[^\s@]+" a 60 KB address of "a." runs
// took seconds, and the validator checks the pattern even after maxLength failed.)
export const EMAIL_PATTERN = '^\\s*[^\\s@]+@[^\\s@.]+(?:\\.[^\\s@.]+)+\\s*$';
const EmailSchema = Type.String({
  pattern: EMAIL_PATTERN,
  maxLength: 254,
  description:
    'Email address; compared case-insensitively, in NFKC, with the domain in its ASCII form. Refused (400): characters outside ' +
    'ASCII before the @, and a domain label mixing alphabets (a Cyrillic or Greek letter among Latin ones)',
});

export const RegisterBodySchema = Type.Object(
  {
    email: EmailSchema,
    password: NewPasswordSchema,
    displayName: DisplayNameSchema,
    timeZone: Type.Optional({ ...TimeZoneSchema, description: 'IANA time zone of the browser, e.g. Europe/Berlin; UTC if absent or unknown' }),
    language: Type.Optional(LanguageSchema),
    formatLocale: Type.Optional(FormatLocaleSchema),
  },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBodySchema>;


/**
 * Sign-in only needs the address to look the account up: an account registered under an older,
 * looser rule ("a@b..c") must still get in. Linear like the stricter one.
 */
const LoginEmailSchema = Type.String({ pattern: '^\\s*[^\\s@]+@[^\\s@]+\\s*$', maxLength: 254 });

export const LoginBodySchema = Type.Object(
  {
    email: LoginEmailSchema,
    // Not PASSWORD_MIN_LENGTH: accounts made under the older rule (8 characters) must still get in.
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBodySchema>;

export const LoginResponseSchema = Type.Object({
  accessToken: Type.String(),
  tokenType: Type.Literal('Bearer'),
  expiresIn: Type.Integer({ description: 'Seconds until the access token expires' }),
  refreshToken: Type.Optional(
    Type.String({
      description:
        'Opaque, single use: exchange it at /api/auth/refresh for new tokens. Absent for a browser (a request with an Origin ' +
        'header), which gets it as an HttpOnly cookie instead',
    }),
  ),
  refreshExpiresIn: Type.Integer({ description: 'Seconds until the session (and so every refresh token) expires' }),
  user: UserProfileSchema,
});
export type LoginResponse = Static<typeof LoginResponseSchema>;

/** A registration that created an active account (no mailer) answers as a sign-in does: the new account is signed in. */
export const RegisterResponseSchema = LoginResponseSchema;
export type RegisterResponse = LoginResponse;

export const RefreshBodySchema = Type.Object(
  // Absent from a browser, whose refresh token is in its HttpOnly cookie.
  { refreshToken: Type.Optional(Type.String({ minLength: 20, maxLength: 200 })) },
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
    newPassword: NewPasswordSchema,
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBodySchema>;
