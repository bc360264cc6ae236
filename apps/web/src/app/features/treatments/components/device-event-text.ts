import { formatNumber } from '@angular/common';
import type { DeviceEvent } from '@glucodiary/contracts';

/**
 * A device event in words, as the Day page lists it: "0.8 U/h for 30 min", "Weekend at 90 %",
 * "target 100–110 mg/dl for 60 min · Eating soon". What the app sent, in the app's own terms;
 * its numbers in the user's format.
 */
export function deviceEventText(event: DeviceEvent, locale = 'en-US'): string {
  const details = event.details;
  const shown = (value: unknown) => (typeof value === 'number' ? formatNumber(value, locale, '1.0-3') : String(value));
  const rate = details['absolute'] ?? details['rate'];
  const parts: string[] = [];
  if (rate !== undefined) parts.push(`${shown(rate)} U/h`);
  else if (details['percent'] !== undefined) parts.push(`${Number(details['percent']) > 0 ? '+' : ''}${shown(details['percent'])} %`);
  if (details['profile'] !== undefined) {
    const percentage = details['percentage'];
    const profile = String(details['profile']);
    parts.push(percentage !== undefined && percentage !== 100 ? $localize`${profile}:profile: at ${shown(percentage)}:percentage: %` : profile);
  }
  if (details['targetBottom'] !== undefined && details['targetTop'] !== undefined) {
    const range = `${shown(details['targetBottom'])}–${shown(details['targetTop'])}${details['units'] ? ` ${details['units']}` : ''}`;
    parts.push($localize`target ${range}:range:`);
  }
  const head = parts.join(' ');
  const duration = event.durationMinutes ? $localize`for ${formatNumber(Math.round(event.durationMinutes), locale, '1.0-0')}:minutes: min` : '';
  return [[head, duration].filter(Boolean).join(' '), details['reason'], event.note].filter((part) => part !== undefined && part !== null && part !== '').join(' · ');
}
