import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { FORMAT_LOCALES, LANGUAGES, type FormatLocale, type Language } from '@glucodiary/contracts';
import { describeHttpError } from '../../../core/api/api-error';
import { AuthStore } from '../../../core/auth/auth.store';
import { LOADED_LOCALE } from '../../../core/i18n/locale';
import { formatZoned } from '../../../core/i18n/zoned-date-format';
import { ProfileApi } from '../../../core/profile/profile.api';
import { glucoseWithUnit } from '../../../shared/glucose/glucose-number';

/** Each language by its own name, as a person looking for theirs reads it. */
const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', de: 'Deutsch' };

/**
 * The language of the app's words and, apart from it, how numbers and dates are written. Saving
 * stores both in the profile; the page then starts afresh in them (LocaleSync).
 */
@Component({
  selector: 'app-language-settings',
  imports: [MatFormFieldModule, MatSelectModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="language-settings-title">
      <h2 id="language-settings-title" i18n>Language and format</h2>
      <div class="fields">
        <mat-form-field appearance="outline">
          <mat-label i18n>Language</mat-label>
          <mat-select [value]="language()" (selectionChange)="language.set($event.value)">
            @for (option of languages; track option) {
              <mat-option [value]="option" [attr.lang]="option">{{ languageNames[option] }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label i18n>Numbers and dates</mat-label>
          <mat-select [value]="formatLocale()" (selectionChange)="formatLocale.set($event.value)">
            @for (option of formatOptions; track option.locale) {
              <mat-option [value]="option.locale">{{ option.name }}</mat-option>
            }
          </mat-select>
          <mat-hint><span i18n>Example:</span> <span class="example">{{ example() }}</span></mat-hint>
        </mat-form-field>
      </div>
      @if (error(); as text) {
        <p class="error" role="alert">{{ text }}</p>
      }
      <button mat-flat-button type="button" (click)="save()" [disabled]="busy() || !changed()" i18n>Save language and format</button>
    </section>
  `,
  styles: `
    h2 { font-size: 1.25rem; margin: 0 0 0.5rem; }
    .fields { display: flex; flex-wrap: wrap; gap: 0 1rem; max-width: 40rem; margin-bottom: 1rem; }
    .fields mat-form-field { flex: 1 1 16rem; }
    .example { white-space: nowrap; }
    .error { margin: 0 0 0.75rem; }
    button { min-height: 48px; }
  `,
})
export class LanguageSettings {
  private readonly auth = inject(AuthStore);
  private readonly profiles = inject(ProfileApi);
  private readonly loaded = inject(LOADED_LOCALE);

  protected readonly languages = LANGUAGES;
  protected readonly languageNames = LANGUAGE_NAMES;
  /** "German (Switzerland)", named in the page's language. */
  protected readonly formatOptions = (() => {
    const names = new Intl.DisplayNames([this.loaded.language], { type: 'language' });
    return FORMAT_LOCALES.map((locale) => ({ locale, name: names.of(locale) ?? locale }));
  })();

  protected readonly language = signal<Language>(this.auth.user()?.language ?? this.loaded.language);
  protected readonly formatLocale = signal<FormatLocale>(this.auth.user()?.formatLocale ?? this.loaded.formatLocale);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly changed = computed(() => {
    const user = this.auth.user();
    return this.language() !== user?.language || this.formatLocale() !== user?.formatLocale;
  });

  /** A glucose value and this moment as the chosen format writes them: "7,2 mmol/l · 06.12.2026, 14:30". */
  protected readonly example = computed(() => {
    const locale = this.formatLocale();
    return `${glucoseWithUnit(7.2, 'mmol/L', locale)} · ${formatZoned(Date.now(), this.auth.timeZone(), 'dateTime', locale)}`;
  });

  protected async save(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      // The saved profile differs from the page's locale: LocaleSync reloads the page in the new one.
      await this.profiles.update({ language: this.language(), formatLocale: this.formatLocale() });
    } catch (error) {
      this.error.set(describeHttpError(error));
    } finally {
      this.busy.set(false);
    }
  }
}
