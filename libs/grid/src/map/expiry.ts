import type { EntryEvents } from '../events/entry-events';
import type { MapServiceOptions } from './options';
import { isExpired, type Entry } from './record-store';

/** Tells the map's listeners that the entry expired; only its owner does (a backup's copy expires silently). */
export function publishExpired(events: EntryEvents, map: string, entry: Entry): void {
  events.publish(map, () => ({ map, type: 'expired', k: entry.key, old: entry.value }));
}

export type ExpiryOptions = Pick<MapServiceOptions, 'store' | 'partitions' | 'expirySweepIntervalMs'>;

/** Removes expired entries every `expirySweepIntervalMs`; until then reads and writes treat them as absent. */
export class ExpirySweeper {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: ExpiryOptions,
    private readonly events: EntryEvents,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.sweep(), this.options.expirySweepIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sweep(): void {
    const { store, partitions } = this.options;
    const now = Date.now();
    for (let p = 0; p < store.partitionCount; p++) {
      const owner = partitions.isOwner(p);
      for (const map of store.mapNames(p)) {
        for (const [keyId, entry] of store.entries(p, map)) {
          if (!isExpired(entry, now)) continue;
          store.remove(p, map, keyId);
          if (owner) publishExpired(this.events, map, entry);
        }
      }
    }
  }
}
