import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { resolveConfig, type MemberConfig, type ResolvedConfig } from './config';
import { MemberStateError } from './errors';
import { FailureDetector } from './failure-detection';
import { consoleLogger } from './logger';
import { GridMap, MapService, RecordStore, type OperationStats } from './map';
import { Membership, MembershipLease, discoverSeeds, type MemberInfo, type MemberView } from './membership';
import type { NearCacheStats } from './near-cache';
import { PartitionService, type PartitionTable, type WireEntry } from './partitioning';
import { QuorumGuard } from './quorum';
import { GridTopic, TopicService } from './topic';
import { Messenger, Transport, parseAddress, type MessageCounts } from './transport';

export type MemberState = 'starting' | 'joined' | 'leaving' | 'stopped';

export interface MemberEvents {
  'member-added': [member: MemberInfo];
  'member-removed': [member: MemberInfo];
  /** Fewer members visible than minClusterSize: writes are refused. */
  degraded: [memberCount: number];
  recovered: [memberCount: number];
  'state-changed': [state: MemberState];
  'partition-table-changed': [version: number];
  /** This member merged into another cluster after a split; `entries` were offered to it. */
  merged: [entries: number];
}

export interface MemberStats {
  id: string;
  address: string;
  state: MemberState;
  degraded: boolean;
  lease: {
    /** See `Member.leaseValid`. */
    valid: boolean;
    /** Near-cached values are served: the lease holds and every member answered a heartbeat within the lease. */
    nearCache: boolean;
  };
  coordinator: boolean;
  members: Array<{ id: string; address: string; ageMs: number; coordinator: boolean; leaving: boolean; self: boolean }>;
  partitions: {
    count: number;
    owned: number;
    backups: number;
    tableVersion: number;
    migrationsInProgress: number;
    /** Partition moves completed in rounds this member coordinated. */
    migrationsCompleted: number;
  };
  maps: Record<string, { ownedEntries: number; backupEntries: number; approxBytes: number }>;
  operations: Record<string, OperationStats & { avgMs: number }>;
  nearCaches: Record<string, NearCacheStats>;
  topics: { published: number; delivered: number };
  /** Requests and one-way messages exchanged with other members since start, by operation (e.g. `map.event`). */
  messages: MessageCounts;
}

/** What a member answers to a heartbeat. */
interface HeartbeatReply {
  /** The sender is in this member's view. */
  member: boolean;
  /** Whom this member follows as coordinator. */
  coordinator: string;
  /** This member holds its lease (read by the sender when this member is its coordinator). */
  lease: boolean;
}

const TABLE_WAIT_MS = 30_000;
const MERGE_CONCURRENCY = 16;
/** Leases (owner and near cache) last this many heartbeat intervals past the heartbeat that renewed them. */
const LEASE_HEARTBEATS = 3;

/**
 * A grid member: composes transport, membership, failure detection, partitions, maps,
 * topics and quorum, and drives the lifecycle starting -> joined -> leaving -> stopped.
 */
export class Member extends EventEmitter<MemberEvents> {
  readonly id = randomUUID();
  private currentState: MemberState = 'starting';
  private readonly config: ResolvedConfig;
  private readonly transport: Transport;
  private readonly messenger: Messenger;
  private readonly membership: Membership;
  private readonly failureDetector: FailureDetector;
  private readonly quorum: QuorumGuard;
  private readonly store: RecordStore;
  private readonly partitions: PartitionService;
  private readonly maps: MapService;
  private readonly topics: TopicService;
  private readonly mapHandles = new Map<string, GridMap<unknown, unknown>>();
  private mergeTimer: NodeJS.Timeout | undefined;
  private merging = false;
  private readonly leaseMs: number;
  /** Whether the cluster recently confirmed this member: without it, it answers nothing from memory. */
  private readonly lease: MembershipLease;
  /** Whether this member was the coordinator at the last view change (its lease is counted differently). */
  private wasCoordinator = false;
  /** Set while leaving: called when the coordinator no longer lists this member. */
  private leftCluster: (() => void) | undefined;

