import { EventEmitter } from 'node:events';
import type { Logger } from '../logger';
import type { MemberInfo } from '../membership/member-info';
import type { Messenger, Sender } from '../transport';

/** The part of the messenger the detector uses, so a test can drive it with a fake. */
export type HeartbeatChannel = Pick<Messenger, 'on' | 'handle' | 'request'>;

export interface FailureDetectorOptions {
  messenger: HeartbeatChannel;
  selfId: () => string;
  members: () => readonly MemberInfo[];
  /** Body of each heartbeat; lets other subsystems piggyback small state. */
  heartbeatBody: () => unknown;
  /** Answers a heartbeat from another member. */
  onHeartbeat: (body: any, from: Sender) => unknown;
  /** Receives the answer to one of this member's heartbeats, with the time it was sent. */
  onHeartbeatReply: (reply: any, member: MemberInfo, sentAt: number) => void;
  intervalMs: number;
  timeoutMs: number;
  logger: Logger;
}

export interface FailureDetectorEvents {
  suspect: [memberId: string, reason: string];
}

/**
 * Heartbeats are request/response round trips to every other member, once per interval.
 *
 * Failure: a member is suspect when nothing at all (any frame counts) arrived from it for
 * `timeoutMs` (a hung or unreachable member), or at once when a connection with it closes
 * and an immediate heartbeat to it fails too (a crashed process refuses the reconnect).
 *
 * Leases: `lastRoundTrip(id)` is the send time of the latest heartbeat that member
 * answered. Being based on send time, it cannot be refreshed by stale frames a paused
 * process finds in its socket buffers when it resumes.
 */
export class FailureDetector extends EventEmitter<FailureDetectorEvents> {
  private readonly lastHeard = new Map<string, number>();
  private readonly roundTrips = new Map<string, number>();
  /** Last answer of roundTripWithAllWithin: valid while the member list (array identity) and `ms` are the same. */
  private leaseCache: { members: readonly MemberInfo[] | undefined; ms: number; until: number } = { members: undefined, ms: 0, until: 0 };
  private timer: NodeJS.Timeout | undefined;
  private lastTick: number | undefined;

  constructor(private readonly options: FailureDetectorOptions) {
    super();
    const { messenger } = options;
    messenger.on('activity', (memberId) => {
      if (this.lastHeard.has(memberId) || this.isOtherMember(memberId)) this.lastHeard.set(memberId, Date.now());
    });
    messenger.on('peer-closed', (peer, reason) => {
      const member = this.options.members().find((m) => m.id === peer.memberId);
      if (!this.timer || !member || member.id === options.selfId()) return;
      this.heartbeat(member, Date.now()).catch(() => {
        if (this.timer) this.emit('suspect', member.id, `connection closed (${reason}) and heartbeat failed`);
      });
    });
    messenger.handle('heartbeat', (body, from) => options.onHeartbeat(body, from));
  }

  start(): void {
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Send time of the latest heartbeat the member answered (0 if none). */
  lastRoundTrip(memberId: string): number {
    return this.roundTrips.get(memberId) ?? 0;
  }

  /** True when every other member answered a heartbeat sent within the last `ms`. */
  roundTripWithAllWithin(ms: number, now = Date.now()): boolean {
    const members = this.options.members();
    const cached = this.leaseCache;
    // Round-trip times only rise, so a bound computed for the same member list stays sound until it passes.
    if (cached.members === members && cached.ms === ms && now <= cached.until) return true;
    const self = this.options.selfId();
    let oldest = Number.POSITIVE_INFINITY;
    for (const m of members) if (m.id !== self) oldest = Math.min(oldest, this.lastRoundTrip(m.id));
    this.leaseCache = { members, ms, until: oldest + ms };
    return now <= oldest + ms;
  }

  /** Sends a heartbeat to the member at once (e.g. to be confirmed right after joining); rejects when it is not answered. */
  heartbeatNow(member: MemberInfo): Promise<void> {
    return this.heartbeat(member, Date.now());
  }

  private isOtherMember(memberId: string): boolean {
    return memberId !== this.options.selfId() && this.options.members().some((m) => m.id === memberId);
  }

  private async heartbeat(member: MemberInfo, sentAt: number): Promise<void> {
    const reply = await this.options.messenger.request(member.address, 'heartbeat', this.options.heartbeatBody(), { timeoutMs: this.options.intervalMs * 2 });
    this.roundTrips.set(member.id, Math.max(sentAt, this.lastRoundTrip(member.id)));
    this.options.onHeartbeatReply(reply, member, sentAt);
  }

  private tick(): void {
    const now = Date.now();
    // If this process itself was paused (GC, SIGSTOP, overloaded host) nobody's silence can be judged yet.
    if (this.lastTick !== undefined && now - this.lastTick > this.options.timeoutMs) {
      for (const id of this.lastHeard.keys()) this.lastHeard.set(id, now);
    }
    this.lastTick = now;
    const members = this.options.members().filter((m) => m.id !== this.options.selfId());
    const current = new Set(members.map((m) => m.id));
    for (const id of this.lastHeard.keys()) if (!current.has(id)) this.lastHeard.delete(id);
    for (const id of this.roundTrips.keys()) if (!current.has(id)) this.roundTrips.delete(id);
    for (const member of members) {
      // A newly seen member gets a full timeout of grace.
      if (!this.lastHeard.has(member.id)) this.lastHeard.set(member.id, now);
      this.heartbeat(member, now).catch(() => {
        // Unreachable: the silence will be noticed below on a later tick.
      });
      const silence = now - this.lastHeard.get(member.id)!;
      if (silence > this.options.timeoutMs) {
        this.options.logger.warn('member silent past heartbeat timeout', { member: member.address, silenceMs: silence });
        this.emit('suspect', member.id, `no heartbeat for ${silence} ms`);
      }
    }
  }
}
