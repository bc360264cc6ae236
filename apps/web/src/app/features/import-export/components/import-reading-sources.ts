import { formatNumber } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID } from '@angular/core';
import type { ImportPreview, ReadingSource } from '@glucodiary/contracts';
import { count, listed, pluralForm, type PluralForms } from '../../../shared/text/count-text';
import { CARBOHYDRATE_ENTRIES, FINGER_STICKS, INSULIN_DOSES, KETONE_READINGS, NOTES, SENSOR_READINGS } from '../../../shared/text/nouns';

const SOURCE_NAMES: Readonly<Record<ReadingSource, PluralForms>> = {
  sensor_history: SENSOR_READINGS,
  sensor_scan: { one: $localize`scan`, other: $localize`scans` },
  meter: FINGER_STICKS,
  typed: { one: $localize`reading typed in by hand`, other: $localize`readings typed in by hand` },
};
const TREATMENT_NAMES: Readonly<Record<keyof ImportPreview['treatments']['byType'], PluralForms>> = {
  insulin: INSULIN_DOSES,
  carbs: CARBOHYDRATE_ENTRIES,
  activity: { one: $localize`exercise`, other: $localize`exercises` },
  note: NOTES,
  ketones: KETONE_READINGS,
};

/** Sensor first: a CGM file holds mostly its periodic readings. */
const SHOWN_ORDER: readonly ReadingSource[] = ['sensor_history', 'sensor_scan', 'meter', 'typed'];

/** What the readings of a file are (sensor readings, scans, finger-sticks), and its Low/High readings, kept as LO/HI. */
@Component({
  selector: 'app-import-reading-sources',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (line of lines(); track line) {
      <p>{{ line }}</p>
    }
  `,
  styles: `
    :host { display: block; }
    p { margin: 0 0 0.5rem; }
  `,
})
export class ImportReadingSources {
  readonly bySource = input.required<ImportPreview['bySource']>();
  readonly outOfRange = input.required<ImportPreview['outOfRange']>();
  readonly treatments = input<ImportPreview['treatments'] | null>(null);

  private readonly locale = inject(LOCALE_ID);

  protected readonly lines = computed(() => {
    const bySource = this.bySource();
    const number = (n: number) => formatNumber(n, this.locale, '1.0-0');
    const lines: string[] = [];
    const sources = SHOWN_ORDER.filter((source) => bySource[source] > 0).map((source) => count(bySource[source], SOURCE_NAMES[source], this.locale));
    if (sources.length > 0) lines.push($localize`Readings in the file: ${listed(sources)}:sources:.`);
    const { low, high } = this.outOfRange();
    if (low + high > 0) {
      const words = listed([...(low > 0 ? [$localize`${number(low)}:count: Low`] : []), ...(high > 0 ? [$localize`${number(high)}:count: High`] : [])]);
      const shownAs = low > 0 && high > 0 ? $localize`LO and HI` : low > 0 ? 'LO' : 'HI';
      lines.push(
        pluralForm(low + high, {
          one: $localize`${words}:readings: reading (beyond the device's range) is imported at the device's limit and shown as ${shownAs}:shownAs:.`,
          other: $localize`${words}:readings: readings (beyond the device's range) are imported at the device's limit and shown as ${shownAs}:shownAs:.`,
        }),
      );
    }
    const treatments = this.treatments();
    if (treatments && treatments.accepted > 0) {
      const byType = listed(
        (Object.keys(TREATMENT_NAMES) as (keyof typeof TREATMENT_NAMES)[])
          .filter((type) => treatments.byType[type] > 0)
          .map((type) => count(treatments.byType[type], TREATMENT_NAMES[type], this.locale)),
      );
      lines.push(
        treatments.duplicates > 0
          ? $localize`Also in the file: ${byType}:treatments: (${number(treatments.duplicates)}:duplicates: already in your diary).`
          : $localize`Also in the file: ${byType}:treatments:.`,
      );
    }
    return lines;
  });
}
