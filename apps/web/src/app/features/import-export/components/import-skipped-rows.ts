import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { SkippedByKind, SkippedKind } from '@glucodiary/contracts';
import { count, listed } from '../../../shared/text/count-text';

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
/** Treatment rows that state no amount (LibreView's "non-numeric" entries): there is nothing to store. */
const TREATMENTS: readonly SkippedKind[] = ['insulin', 'carbohydrates', 'note', 'ketone'];
const NOT_READINGS: readonly SkippedKind[] = ['deviceInfo', 'event', 'empty'];

const counted = (counts: SkippedByKind, kinds: readonly SkippedKind[]) =>
  kinds
    .filter((kind) => counts[kind] > 0)
    .map((kind) => count(counts[kind], ...KIND_NAMES[kind]));

/**
 * What the rows a file holds besides glucose readings are, by kind, and what becomes of them.
 * (Low/High readings are not among them: they are imported, kept as LO/HI.)
 */
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

  protected readonly lines = computed(() => {
    const counts = this.skippedByKind();
    const lines: string[] = [];
    const treatments = counted(counts, TREATMENTS);
    if (treatments.length > 0) lines.push(`${listed(treatments)} without an amount: nothing to import.`);
    const calibrations = counted(counts, ['calibration']);
    if (calibrations.length > 0) lines.push(`${listed(calibrations)} (finger-stick values entered into the sensor): not imported as readings.`);
    const others = counted(counts, NOT_READINGS);
    if (others.length > 0) lines.push(`${listed(others)}: not readings.`);
    return lines;
  });
}
