import { EntryEvents, type EntryListener, type SubscriptionState, type Unsubscribe } from '../events/entry-events';
import type { MemberInfo } from '../membership';
import { NearCacheCoordinator } from '../near-cache/coordinator';
import type { CachedEntry, NearCache, NearCacheStats } from '../near-cache/near-cache';
import { MapCaller, type ReadEntry } from './caller';
import { ExpirySweeper } from './expiry';
import { Invocation } from './invocation';
import type { MapServiceOptions } from './options';
import { MapOwner } from './owner';
import type { Entry } from './record-store';
import { Replication } from './replication';
import { OperationRecorder, type OperationStats } from './stats';
import type { Mutation } from './wire';

export type { MapConfig, MapServiceOptions } from './options';

/**
 * Partitioned maps. Callers route each operation to the partition owner (retrying while
 * partitions move); the owner applies it, replicates it synchronously to the backups,
 * invalidates near caches on every member and only then answers.
 *
 * Entry events go only to members that announced listeners for the map (see `subscribe`).
 *
 * This class only composes the roles and answers for them to the member and its maps: the
 * caller side (MapCaller, Invocation), the owner side (MapOwner, Replication, ExpirySweeper),
 * the near caches (NearCacheCoordinator), entry events (EntryEvents) and stats (OperationRecorder).
 */
export class MapService {
  private readonly stats = new OperationRecorder();
  private readonly near: NearCacheCoordinator;
  private readonly events: EntryEvents;
  private readonly replication: Replication;
  private readonly owner: MapOwner;
  private readonly caller: MapCaller;
  private readonly expiry: ExpirySweeper;

  constructor(options: MapServiceOptions) {
    this.near = new NearCacheCoordinator(options, this.stats.get);
    this.events = new EntryEvents(options);
    this.replication = new Replication(options, this.near);
    this.owner = new MapOwner(options, this.replication, this.near, this.events);
    this.caller = new MapCaller(options, new Invocation(options, this.stats), this.near, this.stats);
    this.expiry = new ExpirySweeper(options, this.events);
  }

  start(): void {
    this.expiry.start();
  }

  stop(): void {
    this.expiry.stop();
  }

  nearCache(map: string): NearCache | undefined {
    return this.near.cacheOf(map);
  }

  /** Forget every near-cached value: used when a connection drops, so a member that may have missed invalidations serves none. */
  clearNearCaches(): void {
    this.near.clearAll();
  }

  operationStats(): Record<string, OperationStats> {
    return this.stats.snapshot();
  }

  nearCacheStats(): Record<string, NearCacheStats> {
    return this.near.stats();
  }

  /** See EntryEvents' `subscribe`. */
  subscribe(map: string, listener: EntryListener): Unsubscribe {
    return this.events.subscribe(map, listener);
  }

  /** This member's subscriptions, for heartbeats (undefined while it never subscribed). */
  subscriptionState(): SubscriptionState | undefined {
    return this.events.subscriptionState();
  }

  receiveSubscriptions(memberId: string, state: SubscriptionState): void {
    this.events.receiveSubscriptions(memberId, state);
  }

  /** Members this member knows to listen on the map (itself excluded). */
  subscribersOf(map: string): string[] {
    return this.events.subscribersOf(map);
  }

  /** Relays to removed backups may be lost; the entry-event registry follows the member list. */
  membersChanged(added: readonly MemberInfo[], removed: readonly MemberInfo[]): void {
    for (const member of removed) this.replication.backupLost(member.id);
    this.events.membersChanged(added);
  }

  /**
   * A connection to or from the member closed: this member may have missed invalidations from
   * it (so it drops its near caches), and writes it was to relay may be lost (see BackupRelays).
   */
  peerClosed(memberId: string): void {
    this.near.clearAll();
    this.replication.backupLost(memberId);
  }

  /** See NearCacheCoordinator's `hit`: undefined sends the caller to `read`. */
  nearHit(cache: NearCache, key: unknown): CachedEntry | undefined {
    return this.near.hit(cache, key);
  }

  /** A member never serves its near cache for partitions it owns: drop those it has just come to own. */
  tableChanged(): void {
    this.near.tableChanged();
  }

  /** Reads an entry: from an owned partition directly, from the near cache, or from the owner. */
  read(map: string, key: unknown, keyBytes: Uint8Array): Promise<ReadEntry | undefined> {
    return this.caller.read(map, key, keyBytes);
  }

  /** Runs a write on the partition owner. */
  mutate(map: string, keyBytes: Uint8Array, mutation: Mutation, durable = false): Promise<unknown> {
    return this.caller.mutate(map, keyBytes, mutation, durable);
  }

  size(map: string): Promise<number> {
    return this.caller.size(map);
  }

  clear(map: string): Promise<void> {
    return this.caller.clear(map);
  }

  localEntries(map: string): Entry[] {
    return this.owner.localEntries(map);
  }
}
