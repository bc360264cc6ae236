import { effect, inject, Injectable, signal, untracked } from '@angular/core';
import { AuthStore } from '../auth/auth.store';
import { DeviceDatabase } from './device-database';
import type { ReportCopy } from './report-copy';

/** Four reports make a dashboard or a clinic report: this keeps the last few periods of each. */
export const MAX_COPIES_PER_USER = 16;

/**
 * The reports (statistics, daily pattern, trend, logbook) each user last received on this device,
 * shown while the API cannot be reached. Kept in IndexedDB per user and URL; every copy goes when
 * its user signs out or someone else signs in, so no one sees another's figures.
 */
@Injectable({ providedIn: 'root' })
export class ReportCopies {
  private readonly database = inject(DeviceDatabase);
  private readonly auth = inject(AuthStore);
  private readonly shownOffline = signal<ReadonlyMap<string, number>>(new Map());

  /** The reports (URLs as in ReportCopy) answered from a copy rather than the API, with when each copy was stored. */
  readonly servedOffline = this.shownOffline.asReadonly();

  constructor() {
    effect(() => {
      const userId = this.auth.user()?.id ?? null;
      untracked(() => void this.keepOnlyUser(userId));
    });
  }

  /** Keeps the API's answer for `url`, dropping the oldest copies beyond the limit. */
  async keep(userId: string, url: string, body: unknown, now = Date.now()): Promise<void> {
    this.forgetShown(url);
    const db = await this.database.open();
    const transaction = db.transaction('report-copies', 'readwrite');
    await transaction.store.put({ userId, url, body, storedAt: now });
    const copies = await transaction.store.index('byUser').getAll(userId);
    const stale = copies.sort((a, b) => b.storedAt - a.storedAt).slice(MAX_COPIES_PER_USER);
    await Promise.all(stale.map((copy) => transaction.store.delete([copy.userId, copy.url])));
    await transaction.done;
  }

  /** The copy of `url` for this user, noted as shown offline; null when there is none. */
  async find(userId: string, url: string): Promise<ReportCopy | null> {
    const copy = await (await this.database.open()).get('report-copies', [userId, url]);
    if (!copy || this.auth.user()?.id !== userId) return null;
    this.shownOffline.update((shown) => new Map(shown).set(url, copy.storedAt));
    return copy;
  }

  /** Deletes every copy but those of `userId` (all of them when no one is signed in). */
  async keepOnlyUser(userId: string | null): Promise<void> {
    this.shownOffline.set(new Map());
    const db = await this.database.open();
    const transaction = db.transaction('report-copies', 'readwrite');
    for (const copy of await transaction.store.getAll()) {
      if (copy.userId !== userId) await transaction.store.delete([copy.userId, copy.url]);
    }
    await transaction.done;
  }

  private forgetShown(url: string): void {
    if (!this.shownOffline().has(url)) return;
    this.shownOffline.update((shown) => {
      const rest = new Map(shown);
      rest.delete(url);
      return rest;
    });
  }
}
