import { inject, Injectable } from '@angular/core';
import { READINGS_PAGE_MAX, TREATMENTS_PAGE_MAX, type DeviceEvent, type Reading, type Treatment } from '@glucodiary/contracts';
import { ReadingsApi } from '../../readings/data-access/readings.api';
import { DeviceEventsApi } from './device-events.api';
import { dayBounds } from './local-day';
import { TreatmentsApi } from './treatments.api';

/** Everything logged on one local day, oldest first. */
export interface DayEntries {
  day: string;
  readings: Reading[];
  treatments: Treatment[];
  /** What the user's apps reported besides (temporary basals, profile switches…). */
  deviceEvents: DeviceEvent[];
}

/**
 * A day of five-minute sensor readings is 288 of them, more than a page: each list is read to
 * its end. The bound only stops a server that kept answering a cursor from looping forever.
 */
const MAX_PAGES = 50;

@Injectable({ providedIn: 'root' })
export class DayEntriesApi {
  private readonly readings = inject(ReadingsApi);
  private readonly treatments = inject(TreatmentsApi);
  private readonly deviceEvents = inject(DeviceEventsApi);

  async load(day: string, timeZone: string): Promise<DayEntries> {
    const { from, to } = dayBounds(day, timeZone);
    const [readings, treatments, deviceEvents] = await Promise.all([
      allPages((cursor) => this.readings.list(cursor, { context: null, from, to }, READINGS_PAGE_MAX)),
      allPages((cursor) => this.treatments.list({ from, to, cursor, limit: TREATMENTS_PAGE_MAX })),
      this.deviceEvents.list(from.toISOString(), to.toISOString()),
    ]);
    // The API answers newest first; a day reads from morning to night.
    return { day, readings: readings.reverse(), treatments: treatments.reverse(), deviceEvents: deviceEvents.reverse() };
  }
}

async function allPages<T>(page: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const answer = await page(cursor);
    items.push(...answer.items);
    cursor = answer.nextCursor;
    if (cursor === null) break;
  }
  return items;
}
