import {
  ConnectionClosedError,
  GridError,
  OperationTimeoutError,
  PartitionMigratingError,
  QuorumError,
  RequestTimeoutError,
  WriteNotDurableError,
  WrongOwnerError,
} from '../errors';
import type { Logger } from '../logger';
import type { Membership } from '../membership';
import { decodeValue } from '../codec';
import { NearCache, fastKeyOf, type CachedEntry } from '../near-cache';
import type { PartitionService } from '../partitioning';
import { partitionOfBytes } from '../partitioning';
import type { QuorumGuard } from '../quorum';
import type { MemberInfo } from '../membership';
import { NO_RESPONSE, type MessageBus, type Messenger, type RequestOptions, type Sender } from '../transport';
import { BackupRelays } from './backup-relay';
import { RecordStore, entryOf, isExpired, keyIdOf, remainingTtl, type Entry } from './record-store';
import {
  decodeBackup,
  decodeOp,
  decodeRead,
  decodeWriteResult,
  encodeBackup,
  encodeOp,
  encodeRead,
  encodeWriteResult,
  isNotDurable,
  markNotDurable,
  type BackupBody,
  type Mutation,
  type OpBody,
  type ReadResult,
  type WriteResult,
} from './wire';

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

/** A member's announcement of the maps it has entry listeners on; `v` rises with every change. */
interface SubscriptionState {
  v: number;
  maps: string[];
}

export interface OperationStats {
  count: number;
  errors: number;
  totalMs: number;
  maxMs: number;
}

export interface MapServiceOptions {
  messenger: MessageBus & Pick<Messenger, 'disconnect' | 'completeRequest' | 'sendNow'>;
  membership: Membership;
  partitions: PartitionService;
  store: RecordStore;
  quorum: QuorumGuard;
  mapConfig: (name: string) => MapConfig;
  requestTimeoutMs: number;
  operationTimeoutMs: number;
  expirySweepIntervalMs: number;
  /** An owner whose invalidation failed waits this long before acknowledging: the member that missed it stops serving its near cache by then. */
  nearCacheLeaseMs: number;
  /** Near-cached values are served only while this holds: the member's lease, and a heartbeat answered by every member within nearCacheLeaseMs. */
  nearCacheServable: (now: number) => boolean;
  /** The member's lease (see MembershipLease): checked again before a durable write is acknowledged. */
  leaseValid: () => boolean;
  /** Every write must be durable (see MemberConfig.durableWrites). */
  durableWrites: boolean;
  /** Throws when the member can no longer serve calls (stopped). */
  checkActive: () => void;
  logger: Logger;
}

export type EntryListener = (event: WireEntryEvent) => void;

/** Removes the listener; `registered` resolves once every member of the current view acknowledged (or failed to take) the map's subscription. */
export type Unsubscribe = (() => void) & { registered: Promise<void> };

/** An entry as read by `get`: the decoded value (deep-frozen on maps with a near cache). */
export type ReadEntry = CachedEntry;

const DEFAULT_NEAR_CACHE_ENTRIES = 10_000;
const NOT_SERVED = Symbol('not-served');
/** Operations whose repetition after an unknown outcome leaves the same state behind. */
const REPEATABLE = new Set(['get', 'set', 'delete', 'merge']);

/** Freezes a decoded value and everything in it (typed arrays cannot be frozen and stay as they are). */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value) || ArrayBuffer.isView(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) for (const item of value) deepFreeze(item);
  else for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}

/**
 * Partitioned maps. Callers route each operation to the partition owner (retrying while
 * partitions move); the owner applies it, replicates it synchronously to the backups,
 * invalidates near caches on every member and only then answers.
 *
 * Entry events go only to members that announced listeners for the map (see `subscribe`).
 */