  constructor(config: MemberConfig) {
    super();
    this.config = resolveConfig(config, consoleLogger());
    const c = this.config;
    this.leaseMs = c.heartbeatIntervalMs * LEASE_HEARTBEATS;
    const logger = c.logger;
    this.lease = new MembershipLease({
      leaseMs: this.leaseMs,
      minClusterSize: c.minClusterSize,
      // A lapse may have hidden invalidations (a pause, a split): nothing cached before it is served after.
      onRenewedAfterLapse: () => this.maps.clearNearCaches(),
    });
    this.transport = new Transport({
      memberId: this.id,
      secret: c.clusterSecret,
      host: c.host,
      port: c.port,
      portAutoIncrement: c.portAutoIncrement,
      portCount: c.portCount,
      handshakeTimeoutMs: c.handshakeTimeoutMs,
      maxPendingHandshakes: c.maxPendingHandshakes,
      maxPendingHandshakesPerAddress: c.maxPendingHandshakesPerAddress,
      connectTimeoutMs: c.connectTimeoutMs,
      ...(c.tls ? { tls: c.tls } : {}),
      connection: { maxFrameBytes: c.maxFrameBytes, maxHandshakeFrameBytes: c.maxHandshakeFrameBytes, requestTimeoutMs: c.requestTimeoutMs, maxPendingWriteBytes: c.maxPendingWriteBytes },
      logger,
    });
    this.messenger = new Messenger(this.transport, () => ({ memberId: this.id, address: this.transport.address }), logger);
    this.membership = new Membership({
      messenger: this.messenger,
      self: { id: this.id, address: '', startedAt: Date.now() },
      discoverSeeds: () => this.discover(),
      joinTimeoutMs: c.joinTimeoutMs,
      requestTimeoutMs: Math.min(c.requestTimeoutMs, c.heartbeatTimeoutMs),
      leaseValid: () => this.lease.valid(),
      logger,
    });
    this.failureDetector = new FailureDetector({
      messenger: this.messenger,
      selfId: () => this.id,
      members: () => this.membership.members,
      heartbeatBody: () => this.heartbeatBody(),
      onHeartbeat: (body, from) => this.onHeartbeat(body, from.memberId),
      onHeartbeatReply: (reply, member, sentAt) => this.onHeartbeatReply(reply, member, sentAt),
      intervalMs: c.heartbeatIntervalMs,
      timeoutMs: c.heartbeatTimeoutMs,
      logger,
    });
    this.quorum = new QuorumGuard(c.minClusterSize);
    this.store = new RecordStore(c.partitionCount);
    this.partitions = new PartitionService({
      messenger: this.messenger,
      membership: this.membership,
      store: this.store,
      partitionCount: c.partitionCount,
      backupCount: c.backupCount,
      requestTimeoutMs: c.requestTimeoutMs,
      migrationTimeoutMs: c.migrationTimeoutMs,
      migrationConcurrency: c.migrationConcurrency,
      snapshotChunkBytes: Math.floor(c.maxFrameBytes / 4),
      ownerLeaseValid: () => this.lease.valid(),
      fenceMs: this.leaseMs + c.heartbeatIntervalMs,
      logger,
    });
    this.maps = new MapService({
      messenger: this.messenger,
      membership: this.membership,
      partitions: this.partitions,
      store: this.store,
      quorum: this.quorum,
      mapConfig: (name) => c.maps[name] ?? {},
      requestTimeoutMs: c.requestTimeoutMs,
      operationTimeoutMs: c.operationTimeoutMs,
      expirySweepIntervalMs: c.expirySweepIntervalMs,
      nearCacheLeaseMs: this.leaseMs,
      nearCacheServable: (now) => this.nearCacheServable(now),
      leaseValid: () => this.lease.valid(),
      durableWrites: c.durableWrites,
      checkActive: () => this.checkActive(),
      logger,
    });
    this.topics = new TopicService(this.messenger, this.membership, () => this.checkActive(), logger);
    this.wire();
  }

