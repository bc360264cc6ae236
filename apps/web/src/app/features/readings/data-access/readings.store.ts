import { HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import type { CreateReadingBody, Reading } from '@glucodiary/contracts';
import { describeHttpError } from '../../../core/api/api-error';
import { restoreBodyOf } from './reading-changes';
import { NO_FILTER, ReadingsApi, type ReadingFilter } from './readings.api';

const newestFirst = (a: Reading, b: Reading) => b.takenAt.localeCompare(a.takenAt) || b.id.localeCompare(a.id);

/** The readings page's state: the list so far, its filter, where it continues, what went wrong. */
@Injectable()
export class ReadingsStore {
  private readonly api = inject(ReadingsApi);
  private readonly nextCursor = signal<string | null>(null);
  /** Numbers the loads: only the latest one's answer is shown (a filter may overtake "Show older"). */
  private loads = 0;
  /** Readings whose delete is on its way: a second click on Delete sends nothing. */
  private readonly deleting = new Set<string>();

  readonly readings = signal<Reading[]>([]);
  readonly filter = signal<ReadingFilter>(NO_FILTER);
  readonly loading = signal(false);
  readonly hasMore = computed(() => this.nextCursor() !== null);
  readonly error = signal<string | null>(null);

  async applyFilter(filter: ReadingFilter): Promise<void> {
    this.filter.set(filter);
    await this.load(null, (page) => this.readings.set(page));
  }

  async loadMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (cursor && !this.loading()) await this.load(cursor, (page) => this.readings.update((shown) => [...shown, ...page]));
  }

  /** Adds a reading and shows it in its place; the error, if any, is for the form to show. */
  async add(body: CreateReadingBody): Promise<Reading> {
    const reading = await this.api.add(body);
    this.added(reading);
    return reading;
  }

  /** Shows a reading saved elsewhere (the quick log) in its place. */
  added(reading: Reading): void {
    this.readings.update((shown) => [...shown, reading].sort(newestFirst));
  }

  replaced(reading: Reading): void {
    this.readings.update((shown) => shown.map((r) => (r.id === reading.id ? reading : r)).sort(newestFirst));
  }

  /** Takes a reading off the list that is no longer stored (deleted in another tab). */
  forget(id: string): void {
    this.readings.update((shown) => shown.filter((r) => r.id !== id));
  }

  /**
   * Deletes a reading; returns what undo needs to add it back, or null when there is nothing to
   * undo: a second click while the first delete is on its way, or a reading another tab deleted.
   */
  async remove(reading: Reading): Promise<CreateReadingBody | null> {
    if (this.deleting.has(reading.id)) return null;
    this.deleting.add(reading.id);
    try {
      await this.api.delete(reading.id);
    } catch (error) {
      if (!(error instanceof HttpErrorResponse && error.status === 404)) throw error;
      this.forget(reading.id);
      return null;
    } finally {
      this.deleting.delete(reading.id);
    }
    this.forget(reading.id);
    return restoreBodyOf(reading);
  }

  private async load(cursor: string | null, apply: (page: Reading[]) => void): Promise<void> {
    const load = ++this.loads;
    const superseded = () => load !== this.loads;
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.api.list(cursor, this.filter());
      if (superseded()) return;
      apply(page.items);
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      if (!superseded()) this.error.set(describeHttpError(error));
    } finally {
      if (!superseded()) this.loading.set(false);
    }
  }
}
