import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID } from '@angular/core';
import type { ImportedReading, RejectedRow } from '@glucodiary/contracts';
import { formatZoned } from '../../../core/i18n/zoned-date-format';
import { GlucoseUnitPipe } from '../../../shared/glucose/glucose-unit';
import { GlucoseValue } from '../../../shared/glucose/glucose-value';
import { MEAL_CONTEXT_LABELS } from '../../readings/components/meal-context-label';

/** The first readings a file holds, and the rows that cannot be imported, with their line numbers. */
@Component({
  selector: 'app-import-preview-table',
  imports: [DecimalPipe, GlucoseUnitPipe, GlucoseValue],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The tables scroll sideways on a phone: keyboard users must be able to reach and scroll them.
  host: { tabindex: '0', role: 'region', '[attr.aria-label]': 'regionLabel' },
  template: `
    @if (rows().length > 0) {
      <table i18n-aria-label aria-label="First readings in the file">
        <thead>
          <tr>
            <th scope="col" i18n>Line</th><th scope="col" i18n>When</th><th scope="col" i18n>Glucose</th><th scope="col" i18n>Context</th>
            <th scope="col" i18n>Note</th><th scope="col" i18n>Status</th>
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track row.reading.line) {
            <tr>
              <td>{{ row.reading.line }}</td>
              <td>{{ row.when }}</td>
              <td class="value">
                <app-glucose-value [reading]="row.reading" />
                @if (!row.reading.beyondRange) {
                  {{ row.reading.unit | glucoseUnit }}
                }
              </td>
              <td>{{ labels[row.reading.context] }}</td>
              <td>{{ row.reading.note }}</td>
              <td>{{ row.reading.duplicate ? alreadyInDiary : isNew }}</td>
            </tr>
          }
        </tbody>
      </table>
    }
    @if (rejected().length > 0) {
      <h3 i18n>Rows that cannot be imported ({{ rejectedCount() | number }})</h3>
      <table i18n-aria-label aria-label="Rows that cannot be imported">
        <thead>
          <tr><th scope="col" i18n>Line</th><th scope="col" i18n>Reason</th></tr>
        </thead>
        <tbody>
          @for (row of rejected(); track row.line) {
            <tr><td>{{ row.line }}</td><td>{{ row.reason }}</td></tr>
          }
        </tbody>
      </table>
      @if (rejectedCount() > rejected().length) {
        <p i18n>… and {{ rejectedCount() - rejected().length | number }} more.</p>
      }
    }
  `,
  styles: `
    table { width: 100%; border-collapse: collapse; margin-bottom: 1rem; }
    th, td { text-align: left; padding: 0.3rem 0.4rem; border-bottom: 1px solid var(--mat-sys-outline-variant, #ccc); }
    .value { white-space: nowrap; font-variant-numeric: tabular-nums; }
    h3 { font-size: 1rem; margin: 0.5rem 0; }
    :host { display: block; overflow-x: auto; position: relative; }
  `,
})
export class ImportPreviewTable {
  readonly readings = input.required<ImportedReading[]>();
  readonly rejected = input.required<RejectedRow[]>();
  readonly rejectedCount = input.required<number>();
  readonly timeZone = input('UTC');
  private readonly locale = inject(LOCALE_ID);
  protected readonly labels = MEAL_CONTEXT_LABELS;
  protected readonly regionLabel = $localize`Import preview`;
  protected readonly alreadyInDiary = $localize`Already in your diary`;
  protected readonly isNew = $localize`New`;
  protected readonly rows = computed(() =>
    this.readings().map((reading) => ({ reading, when: formatZoned(reading.takenAt, this.timeZone(), 'weekdayDateTime', this.locale) })),
  );
}
