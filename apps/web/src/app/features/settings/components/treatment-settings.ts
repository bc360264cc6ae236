import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import {
  DEFAULT_GRAMS_PER_SERVING,
  GRAMS_PER_SERVING_LIMITS,
  INSULIN_NAME_MAX_LENGTH,
  INSULIN_NAMES_MAX,
} from '@glucodiary/contracts';
import { describeHttpError } from '../../../core/api/api-error';
import { AuthStore } from '../../../core/auth/auth.store';
import { ProfileApi } from '../../../core/profile/profile.api';

/**
 * The user's insulins by name (offered when a dose is logged) and the grams of carbohydrate in a
 * serving (how imports that count servings are converted). Saved together, apart from the profile
 * form, so a half-typed name never blocks a change of unit.
 */
@Component({
  selector: 'app-treatment-settings',
  imports: [FormsModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="treatment-settings-title">
      <h2 id="treatment-settings-title" i18n>Insulin and carbohydrates</h2>
      <h3 id="insulin-names-title" i18n>Your insulins</h3>
      @if (names().length === 0) {
        <p i18n>No insulins named yet. Name the ones you use (for example Humalog, Tresiba) to choose them when you log a dose.</p>
      } @else {
        <ul aria-labelledby="insulin-names-title">
          @for (name of names(); track name; let i = $index) {
            <li>
              <span class="name">{{ name }}</span>
              <button mat-button type="button" (click)="remove(i)" [attr.aria-label]="removeLabel(name)" i18n>Remove</button>
            </li>
          }
        </ul>
      }
      <form class="add" (ngSubmit)="add()" novalidate>
        <mat-form-field appearance="outline">
          <mat-label i18n>Insulin name</mat-label>
          <input matInput name="newName" [(ngModel)]="newName" [maxlength]="nameMax" autocomplete="off" [disabled]="names().length >= namesMax" />
          @if (names().length >= namesMax) {
            <mat-hint i18n>At most {{ namesMax }} names</mat-hint>
          }
        </mat-form-field>
        <button mat-stroked-button type="submit" [disabled]="names().length >= namesMax" i18n>Add insulin</button>
      </form>
      @if (addProblem(); as problem) {
        <p class="error" role="alert">{{ problem }}</p>
      }

      <mat-form-field appearance="outline" class="servings">
        <mat-label i18n>Grams of carbohydrate per serving</mat-label>
        <input matInput type="number" inputmode="decimal" name="gramsPerServing" [(ngModel)]="gramsPerServing" [min]="limits.min" [max]="limits.max" step="0.5" />
        <mat-hint i18n>Used when an imported file counts servings instead of grams ({{ defaultGrams }} g unless you change it)</mat-hint>
      </mat-form-field>

      @if (message(); as text) {
        <p [class]="failed() ? 'error' : 'notice'" [attr.role]="failed() ? 'alert' : 'status'">{{ text }}</p>
      }
      <button mat-flat-button type="button" (click)="save()" [disabled]="busy() || !changed()" i18n>Save insulins and servings</button>
    </section>
  `,
  styles: `
    h2 { font-size: 1.25rem; margin: 0 0 0.5rem; }
    h3 { font-size: 1.05rem; margin: 0.5rem 0 0.25rem; }
    ul { list-style: none; padding: 0; margin: 0 0 0.5rem; max-width: 32rem; }
    li { display: flex; align-items: center; justify-content: space-between; border-bottom: 1px solid #e0e0e0; }
    .add { display: flex; gap: 1rem; align-items: flex-start; flex-wrap: wrap; max-width: 32rem; }
    .add mat-form-field { flex: 1 1 12rem; }
    .add button, section > button { min-height: 48px; }
    .servings { display: block; max-width: 32rem; margin: 1rem 0 1.5rem; }
    .error, .notice { margin: 0 0 0.75rem; }
  `,
})
export class TreatmentSettings {
  private readonly auth = inject(AuthStore);
  private readonly profiles = inject(ProfileApi);
  protected readonly nameMax = INSULIN_NAME_MAX_LENGTH;
  protected readonly namesMax = INSULIN_NAMES_MAX;
  protected readonly limits = GRAMS_PER_SERVING_LIMITS;
  protected readonly defaultGrams = DEFAULT_GRAMS_PER_SERVING;

  private readonly saved = computed(() => ({
    names: this.auth.user()?.insulinNames ?? [],
    gramsPerServing: this.auth.user()?.gramsPerServing ?? DEFAULT_GRAMS_PER_SERVING,
  }));
  protected readonly names = signal<readonly string[]>(this.saved().names);
  protected readonly newName = signal('');
  protected readonly gramsPerServing = signal<number | null>(this.saved().gramsPerServing);
  protected readonly addProblem = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly failed = signal(false);
  protected readonly changed = computed(
    () => this.gramsPerServing() !== this.saved().gramsPerServing || this.names().join('\n') !== this.saved().names.join('\n'),
  );

  protected add(): void {
    const name = this.newName().trim();
    this.addProblem.set(null);
    if (name === '') return;
    if (this.names().some((known) => known.toLocaleLowerCase('en') === name.toLocaleLowerCase('en'))) {
      this.addProblem.set($localize`"${name}:name:" is already in your list.`);
      return;
    }
    this.names.update((names) => [...names, name]);
    this.newName.set('');
  }

  protected removeLabel(name: string): string {
    return $localize`Remove ${name}:name:`;
  }

  protected remove(index: number): void {
    this.names.update((names) => names.filter((_, i) => i !== index));
  }

  protected async save(): Promise<void> {
    const grams = this.gramsPerServing();
    if (grams === null || !(grams >= this.limits.min && grams <= this.limits.max) || grams * 2 !== Math.round(grams * 2)) {
      this.failed.set(true);
      this.message.set($localize`Grams per serving must be between ${this.limits.min}:min: and ${this.limits.max}:max:, in steps of 0.5.`);
      return;
    }
    this.busy.set(true);
    this.message.set(null);
    try {
      const profile = await this.profiles.update({ insulinNames: [...this.names()], gramsPerServing: grams });
      this.names.set(profile.insulinNames);
      this.failed.set(false);
      this.message.set($localize`Insulins and servings saved.`);
    } catch (error) {
      this.failed.set(true);
      this.message.set(describeHttpError(error));
    } finally {
      this.busy.set(false);
    }
  }
}
