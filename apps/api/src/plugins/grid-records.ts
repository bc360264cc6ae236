import type { Member } from '@glucodiary/grid';
import { gridOrFallback } from '@glucodiary/server-auth';

/**
 * What an update makes of a record: `result` for the caller and, unless the record stays as it
 * is, the `value` to store with its time to live.
 */
export type RecordChange<V, R> = { result: R } | { result: R; value: V; ttlMs: number };

/** Attempts to win a contended record before giving up (each loss means another instance wrote it). */
const MAX_ATTEMPTS = 50;
/** Records this instance keeps on its own while the grid is below quorum; the oldest go first beyond this. */
const LOCAL_RECORDS_MAX = 100_000;

/** Expiring records in this process only: the fallback while the grid refuses writes. */
class LocalRecords<V> {
  /** In the order their expiry was last set (a write that moves it re-inserts the key). */
  private readonly records = new Map<string, { value: V; expiresAt: number }>();

  get(key: string, now: number): V | undefined {
    const record = this.records.get(key);
    return record && record.expiresAt > now ? record.value : undefined;
  }

  set(key: string, value: V, expiresAt: number, now: number): void {
    const record = this.records.get(key);
    if (record && record.expiresAt === expiresAt) {
      record.value = value;
      return;
    }
    this.records.delete(key);
    this.dropEnded(now);
    this.records.set(key, { value, expiresAt });
  }

  get size(): number {
    return this.records.size;
  }

  clear(): void {
    this.records.clear();
  }

  /** Drops the oldest records that have expired, and beyond LOCAL_RECORDS_MAX the oldest of all. */
  private dropEnded(now: number): void {
    for (const [key, record] of this.records) {
      if (record.expiresAt > now && this.records.size < LOCAL_RECORDS_MAX) break;
      this.records.delete(key);
    }
  }
}

export interface GridRecords<V> {
  /**
   * Applies `change` to the record (undefined when there is none) and stores what it returns,
   * by compare-and-set: `change` may run several times, against ever newer values, so it must
   * not have side effects.
   */
  update<R>(key: string, change: (current: V | undefined, now: number) => RecordChange<V, R>): Promise<R>;
  read(key: string): Promise<V | undefined>;
}

/**
 * Small records in a grid map (counters, throttles), shared by every API instance and expiring
 * with their time to live; updates are compare-and-set, so concurrent ones on several instances
 * all count.
 *
 * Below quorum the grid refuses writes; sign-in must not stop with it (session checks fall back
 * to the database too), so each instance then keeps the records on its own: still limited, if
 * only per instance, for as long as the cluster is split. Once the grid takes writes again the
 * local records are dropped and the grid's count for every instance.
 */
export function gridRecords<V>(member: Member, mapName: string): GridRecords<V> {
  const map = member.getMap<string, V>(mapName);
  const local = new LocalRecords<V>();

  function updateLocally<R>(key: string, change: (current: V | undefined, now: number) => RecordChange<V, R>): R {
    const now = Date.now();
    const outcome = change(local.get(key, now), now);
    if ('value' in outcome) local.set(key, outcome.value, now + outcome.ttlMs, now);
    return outcome.result;
  }

  async function updateInGrid<R>(key: string, change: (current: V | undefined, now: number) => RecordChange<V, R>): Promise<R> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const entry = await map.getEntry(key);
      const outcome = change(entry?.value, Date.now());
      if (!('value' in outcome)) return outcome.result;
      const stored = entry
        ? await map.compareAndSet(key, entry.version, outcome.value, { ttlMs: outcome.ttlMs })
        : await map.setIfAbsent(key, outcome.value, { ttlMs: outcome.ttlMs });
      if (stored) return outcome.result;
    }
    throw new Error(`grid record ${mapName}/${key} is too contended`);
  }

  return {
    update: (key, change) =>
      gridOrFallback(
        !member.degraded,
        async () => {
          const result = await updateInGrid(key, change);
          if (local.size > 0) local.clear(); // the grid holds them again, for every instance
          return result;
        },
        () => updateLocally(key, change),
      ),

    read: (key) => gridOrFallback(!member.degraded, () => map.get(key), () => local.get(key, Date.now())),
  };
}
