import { FORMAT_LOCALES, LANGUAGES, type FormatLocale, type Language } from '@glucodiary/contracts';

/** The language of the app's words and, chosen apart from it, how numbers and dates are written. */
export interface LocaleChoice {
  language: Language;
  formatLocale: FormatLocale;
}

export const DEFAULT_LOCALE_CHOICE: LocaleChoice = { language: 'en', formatLocale: 'en-US' };

/** The format of each language's home, for a browser whose own locale is not one we offer. */
const FORMAT_OF_LANGUAGE: Readonly<Record<Language, FormatLocale>> = { en: 'en-US', de: 'de-DE' };

const isLanguage = (value: unknown): value is Language => (LANGUAGES as readonly unknown[]).includes(value);
const isFormatLocale = (value: unknown): value is FormatLocale => (FORMAT_LOCALES as readonly unknown[]).includes(value);

/** Who is signed in, as far as choosing a locale goes: the profile stored with the session. */
export interface StoredProfileChoice {
  language?: unknown;
  formatLocale?: unknown;
}

/** The profile stored with a live session (see AuthStore), or null when nobody is signed in. */
export function storedProfile(storedSession: string | null, now = Date.now()): StoredProfileChoice | null {
  try {
    const session = JSON.parse(storedSession ?? 'null') as { sessionExpiresAt?: unknown; user?: StoredProfileChoice } | null;
    return session && typeof session.sessionExpiresAt === 'number' && session.sessionExpiresAt > now ? (session.user ?? null) : null;
  } catch {
    return null;
  }
}

/** A profile's choice; null for a profile that has none (stored by a version of the app before it). */
export function profileChoice(profile: StoredProfileChoice | null): LocaleChoice | null {
  return profile && isLanguage(profile.language) && isFormatLocale(profile.formatLocale)
    ? { language: profile.language, formatLocale: profile.formatLocale }
    : null;
}

/**
 * The locale a page starts in: the signed-in user's profile choice (stored with the session), or
 * before sign-in the browser's language when it is German, else English, with the browser's own
 * number and date format when we offer it.
 */
export function localeAtStart(profile: StoredProfileChoice | null, browserLanguages: readonly string[]): LocaleChoice {
  const chosen = profileChoice(profile);
  if (chosen) return chosen;
  const [browser = ''] = browserLanguages;
  const language: Language = browser.toLowerCase().startsWith('de') ? 'de' : 'en';
  const offered = FORMAT_LOCALES.find((locale) => locale.toLowerCase() === browser.toLowerCase());
  return { language, formatLocale: offered ?? FORMAT_OF_LANGUAGE[language] };
}

/** Whether a profile asks for another locale than the page was started in. */
export const differsFrom = (loaded: LocaleChoice, profile: LocaleChoice): boolean =>
  loaded.language !== profile.language || loaded.formatLocale !== profile.formatLocale;
