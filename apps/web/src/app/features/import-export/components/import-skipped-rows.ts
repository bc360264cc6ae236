import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { SkippedByKind, SkippedKind } from '@glucodiary/contracts';

const KIND_NAMES: Readonly<Record<SkippedKind, readonly [one: string, many: string]>> = {
  insulin: ['insulin dose', 'insulin doses'],
  carbohydrates: ['carbohydrate entry', 'carbohydrate entries'],
  note: ['note', 'notes'],
  ketone: ['ketone reading', 'ketone readings'],
  calibration: ['calibration', 'calibrations'],
  deviceInfo: ['patient or device information row', 'patient or device information rows'],
  event: ['device event (sensor start, time change…)', 'device events (sensor start, time change…)'],
  empty: ['empty row', 'empty rows'],
};
/** The kinds GlucoDiary will import once it keeps treatments. */
const TREATMENTS: readonly SkippedKind[] = ['insulin', 'carbohydrates', 'note', 'ketone'];
const NOT_READINGS: readonly SkippedKind[] = ['deviceInfo', 'event', 'empty'];

const counted = (counts: SkippedByKind, kinds: readonly SkippedKind[]) =>
  kinds
    .filter((kind) => counts[kind] > 0)
    .map((kind) => `${counts[kind].toLocaleString('en')} ${KIND_NAMES[kind][counts[kind] === 1 ? 0 : 1]}`);

const listed = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** What the rows a file holds besides glucose readings are, by kind, and what becomes of them; and its Low/High readings. */
@Component({
  selector: 'app-import-skipped-rows',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (lines().length > 0) {
      <ul class="skipped" aria-label="Rows that are not imported">
        @for (line of lines(); track line) {
          <li>{{ line }}</li>
        }
      </ul>
    }
  `,
  styles: `
    .skipped { margin: 0 0 1rem; padding-left: 1.25rem; }
  `,
})
export class ImportSkippedRows {
  readonly skippedByKind = input.required<SkippedByKind>();
  readonly outOfRange = input<{ low: number; high: number }>({ low: 0, high: 0 });

  protected readonly lines = computed(() => {
    const counts = this.skippedByKind();
    const lines: string[] = [];
    const treatments = counted(counts, TREATMENTS);
    if (treatments.length > 0) lines.push(`${listed(treatments)}: will be imported once GlucoDiary keeps treatments.`);
    const calibrations = counted(counts, ['calibration']);
    if (calibrations.length > 0) lines.push(`${listed(calibrations)} (finger-stick values entered into the sensor): not imported as readings.`);
    const others = counted(counts, NOT_READINGS);
    if (others.length > 0) lines.push(`${listed(others)}: not readings.`);
    const { low, high } = this.outOfRange();
    if (low + high > 0) {
      const words = [...(low > 0 ? [`${low.toLocaleString('en')} Low`] : []), ...(high > 0 ? [`${high.toLocaleString('en')} High`] : [])];
      lines.push(
        `${listed(words)} ${low + high === 1 ? 'reading' : 'readings'} (beyond the sensor's range): the diary cannot store these yet; they are among the rows that cannot be imported.`,
      );
    }
    return lines;
  });
}