export class MapService {
  private readonly nearCaches = new Map<string, NearCache>();
  private readonly entryListeners = new Map<string, Set<EntryListener>>();
  private readonly operations = new Map<string, OperationStats>();
  private readonly relays: BackupRelays;
  /** The maps this member listens on, as last announced. */
  private ownSubscriptions: SubscriptionState = { v: 0, maps: [] };
  /** Per other member: the maps it listens on, from its latest announcement. */
  private readonly memberSubscriptions = new Map<string, { v: number; maps: Set<string> }>();
  private sweeper: NodeJS.Timeout | undefined;
  /** Settles when the latest subscription announcement was acknowledged by (or failed on) every member. */
  private announced: Promise<void> = Promise.resolve();
  /** Stats of `get`, also counting reads answered from memory (with 0 ms). */
  private readonly getStats: OperationStats = { count: 0, errors: 0, totalMs: 0, maxMs: 0 };

  constructor(private readonly options: MapServiceOptions) {
    const { messenger } = options;
    this.operations.set('get', this.getStats);
    messenger.handle('map.op', (body: unknown, from) => this.onOperation(decodeOp(body), from));
    messenger.handle('map.backup', (body: unknown, from) => this.onBackup(decodeBackup(body, from.address), from));
    this.relays = new BackupRelays({
      messenger,
      self: () => options.membership.self,
      nearCacheLeaseMs: options.nearCacheLeaseMs,
      logger: options.logger,
    });
    messenger.handle('map.invalidate', (body: { map: string; k: Uint8Array; ver: number }) => {
      this.nearCaches.get(body.map)?.invalidate(keyIdOf(body.k), body.ver);
    });
    messenger.handle('map.event', (event: WireEntryEvent) => this.deliver(event));
    messenger.handle('map.subscriptions', (body: SubscriptionState, from) => this.receiveSubscriptions(from.memberId, body));
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
    return Object.fromEntries([...this.operations].filter(([, stats]) => stats.count > 0));
  }

  nearCacheStats() {
    return Object.fromEntries([...this.nearCaches].map(([name, cache]) => [name, cache.stats()]));
  }

  /**
   * Registers a listener for a map's entry events. The first listener of a map announces the
   * subscription to every member (and the last one to go withdraws it), so owners send events
   * only to members that listen. The announcement leaves before any later request of this
   * member to the same peer, so events of this member's own writes issued after `subscribe`
   * are delivered; writes by other members reach the listener once the announcement arrived
   * at their owners (`registered` tells when every member has it). Members joining later learn
   * it when they join, and heartbeats repeat it, so a lost announcement heals.
   */
  subscribe(map: string, listener: EntryListener): Unsubscribe {
    let set = this.entryListeners.get(map);
    if (!set) {
      set = new Set();
      this.entryListeners.set(map, set);
      this.announceSubscriptions();
    }
    set.add(listener);
    const listeners = set;
    const unsubscribe = () => {
      if (!listeners.delete(listener) || listeners.size > 0 || this.entryListeners.get(map) !== listeners) return;
      this.entryListeners.delete(map);
      this.announceSubscriptions();
    };
    return Object.assign(unsubscribe, { registered: this.announced });
  }

  /** This member's subscriptions, for heartbeats (undefined while it never subscribed). */
  subscriptionState(): SubscriptionState | undefined {
    return this.ownSubscriptions.v === 0 ? undefined : this.ownSubscriptions;
  }

  receiveSubscriptions(memberId: string, state: SubscriptionState): void {
    if (!state || typeof state.v !== 'number' || !Array.isArray(state.maps)) return;
    const known = this.memberSubscriptions.get(memberId);
    if (known && known.v >= state.v) return;
    this.memberSubscriptions.set(memberId, { v: state.v, maps: new Set(state.maps) });
  }

  /** Keeps the registry in step with the member list: forget removed members, tell new ones. */
  membersChanged(added: readonly MemberInfo[], removed: readonly MemberInfo[]): void {
    for (const member of removed) this.relays.backupLost(member.id);
    // Forget announcements of members no longer in the view (removed ones, and ones heard of after their removal).
    const current = new Set(this.options.membership.members.map((m) => m.id));
    for (const id of this.memberSubscriptions.keys()) if (!current.has(id)) this.memberSubscriptions.delete(id);
    if (this.ownSubscriptions.v === 0) return;
    const self = this.options.membership.self.id;
    // After this member (re)joined everyone is new to it; otherwise only the added members are.
    const targets = added.some((m) => m.id === self) ? this.options.membership.members : added;
    for (const member of targets) if (member.id !== self) void this.sendSubscriptions(member.address);
  }

