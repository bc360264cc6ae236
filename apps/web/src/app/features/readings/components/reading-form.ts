import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, input, LOCALE_ID, output, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  GLUCOSE_LIMITS,
  MEAL_CONTEXTS,
  NOTE_MAX_LENGTH,
  type CreateReadingBody,
  type GlucoseUnit,
  type MealContext,
  type Reading,
} from '@glucodiary/contracts';
import { fromZonedInputValue, toZonedInputValue } from '../../../core/time/zoned-time';
import { glucoseNumber, GlucoseNumberPipe } from '../../../shared/glucose/glucose-number';
import { glucoseUnitLabel, GlucoseUnitPipe } from '../../../shared/glucose/glucose-unit';
import { glucoseValueText } from '../../../shared/glucose/glucose-value';
import { MEAL_CONTEXT_LABELS } from './meal-context-label';

/**
 * The fast "log a reading" form: big value field, time defaulting to now (in the user's time
 * zone), meal context, note. Given a `reading`, it edits that reading instead.
 */
@Component({
  selector: 'app-reading-form',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, GlucoseNumberPipe, GlucoseUnitPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate aria-label="Add a reading" i18n-aria-label>
      <mat-form-field appearance="outline" class="value-field">
        <mat-label i18n>Glucose ({{ unit() | glucoseUnit }})</mat-label>
        <input
          #valueInput
          matInput
          type="number"
          inputmode="decimal"
          formControlName="value"
          [step]="unit() === 'mmol/L' ? 0.1 : 1"
          [required]="!beyondRange()"
          [placeholder]="beyondRange()?.text ?? ''"
        />
        @if (beyondRange(); as shown) {
          <mat-hint i18n>{{ shown.text }}: {{ shown.description }}. Leave empty to keep it.</mat-hint>
        } @else {
          <mat-hint>{{ limits().min | glucose: unit() }}–{{ limits().max | glucose: unit() }} {{ unit() | glucoseUnit }}</mat-hint>
        }
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label i18n>Taken at</mat-label>
        <input matInput type="datetime-local" formControlName="takenAt" required />
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label i18n>Meal context</mat-label>
        <mat-select formControlName="context">
          @for (context of contexts; track context) {
            <mat-option [value]="context">{{ labels[context] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline" class="note-field">
        <mat-label i18n>Note (optional)</mat-label>
        <input matInput formControlName="note" [maxlength]="noteMax" />
      </mat-form-field>
      @if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
      <button mat-flat-button type="submit" [disabled]="busy()">
        @if (reading()) {
          <ng-container i18n>Save changes</ng-container>
        } @else {
          <ng-container i18n>Add reading</ng-container>
        }
      </button>
    </form>
  `,
  styles: `
    form { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: flex-start; }
    .value-field input { font-size: 1.5rem; }
    .note-field { flex: 1 1 16rem; }
    button { margin-top: 0.5rem; min-height: 48px; }
    .error { flex-basis: 100%; }
  `,
})
export class ReadingForm {
  readonly unit = input.required<GlucoseUnit>();
  readonly timeZone = input.required<string>();
  readonly reading = input<Reading | null>(null);
  /** Emits a valid reading; the parent saves it and reports back through `saved()` or `failed()`. */
  readonly submitted = output<CreateReadingBody>();

  protected readonly contexts = MEAL_CONTEXTS;
  protected readonly labels = MEAL_CONTEXT_LABELS;
  protected readonly noteMax = NOTE_MAX_LENGTH;
  private readonly locale = inject(LOCALE_ID);
  /** A submitted reading is being saved (until `saved()` or `failed()`). */
  readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly valueInput = viewChild.required<ElementRef<HTMLInputElement>>('valueInput');
  /**
   * An edited LO/HI as shown, else null. Its stored value is the device's limit, not what was
   * measured, so the field starts empty rather than with that number; left empty, it stays a LO/HI.
   */
  protected readonly beyondRange = computed(() => {
    const reading = this.reading();
    return reading?.beyondRange ? glucoseValueText(reading) : null;
  });
  // The value is required through the template's [required], which a LO/HI being edited lifts.
  protected readonly form = inject(NonNullableFormBuilder).group({
    value: [null as number | null],
    takenAt: ['', Validators.required],
    context: ['before_meal' as MealContext, Validators.required],
    note: ['', Validators.maxLength(NOTE_MAX_LENGTH)],
  });

  constructor() {
    effect(() => {
      const reading = this.reading();
      this.form.reset({
        value: reading && !reading.beyondRange ? reading.value : null,
        takenAt: toZonedInputValue(reading ? new Date(reading.takenAt) : new Date(), this.timeZone()),
        context: reading?.context ?? 'before_meal',
        note: reading?.note ?? '',
      });
    });
  }

  protected limits() {
    return GLUCOSE_LIMITS[this.unit()];
  }

  saved(): void {
    this.busy.set(false);
    this.form.reset({
      value: null,
      takenAt: toZonedInputValue(new Date(), this.timeZone()),
      context: this.form.controls.context.value,
      note: '',
    });
  }

  /** Whether the person changed anything since the form was filled or last saved. */
  hasChanges(): boolean {
    return this.form.dirty;
  }

  /** Puts keyboard focus on the glucose value, where a new reading begins. */
  focus(): void {
    this.valueInput().nativeElement.focus();
  }

  failed(message: string): void {
    this.busy.set(false);
    this.error.set(message);
  }

  protected submit(): void {
    const { value: typed, takenAt, context, note } = this.form.getRawValue();
    // Sent back unchanged, the LO/HI's value is not an edit (see `readingChanges`).
    const reading = this.reading();
    const value = typed ?? (reading?.beyondRange ? reading.value : null);
    const { min, max } = this.limits();
    if (value === null || value < min || value > max) {
      this.error.set($localize`Enter a glucose value between ${glucoseNumber(min, this.unit(), this.locale)}:min: and ${glucoseNumber(max, this.unit(), this.locale)}:max: ${glucoseUnitLabel(this.unit())}:unit:.`);
      return;
    }
    if (this.form.invalid) {
      this.error.set($localize`Check the time and meal context.`);
      return;
    }
    this.error.set(null);
    this.busy.set(true);
    this.submitted.emit({
      value,
      unit: this.unit(),
      takenAt: fromZonedInputValue(takenAt, this.timeZone()).toISOString(),
      context,
      ...(note.trim() && { note: note.trim() }),
    });
  }
}
