import type { DeviceEvent } from '@glucodiary/contracts';

/**
 * A device event in words, as the Day page lists it: "0.8 U/h for 30 min", "Weekend at 90 %",
 * "target 100–110 mg/dl for 60 min · Eating soon". What the app sent, in the app's own terms.
 */
export function deviceEventText(event: DeviceEvent): string {
  const details = event.details;
  const rate = details['absolute'] ?? details['rate'];
  const parts: string[] = [];
  if (rate !== undefined) parts.push(`${rate} U/h`);
  else if (details['percent'] !== undefined) parts.push(`${Number(details['percent']) > 0 ? '+' : ''}${details['percent']} %`);
  if (details['profile'] !== undefined) {
    const percentage = details['percentage'];
    parts.push(`${details['profile']}${percentage !== undefined && percentage !== 100 ? ` at ${percentage} %` : ''}`);
  }
  if (details['targetBottom'] !== undefined && details['targetTop'] !== undefined) {
    parts.push(`target ${details['targetBottom']}–${details['targetTop']}${details['units'] ? ` ${details['units']}` : ''}`);
  }
  const head = parts.join(' ');
  const duration = event.durationMinutes ? `for ${Math.round(event.durationMinutes)} min` : '';
  return [[head, duration].filter(Boolean).join(' '), details['reason'], event.note].filter((part) => part !== undefined && part !== null && part !== '').join(' · ');
}
