import type { Logger } from '../logger';
import type { Membership } from '../membership';
import type { PartitionService } from '../partitioning';
import type { MessageBus, Messenger } from '../transport';
import { keyIdOf } from '../map/record-store';
import type { OperationStats } from '../map/stats';
import type { WriteResult } from '../map/wire';
import { NearCache, fastKeyOf, type CachedEntry, type NearCacheStats } from './near-cache';

export interface NearCacheConfig {
  maxEntries?: number;
}

const DEFAULT_NEAR_CACHE_ENTRIES = 10_000;

export interface NearCacheCoordinatorOptions {
  messenger: MessageBus & Pick<Messenger, 'disconnect'>;
  membership: Membership;
  partitions: PartitionService;
  mapConfig: (name: string) => { nearCache?: NearCacheConfig };
  /** An owner whose invalidation failed waits this long before acknowledging: the member that missed it stops serving its near cache by then. */
  nearCacheLeaseMs: number;
  /** Near-cached values are served only while this holds. */
  nearCacheServable: (now: number) => boolean;
  checkActive: () => void;
  logger: Logger;
}

/**
 * The near caches of a member's maps and what keeps them correct (see NearCache): hits, the
 * invalidations of every write (on the owner, the requester, the backups and all others),
 * partitions this member comes to own, and peers it may have missed invalidations from.
 */
export class NearCacheCoordinator {
  private readonly caches = new Map<string, NearCache>();

  /** `getStats` counts the hits as `get`s answered from memory. */
  constructor(
    private readonly options: NearCacheCoordinatorOptions,
    private readonly getStats: OperationStats,
  ) {
    options.messenger.handle('map.invalidate', (body: { map: string; k: Uint8Array; ver: number }) => {
      this.invalidateHere(body.map, keyIdOf(body.k), body.ver);
    });
  }

  /** The map's near cache, undefined when the map is configured without one. */
  cacheOf(map: string): NearCache | undefined {
    const config = this.options.mapConfig(map).nearCache;
    if (!config) return undefined;
    let cache = this.caches.get(map);
    if (!cache) {
      cache = new NearCache(config.maxEntries ?? DEFAULT_NEAR_CACHE_ENTRIES);
      this.caches.set(map, cache);
    }
    return cache;
  }

  /**
   * A near-cache hit for a string or number key, found without encoding, hashing or decoding;
   * undefined sends the caller to `read`. The value is shared and frozen.
   */
  hit(cache: NearCache, key: unknown): CachedEntry | undefined {
    const { options } = this;
    options.checkActive();
    const fastKey = fastKeyOf(key);
    if (fastKey === undefined) return undefined;
    const now = Date.now();
    // No ownership check: entries of partitions this member owns are never cached (see tableChanged).
    const entry = cache.peek(fastKey, now);
    if (entry === undefined || !options.nearCacheServable(now)) return undefined;
    cache.hits++;
    this.getStats.count++;
    return entry;
  }

  /** A hit for any key, by its keyId (counts a hit or a miss); on undefined the caller reads from the owner and `fill`s. */
  hitById(cache: NearCache, keyId: string): CachedEntry | undefined {
    const now = Date.now();
    const hit = this.options.nearCacheServable(now) ? cache.get(keyId, now) : undefined;
    if (hit) this.getStats.count++;
    return hit;
  }

  /** A read from the owner that may fill the cache starts here; `fill` ends it with the token. */
  beginRead(cache: NearCache, keyId: string): symbol {
    return cache.beginRead(keyId);
  }

  /**
   * Caches what a read from the owner found (none: nothing, e.g. the read failed), unless the key
   * was invalidated since `token` was taken with `beginRead`.
   */
  fill(cache: NearCache, keyId: string, token: symbol, entry: CachedEntry | undefined, key: unknown): void {
    // The partition may have come to this member meanwhile: its entries are not cached then.
    const cacheable = entry !== undefined && !this.options.partitions.isOwner(entry.partition);
    cache.completeRead(keyId, token, cacheable ? entry : undefined, fastKeyOf(key));
  }

  /**
   * The requester's part of a write's invalidation. On a map with a near cache the owner does not
   * send this member an invalidation: this member drops the key itself when the call settles (with
   * the write's version `written`, or when the outcome is unknown with a version no read can beat),
   * so the key is gone from its near cache before the write returns, as on every other member.
   */
  writeSettled(cache: NearCache | undefined, keyBytes: Uint8Array, written?: WriteResult): void {
    if (!cache) return;
    if (!written) cache.invalidate(keyIdOf(keyBytes), Number.MAX_SAFE_INTEGER);
    else if (written.ver !== undefined && !written.self) cache.invalidate(keyIdOf(keyBytes), written.ver);
  }

  /** Drops the key from this member's near cache of the map, if it has one. */
  invalidateHere(map: string, keyId: string, version: number): void {
    this.caches.get(map)?.invalidate(keyId, version);
  }

  /**
   * The owner's part of a write's invalidation: drops the key from every member's near cache:
   * here at once; on the requester when its call settles (see `writeSettled`); on the backups
   * with the backup message, whether each did `backupsInvalidated` tells (in the order of
   * `backupAddresses`); on all other members with an invalidation message.
   */
  async invalidateEverywhere(
    map: string,
    keyBytes: Uint8Array,
    keyId: string,
    version: number,
    requesterId: string,
    backupAddresses: string[],
    backupsInvalidated: Array<Promise<boolean>>,
  ): Promise<void> {
    const { membership, messenger, logger } = this.options;
    this.invalidateHere(map, keyId, version);
    const self = membership.self.id;
    const others = membership.members.filter((m) => m.id !== self && m.id !== requesterId && !backupAddresses.includes(m.address));
    const sent = others.map((m) =>
      messenger.request(m.address, 'map.invalidate', { map, k: keyBytes, ver: version }).then(
        () => true,
        (error: unknown) => {
          logger.warn('near-cache invalidation failed', { member: m.address, error: String(error) });
          return false;
        },
      ),
    );
    const results = await Promise.all([...backupsInvalidated, ...sent]);
    const addresses = [...backupAddresses, ...others.map((m) => m.address)];
    const unconfirmed = addresses.filter((_, i) => !results[i]);
    if (unconfirmed.length === 0) return;
    // Such a member may still hold the old value: cut it off, which makes it drop its near caches,
    // and wait until it stops serving them anyway because its lease on hearing from us lapsed.
    for (const address of unconfirmed) {
      logger.warn('near-cache invalidation not confirmed; disconnecting member', { member: address });
      messenger.disconnect(address, 'near-cache invalidation failed');
    }
    await new Promise((resolve) => setTimeout(resolve, this.options.nearCacheLeaseMs));
  }

  /** Forgets the map's near-cached values (the map was cleared). */
  clearMap(map: string): void {
    this.caches.get(map)?.clear();
  }

  /** Forget every near-cached value: used when a connection drops, so a member that may have missed invalidations serves none. */
  clearAll(): void {
    for (const cache of this.caches.values()) cache.clear();
  }

  /** A member never serves its near cache for partitions it owns: drop those it has just come to own. */
  tableChanged(): void {
    const { partitions } = this.options;
    for (const cache of this.caches.values()) cache.dropPartitions((p) => partitions.isOwner(p));
  }

  stats(): Record<string, NearCacheStats> {
    return Object.fromEntries([...this.caches].map(([name, cache]) => [name, cache.stats()]));
  }
}
