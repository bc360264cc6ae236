import { localeAtStart, storedProfile } from './locale-choice';

describe('localeAtStart', () => {
  it("starts in the signed-in user's profile choice, whatever the browser says", () => {
    expect(localeAtStart({ language: 'de', formatLocale: 'de-CH' }, ['en-US'])).toEqual({ language: 'de', formatLocale: 'de-CH' });
    expect(localeAtStart({ language: 'en', formatLocale: 'de-AT' }, ['de-DE'])).toEqual({ language: 'en', formatLocale: 'de-AT' });
  });

  it("before sign-in speaks German to a German browser and English to any other, in the browser's format when offered", () => {
    expect(localeAtStart(null, ['de-AT', 'en'])).toEqual({ language: 'de', formatLocale: 'de-AT' });
    expect(localeAtStart(null, ['de'])).toEqual({ language: 'de', formatLocale: 'de-DE' });
    expect(localeAtStart(null, ['en-GB'])).toEqual({ language: 'en', formatLocale: 'en-GB' });
    expect(localeAtStart(null, ['fr-FR'])).toEqual({ language: 'en', formatLocale: 'fr-FR' });
    expect(localeAtStart(null, ['es-ES'])).toEqual({ language: 'en', formatLocale: 'en-US' });
    expect(localeAtStart(null, [])).toEqual({ language: 'en', formatLocale: 'en-US' });
  });

  it('ignores a stored profile without a valid choice (saved by an older version of the app)', () => {
    expect(localeAtStart({}, ['de-DE'])).toEqual({ language: 'de', formatLocale: 'de-DE' });
    expect(localeAtStart({ language: 'fr', formatLocale: 'fr-FR' }, ['en-US'])).toEqual({ language: 'en', formatLocale: 'en-US' });
  });
});

describe('storedProfile', () => {
  const now = Date.parse('2026-12-06T12:00:00Z');
  const session = (sessionExpiresAt: number) => JSON.stringify({ sessionExpiresAt, user: { id: 'u1', language: 'de', formatLocale: 'de-DE' } });

  it('reads the profile of a live session, and nothing of an expired, missing or broken one', () => {
    expect(storedProfile(session(now + 1000), now)).toMatchObject({ language: 'de', formatLocale: 'de-DE' });
    expect(storedProfile(session(now - 1000), now)).toBeNull();
    expect(storedProfile(null, now)).toBeNull();
    expect(storedProfile('{not json', now)).toBeNull();
  });
});
