import { DecimalPipe } from '@angular/common';
import { afterNextRender, ChangeDetectionStrategy, Component, computed, ElementRef, inject, Injector, input, OnInit, output, signal, viewChild } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import {
  GLUCOSE_LIMITS,
  INSULIN_KINDS,
  INSULIN_PURPOSES,
  MEAL_CONTEXTS,
  NOTE_MAX_LENGTH,
  type GlucoseUnit,
  type InsulinKind,
  type InsulinPurpose,
  type MealContext,
  type Reading,
  type Treatment,
} from '@glucodiary/contracts';
import { localTimeOf } from '@glucodiary/clinical';
import { GlucoseUnitPipe } from '../../../shared/glucose/glucose-unit';
import type { Notice } from '../../../shared/notice/notice';
import { listed } from '../../../shared/text/count-text';
import { fromZonedInputValue, toZonedInputValue } from '../../../core/time/zoned-time';
import { MEAL_CONTEXT_LABELS } from '../../readings/components/meal-context-label';
import { partRefusal, QuickLogApi, quickLogEntry, type PartOutcome, type QuickLogControl, type QuickLogPartKind } from '../data-access/quick-log';
import { INSULIN_KIND_LABELS, INSULIN_PURPOSE_LABELS } from './treatment-text';

/** What one save stored: the reading, if one was filled, and the treatments. */
export interface QuickLogSaved {
  reading: Reading | null;
  treatments: Treatment[];
}

interface EntryNotice extends Notice {
  /** The local day the entry was for, to link to its Day page. */
  day: string | null;
}

const PART_NAMES: Readonly<Record<QuickLogPartKind, string>> = {
  glucose: $localize`the glucose reading`,
  insulin: $localize`the insulin`,
  carbs: $localize`the carbs`,
  note: $localize`the note`,
};

/** The value a control goes back to once what it held is saved. */
const EMPTY: Partial<Record<QuickLogControl, null | ''>> = { 'glucose.value': null, 'insulin.units': null, 'insulin.name': '', 'carbs.grams': null, note: '' };

/**
 * One entry for one moment, as a phone diary keeps it: a time, then whichever of glucose,
 * insulin, carbs and a note there is. Each part is saved by its own request; a refused part keeps
 * what was typed and says why beside its field, while the parts that were saved are emptied so a
 * second try does not store them twice.
 */
