import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, input, LOCALE_ID, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { Reading, Treatment, UserProfile } from '@glucodiary/contracts';
import { formatZoned } from '../../../core/i18n/zoned-date-format';
import { bandViewOf } from '../../../shared/glucose/glucose-band';
import { GlucoseUnitPipe } from '../../../shared/glucose/glucose-unit';
import { GlucoseValue } from '../../../shared/glucose/glucose-value';
import { count } from '../../../shared/text/count-text';
import { SENSOR_READINGS } from '../../../shared/text/nouns';
import { MEAL_CONTEXT_LABELS } from '../../readings/components/meal-context-label';
import { TREATMENT_TYPE_NAMES, treatmentText } from './treatment-text';

/** An entry of the day's list: a finger-stick reading or a treatment. */
export type DayEntry = { kind: 'reading'; reading: Reading } | { kind: 'treatment'; treatment: Treatment };

/** What an entry is called in its buttons' names: "insulin", "glucose reading". */
export function entryName(entry: DayEntry): string {
  return entry.kind === 'reading' ? $localize`glucose reading` : TREATMENT_TYPE_NAMES[entry.treatment.type];
}

/**
 * The day's entries from morning to night, each with Edit and Delete. A sensor's readings, one
 * every few minutes, would bury the rest: they are counted here and drawn in the chart.
 */
@Component({
  selector: 'app-day-entry-list',
  imports: [MatButtonModule, GlucoseUnitPipe, GlucoseValue],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (rows().length === 0) {
      <p class="empty" i18n>Nothing logged on this day.</p>
    } @else {
      <ol class="entries" i18n-aria-label aria-label="Entries of the day">
        @for (row of rows(); track row.key) {
          <li [attr.data-entry]="row.key">
            <span class="time">{{ row.time }}</span>
            <span class="what">
              @if (row.reading; as reading) {
                <span class="value" [class]="'band-' + row.band">
                  <ng-container i18n>Glucose <app-glucose-value [reading]="reading" /></ng-container>
                  @if (!reading.beyondRange) {
                    {{ reading.unit | glucoseUnit }}
                  }
                </span>
                <span class="detail">{{ contextLabels[reading.context] }}</span>
              } @else {
                {{ row.text }}
              }
              @if (row.note) {
                <span class="detail note">{{ row.note }}</span>
              }
            </span>
            <span class="actions">
              <button mat-button type="button" (click)="edit.emit(row.entry)" [attr.aria-label]="row.editLabel" i18n>Edit</button>
              <button mat-button type="button" (click)="remove.emit(row.entry)" [attr.aria-label]="row.deleteLabel" i18n>Delete</button>
            </span>
          </li>
        }
      </ol>
    }
    @if (sensorReadings() > 0) {
      <p class="muted" i18n>{{ sensorReadingsText() }}, drawn as the line in the chart.</p>
    }
  `,
  styles: `
    .entries { list-style: none; padding: 0; margin: 0; }
    li { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.75rem; padding: 0.4rem 0; border-bottom: 1px solid var(--mat-sys-outline-variant, #ccc); }
    .time { font-variant-numeric: tabular-nums; min-width: 3rem; }
    .what { flex: 1 1 12rem; }
    .value { font-weight: 600; }
    .detail { display: block; font-size: 0.85em; color: #555; }
    .actions { white-space: nowrap; }
    @media (max-width: 600px) { .actions button { min-width: 0; padding: 0 6px; } }
  `,
})
export class DayEntryList {
  readonly readings = input.required<Reading[]>();
  readonly treatments = input.required<Treatment[]>();
  readonly profile = input.required<UserProfile | null>();
  readonly edit = output<DayEntry>();
  readonly remove = output<DayEntry>();

  protected readonly contextLabels = MEAL_CONTEXT_LABELS;
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly locale = inject(LOCALE_ID);

  protected readonly sensorReadings = computed(() => this.readings().filter((reading) => reading.kind === 'sensor').length);
  protected readonly sensorReadingsText = computed(() => count(this.sensorReadings(), SENSOR_READINGS, this.locale));
  protected readonly rows = computed(() => {
    const profile = this.profile();
    const timeZone = profile?.timeZone ?? 'UTC';
    const readings = this.readings()
      .filter((reading) => reading.kind !== 'sensor')
      .map((reading) => ({ at: reading.takenAt, key: `reading:${reading.id}`, entry: { kind: 'reading', reading } as DayEntry, reading, ...bandViewOf(reading, profile), text: '', note: reading.note }));
    const treatments = this.treatments().map((treatment) => ({
      at: treatment.takenAt,
      key: `treatment:${treatment.id}`,
      entry: { kind: 'treatment', treatment } as DayEntry,
      reading: null,
      band: null,
      text: treatmentText(treatment, this.locale),
      note: treatment.note,
    }));
    return [...readings, ...treatments]
      .sort((a, b) => a.at.localeCompare(b.at))
      .map((row) => {
        const [name, time] = [entryName(row.entry), formatZoned(row.at, timeZone, 'time', this.locale)];
        return { ...row, time, editLabel: $localize`Edit ${name}:entry: of ${time}:time:`, deleteLabel: $localize`Delete ${name}:entry: of ${time}:time:` };
      });
  });

  /** Puts focus on the Edit button of an entry; false when the entry is not listed. */
  focusEntry(entry: DayEntry): boolean {
    const key = entry.kind === 'reading' ? `reading:${entry.reading.id}` : `treatment:${entry.treatment.id}`;
    const item = Array.from(this.host.nativeElement.querySelectorAll('li[data-entry]')).find((li) => li.getAttribute('data-entry') === key);
    const button = item?.querySelector('button');
    button?.focus();
    return button !== undefined && button !== null;
  }
}
