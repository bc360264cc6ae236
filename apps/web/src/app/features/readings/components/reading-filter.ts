import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MEAL_CONTEXTS, type MealContext } from '@glucodiary/contracts';
import { addDays, startOfLocalDay } from '@glucodiary/clinical';
import type { ReadingFilter } from '../data-access/readings.api';
import { MEAL_CONTEXT_LABELS } from './meal-context-label';

/** Narrows the list by meal context and by days (whole local days in the user's time zone). */
@Component({
  selector: 'app-reading-filter',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="apply()" class="filter" aria-label="Filter readings" i18n-aria-label>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label i18n>Context</mat-label>
        <mat-select formControlName="context">
          <mat-option value="" i18n>All</mat-option>
          @for (context of contexts; track context) {
            <mat-option [value]="context">{{ labels[context] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label i18n>From day</mat-label>
        <input matInput type="date" formControlName="from" />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label i18n>To day</mat-label>
        <input matInput type="date" formControlName="to" />
      </mat-form-field>
      <button mat-stroked-button type="submit" i18n>Filter</button>
      <button mat-button type="button" (click)="clear()" i18n>Clear</button>
    </form>
  `,
  styles: `.filter { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }`,
})
export class ReadingFilterForm {
  readonly timeZone = input.required<string>();
  readonly changed = output<ReadingFilter>();
  protected readonly contexts = MEAL_CONTEXTS;
  protected readonly labels = MEAL_CONTEXT_LABELS;
  protected readonly form = inject(NonNullableFormBuilder).group({ context: '', from: '', to: '' });

  protected apply(): void {
    const { context, from, to } = this.form.getRawValue();
    this.changed.emit({
      context: (context || null) as MealContext | null,
      from: from ? startOfLocalDay(from, this.timeZone()) : null,
      to: to ? new Date(startOfLocalDay(addDays(to, 1), this.timeZone()).getTime() - 1) : null,
    });
  }

  protected clear(): void {
    this.form.reset();
    this.apply();
  }
}