@Component({
  selector: 'app-quick-log-form',
  imports: [DecimalPipe, GlucoseUnitPipe, ReactiveFormsModule, RouterLink, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate i18n-aria-label aria-label="Quick log">
      <mat-form-field appearance="outline" class="time-field">
        <mat-label i18n>Taken at</mat-label>
        <input matInput type="datetime-local" formControlName="takenAt" required />
        @if (problemOf('takenAt'); as message) {
          <mat-error role="alert">{{ message }}</mat-error>
        }
      </mat-form-field>

      <fieldset formGroupName="glucose">
        <legend i18n>Glucose</legend>
        <mat-form-field appearance="outline" class="value-field">
          <mat-label i18n>Glucose ({{ unit() | glucoseUnit }})</mat-label>
          <input #glucoseInput matInput type="number" inputmode="decimal" formControlName="value" [step]="unit() === 'mmol/L' ? 0.1 : 1" />
          <mat-hint>{{ glucoseLimits().min | number }}–{{ glucoseLimits().max | number }} {{ unit() | glucoseUnit }}</mat-hint>
          @if (problemOf('glucose.value'); as message) {
            <mat-error role="alert">{{ message }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label i18n>Meal context</mat-label>
          <mat-select formControlName="context">
            @for (context of contexts; track context) {
              <mat-option [value]="context">{{ contextLabels[context] }}</mat-option>
            }
          </mat-select>
          @if (problemOf('glucose.context'); as message) {
            <mat-error role="alert">{{ message }}</mat-error>
          }
        </mat-form-field>
      </fieldset>

      <fieldset formGroupName="insulin">
        <legend i18n>Insulin</legend>
        <mat-form-field appearance="outline" class="value-field">
          <mat-label i18n>Insulin (units)</mat-label>
          <input matInput type="number" inputmode="decimal" formControlName="units" step="0.05" />
          @if (problemOf('insulin.units'); as message) {
            <mat-error role="alert">{{ message }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label i18n>Kind</mat-label>
          <mat-select formControlName="kind">
            @for (kind of kinds; track kind) {
              <mat-option [value]="kind">{{ kindLabels[kind] }}</mat-option>
            }
          </mat-select>
          @if (problemOf('insulin.kind'); as message) {
            <mat-error role="alert">{{ message }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label i18n>Purpose (optional)</mat-label>
          <mat-select formControlName="purpose">
            <mat-option [value]="null" i18n>Not said (meal when carbs are logged with it)</mat-option>
            @for (purpose of purposes; track purpose) {
              <mat-option [value]="purpose">{{ purposeLabels[purpose] }}</mat-option>
            }
          </mat-select>
          @if (problemOf('insulin.purpose'); as message) {
            <mat-error role="alert">{{ message }}</mat-error>
          }
        </mat-form-field>
        @if (insulinNames().length > 0) {
          <mat-form-field appearance="outline">
            <mat-label i18n>Insulin name (optional)</mat-label>
            <mat-select formControlName="name">
              <mat-option value="" i18n>Not said</mat-option>
              @for (name of insulinNames(); track name) {
                <mat-option [value]="name">{{ name }}</mat-option>
              }
            </mat-select>
            @if (problemOf('insulin.name'); as message) {
              <mat-error role="alert">{{ message }}</mat-error>
            }
          </mat-form-field>
        } @else {
          <p class="hint" i18n><a routerLink="/settings">Name your insulins</a> to choose one here.</p>
        }
      </fieldset>

      <fieldset formGroupName="carbs">
        <legend i18n>Carbs</legend>
        <mat-form-field appearance="outline" class="value-field">
          <mat-label i18n>Carbs (g)</mat-label>
          <input matInput type="number" inputmode="numeric" formControlName="grams" step="1" />
          @if (problemOf('carbs.grams'); as message) {
            <mat-error role="alert">{{ message }}</mat-error>
          }
        </mat-form-field>
      </fieldset>

      <mat-form-field appearance="outline" class="note-field">
        <mat-label i18n>Note (optional)</mat-label>
        <input matInput formControlName="note" [maxlength]="noteMax" />
        @if (problemOf('note'); as message) {
          <mat-error role="alert">{{ message }}</mat-error>
        }
      </mat-form-field>

      @if (notice(); as shown) {
        <p [class]="shown.failed ? 'error' : 'notice'" [attr.role]="shown.failed ? 'alert' : 'status'">
          {{ shown.text }}
          @if (shown.day) {
            <a [routerLink]="['/day', shown.day]" i18n>See the day</a>
          }
        </p>
      }
      <button mat-flat-button type="submit" [disabled]="busy()" i18n>Save entry</button>
    </form>
  `,
  styles: `
    form { display: flex; flex-direction: column; }
    fieldset { display: flex; flex-wrap: wrap; gap: 0 1rem; border: 0; padding: 0; margin: 0 0 0.25rem; min-width: 0; }
    legend { font-weight: 600; padding: 0 0 0.5rem; }
    mat-form-field { flex: 1 1 10rem; }
    .time-field { max-width: 20rem; }
    .value-field input { font-size: 1.25rem; }
    .notice, .error { margin: 0 0 0.75rem; }
    .notice a { margin-left: 0.25rem; }
    .hint { flex: 1 1 10rem; align-self: center; margin: 0 0 1.25rem; font-size: 0.875rem; }
    button { align-self: flex-start; min-height: 48px; }
  `,
})
export class QuickLogForm implements OnInit {
  readonly unit = input.required<GlucoseUnit>();
  readonly timeZone = input.required<string>();
  /** The user's insulins by name, from Settings. */
  readonly insulinNames = input<readonly string[]>([]);
  /** Whatever a save stored, also when another part of it was refused. */
  readonly saved = output<QuickLogSaved>();

  protected readonly contexts = MEAL_CONTEXTS;
  protected readonly contextLabels = MEAL_CONTEXT_LABELS;
  protected readonly kinds = INSULIN_KINDS;
  protected readonly kindLabels = INSULIN_KIND_LABELS;
  protected readonly purposes = INSULIN_PURPOSES;
  protected readonly purposeLabels = INSULIN_PURPOSE_LABELS;
  protected readonly noteMax = NOTE_MAX_LENGTH;
  protected readonly glucoseLimits = computed(() => GLUCOSE_LIMITS[this.unit()]);
  protected readonly busy = signal(false);
  protected readonly notice = signal<EntryNotice | null>(null);

  private readonly api = inject(QuickLogApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly glucoseInput = viewChild.required<ElementRef<HTMLInputElement>>('glucoseInput');
  /** Reset through the directive once all is saved, so the emptied fields are not shown as errors of a submitted form. */
  private readonly formDirective = viewChild.required(FormGroupDirective);

  private readonly fb = inject(NonNullableFormBuilder);
  // No validators but the time's `required`: what is wrong is worked out on submit (quickLogEntry)
  // and set as the control's error, which the next keystroke in that field clears.
  protected readonly form = this.fb.group({
    takenAt: [''],
    glucose: this.fb.group({ value: [null as number | null], context: ['before_meal' as MealContext] }),
    insulin: this.fb.group({
      units: [null as number | null],
      kind: ['rapid' as InsulinKind],
      purpose: [null as InsulinPurpose | null],
      name: [''],
    }),
    carbs: this.fb.group({ grams: [null as number | null] }),
    note: [''],
  });

  ngOnInit(): void {
    this.form.controls.takenAt.setValue(toZonedInputValue(new Date(), this.timeZone()));
  }

  /** Puts keyboard focus on the glucose value, where an entry usually begins. */
  focus(): void {
    this.glucoseInput().nativeElement.focus();
  }

  /** The message beside a control: what the browser or the API found wrong with it. */
  protected problemOf(path: QuickLogControl): string | null {
    const errors = this.form.get(path)?.errors;
    if (!errors) return null;
    return (errors['problem'] as string | undefined) ?? (errors['required'] ? $localize`Enter when this was.` : null);
  }

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    // A time the user never touched means "now": the page may have been open for hours.
    const takenAt = this.form.controls.takenAt;
    if (takenAt.pristine) {
      takenAt.setValue(toZonedInputValue(new Date(), this.timeZone()));
      // Kept if a part is refused, so the retry stores it at the same moment as the parts saved now.
      takenAt.markAsDirty();
    }
    const values = this.form.getRawValue();
    const { parts, problems } = quickLogEntry(values, this.unit(), this.timeZone());
    this.notice.set(null);
    if (this.markProblems(problems)) return;
    if (parts.length === 0) {
      this.notice.set({ failed: true, text: $localize`Fill in a glucose value, insulin, carbs or a note first.`, day: null });
      return;
    }
    this.busy.set(true);
    try {
      this.settle(await this.api.save(parts), values.takenAt);
    } finally {
      this.busy.set(false);
    }
  }

  /** Empties what was stored, marks what was refused, and says what came of it. */
  private settle(outcomes: PartOutcome[], takenAt: string): void {
    const saved = outcomes.filter((outcome) => outcome.saved !== undefined);
    const queued = outcomes.filter((outcome) => outcome.queued !== undefined);
    const refused = outcomes.filter((outcome) => outcome.error !== undefined);
    // A part kept on this device to send later is done with, as far as the form goes.
    for (const { part } of [...saved, ...queued]) {
      for (const control of part.controls) this.form.get(control)?.reset(EMPTY[control]);
    }
    const day = localTimeOf(fromZonedInputValue(takenAt, this.timeZone()), this.timeZone()).date;
    if (saved.length > 0) {
      const stored = saved.map((outcome) => outcome.saved as Reading | Treatment);
      this.saved.emit({
        reading: (saved.find((outcome) => outcome.part.kind === 'glucose')?.saved as Reading | undefined) ?? null,
        treatments: stored.filter((item): item is Treatment => 'type' in item),
      });
    }
    const savedText = [
      saved.length ? $localize`Saved ${listed(saved.map(({ part }) => PART_NAMES[part.kind]))}:parts:.` : '',
      queued.length ? $localize`No connection: ${listed(queued.map(({ part }) => PART_NAMES[part.kind]))}:parts: will be sent when you are back online.` : '',
    ]
      .filter(Boolean)
      .join(' ');
    if (refused.length === 0) {
      this.formDirective().resetForm({ ...this.form.getRawValue(), takenAt: toZonedInputValue(new Date(), this.timeZone()) });
      this.notice.set({ failed: false, text: savedText, day: saved.length ? day : null });
      return;
    }
    const reasons: string[] = [];
    const problems: Partial<Record<QuickLogControl, string>> = {};
    for (const { part, error } of refused) {
      const refusal = partRefusal(part.kind, error);
      Object.assign(problems, refusal.byControl);
      reasons.push(refusal.general ? `${PART_NAMES[part.kind]} (${refusal.general})` : PART_NAMES[part.kind]);
    }
    this.markProblems(problems);
    const text = [savedText, $localize`Not saved: ${listed(reasons)}:parts:. What you typed is still here; fix what is marked and save again.`].filter(Boolean).join(' ');
    this.notice.set({ failed: true, text, day: saved.length ? day : null });
  }

  /** Sets each problem beside its control and moves focus to the first; false when there is none. */
  private markProblems(problems: Partial<Record<QuickLogControl, string>>): boolean {
    const marked = Object.entries(problems) as [QuickLogControl, string][];
    for (const [control, message] of marked) {
      this.form.get(control)?.setErrors({ problem: message });
      this.form.get(control)?.markAsTouched();
    }
    if (marked.length === 0) return false;
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('[aria-invalid=true]')?.focus(), { injector: this.injector });
    return true;
  }
}
