/** An entry as it travels between members: TTL is relative so clocks need not agree. */
export interface WireEntry {
  /** Key as MessagePack bytes. */
  k: Uint8Array;
  /** Value as MessagePack bytes. */
  v: Uint8Array;
  ver: number;
  /** Remaining time to live in ms; 0 = no expiry. */
  ttl: number;
  /** Wall-clock time of the last update, for merge after a split. */
  upd: number;
}

/** Everything a member holds for one partition, as shipped during migration. */
export interface PartitionSnapshot {
  /** Highest entry version issued in the partition; versions keep rising across owners. */
  counter: number;
  maps: Array<{ name: string; entries: WireEntry[] }>;
}

/** What the partition service needs from the data held per partition. */
export interface PartitionDataStore {
  snapshot(partition: number): PartitionSnapshot;
  /** Replaces the partition's content with the snapshot. */
  install(partition: number, snapshot: PartitionSnapshot): void;
  /** Adds the snapshot's entries to the partition (the later chunks of a split snapshot). */
  append(partition: number, snapshot: PartitionSnapshot): void;
  drop(partition: number): void;
}

const ENTRY_OVERHEAD_BYTES = 64;

/**
 * Splits a snapshot into chunks of about `maxBytes` each, so a large partition never needs
 * a frame above the frame size limit. Every chunk carries the counter; there is always at
 * least one chunk, so an empty partition still replaces what the receiver held.
 */
export function splitSnapshot(snapshot: PartitionSnapshot, maxBytes: number): PartitionSnapshot[] {
  const chunks: PartitionSnapshot[] = [];
  let current: PartitionSnapshot = { counter: snapshot.counter, maps: [] };
  let bytes = 0;
  for (const { name, entries } of snapshot.maps) {
    let group: WireEntry[] = [];
    current.maps.push({ name, entries: group });
    for (const entry of entries) {
      const size = entry.k.length + entry.v.length + ENTRY_OVERHEAD_BYTES;
      if (bytes > 0 && bytes + size > maxBytes) {
        chunks.push(current);
        group = [];
        current = { counter: snapshot.counter, maps: [{ name, entries: group }] };
        bytes = 0;
      }
      group.push(entry);
      bytes += size;
    }
  }
  chunks.push(current);
  return chunks;
}
