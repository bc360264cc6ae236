import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID } from '@angular/core';
import { LOGBOOK_COLUMNS, type LogbookColumn, type LogbookReport, type LogbookSensorSummary, type UserProfile } from '@glucodiary/contracts';
import { formatDay, formatZoned } from '../../core/i18n/zoned-date-format';
import { bandViewOf } from './glucose-band';
import { GlucoseUnitPipe } from './glucose-unit';
import { GlucoseValue } from './glucose-value';
import { slotTreatmentLines } from './logbook-slot-treatments';

type LogbookDay = LogbookReport['days'][number];
type Entry = LogbookDay['entries'][number];

const SLOT_LABELS: Readonly<Record<LogbookColumn, string>> = {
  night: $localize`Night`,
  breakfast: $localize`Breakfast`,
  lunch: $localize`Lunch`,
  dinner: $localize`Dinner`,
  bedtime: $localize`Bedtime`,
};
const MEALS: ReadonlySet<LogbookColumn> = new Set(['breakfast', 'lunch', 'dinner']);

/** Keeps the ids that tie cells to their headers unique when a page shows two logbooks. */
let logbookTablesCreated = 0;

/**
 * The logbook as a paper diary: a row per day; night and bedtime columns; a before and an after
 * column for each meal. A cell across a meal's two columns holds what belongs to the meal but to
 * neither column: the sensor's readings, summed up, finger-sticks logged as "other", and the meal's
 * insulin and carbs. A day with both kinds at one meal takes a second row for them, under the
 * meal's before/after cells.
 */
