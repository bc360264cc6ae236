import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, input, LOCALE_ID, output, viewChildren } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { Reading, UserProfile } from '@glucodiary/contracts';
import { formatZoned } from '../../../core/i18n/zoned-date-format';
import { bandViewOf } from '../../../shared/glucose/glucose-band';
import { GlucoseUnitPipe } from '../../../shared/glucose/glucose-unit';
import { GlucoseValue } from '../../../shared/glucose/glucose-value';
import { MEAL_CONTEXT_LABELS } from './meal-context-label';

@Component({
  selector: 'app-reading-list',
  imports: [MatButtonModule, GlucoseValue, GlucoseUnitPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (rows().length === 0) {
      <p class="empty" i18n>No readings yet. Your first one goes in the form above.</p>
    } @else {
      <table class="readings" aria-label="Your readings" i18n-aria-label>
        <thead>
          <tr>
            <th scope="col" i18n>When</th><th scope="col" i18n>Glucose</th><th scope="col" i18n>Context</th><th scope="col" class="note" i18n>Note</th>
            <th scope="col"><span class="visually-hidden" i18n>Actions</span></th>
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track row.reading.id) {
            <tr>
              <td>{{ row.when }}</td>
              <td class="value" [class]="'band-' + row.band">
                <app-glucose-value [reading]="row.reading" />
                @if (!row.reading.beyondRange) {
                  <span class="unit"> {{ row.reading.unit | glucoseUnit }}</span>
                }
                <span class="band">{{ row.symbol }} {{ row.bandLabel }}</span>
              </td>
              <td>{{ labels[row.reading.context] }}</td>
              <td class="note">{{ row.reading.note }}</td>
              <td class="actions">
                <button #editButton mat-button type="button" (click)="edit.emit(row.reading)" [attr.aria-label]="row.editLabel" i18n>Edit</button>
                <button mat-button type="button" (click)="remove.emit(row.reading)" [attr.aria-label]="row.deleteLabel" i18n>Delete</button>
              </td>
            </tr>
          }
        </tbody>
      </table>
    }
  `,
  styles: `
    .readings { width: 100%; border-collapse: collapse; }
    th, td { text-align: left; padding: 0.4rem; border-bottom: 1px solid var(--mat-sys-outline-variant, #ccc); vertical-align: middle; }
    .value { font-weight: 600; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .unit, .band { font-weight: 400; font-size: 0.8em; }
    .band { display: block; }
    .actions { white-space: nowrap; text-align: right; }
    @media (max-width: 600px) { .note { display: none; } .actions button { min-width: 0; padding: 0 6px; } }
  `,
})
export class ReadingList {
  readonly readings = input.required<Reading[]>();
  readonly profile = input.required<UserProfile | null>();
  readonly edit = output<Reading>();
  readonly remove = output<Reading>();
  protected readonly labels = MEAL_CONTEXT_LABELS;
  private readonly locale = inject(LOCALE_ID);
  private readonly editButtons = viewChildren<unknown, ElementRef<HTMLButtonElement>>('editButton', { read: ElementRef });

  /** Focuses the Edit button of the row at `index`, or of the last row when there are fewer; false when the list is empty. */
  focusRow(index: number): boolean {
    const buttons = this.editButtons();
    const button = buttons[Math.min(index, buttons.length - 1)];
    button?.nativeElement.focus();
    return button !== undefined;
  }

  protected readonly rows = computed(() => {
    const profile = this.profile();
    const timeZone = profile?.timeZone ?? 'UTC';
    return this.readings().map((reading) => {
      const when = formatZoned(reading.takenAt, timeZone, 'weekdayDayMonthTime', this.locale);
      return {
        reading,
        ...bandViewOf(reading, profile),
        when,
        editLabel: $localize`Edit reading of ${when}:when:`,
        deleteLabel: $localize`Delete reading of ${when}:when:`,
      };
    });
  });
}
