import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ImportPreview, ReadingSource } from '@glucodiary/contracts';
import { count, listed } from '../../../shared/text/count-text';

const SOURCE_NAMES: Readonly<Record<ReadingSource, readonly [one: string, many: string]>> = {
  sensor_history: ['sensor reading', 'sensor readings'],
  sensor_scan: ['scan', 'scans'],
  meter: ['finger-stick', 'finger-sticks'],
  typed: ['reading typed in by hand', 'readings typed in by hand'],
};
const TREATMENT_NAMES: Readonly<Record<keyof ImportPreview['treatments']['byType'], readonly [one: string, many: string]>> = {
  insulin: ['insulin dose', 'insulin doses'],
  carbs: ['carbohydrate entry', 'carbohydrate entries'],
  activity: ['exercise', 'exercises'],
  note: ['note', 'notes'],
  ketones: ['ketone reading', 'ketone readings'],
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

  protected readonly lines = computed(() => {
    const bySource = this.bySource();
    const lines: string[] = [];
    const sources = SHOWN_ORDER.filter((source) => bySource[source] > 0).map((source) => count(bySource[source], ...SOURCE_NAMES[source]));
    if (sources.length > 0) lines.push(`Readings in the file: ${listed(sources)}.`);
    const { low, high } = this.outOfRange();
    if (low + high > 0) {
      const words = [...(low > 0 ? [`${low.toLocaleString('en')} Low`] : []), ...(high > 0 ? [`${high.toLocaleString('en')} High`] : [])];
      const shownAs = low > 0 && high > 0 ? 'LO and HI' : low > 0 ? 'LO' : 'HI';
      const noun = low + high === 1 ? "reading (beyond the device's range) is" : "readings (beyond the device's range) are";
      lines.push(`${listed(words)} ${noun} imported at the device's limit and shown as ${shownAs}.`);
    }
    const treatments = this.treatments();
    if (treatments && treatments.accepted > 0) {
      const byType = (Object.keys(TREATMENT_NAMES) as (keyof typeof TREATMENT_NAMES)[])
        .filter((type) => treatments.byType[type] > 0)
        .map((type) => count(treatments.byType[type], ...TREATMENT_NAMES[type]));
      const already = treatments.duplicates > 0 ? ` (${treatments.duplicates.toLocaleString('en')} already in your diary)` : '';
      lines.push(`Also in the file: ${listed(byType)}${already}.`);
    }
    return lines;
  });
}
