import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { addDays } from '@glucodiary/clinical';
import { isLocalDate } from '../data-access/local-day';

/** From one day to the day before or after, back to today, or to any day by its date. Days to come hold nothing yet. */
@Component({
  selector: 'app-day-navigation',
  imports: [RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav i18n-aria-label aria-label="Days">
      <a mat-stroked-button [routerLink]="['/day', previous()]" i18n>Previous day</a>
      @if (day() !== today()) {
        <a mat-stroked-button [routerLink]="['/day', today()]" i18n>Today</a>
      }
      @if (next() <= today()) {
        <a mat-stroked-button [routerLink]="['/day', next()]" i18n>Next day</a>
      }
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label i18n>Go to day</mat-label>
        <input matInput type="date" [value]="day()" [max]="today()" (change)="goTo($event)" />
      </mat-form-field>
    </nav>
  `,
  styles: `
    nav { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
    a { min-height: 44px; }
    mat-form-field { width: 11rem; }
  `,
})
export class DayNavigation {
  /** The day shown and the user's today, as YYYY-MM-DD. */
  readonly day = input.required<string>();
  readonly today = input.required<string>();

  private readonly router = inject(Router);
  protected readonly previous = computed(() => addDays(this.day(), -1));
  protected readonly next = computed(() => addDays(this.day(), 1));

  protected goTo(event: Event): void {
    const date = (event.target as HTMLInputElement).value;
    if (isLocalDate(date) && date !== this.day()) void this.router.navigate(['/day', date]);
  }
}
