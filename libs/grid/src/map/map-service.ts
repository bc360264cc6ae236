import {
  ConnectionClosedError,
  GridError,
  OperationTimeoutError,
  PartitionMigratingError,
  RequestTimeoutError,
  WrongOwnerError,
} from '../errors';
import type { Logger } from '../logger';
import type { Membership } from '../membership';
import { NearCache } from '../near-cache';
import type { PartitionService, WireEntry } from '../partitioning';
import { partitionOfBytes } from '../partitioning';
import type { QuorumGuard } from '../quorum';
import type { MessageBus, Messenger } from '../transport';
import { RecordStore, fromWire, isExpired, keyIdOf, toWire, type Entry } from './record-store';

export type EntryEventType = 'added' | 'updated' | 'removed' | 'expired';

export interface WireEntryEvent {
  map: string;
  type: EntryEventType;
  k: Uint8Array;
  v?: Uint8Array;
  old?: Uint8Array;
}

export interface MapConfig {
  /** Cache entries owned by other members locally; every member must use the same setting. */
  nearCache?: { maxEntries?: number };
}

/** What a remote get returns. `ttl` is the remaining time to live in ms, 0 = none. */
export interface ReadResult {
  found: boolean;
  v?: Uint8Array;
  ver?: number;
  ttl?: number;
}

type Mutation =
  | { op: 'set'; v: Uint8Array; ttl: number }
  | { op: 'setIfAbsent'; v: Uint8Array; ttl: number }
  | { op: 'cas'; v: Uint8Array; ttl: number; expected: number }
  | { op: 'delete' }
  | { op: 'merge'; e: WireEntry };

type OpBody = { map: string; p: number; k: Uint8Array } & ({ op: 'get' } | Mutation);

/** A write replicated from the owner; `e` is null for a delete, `tv` the owner's table version. */
interface BackupBody {
  map: string;
  p: number;
  k: Uint8Array;
  e: WireEntry | null;
  ver: number;
  tv: number;
}

export interface OperationStats {
  count: number;
  errors: number;
  totalMs: number;
  maxMs: number;
}

export interface MapServiceOptions {
  messenger: MessageBus & Pick<Messenger, 'disconnect'>;
  membership: Membership;
  partitions: PartitionService;
  store: RecordStore;
  quorum: QuorumGuard;
  mapConfig: (name: string) => MapConfig;
  requestTimeoutMs: number;
  operationTimeoutMs: number;
  expirySweepIntervalMs: number;
  /**
   * Near-cached values are served only while every member answered a heartbeat sent within
   * this time; an owner whose invalidation failed waits this long before acknowledging.
   */
  nearCacheLeaseMs: number;
  roundTripWithAllWithin: (ms: number) => boolean;
  /** Throws when the member can no longer serve calls (stopped). */
  checkActive: () => void;
  logger: Logger;
}

export type EntryListener = (event: WireEntryEvent) => void;

const DEFAULT_NEAR_CACHE_ENTRIES = 10_000;
/** Operations whose repetition after an unknown outcome leaves the same state behind. */
const REPEATABLE = new Set(['get', 'set', 'delete', 'merge']);

/**
 * Partitioned maps. Callers route each operation to the partition owner (retrying while
 * partitions move); the owner applies it, replicates it synchronously to the backups,
 * invalidates near caches on every member and only then answers.
 */
