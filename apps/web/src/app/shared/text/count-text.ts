import type { Language } from '@glucodiary/contracts';
import { loadedLanguage } from '../../core/i18n/translations';

/** A noun's forms by plural category (Intl.PluralRules); `other` is the fallback every language has. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * "1 reading", "12,000 readings", "12.000 Messwerte": a count with its noun in the form the
 * language's plural rules pick, the number in the locale's thousands separator. The forms are
 * messages (`$localize`), so a translation brings its own.
 */
export function count(n: number, forms: PluralForms, locale: string): string {
  // Intl rather than Angular's formatNumber: the same separators, without registering locale data first.
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n)} ${pluralForm(n, forms)}`;
}

/** Of a word's or sentence's forms, the one the language's plural rules pick for n ("was" or "were"). */
export const pluralForm = (n: number, forms: PluralForms): string => forms[new Intl.PluralRules(loadedLanguage()).select(n)] ?? forms.other;

/** How lists are joined in each language: the app's English has no comma before "and". */
const LIST_LOCALE: Readonly<Record<Language, string>> = { en: 'en-GB', de: 'de' };

/** "a, b and c" ("a, b und c"), in the app's language. */
export const listed = (items: readonly string[]): string => new Intl.ListFormat(LIST_LOCALE[loadedLanguage()], { type: 'conjunction' }).format(items);
