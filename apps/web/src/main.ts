import { STORAGE_KEY } from './app/core/auth/auth.store';
import { provideLocale } from './app/core/i18n/locale';
import { localeAtStart, storedProfile } from './app/core/i18n/locale-choice';
import { registerFormatLocales } from './app/core/i18n/locale-data';
import { useLanguage } from './app/core/i18n/translations';

/**
 * The language is chosen and its translations loaded before any of the app's code is: the app is
 * imported only then, so that every message it holds is read in that language.
 */
async function start(): Promise<void> {
  const choice = localeAtStart(storedProfile(localStorage.getItem(STORAGE_KEY)), navigator.languages);
  registerFormatLocales();
  // Translations that cannot be fetched (offline before the worker kept them) must not leave a
  // blank page: the app starts in English then, still counting the choice as loaded (no reload loop).
  await useLanguage(choice.language).catch((error: unknown) => console.error(error));
  const [{ bootstrapApplication }, { appConfig }, { App }] = await Promise.all([
    import('@angular/platform-browser'),
    import('./app/app.config'),
    import('./app/app'),
  ]);
  await bootstrapApplication(App, { ...appConfig, providers: [...appConfig.providers, provideLocale(choice)] });
}

start().catch((err) => console.error(err));