  get state(): MemberState {
    return this.currentState;
  }

  get address(): string {
    return this.transport.address;
  }

  get degraded(): boolean {
    return this.quorum.degraded;
  }

  get isCoordinator(): boolean {
    return this.membership.isCoordinator;
  }

  /**
   * True while the cluster recently confirmed that this member belongs to it (see *Leases* in the
   * README). While false (just joined, paused, cut off, replaced as coordinator) it answers
   * nothing from its memory: reads wait for the lease or a new owner, writes are not
   * acknowledged. A caller with a durable store of its own should ask that store instead.
   */
  get leaseValid(): boolean {
    return this.lease.valid();
  }

  /** Current members, oldest (the coordinator) first. */
  members(): MemberInfo[] {
    return this.membership.members.map((m) => ({ ...m }));
  }

  getMap<K, V>(name: string): GridMap<K, V> {
    let map = this.mapHandles.get(name);
    if (!map) {
      map = new GridMap(name, this.maps);
      this.mapHandles.set(name, map);
    }
    return map as GridMap<K, V>;
  }

  getTopic<T>(name: string): GridTopic<T> {
    return new GridTopic<T>(name, this.topics);
  }

  /** Binds the port, joins (or founds) the cluster and waits for the partition table. */
  async start(): Promise<void> {
    const address = await this.transport.start();
    // The address is known only now that the port is bound.
    Object.assign(this.membership.self, { address, startedAt: Date.now() });
    this.failureDetector.start();
    this.maps.start();
    await this.joinCluster();
    this.mergeTimer = setInterval(() => this.background('merge probe', this.probeForeignClusters()), this.config.mergeIntervalMs);
    this.mergeTimer.unref();
  }

