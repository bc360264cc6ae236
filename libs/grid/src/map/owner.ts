import type { EntryEvents } from '../events/entry-events';
import type { MemberInfo } from '../membership';
import type { NearCacheCoordinator } from '../near-cache/coordinator';
import { NO_RESPONSE, type Sender } from '../transport';
import { publishExpired } from './expiry';
import { decide } from './mutation';
import type { MapServiceOptions } from './options';
import { isExpired, keyIdOf, remainingTtl, type Entry } from './record-store';
import { backupInvalidated, type BackupOutcome, type Replication } from './replication';
import { decodeOp, encodeRead, encodeWriteResult, type Mutation, type OpBody, type WriteResult } from './wire';

export type MapOwnerOptions = Pick<MapServiceOptions, 'messenger' | 'membership' | 'partitions' | 'store' | 'quorum' | 'mapConfig' | 'leaseValid'>;

/**
 * A member's side of the maps it holds: it answers operations on the partitions it owns (a
 * write is applied, replicated to the backups and invalidated in every near cache before it is
 * answered), and reports and clears its local entries.
 */
export class MapOwner {
  constructor(
    private readonly options: MapOwnerOptions,
    private readonly replication: Replication,
    private readonly near: NearCacheCoordinator,
    private readonly events: EntryEvents,
  ) {
    const { messenger, store } = options;
    messenger.handle('map.op', (body: unknown, from) => this.onOperation(decodeOp(body), from));
    messenger.handle('map.local-size', (body: { map: string }) => this.localSize(body.map));
    messenger.handle('map.clear', (body: { map: string }) => {
      store.clearMap(body.map);
      near.clearMap(body.map);
    });
  }

  /** Live entries of the map in partitions this member owns. */
  localEntries(map: string): Entry[] {
    const now = Date.now();
    const result: Entry[] = [];
    for (const p of this.options.partitions.partitionsAt('owner')) {
      for (const [, entry] of this.options.store.entries(p, map)) if (!isExpired(entry, now)) result.push(entry);
    }
    return result;
  }

  private localSize(map: string): number {
    const now = Date.now();
    return this.options.partitions.partitionsAt('owner').reduce((sum, p) => sum + this.options.store.countLive(p, map, now), 0);
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
    const { store, partitions, membership } = this.options;
    const now = Date.now();
    const keyId = keyIdOf(body.k);
    let current = store.get(body.p, body.map, keyId);
    if (current && isExpired(current, now)) {
      store.remove(body.p, body.map, keyId);
      publishExpired(this.events, body.map, current);
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
    const backupBody = this.replication.bodyOf(body, stored, version, nearCache, now);
    const bySelf = requester.memberId === membership.self.id;
    const written: WriteResult = bySelf ? { r: decision.result, ver: version, self: true } : { r: decision.result, ver: version };
    const result = encodeWriteResult(written);
    const backups = partitions.backupMembers(body.p);
    const relayed = this.backupMayAnswer(requester, backups, nearCache) && this.replication.handOver(backups[0]!, requester, result, nearCache, release, backupBody);
    let replicated: Promise<BackupOutcome[]> | undefined;
    if (relayed) {
      this.near.invalidateHere(body.map, keyId, version);
    } else {
      const backupAddresses = backups.map((member) => member.address);
      const outcomes = backupAddresses.map((address) => this.replication.replicate(address, backupBody));
      const all = Promise.all(outcomes);
      replicated = nearCache
        ? this.near
            .invalidateEverywhere(body.map, body.k, keyId, version, requester.memberId, backupAddresses, outcomes.map(backupInvalidated))
            .then(() => all)
        : all;
    }
    const previous = current;
    this.events.publish(body.map, () => ({
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
    const backupBody = this.replication.bodyOf(body, current, version, false, Date.now());
    const outcomes = partitions.backupMembers(body.p).map((member) => this.replication.replicate(member.address, backupBody));
    return Promise.all(outcomes).then((settled) => encodeWriteResult(this.durable(settled) ? { r: result } : { r: result, notDurable: true }));
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
}
