import { registerLocaleData } from '@angular/common';
import localeDe from '@angular/common/locales/de';
import localeDeAt from '@angular/common/locales/de-AT';
import localeDeCh from '@angular/common/locales/de-CH';
import localeEnGb from '@angular/common/locales/en-GB';
import localeFr from '@angular/common/locales/fr';
import localeNl from '@angular/common/locales/nl';

/**
 * Angular's number and date data for every format a profile can choose (FORMAT_LOCALES; en-US is
 * built in). de-DE, fr-FR and nl-NL resolve to their language's data.
 */
export function registerFormatLocales(): void {
  for (const data of [localeEnGb, localeDe, localeDeAt, localeDeCh, localeFr, localeNl]) registerLocaleData(data);
}
