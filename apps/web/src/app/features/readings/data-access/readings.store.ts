import { inject, Injectable, signal } from '@angular/core';
import type { CreateReadingBody, Reading } from '@glucodiary/contracts';
import { describeHttpError } from '../../../core/api/api-error';
import { NO_FILTER, ReadingsApi, type ReadingFilter } from './readings.api';

const newestFirst = (a: Reading, b: Reading) => b.takenAt.localeCompare(a.takenAt) || b.id.localeCompare(a.id);

/** The readings page's state: the list so far, its filter, where it continues, what went wrong. */
@Injectable()
export class ReadingsStore {
  private readonly api = inject(ReadingsApi);
  private readonly nextCursor = signal<string | null>(null);

  readonly readings = signal<Reading[]>([]);
  readonly filter = signal<ReadingFilter>(NO_FILTER);
  readonly loading = signal(false);
  readonly hasMore = signal(false);
  readonly error = signal<string | null>(null);

  async applyFilter(filter: ReadingFilter): Promise<void> {
    this.filter.set(filter);
    await this.load(null, (page) => this.readings.set(page));
  }

  async loadMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (cursor) await this.load(cursor, (page) => this.readings.update((shown) => [...shown, ...page]));
  }

  /** Adds a reading and shows it in its place; the error, if any, is for the form to show. */
  async add(body: CreateReadingBody): Promise<Reading> {
    const reading = await this.api.add(body);
    this.readings.update((shown) => [...shown, reading].sort(newestFirst));
    return reading;
  }

  replaced(reading: Reading): void {
    this.readings.update((shown) => shown.map((r) => (r.id === reading.id ? reading : r)).sort(newestFirst));
  }

  /** Deletes a reading; returns what undo needs to add it back. */
  async remove(reading: Reading): Promise<CreateReadingBody> {
    await this.api.delete(reading.id);
    this.readings.update((shown) => shown.filter((r) => r.id !== reading.id));
    // The canonical mg/dL value, so undo restores exactly what was stored, not its rounded display.
    return {
      takenAt: reading.takenAt,
      value: reading.valueMgdl,
      unit: 'mg/dL',
      context: reading.context,
      ...(reading.note && { note: reading.note }),
    };
  }

  private async load(cursor: string | null, apply: (page: Reading[]) => void): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.api.list(cursor, this.filter());
      apply(page.items);
      this.nextCursor.set(page.nextCursor);
      this.hasMore.set(page.nextCursor !== null);
    } catch (error) {
      this.error.set(describeHttpError(error));
    } finally {
      this.loading.set(false);
    }
  }
}
