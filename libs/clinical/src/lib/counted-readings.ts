import type { ReadingSource } from '@glucodiary/contracts';

/** What deciding whether a reading counts needs to know of it. */
export interface MomentOfReading {
  takenAt: Date;
  source: ReadingSource;
}

/**
 * A scan this close to the sensor's periodic history (either side) measures a moment the history
 * already holds. Libre history is 15-minute, so a scan during continuous wear always has one.
 */
export const SCAN_BESIDE_HISTORY_MS = 15 * 60 * 1000;

export interface CountedReadings<T> {
  /** The readings statistics use, in the order given. */
  counted: T[];
  /** Scans left out because the periodic history covers their moment (still shown elsewhere). */
  scansNotCounted: number;
}

/**
 * The readings statistics count, each moment once: a sensor scan counts only where the periodic
 * history has a gap around it; otherwise it would weigh the moments a person scans (often the
 * worrying ones) twice. O(n log n) and indifferent to the order of the readings.
 */
export function countedReadings<T extends MomentOfReading>(readings: readonly T[]): CountedReadings<T> {
  const historyTimes = readings.filter((r) => r.source === 'sensor_history').map((r) => r.takenAt.getTime());
  historyTimes.sort((a, b) => a - b);
  const counted: T[] = [];
  let scansNotCounted = 0;
  for (const reading of readings) {
    if (reading.source === 'sensor_scan' && hasTimeWithin(historyTimes, reading.takenAt.getTime(), SCAN_BESIDE_HISTORY_MS)) {
      scansNotCounted += 1;
    } else {
      counted.push(reading);
    }
  }
  return { counted, scansNotCounted };
}

/** Whether sorted `times` hold one within `distance` of `time`: the first not before time − distance decides. */
function hasTimeWithin(times: readonly number[], time: number, distance: number): boolean {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((times[middle] as number) < time - distance) low = middle + 1;
    else high = middle;
  }
  return low < times.length && (times[low] as number) <= time + distance;
}
