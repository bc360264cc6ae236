import { inject, Injectable, InjectionToken } from '@angular/core';
import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { OutboxEntry } from '../outbox/outbox-entry';
import type { ReportCopy } from './report-copy';

/** The browser's IndexedDB (null where there is none); a token so that tests give each case a fresh one (fake-indexeddb). */
export const INDEXED_DB = new InjectionToken<IDBFactory | null>('INDEXED_DB', {
  providedIn: 'root',
  factory: () => (typeof indexedDB === 'undefined' ? null : indexedDB),
});

export interface DeviceSchema extends DBSchema {
  outbox: { key: string; value: OutboxEntry; indexes: { byUser: string } };
  'report-copies': { key: [string, string]; value: ReportCopy; indexes: { byUser: string } };
}

const NAME = 'glucodiary';
const VERSION = 1;

/** What this device keeps between visits, beyond the sign-in: the offline outbox and recent reports, each row tagged with its user. */
@Injectable({ providedIn: 'root' })
export class DeviceDatabase {
  private readonly factory = inject(INDEXED_DB);
  private opened: Promise<IDBPDatabase<DeviceSchema>> | null = null;

  open(): Promise<IDBPDatabase<DeviceSchema>> {
    this.opened ??= this.openDatabase();
    this.opened.catch(() => (this.opened = null)); // tried again next time
    return this.opened;
  }

  private async openDatabase(): Promise<IDBPDatabase<DeviceSchema>> {
    if (!this.factory) throw new Error('This browser keeps no data on the device (no IndexedDB).');
    // idb's openDB() reads the global indexedDB; wrapping the request keeps the factory injectable.
    const request = this.factory.open(NAME, VERSION);
    request.addEventListener('upgradeneeded', () => {
      const db = request.result;
      db.createObjectStore('outbox', { keyPath: 'key' }).createIndex('byUser', 'userId');
      db.createObjectStore('report-copies', { keyPath: ['userId', 'url'] }).createIndex('byUser', 'userId');
    });
    return (await wrap(request)) as unknown as IDBPDatabase<DeviceSchema>;
  }
}
