import source from '../../../locale/messages.json';
import german from '../../../locale/messages.de.json';

/** The placeholders a message holds ({$INTERPOLATION}, {$START_TAG_SPAN}, …): a translation keeps them all. */
const placeholders = (message: string) => [...message.matchAll(/\{\$[A-Z0-9_]+\}/g)].map(([placeholder]) => placeholder).sort();

/**
 * messages.json is what Angular's extractor finds in the app (`nx run web:extract-i18n`); a new
 * or changed English text there without its German translation fails here, not in front of a user.
 */
describe('the German translation', () => {
  const translations: Record<string, string> = german.translations;

  it('translates every message of the app', () => {
    const missing = Object.entries(source.translations)
      .filter(([id]) => !translations[id]?.trim())
      .map(([id, text]) => `${id}: ${text}`);
    expect(missing).toEqual([]);
  });

  it('keeps every placeholder of the English message', () => {
    const broken = Object.entries(source.translations)
      .filter(([id, text]) => id in translations && placeholders(text).join() !== placeholders(translations[id] ?? '').join())
      .map(([id]) => id);
    expect(broken).toEqual([]);
  });
});
