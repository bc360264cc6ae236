import { DOCUMENT } from '@angular/common';
import { effect, inject, Injectable, InjectionToken, LOCALE_ID, type Provider } from '@angular/core';
import { AuthStore, RELOAD_PAGE } from '../auth/auth.store';
import { DEFAULT_LOCALE_CHOICE, differsFrom, profileChoice, type LocaleChoice } from './locale-choice';

/** The language and format this page was started in (translations cannot change without a reload). */
export const LOADED_LOCALE = new InjectionToken<LocaleChoice>('LOADED_LOCALE', {
  providedIn: 'root',
  factory: () => DEFAULT_LOCALE_CHOICE,
});

/** The page speaks `choice.language` and writes numbers and dates as `choice.formatLocale` does. */
export function provideLocale(choice: LocaleChoice): Provider[] {
  return [
    { provide: LOADED_LOCALE, useValue: choice },
    { provide: LOCALE_ID, useValue: choice.formatLocale },
  ];
}

/**
 * Follows the signed-in user's choice: a sign-in, a change in Settings (here or in another tab)
 * or a profile fetched at start that asks for another language or format than the page was
 * started in starts the app afresh in it (the choice is stored with the session, which
 * `localeAtStart` reads), once.
 */
@Injectable({ providedIn: 'root' })
export class LocaleSync {
  private readonly auth = inject(AuthStore);
  private readonly loaded = inject(LOADED_LOCALE);
  private readonly reloadPage = inject(RELOAD_PAGE);

  constructor() {
    inject(DOCUMENT).documentElement.lang = this.loaded.language;
    effect(() => {
      const chosen = profileChoice(this.auth.user());
      if (chosen && differsFrom(this.loaded, chosen)) this.reloadPage();
    });
  }
}
