import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  ACTIVITY_INTENSITIES,
  INSULIN_KINDS,
  INSULIN_NAME_MAX_LENGTH,
  INSULIN_PURPOSES,
  NOTE_MAX_LENGTH,
  TREATMENT_FIELDS,
  type ActivityIntensity,
  type InsulinKind,
  type InsulinPurpose,
  type Treatment,
  type TreatmentValueUnit,
} from '@glucodiary/contracts';
import { describeHttpError } from '../../../core/api/api-error';
import { AuthStore } from '../../../core/auth/auth.store';
import { fieldRefusals } from '../../../core/api/field-refusal';
import { fromZonedInputValue, toZonedInputValue } from '../../../core/time/zoned-time';
import { editProblems, FIELD_SUBJECTS, fieldsOfType, type EditedField, type EditedTreatment } from '../data-access/treatment-changes';
import { glucoseUnitLabel } from '../../../shared/glucose/glucose-unit';
import { ACTIVITY_INTENSITY_LABELS, INSULIN_KIND_LABELS, INSULIN_PURPOSE_LABELS, TREATMENT_TYPE_LABELS } from './treatment-text';

/**
 * Edits one treatment (or a new one's draft): its time and the fields its type has (see
 * TREATMENT_FIELDS). Emptying an optional field clears it. The parent saves and reports back
 * through `saved()` or `failed()`.
 */