@Component({
  selector: 'app-logbook-table',
  imports: [GlucoseValue, GlucoseUnitPipe, DecimalPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (days().length === 0) {
      <p class="muted" i18n>No readings, insulin or carbs in this period.</p>
    } @else {
      <div class="scroll" tabindex="0" role="region" aria-label="Logbook table" i18n-aria-label>
        <table class="logbook">
          <caption class="muted" i18n>
            Values in {{ report().unit | glucoseUnit }}, times in {{ report().timeZone }}. Across a meal's two columns: sensor readings
            (median and range), readings logged neither before nor after the meal, and the meal's insulin and carbs.
            Insulin in units (U) and carbs in grams (g), summed per slot.
          </caption>
          <colgroup></colgroup>
          @for (slot of slots; track slot) {
            <colgroup [attr.span]="isMeal(slot) ? 2 : null"></colgroup>
          }
          <thead>
            <tr>
              <th scope="col" rowspan="2" i18n>Day</th>
              @for (slot of slots; track slot) {
                @if (isMeal(slot)) {
                  <th scope="colgroup" colspan="2" [id]="headerId(slot)">{{ slotLabels[slot] }}</th>
                } @else {
                  <th scope="col" rowspan="2" [id]="headerId(slot)">{{ slotLabels[slot] }}</th>
                }
              }
            </tr>
            <tr>
              @for (slot of slots; track slot) {
                @if (isMeal(slot)) {
                  <th scope="col" [id]="headerId(slot, 'before')" i18n>Before</th>
                  <th scope="col" [id]="headerId(slot, 'after')" i18n>After</th>
                }
              }
            </tr>
          </thead>
          @for (day of days(); track day.date) {
            <tbody>
              @for (cells of day.rows; track $index) {
                <tr>
                  @if ($first) {
                    <th scope="row" [id]="day.id" [attr.rowspan]="day.rows.length">{{ day.label }}</th>
                  }
                  @for (cell of cells; track cell.headers) {
                    <td [attr.headers]="cell.headers" [attr.colspan]="cell.colspan" [attr.rowspan]="cell.rowspan" [class.whole-meal]="cell.wholeMeal">
                      @if (cell.summary; as summary) {
                        <span class="sensor">
                          <span class="entry" [class]="'band-' + summary.band">
                            <span class="value"><app-glucose-value [reading]="summary.median" /></span
                            ><span class="symbol" aria-hidden="true">{{ summary.symbol }}</span
                            ><span class="visually-hidden">{{ summary.bandLabel }}</span>
                            <span class="time">
                              @if (summary.count === 1) {
                                <ng-container i18n>sensor</ng-container>
                              } @else {
                                <ng-container i18n>median</ng-container>
                              }
                            </span>
                          </span>
                          <span class="spread">
                            @if (summary.count === 1) {
                              <ng-container i18n>1 sensor reading</ng-container>
                            } @else {
                              <ng-container i18n>{{ summary.count | number }} sensor readings, <app-glucose-value [reading]="summary.lowest" />–<app-glucose-value [reading]="summary.highest" /></ng-container>
                            }
                          </span>
                        </span>
                      }
                      @for (item of cell.items; track item.reading.id) {
                        <span class="entry" [class]="'band-' + item.band" [title]="item.title">
                          <span class="value"><app-glucose-value [reading]="item.reading" /></span
                          ><span class="symbol" aria-hidden="true">{{ item.symbol }}</span
                          ><span class="visually-hidden">{{ item.bandLabel }}</span>
                          <span class="time">{{ item.time }}</span>
                        </span>
                      }
                      @for (line of cell.treatments; track line.kind) {
                        <span class="treatment" [class]="line.kind" [title]="line.spoken">
                          <span aria-hidden="true">
                            @for (figure of line.shown; track figure) {
                              @if (!$first) {
                                <span class="separator"> · </span>
                              }
                              <span class="figure">{{ figure }}</span>
                            }
                          </span>
                          <span class="visually-hidden">{{ line.spoken }}</span>
                        </span>
                      }
                    </td>
                  }
                </tr>
              }
            </tbody>
          }
        </table>
      </div>
    }
  `,
  styles: `
    /* A block that may shrink below the table's width, so the table scrolls inside it instead of widening the page. */
    :host { display: block; min-width: 0; }
    /* Positioned, so the text kept for screen readers (absolutely positioned) scrolls with the table and never widens the page. */
    .scroll { overflow-x: auto; position: relative; }
    .logbook { border-collapse: collapse; width: 100%; min-width: 720px; font-variant-numeric: tabular-nums; }
    th, td { border: 1px solid #ddd; padding: 0.3rem 0.4rem; vertical-align: top; text-align: left; }
    thead th { font-size: 0.8rem; background: #f5f5f5; }
    tbody th { white-space: nowrap; font-weight: 600; position: sticky; left: 0; background: #fff; }
    tbody { border-top: 2px solid #ccc; }
    td.whole-meal { background: #f7f8fc; }
    .entry { display: block; white-space: nowrap; }
    .value { font-weight: 700; } .symbol { margin-left: 0.15rem; font-size: 0.75rem; }
    .time { margin-left: 0.3rem; font-size: 0.75rem; color: #555; }
    .sensor { display: block; margin-bottom: 0.2rem; }
    .spread { display: block; font-size: 0.75rem; color: #555; white-space: nowrap; }
    /* Under the glucose, smaller; on a narrow screen a line may break between figures, never inside one. */
    .treatment { display: block; font-size: 0.75rem; color: #333; } .figure { white-space: nowrap; }
    caption { caption-side: bottom; text-align: left; font-size: 0.8rem; padding-top: 0.3rem; }
    @media print { .logbook { min-width: 0; font-size: 0.75rem; } }
  `,
})
export class LogbookTable {
  readonly report = input.required<LogbookReport>();
  readonly profile = input.required<UserProfile | null>();
  protected readonly slots = LOGBOOK_COLUMNS;
  protected readonly slotLabels = SLOT_LABELS;
  private readonly tableId = `logbook-${++logbookTablesCreated}`;
  private readonly locale = inject(LOCALE_ID);

  protected readonly days = computed(() => this.report().days.map((day) => this.dayRows(day)));

  protected isMeal(slot: LogbookColumn): boolean {
    return MEALS.has(slot);
  }

  protected headerId(slot: LogbookColumn, timing?: 'before' | 'after'): string {
    return [this.tableId, slot, timing].filter(Boolean).join('-');
  }

  /**
   * The day's one or two rows. A meal's cell across both columns goes in the first row when the
   * meal has nothing before or after, else in a second row (then the other cells span both rows).
   */
  private dayRows(day: LogbookDay) {
    const id = `${this.tableId}-${day.date}`;
    const cellOf = (slot: LogbookColumn, timing: Entry['timing'], span: { colspan?: number; rowspan?: number }) => {
      const entries = day.entries.filter((entry) => entry.slot === slot && entry.timing === timing);
      const summary = timing === null ? day.sensorSummaries.find((candidate) => candidate.slot === slot) : undefined;
      const treatments = timing === null ? day.treatments.find((candidate) => candidate.slot === slot) : undefined;
      return {
        headers: [id, this.headerId(slot), timing && this.headerId(slot, timing)].filter(Boolean).join(' '),
        colspan: span.colspan ?? null,
        rowspan: span.rowspan && span.rowspan > 1 ? span.rowspan : null,
        wholeMeal: timing === null && this.isMeal(slot),
        items: entries.map((entry) => this.describe(entry)),
        summary: summary ? this.describeSummary(summary) : null,
        treatments: treatments ? slotTreatmentLines(treatments, this.locale) : [],
      };
    };
    const hasTimed = (slot: LogbookColumn) => day.entries.some((entry) => entry.slot === slot && entry.timing !== null);
    const hasWhole = (slot: LogbookColumn) =>
      day.entries.some((entry) => entry.slot === slot && entry.timing === null) ||
      day.sensorSummaries.some((summary) => summary.slot === slot) ||
      day.treatments.some((sums) => sums.slot === slot);
    const meals = LOGBOOK_COLUMNS.filter((slot) => this.isMeal(slot));
    const rowspan = meals.some((slot) => hasTimed(slot) && hasWhole(slot)) ? 2 : 1;

    const first = LOGBOOK_COLUMNS.flatMap((slot) => {
      if (!this.isMeal(slot)) return [cellOf(slot, null, { rowspan })];
      if (hasWhole(slot) && !hasTimed(slot)) return [cellOf(slot, null, { colspan: 2, rowspan })];
      const spansBoth = hasWhole(slot) ? 1 : rowspan;
      return [cellOf(slot, 'before', { rowspan: spansBoth }), cellOf(slot, 'after', { rowspan: spansBoth })];
    });
    const second = meals.filter((slot) => hasTimed(slot) && hasWhole(slot)).map((slot) => cellOf(slot, null, { colspan: 2 }));
    return {
      id,
      date: day.date,
      label: formatDay(day.date, 'weekdayDayMonth', this.locale),
      rows: second.length > 0 ? [first, second] : [first],
    };
  }

  private describe(entry: Entry) {
    const band = bandViewOf(entry.reading, this.profile());
    const time = formatZoned(entry.reading.takenAt, this.report().timeZone, 'time', this.locale);
    return { reading: entry.reading, ...band, time, title: $localize`${band.bandLabel}:band: at ${time}:time:` };
  }

  /** The median is banded from its mg/dL, like a reading; the figures carry the report's unit for their precision. */
  private describeSummary(summary: LogbookSensorSummary) {
    const unit = this.report().unit;
    return {
      ...summary,
      median: { ...summary.median, unit },
      lowest: { ...summary.lowest, unit },
      highest: { ...summary.highest, unit },
      ...bandViewOf(summary.median, this.profile()),
    };
  }
}
