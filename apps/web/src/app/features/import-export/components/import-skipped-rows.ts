import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID } from '@angular/core';
import type { SkippedByKind, SkippedKind } from '@glucodiary/contracts';
import { count, listed, type PluralForms } from '../../../shared/text/count-text';
import { CARBOHYDRATE_ENTRIES, INSULIN_DOSES, KETONE_READINGS, NOTES } from '../../../shared/text/nouns';

const KIND_NAMES: Readonly<Record<SkippedKind, PluralForms>> = {
  insulin: INSULIN_DOSES,
  carbohydrates: CARBOHYDRATE_ENTRIES,
  note: NOTES,
  ketone: KETONE_READINGS,
  calibration: { one: $localize`calibration`, other: $localize`calibrations` },
  deviceInfo: { one: $localize`patient or device information row`, other: $localize`patient or device information rows` },
  event: { one: $localize`device event (sensor start, time change…)`, other: $localize`device events (sensor start, time change…)` },
  empty: { one: $localize`empty row`, other: $localize`empty rows` },
};
/** Treatment rows that state no amount (LibreView's "non-numeric" entries): there is nothing to store. */
const TREATMENTS: readonly SkippedKind[] = ['insulin', 'carbohydrates', 'note', 'ketone'];
const NOT_READINGS: readonly SkippedKind[] = ['deviceInfo', 'event', 'empty'];

const counted = (counts: SkippedByKind, kinds: readonly SkippedKind[], locale: string) =>
  kinds
    .filter((kind) => counts[kind] > 0)
    .map((kind) => count(counts[kind], KIND_NAMES[kind], locale));

/**
 * What the rows a file holds besides glucose readings are, by kind, and what becomes of them.
 * (Low/High readings are not among them: they are imported, kept as LO/HI.)
 */
@Component({
  selector: 'app-import-skipped-rows',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (lines().length > 0) {
      <ul class="skipped" i18n-aria-label aria-label="Rows that are not imported">
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
  private readonly locale = inject(LOCALE_ID);

  protected readonly lines = computed(() => {
    const counts = this.skippedByKind();
    const lines: string[] = [];
    const treatments = counted(counts, TREATMENTS, this.locale);
    if (treatments.length > 0) lines.push($localize`${listed(treatments)}:rows: without an amount: nothing to import.`);
    const calibrations = counted(counts, ['calibration'], this.locale);
    if (calibrations.length > 0) lines.push($localize`${listed(calibrations)}:rows: (finger-stick values entered into the sensor): not imported as readings.`);
    const others = counted(counts, NOT_READINGS, this.locale);
    if (others.length > 0) lines.push($localize`${listed(others)}:rows:: not readings.`);
    return lines;
  });
}
