import type { LogbookColumn } from '@glucodiary/contracts';
import type { ReadingContext } from './glucose-statistics';
import { localTimeOf } from './local-time';

export type LogbookSlot = LogbookColumn;

/** Local hours at which each column of the paper logbook begins. */
const SLOT_START_HOURS: ReadonlyArray<[LogbookSlot, number]> = [
  ['night', 0],
  ['breakfast', 5],
  ['lunch', 11],
  ['dinner', 16],
  ['bedtime', 21],
];

export interface LogbookEntry<R> {
  slot: LogbookSlot;
  /** Before or after the slot's meal; night and bedtime readings are neither. */
  timing: 'before' | 'after' | null;
  reading: R;
}

export interface LogbookDay<R> {
  date: string;
  entries: LogbookEntry<R>[];
}

/**
 * One row per local day, with each reading in the column of a paper diary: night, breakfast,
 * lunch, dinner, bedtime, and before/after for the meals. A reading logged as "bedtime" goes
 * to bedtime whatever the clock says; the rest go by local time of day.
 */
export function logbook<R extends { takenAt: Date; context: ReadingContext }>(
  readings: readonly R[],
  timeZone: string,
): LogbookDay<R>[] {
  const days = new Map<string, LogbookEntry<R>[]>();
  const sorted = [...readings].sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime());
  for (const reading of sorted) {
    const { date, minuteOfDay } = localTimeOf(reading.takenAt, timeZone);
    const slot = reading.context === 'bedtime' ? 'bedtime' : slotAt(minuteOfDay / 60);
    const timing = slot === 'night' || slot === 'bedtime' ? null : reading.context === 'after_meal' ? 'after' : 'before';
    const entries = days.get(date) ?? [];
    entries.push({ slot, timing, reading });
    days.set(date, entries);
  }
  return [...days.entries()].sort(([a], [b]) => b.localeCompare(a)).map(([date, entries]) => ({ date, entries }));
}

function slotAt(hour: number): LogbookSlot {
  let slot: LogbookSlot = 'night';
  for (const [name, start] of SLOT_START_HOURS) if (hour >= start) slot = name;
  return slot;
}
