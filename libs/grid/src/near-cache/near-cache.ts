/**
 * Member-local cache of entries owned elsewhere. Correctness rests on two rules:
 *  - every write's owner invalidates the key on all members and waits for their
 *    acknowledgements before the write returns (see MapService), and
 *  - a read response may only populate the cache if no invalidation for that key arrived
 *    while the read was in flight (`beginRead` hands out a token that `invalidate` revokes),
 *    and never with a version older than the write that invalidated it.
 * So once a write has returned, no member can serve the value it replaced.
 */
export interface CachedEntry {
  value: Buffer;
  version: number;
  /** Local clock ms; 0 = no expiry. */
  expiresAt: number;
}

export interface NearCacheStats {
  entries: number;
  hits: number;
  misses: number;
  invalidations: number;
}

export class NearCache {
  private readonly entries = new Map<string, CachedEntry>();
  private readonly readsInFlight = new Map<string, symbol>();
  /** Highest version invalidated per key, for keys with reads in flight. */
  private readonly invalidatedVersions = new Map<string, number>();
  private hits = 0;
  private misses = 0;
  private invalidations = 0;

  constructor(private readonly maxEntries: number) {}

  get(keyId: string, now: number): CachedEntry | undefined {
    const entry = this.entries.get(keyId);
    if (entry && (entry.expiresAt === 0 || entry.expiresAt > now)) {
      this.hits++;
      // Re-insert to keep Map order as least-recently-used first.
      this.entries.delete(keyId);
      this.entries.set(keyId, entry);
      return entry;
    }
    if (entry) this.entries.delete(keyId);
    this.misses++;
    return undefined;
  }

  beginRead(keyId: string): symbol {
    const token = Symbol(keyId);
    this.readsInFlight.set(keyId, token);
    return token;
  }

  /** Stores a read result unless the key was invalidated since `beginRead`. */
  completeRead(keyId: string, token: symbol, entry: CachedEntry | undefined): void {
    const current = this.readsInFlight.get(keyId) === token;
    if (current) this.readsInFlight.delete(keyId);
    const invalidated = this.invalidatedVersions.get(keyId);
    if (!this.readsInFlight.has(keyId)) this.invalidatedVersions.delete(keyId);
    if (!current || !entry || (invalidated !== undefined && entry.version < invalidated)) return;
    this.entries.set(keyId, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  invalidate(keyId: string, version: number): void {
    this.invalidations++;
    this.entries.delete(keyId);
    if (this.readsInFlight.has(keyId)) {
      this.readsInFlight.delete(keyId);
      this.invalidatedVersions.set(keyId, Math.max(version, this.invalidatedVersions.get(keyId) ?? 0));
    }
  }

  clear(): void {
    this.entries.clear();
    this.readsInFlight.clear();
    this.invalidatedVersions.clear();
  }

  stats(): NearCacheStats {
    return { entries: this.entries.size, hits: this.hits, misses: this.misses, invalidations: this.invalidations };
  }
}
