import { formatNumber } from '@angular/common';
import { glucoseUnitLabel } from '../../shared/glucose/glucose-unit';
import { count, listed } from '../../shared/text/count-text';
import { READINGS } from '../../shared/text/nouns';
import type { OutboxEntry } from './outbox-entry';

/** What an entry records, in a few words: "Glucose 5.6 mmol/L", "Insulin 4.5 U", "Carbs 60 g". */
export function describeOutboxEntry(entry: OutboxEntry, locale: string): string {
  const number = (value: number) => formatNumber(value, locale, '1.0-2');
  if (entry.kind === 'reading') return $localize`Glucose ${number(entry.body.value)}:value: ${glucoseUnitLabel(entry.body.unit)}:unit:`;
  const body = entry.body;
  switch (body.type) {
    case 'insulin':
      return $localize`Insulin ${number(body.units ?? 0)}:units: U`;
    case 'carbs':
      return $localize`Carbs ${number(body.grams ?? 0)}:grams: g`;
    case 'note':
      return $localize`Note: ${body.note ?? ''}:note:`;
    default:
      return body.type.charAt(0).toUpperCase() + body.type.slice(1).replace('-', ' ');
  }
}

/** "2 readings waiting to be sent", "1 reading and 1 treatment waiting to be sent"; empty when nothing waits. */
export function waitingSummary(entries: readonly OutboxEntry[], locale: string): string {
  const readings = entries.filter((entry) => entry.kind === 'reading').length;
  const treatments = entries.length - readings;
  const parts = [
    readings > 0 ? count(readings, READINGS, locale) : '',
    treatments > 0 ? count(treatments, { one: $localize`treatment`, other: $localize`treatments` }, locale) : '',
  ].filter(Boolean);
  return parts.length ? $localize`${listed(parts)}:entries: waiting to be sent` : '';
}