@Component({
  selector: 'app-treatment-form',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatAutocompleteModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate [attr.aria-label]="formLabel()">
      <mat-form-field appearance="outline">
        <mat-label i18n>Taken at</mat-label>
        <input matInput type="datetime-local" formControlName="takenAt" required />
        @if (problemOf('takenAt'); as message) {
          <mat-error role="alert">{{ message }}</mat-error>
        }
      </mat-form-field>
      @if (has('units')) {
        <mat-form-field appearance="outline">
          <mat-label i18n>Insulin (units)</mat-label>
          <input matInput type="number" inputmode="decimal" step="0.05" formControlName="units" />
          @if (problemOf('units'); as message) {
            <mat-error role="alert">{{ message }}</mat-error>
          }
        </mat-form-field>
      }
      @if (has('insulinKind')) {
        <mat-form-field appearance="outline">
          <mat-label i18n>Kind</mat-label>
          <mat-select formControlName="insulinKind">
            @for (kind of kinds; track kind) {
              <mat-option [value]="kind">{{ kindLabels[kind] }}</mat-option>
            }
          </mat-select>
          @if (problemOf('insulinKind'); as message) {
            <mat-error role="alert">{{ message }}</mat-error>
          }
        </mat-form-field>
      }
      @if (has('purpose')) {
        <mat-form-field appearance="outline">
          <mat-label i18n>Purpose (optional)</mat-label>
          <mat-select formControlName="purpose">
            <mat-option [value]="null" i18n>Not said</mat-option>
            @for (purpose of purposes; track purpose) {
              <mat-option [value]="purpose">{{ purposeLabels[purpose] }}</mat-option>
            }
          </mat-select>
          @if (problemOf('purpose'); as message) {
            <mat-error role="alert">{{ message }}</mat-error>
          }
        </mat-form-field>
      }
      @if (has('insulinName')) {
        <mat-form-field appearance="outline">
          <mat-label i18n>Insulin name (optional)</mat-label>
          <input matInput formControlName="insulinName" [maxlength]="nameMax" autocomplete="off" [matAutocomplete]="yourInsulins" />
          <mat-autocomplete #yourInsulins="matAutocomplete">
            @for (name of insulinNames(); track name) {
              <mat-option [value]="name">{{ name }}</mat-option>
            }
          </mat-autocomplete>
          @if (problemOf('insulinName'); as message) {
            <mat-error role="alert">{{ message }}</mat-error>
          }
        </mat-form-field>
      }
      @if (has('grams')) {
        <mat-form-field appearance="outline">
          <mat-label i18n>Carbs (g)</mat-label>
          <input matInput type="number" inputmode="numeric" formControlName="grams" />
          @if (problemOf('grams'); as message) {
            <mat-error role="alert">{{ message }}</mat-error>
          }
        </mat-form-field>
      }
      @if (has('minutes')) {
        <mat-form-field appearance="outline">
          <mat-label i18n>Duration (minutes)</mat-label>
          <input matInput type="number" inputmode="numeric" formControlName="minutes" />
          @if (problemOf('minutes'); as message) {
            <mat-error role="alert">{{ message }}</mat-error>
          }
        </mat-form-field>
      }
      @if (has('intensity')) {
        <mat-form-field appearance="outline">
          <mat-label i18n>Intensity</mat-label>
          <mat-select formControlName="intensity">
            @for (intensity of intensities; track intensity) {
              <mat-option [value]="intensity">{{ intensityLabels[intensity] }}</mat-option>
            }
          </mat-select>
          @if (problemOf('intensity'); as message) {
            <mat-error role="alert">{{ message }}</mat-error>
          }
        </mat-form-field>
      }
      @if (has('value')) {
        <mat-form-field appearance="outline">
          <mat-label>{{ valueLabel() }}</mat-label>
          <input matInput type="number" inputmode="decimal" formControlName="value" />
          @if (problemOf('value'); as message) {
            <mat-error role="alert">{{ message }}</mat-error>
          }
        </mat-form-field>
      }
      @if (has('unit')) {
        <mat-form-field appearance="outline">
          <mat-label i18n>Unit</mat-label>
          <mat-select formControlName="unit">
            @for (unit of valueUnits(); track unit) {
              <mat-option [value]="unit">{{ unit === 'mmol/L' ? mmolLabel : unit }}</mat-option>
            }
          </mat-select>
          @if (problemOf('unit'); as message) {
            <mat-error role="alert">{{ message }}</mat-error>
          }
        </mat-form-field>
      }
      @if (has('note')) {
        <mat-form-field appearance="outline" class="note-field">
          <mat-label>{{ noteLabel() }}</mat-label>
          <input matInput formControlName="note" [maxlength]="noteMax" />
          @if (problemOf('note'); as message) {
            <mat-error role="alert">{{ message }}</mat-error>
          }
        </mat-form-field>
      }
      @if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
      <button mat-flat-button type="submit" [disabled]="busy()">{{ action() }}</button>
    </form>
  `,
  styles: `
    form { display: flex; flex-wrap: wrap; gap: 0 1rem; align-items: flex-start; }
    mat-form-field { flex: 1 1 12rem; }
    .note-field { flex-basis: 100%; }
    .error { flex-basis: 100%; }
    button { min-height: 48px; }
  `,
})
export class TreatmentForm {
  readonly treatment = input.required<Treatment>();
  readonly timeZone = input.required<string>();
  /** The submit button's words: an edit saves changes, a new entry is added. */
  readonly action = input($localize`Save changes`);
  readonly formLabel = input($localize`Edit entry`);
  /** Emits the edited fields of the treatment's type, empty ones as null. */
  readonly submitted = output<EditedTreatment>();

  protected readonly kinds = INSULIN_KINDS;
  protected readonly kindLabels = INSULIN_KIND_LABELS;
  protected readonly purposes = INSULIN_PURPOSES;
  protected readonly purposeLabels = INSULIN_PURPOSE_LABELS;
  protected readonly intensities = ACTIVITY_INTENSITIES;
  protected readonly intensityLabels = ACTIVITY_INTENSITY_LABELS;
  protected readonly nameMax = INSULIN_NAME_MAX_LENGTH;
  protected readonly noteMax = NOTE_MAX_LENGTH;
  /** An edit is being saved (until `saved()` or `failed()`). */
  readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly fields = computed(() => new Set<EditedField>(fieldsOfType(this.treatment().type)));
  protected readonly noteLabel = computed(() => (TREATMENT_FIELDS[this.treatment().type].required.includes('note') ? $localize`Note` : $localize`Note (optional)`));
  protected readonly valueLabel = computed(() => TREATMENT_TYPE_LABELS[this.treatment().type === 'hba1c' ? 'hba1c' : 'ketones']);
  protected readonly mmolLabel = glucoseUnitLabel('mmol/L');
  /** Ketones are measured in mmol/L only; an HbA1c in % or mmol/mol. */
  protected readonly valueUnits = computed<TreatmentValueUnit[]>(() => (this.treatment().type === 'hba1c' ? ['%', 'mmol/mol'] : ['mmol/L']));

  private readonly auth = inject(AuthStore);
  /** The user's insulins from Settings, offered while a name is typed (another name may be kept). */
  protected readonly insulinNames = computed(() => this.auth.user()?.insulinNames ?? []);
  private readonly fb = inject(NonNullableFormBuilder);
  // No validators but the time's `required`: see `submit`.
  protected readonly form = this.fb.group({
    takenAt: [''],
    units: [null as number | null],
    insulinKind: [null as InsulinKind | null],
    purpose: [null as InsulinPurpose | null],
    insulinName: [''],
    grams: [null as number | null],
    minutes: [null as number | null],
    intensity: [null as ActivityIntensity | null],
    value: [null as number | null],
    unit: [null as TreatmentValueUnit | null],
    note: [''],
  });

  constructor() {
    effect(() => {
      const treatment = this.treatment();
      this.form.reset({
        takenAt: toZonedInputValue(new Date(treatment.takenAt), this.timeZone()),
        units: treatment.units,
        insulinKind: treatment.insulinKind,
        purpose: treatment.purpose,
        insulinName: treatment.insulinName ?? '',
        grams: treatment.grams,
        minutes: treatment.minutes,
        intensity: treatment.intensity,
        value: treatment.value,
        unit: treatment.unit,
        note: treatment.note ?? '',
      });
    });
  }

  protected has(field: EditedField): boolean {
    return this.fields().has(field);
  }

  protected problemOf(field: EditedField): string | null {
    const errors = this.form.get(field)?.errors;
    if (!errors) return null;
    return (errors['problem'] as string | undefined) ?? (errors['required'] ? $localize`Enter when this was.` : null);
  }

  /** Whether the person changed anything since the form was filled. */
  hasChanges(): boolean {
    return this.form.dirty;
  }

  saved(): void {
    this.busy.set(false);
    this.form.markAsPristine();
  }

  /** Shows why the API refused the edit: beside each field it named, or in one message. */
  failed(error: unknown): void {
    this.busy.set(false);
    const refusals = fieldRefusals(error);
    const shown = refusals.filter(({ field }) => field === 'takenAt' || this.has(field as EditedField));
    for (const { field, message } of shown) this.mark(field as EditedField, `${FIELD_SUBJECTS[field as EditedField]} ${message}.`);
    this.error.set(shown.length === refusals.length && shown.length > 0 ? null : describeHttpError(error));
  }

  protected submit(): void {
    if (this.busy()) return;
    const values = this.form.getRawValue();
    const text = (value: string) => value.trim() || null;
    const edited: EditedTreatment = {
      takenAt: values.takenAt ? fromZonedInputValue(values.takenAt, this.timeZone()).toISOString() : '',
    };
    for (const field of fieldsOfType(this.treatment().type)) {
      const value = values[field];
      Object.assign(edited, { [field]: typeof value === 'string' ? text(value) : value });
    }
    const problems = Object.entries(editProblems(this.treatment().type, edited)) as [EditedField, string][];
    for (const [field, message] of problems) this.mark(field, message);
    if (problems.length > 0) return;
    this.error.set(null);
    this.busy.set(true);
    this.submitted.emit(edited);
  }

  private mark(field: EditedField, message: string): void {
    const control = this.form.get(field);
    control?.setErrors({ problem: message });
    control?.markAsTouched();
  }
}
