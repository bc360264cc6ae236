import type { PartitionDataStore, PartitionSnapshot, WireEntry } from '../partitioning/partition-data';

export interface Entry {
  key: Buffer;
  value: Buffer;
  version: number;
  /** Local clock ms; 0 = never expires. */
  expiresAt: number;
  updatedAt: number;
  /**
   * The decoded, deep-frozen value, kept by the owner after the first read on a near-cache map
   * (whose readers share frozen values): later reads of the same entry skip decoding. A write
   * replaces the whole entry, so this can never outlive its value.
   */
  decoded?: unknown;
}

interface PartitionData {
  counter: number;
  maps: Map<string, Map<string, Entry>>;
}

/** Map keys inside the store: the key's MessagePack bytes as a binary string. */
export function keyIdOf(keyBytes: Uint8Array): string {
  // Decoded keys and encoded ones are Buffers already: no view needs to be made for them.
  const bytes = Buffer.isBuffer(keyBytes) ? keyBytes : Buffer.from(keyBytes.buffer, keyBytes.byteOffset, keyBytes.byteLength);
  return bytes.toString('latin1');
}

export function isExpired(entry: Entry, now: number): boolean {
  return entry.expiresAt !== 0 && entry.expiresAt <= now;
}

/** Remaining time to live in ms as sent to other members (0 = none; at least 1 for an entry that expires). */
export function remainingTtl(entry: Entry, now: number): number {
  return entry.expiresAt === 0 ? 0 : Math.max(1, entry.expiresAt - now);
}

export function toWire(entry: Entry, now: number): WireEntry {
  return { k: entry.key, v: entry.value, ver: entry.version, ttl: remainingTtl(entry, now), upd: entry.updatedAt };
}

export function fromWire(wire: WireEntry, now: number): Entry {
  return entryOf(wire.k, wire.v, wire.ver, wire.ttl, wire.upd, now);
}

/** A stored entry from what another member sent (copied: the received bytes belong to a frame); `ttl` is relative, 0 = none. */
export function entryOf(key: Uint8Array, value: Uint8Array, version: number, ttl: number, updatedAt: number, now: number): Entry {
  return {
    key: Buffer.from(key),
    value: Buffer.from(value),
    version,
    expiresAt: ttl === 0 ? 0 : now + ttl,
    updatedAt,
  };
}

/**
 * Entries of every map, grouped by partition. Values are kept as MessagePack bytes: no
 * caller can mutate a stored value through a shared reference, and memory is countable.
 */
export class RecordStore implements PartitionDataStore {
  private readonly partitions: PartitionData[];

  constructor(partitionCount: number) {
    this.partitions = Array.from({ length: partitionCount }, () => ({ counter: 0, maps: new Map() }));
  }

  get partitionCount(): number {
    return this.partitions.length;
  }

  /** The entry, also when expired (callers decide what expiry means for them). */
  get(partition: number, map: string, keyId: string): Entry | undefined {
    return this.partitions[partition]!.maps.get(map)?.get(keyId);
  }

  put(partition: number, map: string, keyId: string, entry: Entry): void {
    const data = this.partitions[partition]!;
    let entries = data.maps.get(map);
    if (!entries) {
      entries = new Map();
      data.maps.set(map, entries);
    }
    entries.set(keyId, entry);
    data.counter = Math.max(data.counter, entry.version);
  }

  remove(partition: number, map: string, keyId: string): void {
    this.partitions[partition]!.maps.get(map)?.delete(keyId);
  }

  /** The highest version the partition has given out or seen. */
  latestVersion(partition: number): number {
    return this.partitions[partition]!.counter;
  }

  nextVersion(partition: number): number {
    return ++this.partitions[partition]!.counter;
  }

  observeVersion(partition: number, version: number): void {
    const data = this.partitions[partition]!;
    data.counter = Math.max(data.counter, version);
  }

  entries(partition: number, map: string): IterableIterator<[string, Entry]> {
    return (this.partitions[partition]!.maps.get(map) ?? new Map<string, Entry>()).entries();
  }

  mapNames(partition: number): string[] {
    return [...this.partitions[partition]!.maps.keys()];
  }

  allMapNames(): string[] {
    const names = new Set<string>();
    for (const data of this.partitions) for (const name of data.maps.keys()) names.add(name);
    return [...names];
  }

  clearMap(map: string): void {
    for (const data of this.partitions) data.maps.delete(map);
  }

  countLive(partition: number, map: string, now: number): number {
    let count = 0;
    for (const [, entry] of this.entries(partition, map)) if (!isExpired(entry, now)) count++;
    return count;
  }

  /** Approximate bytes held for a map in the given partitions (keys, values, fixed overhead). */
  approximateBytes(map: string, partitions: Iterable<number>): number {
    let bytes = 0;
    for (const p of partitions) for (const [, entry] of this.entries(p, map)) bytes += entry.key.length * 2 + entry.value.length + 96;
    return bytes;
  }

  snapshot(partition: number): PartitionSnapshot {
    const data = this.partitions[partition]!;
    const now = Date.now();
    const maps: PartitionSnapshot['maps'] = [];
    for (const [name, entries] of data.maps) {
      const live = [...entries.values()].filter((e) => !isExpired(e, now)).map((e) => toWire(e, now));
      if (live.length > 0) maps.push({ name, entries: live });
    }
    return { counter: data.counter, maps };
  }

  install(partition: number, snapshot: PartitionSnapshot): void {
    const now = Date.now();
    const maps = new Map<string, Map<string, Entry>>();
    for (const { name, entries } of snapshot.maps) {
      maps.set(name, new Map(entries.map((wire) => [keyIdOf(wire.k), fromWire(wire, now)])));
    }
    this.partitions[partition] = { counter: Math.max(snapshot.counter, this.partitions[partition]!.counter), maps };
  }

  append(partition: number, snapshot: PartitionSnapshot): void {
    const now = Date.now();
    for (const { name, entries } of snapshot.maps) {
      for (const wire of entries) this.put(partition, name, keyIdOf(wire.k), fromWire(wire, now));
    }
    this.observeVersion(partition, snapshot.counter);
  }

  drop(partition: number): void {
    this.partitions[partition]!.maps = new Map();
  }
}