export class MapService {
  private readonly nearCaches = new Map<string, NearCache>();
  private readonly entryListeners = new Map<string, Set<EntryListener>>();
  private readonly operations = new Map<string, OperationStats>();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly options: MapServiceOptions) {
    const { messenger } = options;
    messenger.handle('map.op', (body: OpBody) => this.onOperation(body));
    messenger.handle('map.backup', (body: BackupBody, from) => this.onBackup(body, from.memberId));
    messenger.handle('map.invalidate', (body: { map: string; k: Uint8Array; ver: number }) => {
      this.nearCaches.get(body.map)?.invalidate(keyIdOf(body.k), body.ver);
    });
    messenger.handle('map.event', (event: WireEntryEvent) => this.deliver(event));
    messenger.handle('map.local-size', (body: { map: string }) => this.localSize(body.map));
    messenger.handle('map.clear', (body: { map: string }) => {
      options.store.clearMap(body.map);
      this.nearCaches.get(body.map)?.clear();
    });
  }

  start(): void {
    this.sweeper = setInterval(() => this.sweepExpired(), this.options.expirySweepIntervalMs);
    this.sweeper.unref();
  }

  stop(): void {
    clearInterval(this.sweeper);
  }

  nearCache(map: string): NearCache | undefined {
    const config = this.options.mapConfig(map).nearCache;
    if (!config) return undefined;
    let cache = this.nearCaches.get(map);
    if (!cache) {
      cache = new NearCache(config.maxEntries ?? DEFAULT_NEAR_CACHE_ENTRIES);
      this.nearCaches.set(map, cache);
    }
    return cache;
  }

  /** Forget every near-cached value: used when a connection drops, so a member that may have missed invalidations serves none. */
  clearNearCaches(): void {
    for (const cache of this.nearCaches.values()) cache.clear();
  }

  operationStats(): Record<string, OperationStats> {
    return Object.fromEntries(this.operations);
  }

  nearCacheStats() {
    return Object.fromEntries([...this.nearCaches].map(([name, cache]) => [name, cache.stats()]));
  }

  subscribe(map: string, listener: EntryListener): () => void {
    let set = this.entryListeners.get(map);
    if (!set) {
      set = new Set();
      this.entryListeners.set(map, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  async get(map: string, key: Uint8Array): Promise<ReadResult> {
    this.options.checkActive();
    const p = partitionOfBytes(key, this.options.partitions.partitionCount);
    const cache = this.nearCache(map);
    if (!cache || this.options.partitions.isOwner(p)) return this.invoke('get', { map, p, k: key, op: 'get' });
    const keyId = keyIdOf(key);
    const now = Date.now();
    const hit = this.options.roundTripWithAllWithin(this.options.nearCacheLeaseMs) ? cache.get(keyId, now) : undefined;
    if (hit) {
      this.record('get', performance.now(), false);
      return { found: true, v: hit.value, ver: hit.version, ttl: hit.expiresAt === 0 ? 0 : hit.expiresAt - now };
    }
    const token = cache.beginRead(keyId);
    const result: ReadResult = await this.invoke('get', { map, p, k: key, op: 'get' });
    const cached =
      result.found && result.v && result.ver !== undefined
        ? { value: Buffer.from(result.v), version: result.ver, expiresAt: result.ttl ? Date.now() + result.ttl : 0 }
        : undefined;
    cache.completeRead(keyId, token, cached);
    return result;
  }

  async mutate(map: string, key: Uint8Array, mutation: Mutation): Promise<unknown> {
    this.options.checkActive();
    this.options.quorum.checkWrite();
    const p = partitionOfBytes(key, this.options.partitions.partitionCount);
    return this.invoke(mutation.op, { map, p, k: key, ...mutation });
  }

  async size(map: string): Promise<number> {
    this.options.checkActive();
    const sizes = await Promise.all(
      this.options.membership.members.map((m) => this.options.messenger.request(m.address, 'map.local-size', { map }) as Promise<number>),
    );
    return sizes.reduce((sum, n) => sum + n, 0);
  }

  async clear(map: string): Promise<void> {
    this.options.checkActive();
    this.options.quorum.checkWrite();
    await Promise.all(this.options.membership.members.map((m) => this.options.messenger.request(m.address, 'map.clear', { map })));
  }

  localEntries(map: string): Entry[] {
    const now = Date.now();
    const result: Entry[] = [];
    for (const p of this.options.partitions.partitionsAt('owner')) {
      for (const [, entry] of this.options.store.entries(p, map)) if (!isExpired(entry, now)) result.push(entry);
    }
    return result;
  }

  localSize(map: string): number {
    const now = Date.now();
    return this.options.partitions.partitionsAt('owner').reduce((sum, p) => sum + this.options.store.countLive(p, map, now), 0);
  }

  private async invoke(kind: string, body: OpBody): Promise<any> {
    const started = performance.now();
    const deadline = Date.now() + this.options.operationTimeoutMs;
    let lastError: unknown;
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      const owner = this.options.partitions.ownerOf(body.p);
      try {
        if (!owner) throw new PartitionMigratingError(`partition ${body.p} has no owner yet`);
        const result = await this.options.messenger.request(owner.address, 'map.op', body, this.callTimeout(body));
        this.record(kind, started, false);
        return result;
      } catch (error) {
        lastError = error;
        // After a timeout or a close with the request sent, only repeatable operations may try again.
        const outcomeUnknown = (error instanceof ConnectionClosedError && error.maybeDelivered) || error instanceof RequestTimeoutError;
        const retry = error instanceof GridError && (outcomeUnknown ? REPEATABLE.has(kind) : error.retryable);
        if (!retry) {
          this.record(kind, started, true);
          throw error;
        }
        if (error instanceof WrongOwnerError) this.refreshTable();
        await new Promise((resolve) => setTimeout(resolve, Math.min(5 * 2 ** attempt, 250)));
      }
    }
    this.record(kind, started, true);
    throw new OperationTimeoutError(`${kind} on map "${body.map}" did not complete within ${this.options.operationTimeoutMs} ms`, lastError);
  }

  /** A write waits on the owner for backups and invalidations (each bounded by requestTimeoutMs) and maybe a lease. */
  private callTimeout(body: OpBody): number {
    const { requestTimeoutMs, nearCacheLeaseMs } = this.options;
    return body.op === 'get' ? requestTimeoutMs : 2 * requestTimeoutMs + nearCacheLeaseMs;
  }

  private refreshTable(): void {
    const { partitions, membership } = this.options;
    partitions.catchUp((partitions.currentTable?.version ?? 0) + 1, membership.coordinator.address).catch(() => {
      // The coordinator is unreachable; a later heartbeat or retry will catch up.
    });
  }

  private record(kind: string, started: number, failed: boolean): void {
    const elapsed = performance.now() - started;
    const stats = this.operations.get(kind) ?? { count: 0, errors: 0, totalMs: 0, maxMs: 0 };
    stats.count++;
    if (failed) stats.errors++;
    stats.totalMs += elapsed;
    stats.maxMs = Math.max(stats.maxMs, elapsed);
    this.operations.set(kind, stats);
  }

  private onOperation(body: OpBody): unknown {
    if (body.op === 'get') {
      this.options.partitions.checkRead(body.p);
      const entry = this.options.store.get(body.p, body.map, keyIdOf(body.k));
      const now = Date.now();
      if (!entry || isExpired(entry, now)) return { found: false } satisfies ReadResult;
      const wire = toWire(entry, now);
      return { found: true, v: wire.v, ver: wire.ver, ttl: wire.ttl } satisfies ReadResult;
    }
    return this.write(body);
  }

  private async write(body: OpBody & Mutation): Promise<unknown> {
    const { store, partitions, quorum } = this.options;
    quorum.checkWrite();
    const release = partitions.acquireWrite(body.p);
    try {
      const now = Date.now();
      const keyId = keyIdOf(body.k);
      let current = store.get(body.p, body.map, keyId);
      if (current && isExpired(current, now)) {
        store.remove(body.p, body.map, keyId);
        this.publish({ map: body.map, type: 'expired', k: current.key, old: current.value });
        current = undefined;
      }
      const decision = decide(body, current);
      if (decision.change === undefined) return decision.result;
      const version = store.nextVersion(body.p);
      let wire: WireEntry | null = null;
      if (decision.change === 'delete') {
        store.remove(body.p, body.map, keyId);
      } else {
        const entry: Entry = {
          key: Buffer.from(body.k),
          value: Buffer.from(decision.change.value),
          version,
          expiresAt: decision.change.ttl > 0 ? now + decision.change.ttl : 0,
          updatedAt: decision.change.updatedAt ?? now,
        };
        store.put(body.p, body.map, keyId, entry);
        wire = toWire(entry, now);
      }
      // Sends are queued in this order on each connection: backups, then invalidations, then events.
      const backups = partitions
        .backupAddresses(body.p)
        .map((address) =>
          this.options.messenger
            .request(address, 'map.backup', {
              map: body.map,
              p: body.p,
              k: body.k,
              e: wire,
              ver: version,
              tv: partitions.currentTable!.version,
            } satisfies BackupBody)
            .catch((error: unknown) => this.options.logger.warn('backup write failed', { address, error: String(error) })),
        );
      const invalidations = this.invalidateNearCaches(body.map, body.k, version);
      this.publish({
        map: body.map,
        type: decision.change === 'delete' ? 'removed' : current ? 'updated' : 'added',
        k: body.k,
        ...(wire ? { v: wire.v } : {}),
        ...(current ? { old: current.value } : {}),
      });
      await Promise.all([...backups, invalidations]);
      return decision.result;
    } finally {
      release();
    }
  }

  private async invalidateNearCaches(map: string, key: Uint8Array, version: number): Promise<void> {
    if (!this.options.mapConfig(map).nearCache) return;
    const keyId = keyIdOf(key);
    this.nearCaches.get(map)?.invalidate(keyId, version);
    const self = this.options.membership.self.id;
    const results = await Promise.all(
      this.options.membership.members
        .filter((m) => m.id !== self)
        .map((m) =>
          this.options.messenger.request(m.address, 'map.invalidate', { map, k: key, ver: version }).then(
            () => true,
            (error: unknown) => {
              // The member may still hold the old value: cut it off, which makes it drop its near caches.
              this.options.logger.warn('near-cache invalidation failed; disconnecting member', { member: m.address, error: String(error) });
              this.options.messenger.disconnect(m.address, 'near-cache invalidation failed');
              return false;
            },
          ),
        ),
    );
    // A member that did not confirm stops serving near-cached values once its lease on hearing from us lapses.
    if (results.includes(false)) await new Promise((resolve) => setTimeout(resolve, this.options.nearCacheLeaseMs));
  }

  private publish(event: WireEntryEvent): void {
    for (const member of this.options.membership.members) {
      this.options.messenger.notify(member.address, 'map.event', event).catch(() => {
        // Events are best effort towards unreachable members.
      });
    }
  }

  private deliver(event: WireEntryEvent): void {
    for (const listener of this.entryListeners.get(event.map) ?? []) {
      try {
        listener(event);
      } catch (error) {
        this.options.logger.error('entry listener failed', { map: event.map, error: String(error) });
      }
    }
  }

  private onBackup({ map, p, k: key, e: wire, ver: version, tv }: BackupBody, senderId: string): void {
    const { store, partitions } = this.options;
    // Only the owner may replicate, unless the sender already runs on a table newer than ours.
    if (partitions.ownerOf(p)?.id !== senderId && tv <= (partitions.currentTable?.version ?? 0)) {
      throw new WrongOwnerError(`backup for partition ${p} from a member that does not own it`);
    }
    store.observeVersion(p, version);
    const keyId = keyIdOf(key);
    const existing = store.get(p, map, keyId);
    if (existing && existing.version >= version) return;
    if (wire === null) store.remove(p, map, keyId);
    else store.put(p, map, keyId, fromWire(wire, Date.now()));
  }

  private sweepExpired(): void {
    const { store, partitions } = this.options;
    const now = Date.now();
    for (let p = 0; p < store.partitionCount; p++) {
      const owner = partitions.isOwner(p);
      for (const map of store.mapNames(p)) {
        for (const [keyId, entry] of store.entries(p, map)) {
          if (!isExpired(entry, now)) continue;
          store.remove(p, map, keyId);
          if (owner) this.publish({ map, type: 'expired', k: entry.key, old: entry.value });
        }
      }
    }
  }
}

interface Decision {
  result: unknown;
  change?: 'delete' | { value: Uint8Array; ttl: number; updatedAt?: number };
}

function decide(mutation: Mutation, current: Entry | undefined): Decision {
  switch (mutation.op) {
    case 'set':
      return { result: undefined, change: { value: mutation.v, ttl: mutation.ttl } };
    case 'setIfAbsent':
      return current ? { result: false } : { result: true, change: { value: mutation.v, ttl: mutation.ttl } };
    case 'cas':
      return current?.version === mutation.expected
        ? { result: true, change: { value: mutation.v, ttl: mutation.ttl } }
        : { result: false };
    case 'delete':
      return current ? { result: true, change: 'delete' } : { result: false };
    case 'merge':
      // Latest update wins; on a tie the entry already in this cluster stays.
      return current && current.updatedAt >= mutation.e.upd
        ? { result: false }
        : { result: true, change: { value: mutation.e.v, ttl: mutation.e.ttl, updatedAt: mutation.e.upd } };
  }
}
