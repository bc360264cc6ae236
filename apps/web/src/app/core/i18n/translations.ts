import { loadTranslations } from '@angular/localize';
import type { Language } from '@glucodiary/contracts';

/** The translation file of a language, in the extractor's JSON format; English is the source text. */
interface TranslationFile {
  translations: Record<string, string>;
}

const TRANSLATION_FILES: Readonly<Record<Exclude<Language, 'en'>, () => Promise<TranslationFile>>> = {
  de: () => import('../../../locale/messages.de.json').then((module) => module.default),
};

/** The language `$localize` speaks in this page (the source text's, English, until another is loaded). */
let messagesLanguage: Language = 'en';

/** For what follows the language's own rules beside the messages: plural forms, lists. */
export const loadedLanguage = (): Language => messagesLanguage;

/**
 * Makes every `$localize` message (templates' i18n and code) speak the language. Must run before
 * the app's code is loaded: a message is translated when its module or template is first used.
 */
export async function useLanguage(language: Language): Promise<void> {
  if (language !== 'en') loadTranslations((await TRANSLATION_FILES[language]()).translations);
  messagesLanguage = language;
}
