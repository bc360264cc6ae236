import { inject, Injectable, signal } from '@angular/core';
import type { CreateReadingBody, Reading } from '@glucodiary/contracts';
import { describeHttpError } from '../../../core/api/api-error';
import { ReadingsApi } from './readings.api';

/** The readings page's state: the list so far, where it continues, and what went wrong. */
@Injectable()
export class ReadingsStore {
  private readonly api = inject(ReadingsApi);
  private readonly nextCursor = signal<string | null>(null);

  readonly readings = signal<Reading[]>([]);
  readonly loading = signal(false);
  readonly hasMore = signal(false);
  readonly error = signal<string | null>(null);

  async loadFirstPage(): Promise<void> {
    await this.load(null, (page) => this.readings.set(page));
  }

  async loadMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (cursor) await this.load(cursor, (page) => this.readings.update((shown) => [...shown, ...page]));
  }

  /** Adds a reading and shows it in its place; the error, if any, is for the form to show. */
  async add(body: CreateReadingBody): Promise<Reading> {
    const reading = await this.api.add(body);
    this.readings.update((shown) =>
      [...shown, reading].sort((a, b) => b.takenAt.localeCompare(a.takenAt) || b.id.localeCompare(a.id)),
    );
    return reading;
  }

  private async load(cursor: string | null, apply: (page: Reading[]) => void): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.api.list(cursor);
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