  /** Hands this member's partitions to the others, leaves the cluster and stops. */
  async leave(): Promise<void> {
    if (this.currentState !== 'joined') {
      await this.stop();
      return;
    }
    this.setState('leaving');
    if (this.membership.members.length > 1) {
      const removed = new Promise<void>((resolve) => {
        this.leftCluster = resolve;
        this.membership.once('removed-from-cluster', resolve);
      });
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, this.config.leaveTimeoutMs).unref());
      // When every other member is leaving too (a whole deployment stopping at once), nobody
      // can take the partitions over: waiting would only run into the timeout.
      let checkOthers = () => {};
      const nobodyStays = new Promise<void>((resolve) => {
        checkOthers = () => {
          if (this.membership.members.every((m) => m.id === this.id || m.leaving)) resolve();
        };
      });
      this.membership.on('changed', checkOthers);
      try {
        await this.membership.requestLeave();
        checkOthers();
        await Promise.race([removed, timeout, nobodyStays]);
        await this.membership.flush();
      } catch (error) {
        this.config.logger.warn('graceful leave failed; stopping anyway', { error: String(error) });
      } finally {
        this.membership.off('changed', checkOthers);
      }
    }
    await this.stop();
  }

  /** Stops at once, without handing partitions over (the cluster treats it as a crash). */
  async stop(): Promise<void> {
    if (this.currentState === 'stopped') return;
    this.setState('stopped');
    clearInterval(this.mergeTimer);
    this.failureDetector.stop();
    this.maps.stop();
    this.partitions.stop();
    this.messenger.stop();
    await this.transport.stop();
  }

  stats(): MemberStats {
    const now = Date.now();
    const coordinatorId = this.membership.coordinator.id;
    const owned = this.partitions.partitionsAt('owner');
    const backups = this.partitions.partitionsAt('backup');
    const maps: MemberStats['maps'] = {};
    for (const name of this.store.allMapNames()) {
      const count = (partitions: number[]) => partitions.reduce((sum, p) => sum + this.store.countLive(p, name, now), 0);
      maps[name] = {
        ownedEntries: count(owned),
        backupEntries: count(backups),
        approxBytes: this.store.approximateBytes(name, [...owned, ...backups]),
      };
    }
    const operations: MemberStats['operations'] = {};
    for (const [name, op] of Object.entries(this.maps.operationStats())) {
      operations[name] = { ...op, avgMs: op.count === 0 ? 0 : op.totalMs / op.count };
    }
    return {
      id: this.id,
      address: this.address,
      state: this.currentState,
      degraded: this.quorum.degraded,
      lease: { valid: this.lease.valid(), nearCache: this.nearCacheServable(now) },
      coordinator: this.membership.isCoordinator,
      members: this.membership.members.map((m) => ({
        id: m.id,
        address: m.address,
        ageMs: now - m.startedAt,
        coordinator: m.id === coordinatorId,
        leaving: m.leaving === true,
        self: m.id === this.id,
      })),
      partitions: {
        count: this.config.partitionCount,
        owned: owned.length,
        backups: backups.length,
        tableVersion: this.partitions.currentTable?.version ?? 0,
        migrationsInProgress: this.partitions.migrationsInProgress,
        migrationsCompleted: this.partitions.migrationsCompleted,
      },
      maps,
      operations,
      nearCaches: this.maps.nearCacheStats(),
      topics: { published: this.topics.published, delivered: this.topics.delivered },
      messages: this.messenger.messageCounts(),
    };
  }

  private wire(): void {
    this.membership.on('changed', (view, added, removed) => this.onMembersChanged(view, added, removed));
    this.membership.on('removed-from-cluster', () => {
      this.messenger.flushEarly = false;
      if (this.currentState !== 'joined') return;
      // Dropped while alive (e.g. after a long pause): rejoin through the coordinator that dropped us.
      this.background('rejoin', this.rejoin(this.membership.coordinator.address, false));
    });
    // After a split each side may hold what the other lacks (both replicas of a partition on the smaller side): offer it, the latest update wins.
    this.membership.on('merge-required', (address) => this.background('merge', this.rejoin(address, true)));
    this.failureDetector.on('suspect', (memberId, reason) => this.membership.suspect(memberId, reason));
    this.messenger.on('peer-closed', (peer) => this.maps.peerClosed(peer.memberId));
    this.quorum.on('degraded', (n) => this.emit('degraded', n));
    this.quorum.on('recovered', (n) => this.emit('recovered', n));
    this.partitions.on('table-changed', (table) => this.onTableChanged(table));
  }

  private onMembersChanged(view: MemberView, added: MemberInfo[], removed: MemberInfo[]): void {
    this.quorum.update(view.members.length);
    this.updateLease(view, added);
    // A single peer idles while this member fills a turn's outbox: send it work as it comes.
    this.messenger.flushEarly = view.members.length === 2;
    this.maps.membersChanged(added, removed);
    for (const member of added) if (member.id !== this.id) this.emit('member-added', member);
    for (const member of removed) {
      this.emit('member-removed', member);
      // Fail calls still waiting on a removed member so they are retried against the new owners.
      if (!member.leaving) this.messenger.disconnect(member.address, 'member removed from the cluster');
    }
    if (this.membership.isCoordinator) this.partitions.requestRebalance();
  }

  private onTableChanged(table: PartitionTable): void {
    this.maps.tableChanged();
    this.emit('partition-table-changed', table.version);
    if (!this.membership.isCoordinator) return;
    // Leaving members are removed once the committed table no longer gives them any replica.
    const holding = new Set(table.replicas.flat());
    const done = this.membership.members.filter((m) => m.leaving && !holding.has(m.id)).map((m) => m.id);
    if (done.length > 0) this.membership.remove(done);
  }

  /**
   * The coordinator's lease counts members that follow it: one that joined through it follows it
   * from its join on. A member that has just become (or stopped being) the coordinator starts
   * over: confirmations given to it in its former role say nothing about the new one.
   */
  private updateLease(view: MemberView, added: MemberInfo[]): void {
    const coordinator = this.membership.isCoordinator;
    if (coordinator !== this.wasCoordinator) this.lease.reset();
    this.wasCoordinator = coordinator;
    if (!coordinator) return;
    // A join extends a lease but never establishes one: a coordinator that has just resumed from a pause must hear from the others first.
    const now = Date.now();
    if (this.lease.valid(now)) for (const member of added) if (member.id !== this.id) this.lease.confirmedBy(member.id, now, view.members, this.id);
    this.lease.recompute(view.members, this.id);
  }

  /** The coordinator's heartbeats carry its view and table version; everyone's carry its entry-event subscriptions. */
  private heartbeatBody(): unknown {
    const subs = this.maps.subscriptionState();
    if (!this.membership.isCoordinator) return subs ? { subs } : {};
    return {
      view: { version: this.membership.version, members: this.membership.members },
      tableVersion: this.partitions.currentTable?.version ?? 0,
      ...(subs ? { subs } : {}),
    };
  }

  /**
   * Takes the coordinator's view and table version from its heartbeat. The answer tells the
   * sender whether it is still a member, whom this member follows as coordinator, and (from the
   * coordinator) whether the coordinator holds its own lease: what the sender's lease is made of.
   */
  private onHeartbeat(body: { view?: MemberView; tableVersion?: number; subs?: { v: number; maps: string[] } }, from: string): HeartbeatReply {
    if (body.subs) this.maps.receiveSubscriptions(from, body.subs);
    if (body.view && from === body.view.members[0]?.id) {
      this.membership.receiveView(body.view, from);
      if (from === this.membership.coordinator.id && body.tableVersion) {
        this.partitions.catchUp(body.tableVersion, this.membership.coordinator.address).catch(() => {
          // Retried on the next heartbeat.
        });
      }
    }
    return { member: this.membership.memberById(from) !== undefined, coordinator: this.membership.coordinator.id, lease: this.lease.valid() };
  }

  private onHeartbeatReply(reply: Partial<HeartbeatReply>, from: MemberInfo, sentAt: number): void {
    if (this.currentState === 'stopped') return;
    if (this.membership.isCoordinator) {
      if (reply.member && reply.coordinator === this.id) this.lease.confirmedBy(from.id, sentAt, this.membership.members, this.id);
      else if (reply.member === false && !this.lease.valid() && this.currentState === 'joined') {
        // The others replaced this coordinator while it was paused or cut off: join them (its data is stale).
        this.config.logger.warn('a member no longer lists this coordinator; rejoining', { member: from.address });
        this.background('rejoin', this.rejoin(from.address, false));
      }
      return;
    }
    if (from.id !== this.membership.coordinator.id) return;
    if (reply.member) {
      if (reply.lease) this.lease.confirmedByCoordinator(sentAt);
      return;
    }
    if (this.currentState === 'leaving') this.leftCluster?.();
    if (this.currentState !== 'joined') return;
    // Our coordinator no longer counts us as a member (we were unreachable for a while): rejoin.
    this.config.logger.warn('coordinator no longer lists this member; rejoining', { coordinator: from.address });
    this.background('rejoin', this.rejoin(from.address, false));
  }

  private nearCacheServable(now: number): boolean {
    return this.lease.valid(now) && this.failureDetector.roundTripWithAllWithin(this.leaseMs, now);
  }

  private async discover(): Promise<string[]> {
    return discoverSeeds(this.config, parseAddress(this.address).port);
  }

  private async joinCluster(seeds?: string[]): Promise<void> {
    await this.membership.join(seeds);
    this.quorum.update(this.membership.members.length);
    if (this.membership.isCoordinator) this.partitions.requestRebalance();
    await this.waitForTable();
    await this.waitForLease();
    if (this.currentState === 'starting') this.setState('joined');
  }

  /** A member that joined is confirmed by its coordinator's next heartbeat answer: ask for it now rather than at the next tick. */
  private async waitForLease(): Promise<void> {
    if (this.lease.valid() || this.membership.isCoordinator) return;
    const deadline = Date.now() + this.leaseMs;
    await this.failureDetector.heartbeatNow(this.membership.coordinator).catch(() => {
      // Unreachable now: the regular heartbeats keep trying.
    });
    while (!this.lease.valid() && Date.now() < deadline && this.currentState !== 'stopped') {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async waitForTable(): Promise<void> {
    const deadline = Date.now() + TABLE_WAIT_MS;
    while (!this.partitions.currentTable && Date.now() < deadline && this.currentState !== 'stopped') {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async probeForeignClusters(): Promise<void> {
    if (this.currentState !== 'joined' || this.merging || !this.membership.isCoordinator) return;
    const addresses = new Set([...(await this.discover()), ...this.membership.formerAddresses]);
    await this.membership.probeForeignClusters([...addresses]);
  }

  /**
   * Leaves the current cluster view and joins the cluster at `address`.
   *
   * After a split (`offerEntries`), the entries this member owned are offered to their new
   * owners, where the most recently updated version of a key wins. A member that was merely
   * dropped by its own cluster offers nothing: the cluster waited for this member's owner
   * lease to lapse before moving its partitions, and every write it acknowledged before
   * that is on a backup, so its local copies can only be stale.
   */
  private async rejoin(address: string, offerEntries: boolean): Promise<void> {
    if (this.merging || this.currentState === 'stopped' || this.currentState === 'leaving') return;
    this.merging = true;
    try {
      const saved: Array<{ map: string; entry: WireEntry }> = [];
      if (offerEntries) {
        for (const p of this.partitions.partitionsAt('owner')) {
          for (const { name, entries } of this.store.snapshot(p).maps) for (const entry of entries) saved.push({ map: name, entry });
        }
      }
      this.config.logger.warn(offerEntries ? 'merging into another cluster' : 'rejoining the cluster', { address, entries: saved.length });
      this.setState('starting');
      this.lease.reset();
      this.partitions.reset();
      this.maps.clearNearCaches();
      this.membership.reset();
      await this.joinCluster([address]);
      if (!offerEntries) return;
      const queue = [...saved];
      const worker = async () => {
        for (let item = queue.shift(); item; item = queue.shift()) {
          await this.maps.mutate(item.map, item.entry.k, { op: 'merge', v: item.entry.v, ttl: item.entry.ttl, upd: item.entry.upd }).catch((error: unknown) => {
            this.config.logger.warn('entry could not be merged', { map: item!.map, error: String(error) });
          });
        }
      };
      await Promise.all(Array.from({ length: MERGE_CONCURRENCY }, worker));
      this.emit('merged', saved.length);
    } finally {
      this.merging = false;
    }
  }

  private checkActive(): void {
    if (this.currentState === 'stopped') throw new MemberStateError(`member ${this.address} is stopped`);
  }

  /** Runs work nobody awaits; a failure is logged instead of becoming an unhandled rejection. */
  private background(what: string, work: Promise<unknown>): void {
    work.catch((error: unknown) => this.config.logger.error(`${what} failed`, { error: String(error) }));
  }

  private setState(state: MemberState): void {
    if (this.currentState === state) return;
    this.currentState = state;
    this.emit('state-changed', state);
  }
}

/** Creates and starts a member; resolves once it has joined (or founded) a cluster. */
export async function createMember(config: MemberConfig): Promise<Member> {
  const member = new Member(config);
  try {
    await member.start();
  } catch (error) {
    await member.stop();
    throw error;
  }
  if (member.state !== 'joined') {
    await member.stop();
    throw new MemberStateError('member did not receive a partition table in time');
  }
  return member;
}