  /**
   * A connection to or from the member closed: this member may have missed invalidations from
   * it (so it drops its near caches), and writes it was to relay may be lost (see BackupRelays).
   */
  peerClosed(memberId: string): void {
    this.clearNearCaches();
    this.relays.backupLost(memberId);
  }

  /** Members this member knows to listen on the map (itself excluded). */
  subscribersOf(map: string): string[] {
    return [...this.memberSubscriptions].filter(([, s]) => s.maps.has(map)).map(([id]) => id);
  }

  private announceSubscriptions(): void {
    this.ownSubscriptions = { v: this.ownSubscriptions.v + 1, maps: [...this.entryListeners.keys()] };
    const self = this.options.membership.self.id;
    const sends = this.options.membership.members.filter((m) => m.id !== self).map((m) => this.sendSubscriptions(m.address));
    this.announced = Promise.all(sends).then(() => undefined);
  }

  private sendSubscriptions(address: string): Promise<void> {
    return this.options.messenger.request(address, 'map.subscriptions', this.ownSubscriptions).then(
      () => undefined,
      () => {
        // Unreachable now: the next heartbeat carries the same state.
      },
    );
  }

  /**
   * A near-cache hit for a string or number key, found without encoding, hashing or decoding;
   * undefined sends the caller to `read`. The value is shared and frozen.
   */
  nearHit(cache: NearCache, key: unknown): CachedEntry | undefined {
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

  /** A member never serves its near cache for partitions it owns: drop those it has just come to own. */
  tableChanged(): void {
    const { partitions } = this.options;
    for (const cache of this.nearCaches.values()) cache.dropPartitions((p) => partitions.isOwner(p));
  }

  /** Reads an entry: from an owned partition directly, from the near cache, or from the owner. */
  async read(map: string, key: unknown, keyBytes: Uint8Array): Promise<ReadEntry | undefined> {
    this.options.checkActive();
    // Below quorum and unconfirmed, no lease is coming back soon: say so at once rather than wait out the operation timeout.
    if (this.options.quorum.degraded && !this.options.leaseValid()) {
      throw new QuorumError('this member is below quorum and not confirmed by the cluster: it cannot vouch for what it holds');
    }
    const { partitions } = this.options;
    const p = partitionOfBytes(keyBytes, partitions.partitionCount);
    const cache = this.nearCache(map);
    const freeze = cache !== undefined;
    if (partitions.isOwner(p)) {
      const started = performance.now();
      const local = this.readOwned(map, p, keyBytes, freeze);
      if (local !== NOT_SERVED) {
        this.record('get', started, false);
        return local;
      }
    } else if (cache) {
      const keyId = keyIdOf(keyBytes);
      const now = Date.now();
      const hit = this.options.nearCacheServable(now) ? cache.get(keyId, now) : undefined;
      if (hit) {
        this.getStats.count++;
        return hit;
      }
      const token = cache.beginRead(keyId);
      let entry: ReadEntry | undefined;
      try {
        entry = this.readEntry(decodeRead(await this.invoke({ map, p, k: keyBytes, op: 'get' })), p, true);
      } catch (error) {
        cache.completeRead(keyId, token, undefined);
        throw error;
      }
      // The partition may have come to this member meanwhile: its entries are not cached then.
      cache.completeRead(keyId, token, partitions.isOwner(p) ? undefined : entry, fastKeyOf(key));
      return entry;
    }
    return this.readEntry(decodeRead(await this.invoke({ map, p, k: keyBytes, op: 'get' })), p, freeze);
  }

  /** A read of a partition this member owns, without a round through the messenger; NOT_SERVED if it cannot serve it now. */
  private readOwned(map: string, p: number, keyBytes: Uint8Array, freeze: boolean): ReadEntry | undefined | typeof NOT_SERVED {
    try {
      this.options.partitions.checkRead(p);
    } catch {
      return NOT_SERVED; // invoke() retries as usual
    }
    const stored = this.options.store.get(p, map, keyIdOf(keyBytes));
    const now = Date.now();
    if (!stored || isExpired(stored, now)) return undefined;
    // Decode from a copy: decoded binary fields would otherwise share the stored buffer.
    let value: unknown;
    if (!freeze) value = decodeValue(Buffer.from(stored.value));
    else value = stored.decoded ??= deepFreeze(decodeValue(Buffer.from(stored.value)));
    return { value, version: stored.version, expiresAt: stored.expiresAt, partition: p };
  }

  private readEntry(result: ReadResult | undefined, p: number, freeze: boolean): ReadEntry | undefined {
    if (!result) return undefined;
    const value = decodeValue(Buffer.from(result.v));
    return {
      value: freeze ? deepFreeze(value) : value,
      version: result.ver,
      expiresAt: result.ttl ? Date.now() + result.ttl : 0,
      partition: p,
    };
  }

  /**
   * Runs a write on the partition owner. On a map with a near cache the owner does not send
   * this member an invalidation: this member drops the key itself when the call settles (with
   * the write's version, or when the outcome is unknown with a version no read can beat), so
   * the key is gone from its near cache before the write returns, as on every other member.
   */
  async mutate(map: string, key: Uint8Array, mutation: Mutation, durable = false): Promise<unknown> {
    this.options.checkActive();
    this.options.quorum.checkWrite();
    const p = partitionOfBytes(key, this.options.partitions.partitionCount);
    const cache = this.nearCache(map);
    const body: OpBody = { map, p, k: key, ...mutation, ...((durable || this.options.durableWrites) && { durable: true }) };
    let result: WriteResult;
    try {
      result = decodeWriteResult(await this.invoke(body));
    } catch (error) {
      cache?.invalidate(keyIdOf(key), Number.MAX_SAFE_INTEGER);
      throw error;
    }
    if (cache && result.ver !== undefined && !result.self) cache.invalidate(keyIdOf(key), result.ver);
    return result.r;
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

  /**
   * Sends the operation to the partition's owner, retrying while partitions move; resolves to the
   * owner's (encoded) answer. A `durable` write whose answer says it is not known to be durable
   * is tried again when repeating it is safe (a backup may be paused or being replaced), and
   * otherwise fails with WriteNotDurableError.
   */
  private async invoke(body: OpBody): Promise<unknown> {
    const durable = body.durable === true;
    const kind = body.op;
    const message = encodeOp(body);
    const started = performance.now();
    const deadline = Date.now() + this.options.operationTimeoutMs;
    let lastError: unknown;
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      const owner = this.options.partitions.ownerOf(body.p);
      try {
        if (!owner) throw new PartitionMigratingError(`partition ${body.p} has no owner yet`);
        const result = await this.options.messenger.request(owner.address, 'map.op', message, this.requestOptions(body, owner.id));
        if (durable && isNotDurable(result)) {
          throw new WriteNotDurableError(`${kind} on map "${body.map}" may have been applied but is not known to survive its owner (partition ${body.p})`);
        }
        this.record(kind, started, false);
        return result;
      } catch (error) {
        lastError = error;
        // After a timeout, a close with the request sent or a write not known to be durable, only repeatable operations may try again.
        const outcomeUnknown =
          (error instanceof ConnectionClosedError && error.maybeDelivered) || error instanceof RequestTimeoutError || error instanceof WriteNotDurableError;
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
    if (lastError instanceof WriteNotDurableError) throw lastError;
    throw new OperationTimeoutError(`${kind} on map "${body.map}" did not complete within ${this.options.operationTimeoutMs} ms`, lastError);
  }

  /**
   * A write waits on the owner for backups and invalidations (each bounded by requestTimeoutMs)
   * and maybe a lease; its answer may come from the partition's backup (see `write`), whose loss
   * then fails the call as "maybe applied" (retried where that is safe) instead of a timeout.
   */
  private requestOptions(body: OpBody, ownerId: string): RequestOptions {
    const { requestTimeoutMs, nearCacheLeaseMs, partitions } = this.options;
    if (body.op === 'get') return { timeoutMs: requestTimeoutMs };
    const backupId = partitions.firstBackupId(body.p);
    const relayedBy = backupId === ownerId || backupId === this.options.membership.self.id ? undefined : backupId;
    const timeoutMs = 2 * requestTimeoutMs + nearCacheLeaseMs;
    return relayedBy === undefined ? { timeoutMs } : { timeoutMs, relayedBy };
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

  private onOperation(body: OpBody, requester: Sender): unknown {
    if (body.op === 'get') {
      this.options.partitions.checkRead(body.p);
      const entry = this.options.store.get(body.p, body.map, keyIdOf(body.k));
      const now = Date.now();
      if (!entry || isExpired(entry, now)) return encodeRead(undefined);
      return encodeRead({ v: entry.value, ver: entry.version, ttl: remainingTtl(entry, now) });
    }
    return this.write(body, requester);
  }

  /**
   * Applies a write on the owner, replicates it to the backups and invalidates near caches;
   * answers with the write's version when it changed the entry (the requester invalidates its
   * own near cache with it; `self` when the requester is this member, which already did).
   *
   * With one backup and no other near cache to invalidate, the backup answers the requester
   * (owner -> backup -> requester: one message fewer than owner -> backup -> owner -> requester,
   * none at all when the requester is the backup); the write still returns only once owner and
   * backup applied it. That path makes no promise: the answer is NO_RESPONSE at once.
   */
  private write(body: OpBody & Mutation, requester: Sender): unknown {
    this.options.quorum.checkWrite();
    const release = this.options.partitions.acquireWrite(body.p);
    let answer: unknown;
    try {
      answer = this.applyAndReplicate(body, requester, release);
    } catch (error) {
      release();
      throw error;
    }
    // A write whose answer the backup relays keeps its permit until the backup acknowledged it.
    if (answer === NO_RESPONSE) return answer;
    if (answer instanceof Promise) return answer.finally(release);
    release();
    return answer;
  }

  /** The owner's part of `write`: NO_RESPONSE when the relay took over `release`, otherwise the (encoded) answer or its promise. */
  private applyAndReplicate(body: OpBody & Mutation, requester: Sender, release: () => void): unknown {
    const { store, partitions } = this.options;
    const now = Date.now();
    const keyId = keyIdOf(body.k);
    let current = store.get(body.p, body.map, keyId);
    if (current && isExpired(current, now)) {
      store.remove(body.p, body.map, keyId);
      const expired = current;
      this.publish(body.map, () => ({ map: body.map, type: 'expired', k: expired.key, old: expired.value }));
      current = undefined;
    }
    const decision = decide(body, current);
    const change = decision.change;
    if (change === undefined) return body.durable ? this.restate(body, current, decision.result) : encodeWriteResult({ r: decision.result });
    const version = store.nextVersion(body.p);
    let stored: Entry | undefined;
    if (change === 'delete') {
      store.remove(body.p, body.map, keyId);
    } else {
      stored = {
        key: Buffer.from(body.k),
        value: Buffer.from(change.value),
        version,
        expiresAt: change.ttl > 0 ? now + change.ttl : 0,
        updatedAt: change.updatedAt ?? now,
      };
      store.put(body.p, body.map, keyId, stored);
    }
    // Sends are queued in this order on each connection: backups, then invalidations, then events.
    // On a near-cache map a backup drops the key from its own near cache too, which counts as its invalidation.
    const nearCache = this.options.mapConfig(body.map).nearCache !== undefined;
    const backupBody = this.backupBodyOf(body, stored, version, nearCache, now);
    const bySelf = requester.memberId === this.options.membership.self.id;
    const written: WriteResult = bySelf ? { r: decision.result, ver: version, self: true } : { r: decision.result, ver: version };
    const result = encodeWriteResult(written);
    const backups = partitions.backupMembers(body.p);
    const relayed = this.backupMayAnswer(requester, backups, nearCache) && this.relays.handOver(backups[0]!.id, requester, result, nearCache, release, (re) =>
      this.options.messenger.sendNow(backups[0]!.address, 'map.backup', encodeBackup(backupBody, re)),
    );
    let replicated: Promise<BackupOutcome[]> | undefined;
    if (relayed) {
      this.nearCaches.get(body.map)?.invalidate(keyId, version);
    } else {
      const backupAddresses = backups.map((member) => member.address);
      const outcomes = backupAddresses.map((address) => this.replicate(address, backupBody));
      const all = Promise.all(outcomes);
      replicated = nearCache
        ? this.invalidateNearCaches(body.map, body.k, version, requester.memberId, backupAddresses, outcomes).then(() => all)
        : all;
    }
    const previous = current;
    this.publish(body.map, () => ({
      map: body.map,
      type: change === 'delete' ? 'removed' : previous ? 'updated' : 'added',
      k: body.k,
      ...(stored ? { v: stored.value } : {}),
      ...(previous ? { old: previous.value } : {}),
    }));
    // Quorum and lease are checked again at the answer: a member cut off meanwhile answers "not known to be durable".
    if (!replicated) return NO_RESPONSE;
    if (!body.durable) return replicated.then(() => result);
    return replicated.then((outcomes) => (this.durable(outcomes) ? result : encodeWriteResult({ ...written, notDurable: true })));
  }

  /**
   * A durable write that changes nothing (a delete of an absent key, a setIfAbsent that finds one)
   * answers from the owner's state, which an earlier attempt may have left on the owner alone:
   * the state is sent to the backups again, and the answer is durable only once they hold it.
   */
  private restate(body: OpBody, current: Entry | undefined, result: unknown): Promise<unknown> {
    const { store, partitions } = this.options;
    // An absent key is restated with the partition's latest version: it outranks any copy a backup holds.
    const version = current ? current.version : store.latestVersion(body.p);
    const backupBody = this.backupBodyOf(body, current, version, false, Date.now());
    const outcomes = partitions.backupMembers(body.p).map((member) => this.replicate(member.address, backupBody));
    return Promise.all(outcomes).then((settled) => encodeWriteResult(this.durable(settled) ? { r: result } : { r: result, notDurable: true }));
  }

  /**
   * Sends a write to a backup and waits for it: `stored`, `refused` (its handler refused it but
   * still invalidated its near cache) or `failed` (no answer: it may or may not hold it).
   */
  private replicate(address: string, backupBody: BackupBody): Promise<BackupOutcome> {
    return this.options.messenger.request(address, 'map.backup', encodeBackup(backupBody)).then(
      () => 'stored' as const,
      (error: unknown) => {
        this.options.logger.warn('backup write failed', { address, error: String(error) });
        return error instanceof WrongOwnerError ? ('refused' as const) : ('failed' as const);
      },
    );
  }

  /** What a backup is sent for a key: its entry after the write (none: deleted), at `version`. */
  private backupBodyOf(body: OpBody, entry: Entry | undefined, version: number, invalidate: boolean, now: number): BackupBody {
    return {
      map: body.map,
      p: body.p,
      k: body.k,
      v: entry ? entry.value : null,
      ttl: entry ? remainingTtl(entry, now) : 0,
      upd: entry ? entry.updatedAt : now,
      ver: version,
      tv: this.options.partitions.currentTable!.version,
      inv: invalidate,
    };
  }

  /** Whether a write whose backups ended with these outcomes may be answered as durable now. */
  private durable(outcomes: readonly BackupOutcome[]): boolean {
    return outcomes.length > 0 && outcomes.every((o) => o === 'stored') && !this.options.quorum.degraded && this.options.leaseValid();
  }

  /**
   * Whether the backup may answer the requester: a remote requester (its request can be
   * completed by another member), exactly one backup, and on a near-cache map no member beyond
   * owner, requester and backup whose near cache would need an invalidation first.
   */
  private backupMayAnswer(requester: Sender, backups: readonly MemberInfo[], nearCache: boolean): boolean {
    const self = this.options.membership.self.id;
    if (requester.requestId === undefined || requester.memberId === self || backups.length !== 1) return false;
    const backupId = backups[0]!.id;
    return !nearCache || this.options.membership.members.every((m) => m.id === self || m.id === requester.memberId || m.id === backupId);
  }

  /**
   * Drops the key from every member's near cache: here at once; on the requester when its call
   * settles (see `mutate`); on the backups with the backup message, whose outcomes `backups`
   * holds (in the order of `backupAddresses`); on all other members with an invalidation message.
   */
  private async invalidateNearCaches(
    map: string,
    key: Uint8Array,
    version: number,
    requesterId: string,
    backupAddresses: string[],
    backups: Array<Promise<BackupOutcome>>,
  ): Promise<void> {
    this.nearCaches.get(map)?.invalidate(keyIdOf(key), version);
    const self = this.options.membership.self.id;
    const others = this.options.membership.members.filter(
      (m) => m.id !== self && m.id !== requesterId && !backupAddresses.includes(m.address),
    );
    const sent = others.map((m) =>
      this.options.messenger.request(m.address, 'map.invalidate', { map, k: key, ver: version }).then(
        () => true,
        (error: unknown) => {
          this.options.logger.warn('near-cache invalidation failed', { member: m.address, error: String(error) });
          return false;
        },
      ),
    );
    // A backup that refused the write still dropped the key from its near cache.
    const results = await Promise.all([...backups.map((b) => b.then((outcome) => outcome !== 'failed')), ...sent]);
    const addresses = [...backupAddresses, ...others.map((m) => m.address)];
    const unconfirmed = addresses.filter((_, i) => !results[i]);
    if (unconfirmed.length === 0) return;
    // Such a member may still hold the old value: cut it off, which makes it drop its near caches,
    // and wait until it stops serving them anyway because its lease on hearing from us lapsed.
    for (const address of unconfirmed) {
      this.options.logger.warn('near-cache invalidation not confirmed; disconnecting member', { member: address });
      this.options.messenger.disconnect(address, 'near-cache invalidation failed');
    }
    await new Promise((resolve) => setTimeout(resolve, this.options.nearCacheLeaseMs));
  }

  /** Sends an event of the map to the members listening on it (this one included, asynchronously as the others); created only if someone listens. */
  private publish(map: string, createEvent: () => WireEntryEvent): void {
    const self = this.options.membership.self.id;
    let event: WireEntryEvent | undefined;
    for (const member of this.options.membership.members) {
      const listens = member.id === self ? this.entryListeners.has(map) : this.memberSubscriptions.get(member.id)?.maps.has(map);
      if (!listens) continue;
      event ??= createEvent();
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

  /** Applies a backup write; one that carries the owner's answer is answered to the requester, applied or refused. */
  private onBackup(body: BackupBody, sender: Sender): void {
    if (!body.re) return this.applyBackup(body, sender.memberId);
    try {
      this.applyBackup(body, sender.memberId);
    } catch (error) {
      // The owner applied the write, so its answer stands (as when an owner's backup request is
      // refused), but not as a durable one: this backup does not hold it.
      this.options.logger.warn('backup write refused', { partition: body.p, error: String(error) });
      this.relays.answer({ ...body.re, res: markNotDurable(body.re.res) }, sender);
      return;
    }
    this.relays.answer(body.re, sender);
  }

  private applyBackup({ map, p, k: key, v: value, ttl, upd, ver: version, tv, inv }: BackupBody, senderId: string): void {
    const { store, partitions } = this.options;
    const keyId = keyIdOf(key);
    // First, so that the owner may count even a refused backup as a confirmed invalidation.
    if (inv) this.nearCaches.get(map)?.invalidate(keyId, version);
    // Only the owner may replicate, unless the sender already runs on a table newer than ours.
    if (partitions.ownerOf(p)?.id !== senderId && tv <= (partitions.currentTable?.version ?? 0)) {
      throw new WrongOwnerError(`backup for partition ${p} from a member that does not own it`);
    }
    store.observeVersion(p, version);
    const existing = store.get(p, map, keyId);
    if (existing && existing.version >= version) return;
    if (value === null) store.remove(p, map, keyId);
    else store.put(p, map, keyId, entryOf(key, value, version, ttl, upd, Date.now()));
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
          if (owner) this.publish(map, () => ({ map, type: 'expired', k: entry.key, old: entry.value }));
        }
      }
    }
  }
}

type BackupOutcome = 'stored' | 'refused' | 'failed';

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
      return current && current.updatedAt >= mutation.upd
        ? { result: false }
        : { result: true, change: { value: mutation.v, ttl: mutation.ttl, updatedAt: mutation.upd } };
  }
}
