import { decodeValue, encodeValue } from '../codec';
import type { EntryEventType, Unsubscribe, WireEntryEvent } from '../events/entry-events';
import type { NearCache } from '../near-cache';
import { keyBytes } from '../partitioning';
import type { MapService } from './map-service';

export type { Unsubscribe };

export interface WriteOptions {
  /**
   * Return only once the write is on every backup and the owner still held quorum and its lease;
   * otherwise fail with WriteNotDurableError (it may have been applied). Always so when the
   * member is configured with `durableWrites` (the default above minClusterSize 1).
   */
  durable?: boolean;
}

export interface SetOptions extends WriteOptions {
  /** Time to live in ms; the entry expires on its owner and backups after it. 0 or absent = never. */
  ttlMs?: number;
}

export interface EntryView<V> {
  value: V;
  /** Rises with every write to the entry; use it with compareAndSet. */
  version: number;
  /** Remaining time to live in ms, absent when the entry does not expire. */
  ttlMs?: number;
}

export interface EntryEvent<K, V> {
  type: EntryEventType;
  key: K;
  /** The new value (added, updated). */
  value?: V;
  /** The replaced or removed value (updated, removed, expired). */
  oldValue?: V;
}

export type { EntryEventType };

function ttlOf(options: SetOptions | undefined): number {
  const ttl = options?.ttlMs ?? 0;
  if (!Number.isFinite(ttl) || ttl < 0) throw new RangeError(`ttlMs must be a non-negative number, got ${ttl}`);
  return Math.ceil(ttl);
}

function encodeKey(key: unknown): Buffer {
  if (key === undefined) throw new TypeError('map keys cannot be undefined');
  return keyBytes(key);
}

function encodeStored(value: unknown): Buffer {
  if (value === undefined) throw new TypeError('map values cannot be undefined');
  return encodeValue(value);
}

/**
 * A distributed map. Keys and values travel as MessagePack, so they must be
 * MessagePack-encodable (plain data); object keys are compared by encoding, in property order.
 */
export class GridMap<K, V> {
  /** Set when the map is configured with a near cache (equal on every member, fixed for its life). */
  private readonly near: NearCache | undefined;

  constructor(
    readonly name: string,
    private readonly service: MapService,
  ) {
    this.near = service.nearCache(name);
  }

  /**
   * The value or undefined. On a map with a near cache the value is deep-frozen and may be the
   * very object other callers get (that is what makes a near-cache hit cheap): do not mutate it
   * (binary fields, which cannot be frozen, included).
   */
  async get(key: K): Promise<V | undefined> {
    const hit = this.near === undefined ? undefined : this.service.nearHit(this.near, key);
    if (hit !== undefined) return hit.value as V;
    return (await this.service.read(this.name, key, encodeKey(key)))?.value as V | undefined;
  }

  async getEntry(key: K): Promise<EntryView<V> | undefined> {
    const hit = this.near === undefined ? undefined : this.service.nearHit(this.near, key);
    const entry = hit ?? (await this.service.read(this.name, key, encodeKey(key)));
    if (!entry) return undefined;
    const view: EntryView<V> = { value: entry.value as V, version: entry.version };
    if (entry.expiresAt !== 0) view.ttlMs = Math.max(1, entry.expiresAt - Date.now());
    return view;
  }

  async has(key: K): Promise<boolean> {
    return (await this.getEntry(key)) !== undefined;
  }

  async set(key: K, value: V, options?: SetOptions): Promise<void> {
    await this.service.mutate(this.name, encodeKey(key), { op: 'set', v: encodeStored(value), ttl: ttlOf(options) }, options?.durable);
  }

  /** Stores the value only if the key is absent; returns whether it did. */
  async setIfAbsent(key: K, value: V, options?: SetOptions): Promise<boolean> {
    return (await this.service.mutate(
      this.name,
      encodeKey(key),
      { op: 'setIfAbsent', v: encodeStored(value), ttl: ttlOf(options) },
      options?.durable,
    )) as boolean;
  }

  /** Replaces the value only if the entry's version is still `expectedVersion`. */
  async compareAndSet(key: K, expectedVersion: number, value: V, options?: SetOptions): Promise<boolean> {
    // Versions are non-negative integers: no entry can have another one.
    if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) return false;
    return (await this.service.mutate(
      this.name,
      encodeKey(key),
      { op: 'cas', v: encodeStored(value), ttl: ttlOf(options), expected: expectedVersion },
      options?.durable,
    )) as boolean;
  }

  /** Removes the entry; returns whether there was one. */
  async delete(key: K, options?: WriteOptions): Promise<boolean> {
    return (await this.service.mutate(this.name, encodeKey(key), { op: 'delete' }, options?.durable)) as boolean;
  }

  /** Entries in the whole cluster (approximate while partitions migrate). */
  size(): Promise<number> {
    return this.service.size(this.name);
  }

  /** Removes every entry on every member. Not atomic with respect to concurrent writes; fires no entry events. */
  clear(): Promise<void> {
    return this.service.clear(this.name);
  }

  /** Keys of entries in partitions this member owns. */
  localKeys(): K[] {
    return this.service.localEntries(this.name).map((entry) => decodeValue(entry.key) as K);
  }

  /** Entries in partitions this member owns. */
  localEntries(): Array<[K, V]> {
    return this.service.localEntries(this.name).map((entry) => [decodeValue(entry.key) as K, decodeValue(entry.value) as V]);
  }

  /**
   * Subscribes to entry events from the whole cluster; returns the unsubscribe function. Only
   * members with listeners on a map receive its events: the first listener registers this member
   * with every member. Events of this member's own later writes are delivered at once; for
   * writes made elsewhere, await `registered` on the returned function before relying on them.
   */
  on(type: EntryEventType, listener: (event: EntryEvent<K, V>) => void): Unsubscribe {
    return this.service.subscribe(this.name, (event: WireEntryEvent) => {
      if (event.type !== type) return;
      const decoded: EntryEvent<K, V> = { type: event.type, key: decodeValue(Buffer.from(event.k)) as K };
      if (event.v) decoded.value = decodeValue(Buffer.from(event.v)) as V;
      if (event.old) decoded.oldValue = decodeValue(Buffer.from(event.old)) as V;
      listener(decoded);
    });
  }
}
