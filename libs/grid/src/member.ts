import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { resolveConfig, type MemberConfig, type ResolvedConfig } from './config';
import { MemberStateError } from './errors';
import type { Lifecycle, MemberState } from './lifecycle';
import { consoleLogger, inBackground } from './logger';
import { GridMap, MapService, RecordStore } from './map';
import { Membership, MembershipLease, discoverSeeds, type MemberInfo, type MemberView } from './membership';
import { Heartbeats, LEASE_HEARTBEATS } from './membership/heartbeat';
import { handOverPartitions, removeHandedOver } from './membership/leave';
import { ClusterMerge } from './membership/merge';
import { PartitionService, type PartitionTable } from './partitioning';
import { QuorumGuard } from './quorum';
import { StatsCollector, type MemberStats } from './stats';
import { pollUntil } from './timers';
import { GridTopic, TopicService } from './topic';
import { Messenger, Transport, parseAddress } from './transport';
import { transportOptions } from './transport/transport-config';

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

const TABLE_WAIT_MS = 30_000;

/**
 * A grid member: composes transport, membership, failure detection, partitions, maps,
 * topics and quorum, and drives the lifecycle starting -> joined -> leaving -> stopped.
 */
export class Member extends EventEmitter<MemberEvents> implements Lifecycle {
  readonly id = randomUUID();
  private currentState: MemberState = 'starting';
  private readonly config: ResolvedConfig;
  /** Whether the cluster recently confirmed this member: without it, it answers nothing from memory. */
  private readonly lease: MembershipLease;
  private readonly transport: Transport;
  private readonly messenger: Messenger;
  private readonly membership: Membership;
  private readonly quorum: QuorumGuard;
  private readonly partitions: PartitionService;
  private readonly maps: MapService;
  private readonly heartbeats: Heartbeats;
  private readonly topics: TopicService;
  private readonly merge: ClusterMerge;
  private readonly statsCollector: StatsCollector;
  private readonly mapHandles = new Map<string, GridMap<unknown, unknown>>();

  constructor(config: MemberConfig) {
    super();
    this.config = resolveConfig(config, consoleLogger());
    const c = this.config;
    const logger = c.logger;
    const leaseMs = c.heartbeatIntervalMs * LEASE_HEARTBEATS;
    this.lease = new MembershipLease({
      leaseMs,
      minClusterSize: c.minClusterSize,
      // A lapse may have hidden invalidations (a pause, a split): nothing cached before it is served after.
      onRenewedAfterLapse: () => this.maps.clearNearCaches(),
    });
    this.transport = new Transport(transportOptions(c, this.id, logger));
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
    this.quorum = new QuorumGuard(c.minClusterSize);
    const store = new RecordStore(c.partitionCount);
    this.partitions = new PartitionService({
      messenger: this.messenger,
      membership: this.membership,
      store,
      partitionCount: c.partitionCount,
      backupCount: c.backupCount,
      requestTimeoutMs: c.requestTimeoutMs,
      migrationTimeoutMs: c.migrationTimeoutMs,
      migrationConcurrency: c.migrationConcurrency,
      snapshotChunkBytes: Math.floor(c.maxFrameBytes / 4),
      ownerLeaseValid: () => this.lease.valid(),
      fenceMs: leaseMs + c.heartbeatIntervalMs,
      logger,
    });
    this.maps = new MapService({
      messenger: this.messenger,
      membership: this.membership,
      partitions: this.partitions,
      store,
      quorum: this.quorum,
      mapConfig: (name) => c.maps[name] ?? {},
      requestTimeoutMs: c.requestTimeoutMs,
      operationTimeoutMs: c.operationTimeoutMs,
      expirySweepIntervalMs: c.expirySweepIntervalMs,
      nearCacheLeaseMs: leaseMs,
      nearCacheServable: (now) => this.heartbeats.nearCacheServable(now),
      leaseValid: () => this.lease.valid(),
      durableWrites: c.durableWrites,
      checkActive: () => this.checkActive(),
      logger,
    });
    this.heartbeats = new Heartbeats({
      messenger: this.messenger,
      membership: this.membership,
      lease: this.lease,
      leaseMs,
      lifecycle: this,
      partitions: this.partitions,
      subscriptions: this.maps,
      intervalMs: c.heartbeatIntervalMs,
      timeoutMs: c.heartbeatTimeoutMs,
      logger,
    });
    this.topics = new TopicService(this.messenger, this.membership, () => this.checkActive(), logger);
    this.merge = new ClusterMerge({
      membership: this.membership,
      lifecycle: this,
      discoverSeeds: () => this.discover(),
      joinAnew: (address) => this.joinAnew(address),
      partitions: this.partitions,
      store,
      maps: this.maps,
      intervalMs: c.mergeIntervalMs,
      logger,
    });
    this.statsCollector = new StatsCollector({
      member: this,
      quorum: this.quorum,
      lease: this.lease,
      heartbeats: this.heartbeats,
      membership: this.membership,
      partitions: this.partitions,
      store,
      maps: this.maps,
      topics: this.topics,
      messenger: this.messenger,
    });
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
    this.heartbeats.start();
    this.maps.start();
    await this.joinCluster();
    this.merge.start();
  }

