/**
 * Member-local cache of entries owned elsewhere. Correctness rests on two rules:
 *  - every write's owner invalidates the key on all members and waits for their
 *    acknowledgements before the write returns (see NearCacheCoordinator), and
 *  - a read response may only populate the cache if no invalidation for that key arrived
 *    while the read was in flight (`beginRead` hands out a token that `invalidate` revokes),
 *    and never with a version older than the write that invalidated it.
 * So once a write has returned, no member can serve the value it replaced.
 *
 * Entries hold the *decoded* value (deep-frozen by MapCaller), so a hit costs no
 * decoding. They are indexed by `keyId` (the key's MessagePack bytes as a binary string,
 * which is what invalidations carry) and, for string and number keys, also by the key
 * itself, so a hit for such a key needs no encoding or hashing either.
 */
export interface CachedEntry {
  /** The decoded value; shared by every caller that reads it, so it must never be mutated. */
  value: unknown;
  version: number;
  /** Local clock ms; 0 = no expiry. */
  expiresAt: number;
  /** The partition of the key (a member does not serve its near cache for partitions it owns). */
  partition: number;
}

interface Slot extends CachedEntry {
  keyId: string;
  fastKey: FastKey | undefined;
  /** Read since the eviction hand last passed it (CLOCK, an approximation of LRU). */
  used: boolean;
}

/**
 * A key that can index the cache directly: a string or a number. -0 and NaN are left to the
 * keyId index, where identity is the MessagePack encoding, as everywhere else.
 */
export type FastKey = string | number;

export function fastKeyOf(key: unknown): FastKey | undefined {
  if (typeof key === 'string') return key;
  if (typeof key === 'number' && key === key && !(key === 0 && 1 / key < 0)) return key;
  return undefined;
}

export interface NearCacheStats {
  entries: number;
  hits: number;
  misses: number;
  invalidations: number;
}

export class NearCache {
  private readonly entries = new Map<string, Slot>();
  private readonly byKey = new Map<FastKey, Slot>();
  private readonly readsInFlight = new Map<string, symbol>();
  /** Highest version invalidated per key, for keys with reads in flight. */
  private readonly invalidatedVersions = new Map<string, number>();
  hits = 0;
  misses = 0;
  private invalidations = 0;

  constructor(private readonly maxEntries: number) {}

  /** A live entry for a string or number key, or undefined. Counts nothing: the caller counts the hit. */
  peek(fastKey: FastKey, now: number): CachedEntry | undefined {
    const slot = this.byKey.get(fastKey);
    if (slot === undefined) return undefined;
    if (slot.expiresAt !== 0 && slot.expiresAt <= now) {
      this.remove(slot);
      return undefined;
    }
    slot.used = true;
    return slot;
  }

  /** Lookup by keyId (any key); counts a hit or a miss. */
  get(keyId: string, now: number): CachedEntry | undefined {
    const slot = this.entries.get(keyId);
    if (slot && (slot.expiresAt === 0 || slot.expiresAt > now)) {
      this.hits++;
      slot.used = true;
      return slot;
    }
    if (slot) this.remove(slot);
    this.misses++;
    return undefined;
  }

  beginRead(keyId: string): symbol {
    const token = Symbol(keyId);
    this.readsInFlight.set(keyId, token);
    return token;
  }

  /** Stores a read result unless the key was invalidated since `beginRead`. */
  completeRead(keyId: string, token: symbol, entry: CachedEntry | undefined, fastKey?: FastKey): void {
    const current = this.readsInFlight.get(keyId) === token;
    if (current) this.readsInFlight.delete(keyId);
    const invalidated = this.invalidatedVersions.get(keyId);
    if (!this.readsInFlight.has(keyId)) this.invalidatedVersions.delete(keyId);
    if (!current || !entry || (invalidated !== undefined && entry.version < invalidated)) return;
    const previous = this.entries.get(keyId);
    if (previous) this.remove(previous);
    const slot: Slot = { ...entry, keyId, fastKey, used: false };
    this.entries.set(keyId, slot);
    if (fastKey !== undefined) this.byKey.set(fastKey, slot);
    if (this.entries.size > this.maxEntries) this.evictOne();
  }

  invalidate(keyId: string, version: number): void {
    this.invalidations++;
    const slot = this.entries.get(keyId);
    if (slot) this.remove(slot);
    if (this.readsInFlight.has(keyId)) {
      this.readsInFlight.delete(keyId);
      this.invalidatedVersions.set(keyId, Math.max(version, this.invalidatedVersions.get(keyId) ?? 0));
    }
  }

  /** Drops the entries of the partitions `drop` selects (those this member came to own). */
  dropPartitions(drop: (partition: number) => boolean): void {
    for (const slot of this.entries.values()) if (drop(slot.partition)) this.remove(slot);
  }

  clear(): void {
    this.entries.clear();
    this.byKey.clear();
    this.readsInFlight.clear();
    this.invalidatedVersions.clear();
  }

  stats(): NearCacheStats {
    return { entries: this.entries.size, hits: this.hits, misses: this.misses, invalidations: this.invalidations };
  }

  private remove(slot: Slot): void {
    this.entries.delete(slot.keyId);
    if (slot.fastKey !== undefined) this.byKey.delete(slot.fastKey);
  }

  /**
   * CLOCK: walk from the oldest insertion; an entry read since the hand last passed gets a
   * second chance (moved to the back, bit cleared), the first one not read is evicted.
   * Hits only set a bit, so they cost no reordering.
   */
  private evictOne(): void {
    for (const slot of this.entries.values()) {
      if (!slot.used) {
        this.remove(slot);
        return;
      }
      slot.used = false;
      this.entries.delete(slot.keyId);
      this.entries.set(slot.keyId, slot);
    }
  }
}
