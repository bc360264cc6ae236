import { EventEmitter } from 'node:events';
import { FailureDetector, type HeartbeatChannel } from '../failure-detection/failure-detector';
import type { Lifecycle } from '../lifecycle';
import type { Logger } from '../logger';
import type { MapService } from '../map';
import type { PartitionService } from '../partitioning/partition-service';
import { pollUntil } from '../timers';
import type { MembershipLease } from './lease';
import type { MemberInfo, MemberView } from './member-info';
import type { Membership } from './membership';

/** Leases (owner and near cache) last this many heartbeat intervals past the heartbeat that renewed them. */
export const LEASE_HEARTBEATS = 3;

/** What a heartbeat carries, as received. */
interface HeartbeatBody {
  /** From the coordinator: its view. */
  view?: MemberView;
  /** From the coordinator: its partition table version. */
  tableVersion?: number;
  /** The sender's entry-event subscriptions. */
  subs?: { v: number; maps: string[] };
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

export interface HeartbeatOptions {
  messenger: HeartbeatChannel;
  membership: Membership;
  lease: MembershipLease;
  /** How long a confirmation lasts (LEASE_HEARTBEATS intervals). */
  leaseMs: number;
  /** Answers are acted on only in some states of the member. */
  lifecycle: Lifecycle;
  /** Whose table version the coordinator's heartbeats carry. */
  partitions: Pick<PartitionService, 'currentTable' | 'catchUp'>;
  /** Whose entry-event subscriptions every heartbeat carries. */
  subscriptions: Pick<MapService, 'subscriptionState' | 'receiveSubscriptions'>;
  intervalMs: number;
  timeoutMs: number;
  logger: Logger;
}

export interface HeartbeatEvents {
  /** The cluster no longer lists this member (or no longer follows this coordinator): rejoin through `address`. */
  'rejoin-needed': [address: string];
  /** While leaving: the coordinator no longer lists this member, which may stop now. */
  left: [];
}

/**
 * The protocols riding on the failure detector's heartbeats: the coordinator's carry its view
 * and table version, everyone's carry its entry-event subscriptions, and the answers renew the
 * membership lease (see MembershipLease) or tell a member that its cluster dropped it.
 */
export class Heartbeats extends EventEmitter<HeartbeatEvents> {
  private readonly detector: FailureDetector;
  /** Whether this member was the coordinator at the last view change (its lease is counted differently). */
  private wasCoordinator = false;

  constructor(private readonly options: HeartbeatOptions) {
    super();
    const { membership } = options;
    this.detector = new FailureDetector({
      messenger: options.messenger,
      selfId: () => membership.self.id,
      members: () => membership.members,
      heartbeatBody: () => this.body(),
      onHeartbeat: (body: HeartbeatBody, from) => this.answer(body, from.memberId),
      onHeartbeatReply: (reply: Partial<HeartbeatReply>, member, sentAt) => this.onReply(reply, member, sentAt),
      intervalMs: options.intervalMs,
      timeoutMs: options.timeoutMs,
      logger: options.logger,
    });
    this.detector.on('suspect', (memberId, reason) => membership.suspect(memberId, reason));
  }

  start(): void {
    this.detector.start();
  }

  stop(): void {
    this.detector.stop();
  }

  /** Near-cached values are served: the lease holds and every member answered a heartbeat within the lease. */
  nearCacheServable(now = Date.now()): boolean {
    return this.options.lease.valid(now) && this.detector.roundTripWithAllWithin(this.options.leaseMs, now);
  }

  /**
   * The coordinator's lease counts members that follow it: one that joined through it follows it
   * from its join on. A member that has just become (or stopped being) the coordinator starts
   * over: confirmations given to it in its former role say nothing about the new one.
   */
  viewChanged(view: MemberView, added: readonly MemberInfo[]): void {
    const { membership, lease } = this.options;
    const coordinator = membership.isCoordinator;
    if (coordinator !== this.wasCoordinator) lease.reset();
    this.wasCoordinator = coordinator;
    if (!coordinator) return;
    // A join extends a lease but never establishes one: a coordinator that has just resumed from a pause must hear from the others first.
    const now = Date.now();
    const selfId = membership.self.id;
    if (lease.valid(now)) for (const member of added) if (member.id !== selfId) lease.confirmedBy(member.id, now, view.members, selfId);
    lease.recompute(view.members, selfId);
  }

  /** A member that joined is confirmed by its coordinator's next heartbeat answer: ask for it now rather than at the next tick. */
  async awaitLease(): Promise<void> {
    const { membership, lease, lifecycle } = this.options;
    if (lease.valid() || membership.isCoordinator) return;
    const deadline = Date.now() + this.options.leaseMs;
    await this.detector.heartbeatNow(membership.coordinator).catch(() => {
      // Unreachable now: the regular heartbeats keep trying.
    });
    await pollUntil(() => lease.valid() || lifecycle.state === 'stopped', deadline);
  }

  /** The coordinator's heartbeats carry its view and table version; everyone's carry its entry-event subscriptions. */
  private body(): unknown {
    const { membership, partitions } = this.options;
    const subs = this.options.subscriptions.subscriptionState();
    if (!membership.isCoordinator) return subs ? { subs } : {};
    return {
      view: { version: membership.version, members: membership.members },
      tableVersion: partitions.currentTable?.version ?? 0,
      ...(subs ? { subs } : {}),
    };
  }

  /**
   * Takes the coordinator's view and table version from its heartbeat. The answer tells the
   * sender whether it is still a member, whom this member follows as coordinator, and (from the
   * coordinator) whether the coordinator holds its own lease: what the sender's lease is made of.
   */
  private answer(body: HeartbeatBody, from: string): HeartbeatReply {
    const { membership, partitions } = this.options;
    if (body.subs) this.options.subscriptions.receiveSubscriptions(from, body.subs);
    if (body.view && from === body.view.members[0]?.id) {
      membership.receiveView(body.view, from);
      if (from === membership.coordinator.id && body.tableVersion) {
        partitions.catchUp(body.tableVersion, membership.coordinator.address).catch(() => {
          // Retried on the next heartbeat.
        });
      }
    }
    return { member: membership.memberById(from) !== undefined, coordinator: membership.coordinator.id, lease: this.options.lease.valid() };
  }

  private onReply(reply: Partial<HeartbeatReply>, from: MemberInfo, sentAt: number): void {
    const { membership, lease, lifecycle, logger } = this.options;
    if (lifecycle.state === 'stopped') return;
    if (membership.isCoordinator) {
      const selfId = membership.self.id;
      if (reply.member && reply.coordinator === selfId) lease.confirmedBy(from.id, sentAt, membership.members, selfId);
      else if (reply.member === false && !lease.valid() && lifecycle.state === 'joined') {
        // The others replaced this coordinator while it was paused or cut off: join them (its data is stale).
        logger.warn('a member no longer lists this coordinator; rejoining', { member: from.address });
        this.emit('rejoin-needed', from.address);
      }
      return;
    }
    if (from.id !== membership.coordinator.id) return;
    if (reply.member) {
      if (reply.lease) lease.confirmedByCoordinator(sentAt);
      return;
    }
    if (lifecycle.state === 'leaving') this.emit('left');
    if (lifecycle.state !== 'joined') return;
    // Our coordinator no longer counts us as a member (we were unreachable for a while): rejoin.
    logger.warn('coordinator no longer lists this member; rejoining', { coordinator: from.address });
    this.emit('rejoin-needed', from.address);
  }
}