  /** Hands this member's partitions to the others, leaves the cluster and stops. */
  async leave(): Promise<void> {
    if (this.currentState === 'joined') {
      this.setState('leaving');
      await handOverPartitions({ membership: this.membership, heartbeats: this.heartbeats, timeoutMs: this.config.leaveTimeoutMs, logger: this.config.logger });
    }
    await this.stop();
  }

  /** Stops at once, without handing partitions over (the cluster treats it as a crash). */
  async stop(): Promise<void> {
    if (this.currentState === 'stopped') return;
    this.setState('stopped');
    this.merge.stop();
    this.heartbeats.stop();
    this.maps.stop();
    this.partitions.stop();
    this.messenger.stop();
    await this.transport.stop();
  }

  stats(): MemberStats {
    return this.statsCollector.collect();
  }

  private wire(): void {
    const { logger } = this.config;
    this.membership.on('changed', (view, added, removed) => this.onMembersChanged(view, added, removed));
    this.membership.on('removed-from-cluster', () => {
      this.messenger.flushEarly = false;
      if (this.currentState !== 'joined') return;
      // Dropped while alive (e.g. after a long pause): rejoin through the coordinator that dropped us.
      inBackground(logger, 'rejoin', this.merge.rejoin(this.membership.coordinator.address, false));
    });
    // After a split each side may hold what the other lacks (both replicas of a partition on the smaller side): offer it, the latest update wins.
    this.membership.on('merge-required', (address) => inBackground(logger, 'merge', this.merge.rejoin(address, true)));
    this.heartbeats.on('rejoin-needed', (address) => inBackground(logger, 'rejoin', this.merge.rejoin(address, false)));
    this.merge.on('merged', (entries) => this.emit('merged', entries));
    this.messenger.on('peer-closed', (peer) => this.maps.peerClosed(peer.memberId));
    this.quorum.on('degraded', (n) => this.emit('degraded', n));
    this.quorum.on('recovered', (n) => this.emit('recovered', n));
    this.partitions.on('table-changed', (table) => this.onTableChanged(table));
  }

  private onMembersChanged(view: MemberView, added: MemberInfo[], removed: MemberInfo[]): void {
    this.quorum.update(view.members.length);
    this.heartbeats.viewChanged(view, added);
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
    removeHandedOver(this.membership, table.replicas);
  }

  private async joinCluster(seeds?: string[]): Promise<void> {
    await this.membership.join(seeds);
    this.quorum.update(this.membership.members.length);
    if (this.membership.isCoordinator) this.partitions.requestRebalance();
    await pollUntil(() => this.partitions.currentTable !== undefined || this.currentState === 'stopped', Date.now() + TABLE_WAIT_MS);
    await this.heartbeats.awaitLease();
    if (this.currentState === 'starting') this.setState('joined');
  }

  private async discover(): Promise<string[]> {
    return discoverSeeds(this.config, parseAddress(this.address).port);
  }

  /** Forgets the current cluster (its view, table, data and lease) and joins the one at `address`. */
  private async joinAnew(address: string): Promise<void> {
    this.setState('starting');
    this.lease.reset();
    this.partitions.reset();
    this.maps.clearNearCaches();
    this.membership.reset();
    await this.joinCluster([address]);
  }

  private checkActive(): void {
    if (this.currentState === 'stopped') throw new MemberStateError(`member ${this.address} is stopped`);
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
