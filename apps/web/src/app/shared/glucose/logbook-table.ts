import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { percentile } from '@glucodiary/clinical';
import { fromMgdl, type GlucoseUnit, type LogbookColumn, type LogbookReport, type UserProfile } from '@glucodiary/contracts';
import { formatInZone } from '../../core/time/zoned-time';
import { bandViewOf } from './glucose-band';

type Entry = LogbookReport['days'][number]['entries'][number];

/** Up to this many readings a cell lists them; more (a sensor's every five minutes) are summed up, the list one click away. */
export const CELL_READINGS_LISTED = 4;

/** Paper-diary columns: a meal has a before and an after column; night and bedtime have one. */
const COLUMNS: ReadonlyArray<{ slot: LogbookColumn; timing: 'before' | 'after' | null; label: string }> = [
  { slot: 'night', timing: null, label: 'Night' },
  { slot: 'breakfast', timing: 'before', label: 'Breakfast before' },
  { slot: 'breakfast', timing: 'after', label: 'Breakfast after' },
  { slot: 'lunch', timing: 'before', label: 'Lunch before' },
  { slot: 'lunch', timing: 'after', label: 'Lunch after' },
  { slot: 'dinner', timing: 'before', label: 'Dinner before' },
  { slot: 'dinner', timing: 'after', label: 'Dinner after' },
  { slot: 'bedtime', timing: null, label: 'Bedtime' },
];

@Component({
  selector: 'app-logbook-table',
  imports: [NgTemplateOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (rows().length === 0) {
      <p class="muted">No readings in this period.</p>
    } @else {
      <div class="scroll" tabindex="0" role="region" aria-label="Logbook table">
        <table class="logbook">
          <caption class="muted">Values in {{ report().unit }}, times in {{ report().timeZone }}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              @for (column of columns; track column.label) {
                <th scope="col">{{ column.label }}</th>
              }
            </tr>
          </thead>
          <tbody>
            @for (row of rows(); track row.date) {
              <tr>
                <th scope="row">{{ row.label }}</th>
                @for (cell of row.cells; track $index) {
                  <td>
                    @if (cell.summary; as summary) {
                      <details>
                        <summary>
                          <span class="entry" [class]="'band-' + summary.median.band">
                            <span class="value">{{ summary.median.value }}</span><span class="symbol" aria-hidden="true">{{ summary.median.symbol }}</span><span class="visually-hidden">{{ summary.median.bandLabel }}</span>
                            <span class="time">median</span>
                          </span>
                          <span class="spread">{{ cell.items.length }} readings, {{ summary.lowest }}–{{ summary.highest }}</span>
                        </summary>
                        <ng-container *ngTemplateOutlet="entries; context: { $implicit: cell.items }" />
                      </details>
                    } @else {
                      <ng-container *ngTemplateOutlet="entries; context: { $implicit: cell.items }" />
                    }
                  </td>
                }
              </tr>
            }
          </tbody>
        </table>
      </div>
    }
    <ng-template #entries let-items>
      @for (item of items; track item.id) {
        <span class="entry" [class]="'band-' + item.band" [title]="item.bandLabel + ' at ' + item.time">
          <span class="value">{{ item.value }}</span><span class="symbol" aria-hidden="true">{{ item.symbol }}</span><span class="visually-hidden">{{ item.bandLabel }}</span>
          <span class="time">{{ item.time }}</span>
        </span>
      }
    </ng-template>
  `,
  styles: `
    .scroll { overflow-x: auto; }
    .logbook { border-collapse: collapse; width: 100%; min-width: 720px; font-variant-numeric: tabular-nums; }
    th, td { border: 1px solid #ddd; padding: 0.3rem 0.4rem; vertical-align: top; text-align: left; }
    thead th { font-size: 0.8rem; background: #f5f5f5; }
    tbody th { white-space: nowrap; font-weight: 600; position: sticky; left: 0; background: #fff; }
    .entry { display: block; white-space: nowrap; }
    .value { font-weight: 700; } .symbol { margin-left: 0.15rem; font-size: 0.75rem; }
    .time { margin-left: 0.3rem; font-size: 0.75rem; color: #555; }
    summary { cursor: pointer; min-height: 24px; }
    summary .entry { display: inline; }
    .spread { display: block; font-size: 0.75rem; color: #555; }
    caption { caption-side: bottom; text-align: left; font-size: 0.8rem; padding-top: 0.3rem; }
    @media print { .logbook { min-width: 0; font-size: 0.75rem; } }
  `,
})
export class LogbookTable {
  readonly report = input.required<LogbookReport>();
  readonly profile = input.required<UserProfile | null>();
  protected readonly columns = COLUMNS;

  protected readonly rows = computed(() => {
    const { days, timeZone, unit } = this.report();
    return days.map((day) => ({
      date: day.date,
      label: formatInZone(`${day.date}T12:00:00Z`, 'UTC', 'EEE d MMM'),
      cells: COLUMNS.map((column) => {
        const entries = day.entries.filter((entry) => entry.slot === column.slot && entry.timing === column.timing);
        return { items: entries.map((entry) => this.describe(entry, timeZone)), summary: this.summarise(entries, unit) };
      }),
    }));
  });

  private describe(entry: Entry, timeZone: string) {
    return {
      id: entry.reading.id,
      value: entry.reading.value,
      ...bandViewOf(entry.reading, this.profile()),
      time: formatInZone(entry.reading.takenAt, timeZone, 'HH:mm'),
    };
  }

  /** A crowded cell's median (banded like a reading) and range; null for a cell that lists its readings. */
  private summarise(entries: Entry[], unit: GlucoseUnit) {
    if (entries.length <= CELL_READINGS_LISTED) return null;
    const values = entries.map((entry) => entry.reading.valueMgdl).sort((a, b) => a - b);
    const medianMgdl = percentile(values, 50);
    return {
      median: { value: fromMgdl(medianMgdl, unit), ...bandViewOf({ valueMgdl: medianMgdl }, this.profile()) },
      lowest: fromMgdl(percentile(values, 0), unit),
      highest: fromMgdl(percentile(values, 100), unit),
    };
  }
}
