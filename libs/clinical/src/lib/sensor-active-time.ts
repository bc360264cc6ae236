import type { MomentOfReading } from './counted-readings';
import { percentile } from './percentile';

/** The periodic-history intervals of the sensors people wear: Libre 3 (1), Dexcom and Medtronic (5), Libre 1/2 (15). */
export const SENSOR_INTERVALS_MINUTES = [1, 5, 15] as const;
/** One history reading has no gap to measure; assume the longest interval, Libre's. */
const INTERVAL_OF_A_SINGLE_READING_MINUTES = 15;
const MINUTE_MS = 60 * 1000;

/**
 * The sensor's interval: the median gap between consecutive history readings (dropouts and sensor
 * changes are the long tail, which the median ignores), snapped to the nearest known interval by
 * ratio, so a gap of 10 minutes reads as 15 rather than 5. Null without history; `historyTimes` sorted.
 */
export function sensorIntervalMinutes(historyTimes: readonly number[]): number | null {
  if (historyTimes.length === 0) return null;
  const gaps: number[] = [];
  for (let index = 1; index < historyTimes.length; index++) {
    const gap = (historyTimes[index] as number) - (historyTimes[index - 1] as number);
    if (gap > 0) gaps.push(gap); // the same instant twice says nothing about the interval
  }
  if (gaps.length === 0) return INTERVAL_OF_A_SINGLE_READING_MINUTES;
  gaps.sort((a, b) => a - b);
  const medianMinutes = percentile(gaps, 50) / MINUTE_MS;
  return SENSOR_INTERVALS_MINUTES.reduce((nearest, interval) =>
    Math.abs(Math.log(medianMinutes / interval)) < Math.abs(Math.log(medianMinutes / nearest)) ? interval : nearest,
  );
}

/**
 * "% of time CGM is active" of the 2019 consensus on time in range (Battelino et al.): the share of
 * the sensor's interval slots from `from` to `until` that hold a history reading. Slots, not
 * readings, are counted, so a slot read twice does not make up for one missed. `until` is the
 * period's end, or now if that is later: slots still to come cannot hold readings yet. Null without
 * sensor history.
 */
export function sensorActivePercent(readings: readonly MomentOfReading[], from: Date, until: Date): number | null {
  const historyTimes = readings.filter((r) => r.source === 'sensor_history').map((r) => r.takenAt.getTime());
  historyTimes.sort((a, b) => a - b);
  const intervalMinutes = sensorIntervalMinutes(historyTimes);
  if (intervalMinutes === null) return null;
  const slotMs = intervalMinutes * MINUTE_MS;
  const slots = Math.ceil((until.getTime() - from.getTime()) / slotMs);
  if (slots <= 0) return null;
  const held = new Uint8Array(slots);
  let slotsHeld = 0;
  for (const time of historyTimes) {
    if (time < from.getTime() || time > until.getTime()) continue;
    // A reading exactly at `until` belongs to the last slot, not to one after the period.
    const slot = Math.min(Math.floor((time - from.getTime()) / slotMs), slots - 1);
    if (held[slot] === 0) {
      held[slot] = 1;
      slotsHeld += 1;
    }
  }
  return (slotsHeld / slots) * 100;
}
