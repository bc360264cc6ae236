import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID } from '@angular/core';
import type { InsulinAndCarbs } from '@glucodiary/contracts';
import { formatDay } from '../../../core/i18n/zoned-date-format';
import { count } from '../../../shared/text/count-text';

/**
 * The period's insulin and carbohydrates as a clinician reads a pump or pen diary: a row per day
 * with data, then the period's totals and the daily means. Means are over the days with data of
 * their kind, so a day nothing was logged does not pass for a day without insulin.
 */
@Component({
  selector: 'app-insulin-carbs-table',
  imports: [DecimalPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let t = treatments();
    @if (t.days.length === 0) {
      <p class="muted" i18n>No insulin or carbohydrates logged in this period.</p>
    } @else {
      <div class="scroll" tabindex="0" role="region" i18n-aria-label aria-label="Insulin and carbohydrates by day">
        <table class="insulin-carbs">
          <caption class="muted" i18n>
            Insulin in units, carbohydrates in grams, by day in {{ timeZone() }}. Total insulin includes mixed and other insulins. Days
            without either are left out; a day only partly in the period is listed, not counted in the means.
          </caption>
          <thead>
            <tr>
              <th scope="col" i18n>Day</th>
              <th scope="col" i18n>Rapid</th>
              <th scope="col" i18n>Long</th>
              <th scope="col" i18n>Total insulin</th>
              <th scope="col" i18n>Carbs</th>
            </tr>
          </thead>
          <tbody>
            @for (day of days(); track day.date) {
              <tr>
                <th scope="row">
                  {{ day.label }}
                  @if (day.partial) {
                    <span class="partial" i18n>(part of the day)</span>
                  }
                </th>
                <td>{{ day.rapidUnits === null ? '–' : (day.rapidUnits | number: '1.0-2') }}</td>
                <td>{{ day.longUnits === null ? '–' : (day.longUnits | number: '1.0-2') }}</td>
                <td>{{ day.totalUnits === null ? '–' : (day.totalUnits | number: '1.0-2') }}</td>
                <td>{{ day.carbsGrams === null ? '–' : (day.carbsGrams | number: '1.0-1') }}</td>
              </tr>
            }
          </tbody>
          <tfoot>
            <tr class="totals">
              <th scope="row" i18n>Total</th>
              <td>{{ t.totals.rapidUnits | number: '1.0-2' }}</td>
              <td>{{ t.totals.longUnits | number: '1.0-2' }}</td>
              <td>{{ t.totals.totalUnits | number: '1.0-2' }}</td>
              <td>{{ t.totals.carbsGrams | number: '1.0-1' }}</td>
            </tr>
            <tr class="means">
              <th scope="row" i18n>Mean per day</th>
              <td>{{ t.rapidPerDay === null ? '–' : (t.rapidPerDay | number: '1.1-1') }}</td>
              <td>{{ t.longPerDay === null ? '–' : (t.longPerDay | number: '1.1-1') }}</td>
              <td>{{ t.totalDailyInsulin === null ? '–' : (t.totalDailyInsulin | number: '1.1-1') }}</td>
              <td>{{ t.carbsPerDay === null ? '–' : (t.carbsPerDay | number: '1.0-0') }}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <ul class="notes">
        <li i18n>Means over {{ daysWith(t.daysWithInsulin, 'insulin') }} and {{ daysWith(t.daysWithCarbs, 'carbs') }} logged.</li>
        @if (t.basalPercent !== null) {
          <li i18n>Basal {{ t.basalPercent | number: '1.0-1' }}% of all insulin (long-acting, or given as basal).</li>
        }
        @if (t.gramsPerUnit !== null) {
          <li i18n>
            {{ t.gramsPerUnit | number: '1.1-1' }} g of carbohydrate per unit of meal insulin, as used over
            {{ daysWith(t.daysWithMealInsulinAndCarbs, 'mealInsulinAndCarbs') }}.
          </li>
        }
        @for (item of t.withheld; track item.figure) {
          <li class="muted" i18n>{{ withheldLabels[item.figure] ?? item.figure }} not shown: {{ item.reason }}.</li>
        }
      </ul>
    }
  `,
  styles: `
    .scroll { overflow-x: auto; position: relative; }
    .insulin-carbs { border-collapse: collapse; min-width: 28rem; font-variant-numeric: tabular-nums; }
    th, td { border: 1px solid #ddd; padding: 0.25rem 0.5rem; }
    td { text-align: right; }
    thead th { font-size: 0.8rem; background: #f5f5f5; }
    tbody th, tfoot th { text-align: left; white-space: nowrap; font-weight: 600; }
    tfoot { border-top: 2px solid #ccc; }
    tfoot td { font-weight: 700; }
    .partial { font-weight: 400; font-size: 0.8rem; color: #555; }
    .notes { margin: 0.5rem 0 0; padding-left: 1.2rem; font-size: 0.9rem; }
  `,
})
export class InsulinCarbsTable {
  readonly treatments = input.required<InsulinAndCarbs>();
  readonly timeZone = input.required<string>();
  private readonly locale = inject(LOCALE_ID);

  protected readonly withheldLabels: Readonly<Partial<Record<string, string>>> = {
    totalDailyInsulin: $localize`Daily insulin`,
    carbsPerDay: $localize`Carbs per day`,
    gramsPerUnit: $localize`Grams per unit`,
    basalPercent: $localize`Basal share`,
  };

  protected readonly days = computed(() =>
    // A calendar date, not an instant: formatted at noon UTC it shows its own day whatever the browser's zone.
    this.treatments().days.map((day) => ({ ...day, label: formatDay(day.date, 'weekdayDayMonth', this.locale) })),
  );

  /** "3 days with insulin": the days a mean is taken over. */
  protected daysWith(days: number, what: 'insulin' | 'carbs' | 'mealInsulinAndCarbs'): string {
    const forms = {
      insulin: { one: $localize`day with insulin`, other: $localize`days with insulin` },
      carbs: { one: $localize`day with carbohydrates`, other: $localize`days with carbohydrates` },
      mealInsulinAndCarbs: { one: $localize`day with meal insulin and carbohydrates`, other: $localize`days with meal insulin and carbohydrates` },
    }[what];
    return count(days, forms, this.locale);
  }
}
