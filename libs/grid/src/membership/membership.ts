import { EventEmitter } from 'node:events';
import type { Logger } from '../logger';
import type { MessageBus } from '../transport';
import type { MemberInfo, MemberView } from './member-info';

export interface MembershipOptions {
  messenger: MessageBus;
  self: MemberInfo;
  /** Addresses to try when joining and when probing for another cluster to merge with. */
  discoverSeeds: () => Promise<string[]>;
  joinTimeoutMs: number;
  requestTimeoutMs: number;
  /** Whether the cluster recently confirmed this member (see MembershipLease). */
  leaseValid: () => boolean;
  logger: Logger;
}

export interface MembershipEvents {
  /** The member list changed (members are oldest first). */
  changed: [view: MemberView, added: MemberInfo[], removed: MemberInfo[]];
  /** The coordinator dropped this member from its list while it was still running. */
  'removed-from-cluster': [];
  /** The coordinator decided this cluster must merge into the cluster reachable at `address`. */
  'merge-required': [address: string];
}

type JoinReply =
  | { status: 'joined'; view: MemberView }
  | { status: 'redirect'; address: string }
  | { status: 'not-ready'; candidate: MemberInfo };

export interface ProbeReply {
  joined: boolean;
  coordinator?: MemberInfo;
  size?: number;
}

const MAX_REDIRECTS = 3;
const JOIN_RETRY_MS = 150;

/**
 * Keeps the agreed member list. The oldest member (first in the list) is the coordinator:
 * it alone admits joiners, removes failed or departed members, bumps the view version and
 * pushes the view to everyone. When the coordinator is suspected, the oldest member still
 * trusted takes over.
 */
export class Membership extends EventEmitter<MembershipEvents> {
  private view: MemberView = { version: 0, members: [] };
  /** `view`'s members by id (hot: every operation looks up its partition's owner), rebuilt when the view object changes. */
  private membersById = new Map<string, MemberInfo>();
  private indexedView: MemberView | undefined;
  private joined = false;
  private readonly departedAddresses: string[] = [];
  private readonly suspects = new Set<string>();
  private lastPublish: Promise<void> = Promise.resolve();
  private readonly removalTimes = new Map<string, number>();

  constructor(private readonly options: MembershipOptions) {
    super();
    const { messenger } = options;
    messenger.handle('membership.join', (body: { member: MemberInfo }) => this.onJoin(body.member));
    messenger.handle('membership.view', (body: { view: MemberView }, from) => this.receiveView(body.view, from.memberId));
    messenger.handle('membership.leave', (body: { memberId: string }) => this.onLeave(body.memberId));
    messenger.handle('membership.suspect', (body: { memberId: string }) => this.onSuspectReport(body.memberId));
    messenger.handle('membership.ping', () => 'pong');
    messenger.handle('membership.probe', (): ProbeReply =>
      this.joined ? { joined: true, coordinator: this.coordinator, size: this.confirmedSize() } : { joined: false },
    );
    messenger.handle('membership.foreign', (body: { coordinator: MemberInfo; size: number }) => {
      this.onForeignCluster(body.coordinator, body.size);
    });
    messenger.handle('membership.merge', (body: { address: string }, from) => {
      if (from.memberId === this.coordinator.id) this.emit('merge-required', body.address);
    });
  }

  get self(): MemberInfo {
    return this.options.self;
  }

  get members(): readonly MemberInfo[] {
    return this.view.members;
  }

  get version(): number {
    return this.view.version;
  }

  get coordinator(): MemberInfo {
    return this.view.members[0] ?? this.options.self;
  }

  get isCoordinator(): boolean {
    return this.coordinator.id === this.options.self.id;
  }

  memberById(id: string): MemberInfo | undefined {
    if (this.indexedView !== this.view) {
      this.membersById = new Map(this.view.members.map((m) => [m.id, m]));
      this.indexedView = this.view;
    }
    return this.membersById.get(id);
  }

  /** When this member saw the given member removed from the view, if it did recently. */
  removedAt(memberId: string): number | undefined {
    return this.removalTimes.get(memberId);
  }

  /** Addresses of members that were removed, for merge probing after a split. */
  get formerAddresses(): readonly string[] {
    return this.departedAddresses;
  }

  /**
   * Joins the cluster reachable through the seeds, or founds one. When several members
   * start at once and none has joined yet, the one with the lowest address founds the
   * cluster and the others join it.
   */
  async join(seeds?: string[]): Promise<void> {
    const deadline = Date.now() + this.options.joinTimeoutMs;
    const self = this.options.self;
    for (;;) {
      const candidates = (seeds ?? (await this.options.discoverSeeds())).filter((a) => a !== self.address);
      const waiting: string[] = [];
      for (const seed of candidates) {
        const reply = await this.tryJoin(seed);
        if (reply?.status === 'joined') {
          this.joined = true;
          this.applyView(reply.view);
          return;
        }
        if (reply?.status === 'not-ready' && reply.candidate.id !== self.id) waiting.push(reply.candidate.address);
      }
      const founder = waiting.length === 0 || waiting.every((address) => self.address < address);
      if (founder || Date.now() > deadline) {
        this.found();
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, JOIN_RETRY_MS));
    }
  }

  /** Forgets the cluster: used before merging into another one. */
  reset(): void {
    this.joined = false;
    this.suspects.clear();
    this.view = { version: 0, members: [] };
  }

  /** Asks the coordinator to mark this member as leaving; partitions then move away from it. */
  async requestLeave(): Promise<void> {
    if (this.isCoordinator) {
      this.onLeave(this.options.self.id);
      return;
    }
    await this.options.messenger.request(this.coordinator.address, 'membership.leave', { memberId: this.options.self.id });
  }

  /**
   * Called by the failure detector. The oldest member not suspected here acts: when that
   * is this member it removes every suspect, otherwise it is told about the suspect.
   */
  suspect(memberId: string, reason: string): void {
    const member = this.memberById(memberId);
    if (!member || !this.joined || memberId === this.options.self.id) return;
    if (!this.suspects.has(memberId)) this.options.logger.warn('member suspected', { member: member.address, reason });
    this.suspects.add(memberId);
    const acting = this.view.members.find((m) => !this.suspects.has(m.id));
    if (acting?.id === this.options.self.id) {
      this.remove([...this.suspects]);
      return;
    }
    if (!acting) return;
    this.options.messenger.request(acting.address, 'membership.suspect', { memberId }).catch(() => {
      // The acting member is unreachable too; its own silence will be detected.
    });
  }

  /** Drops members and publishes the new view; called on the coordinator or on the member taking over from it. */
  remove(memberIds: string[]): void {
    const removed = this.view.members.filter((m) => memberIds.includes(m.id));
    if (removed.length === 0) return;
    this.publish({ version: this.view.version + 1, members: this.view.members.filter((m) => !memberIds.includes(m.id)) });
  }

  /**
   * Coordinator only: probes addresses outside the member list (seeds, former members) for
   * another cluster, as left behind by a network split or a simultaneous start. Both
   * coordinators are told, and both apply the same rule: the smaller cluster merges into
   * the larger; on equal size the one whose coordinator started later merges.
   */
  async probeForeignClusters(addresses: readonly string[]): Promise<void> {
    if (!this.joined || !this.isCoordinator) return;
    const known = new Set(this.view.members.map((m) => m.address));
    for (const address of addresses) {
      if (known.has(address) || address === this.options.self.address) continue;
      let reply: ProbeReply;
      try {
        reply = await this.options.messenger.request(address, 'membership.probe', null, { timeoutMs: this.options.requestTimeoutMs });
      } catch {
        continue;
      }
      if (!reply.joined || !reply.coordinator || reply.size === undefined || this.memberById(reply.coordinator.id)) continue;
      this.options.messenger
        .request(reply.coordinator.address, 'membership.foreign', { coordinator: this.coordinator, size: this.confirmedSize() })
        .catch(() => {
          // If it cannot hear us, our own decision below still applies.
        });
      if (this.onForeignCluster(reply.coordinator, reply.size)) return;
    }
  }

  private onForeignCluster(coordinator: MemberInfo, size: number): boolean {
    if (!this.joined || !this.isCoordinator || this.memberById(coordinator.id)) return false;
    if (!outranks({ coordinator, size }, { coordinator: this.coordinator, size: this.confirmedSize() })) return false;
    this.options.logger.warn('another cluster outranks this one: merging into it', { coordinator: coordinator.address, size });
    for (const member of this.view.members) {
      this.options.messenger.request(member.address, 'membership.merge', { address: coordinator.address }).catch(() => {
        // A member that misses this is removed from the winning side's view later and rejoins then.
      });
    }
    return true;
  }

  /**
   * The size this cluster claims when two clusters decide which one merges into the other. A
   * coordinator without its lease (it was paused or cut off, and the others may have replaced it)
   * cannot vouch for the members in its view: it counts itself alone.
   */
  private confirmedSize(): number {
    return this.options.leaseValid() ? this.view.members.length : 1;
  }

  private found(): void {
    this.joined = true;
    this.options.logger.info('founding a new cluster', { address: this.options.self.address });
    this.applyView({ version: this.view.version + 1, members: [{ ...this.options.self }] });
  }

  private async tryJoin(seed: string): Promise<JoinReply | undefined> {
    let address = seed;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      let reply: JoinReply;
      try {
        reply = await this.options.messenger.request(address, 'membership.join', { member: this.options.self }, { timeoutMs: this.options.requestTimeoutMs });
      } catch {
        return undefined;
      }
      if (reply.status !== 'redirect') return reply;
      address = reply.address;
    }
    return undefined;
  }

  private onJoin(member: MemberInfo): JoinReply {
    if (!this.joined) return { status: 'not-ready', candidate: this.options.self };
    if (!this.isCoordinator) return { status: 'redirect', address: this.coordinator.address };
    if (this.view.members.some((m) => m.id === member.id)) return { status: 'joined', view: this.view };
    // A member restarted on the same address is a new member; the old one is gone.
    const others = this.view.members.filter((m) => m.address !== member.address);
    this.publish({ version: this.view.version + 1, members: [...others, { ...member, leaving: false }] });
    return { status: 'joined', view: this.view };
  }

  private onLeave(memberId: string): void {
    if (!this.isCoordinator) throw new Error('only the coordinator handles leave requests');
    const member = this.memberById(memberId);
    if (!member || member.leaving) return;
    this.publish({ version: this.view.version + 1, members: this.view.members.map((m) => (m.id === memberId ? { ...m, leaving: true } : m)) });
  }

  private async onSuspectReport(memberId: string): Promise<void> {
    const member = this.memberById(memberId);
    if (!member) return;
    // Confirm before acting on another member's report: its own link may be the problem.
    try {
      await this.options.messenger.request(member.address, 'membership.ping', null, { timeoutMs: this.options.requestTimeoutMs });
    } catch {
      this.suspect(memberId, 'reported by another member and unreachable from here');
    }
  }

  private publish(view: MemberView): void {
    // Removed members get the view too, so a live one learns it was dropped (and a leaving one that it may stop).
    const recipients = new Map([...this.view.members, ...view.members].map((m) => [m.id, m]));
    recipients.delete(this.options.self.id);
    // Deliveries are started before applying locally: applying can make this member stop.
    const deliveries = [...recipients.values()].map((member) =>
      this.options.messenger.request(member.address, 'membership.view', { view }, { timeoutMs: this.options.requestTimeoutMs }),
    );
    this.lastPublish = Promise.allSettled(deliveries).then(() => undefined);
    this.applyView(view);
  }

  /** Resolves when the last published view was delivered (or failed to be) to every member. */
  flush(): Promise<void> {
    return this.lastPublish;
  }

  /**
   * A view sent by another member is taken only if it is newer and comes from the member
   * this one follows: its coordinator, or the oldest member it does not suspect (the
   * successor of a failed coordinator). A member cut off from the cluster cannot impose
   * its view on members that still follow the real coordinator.
   */
  receiveView(view: MemberView, senderId: string): boolean {
    if (!this.joined || view.version <= this.view.version) return false;
    const followed = this.view.members.find((m) => !this.suspects.has(m.id));
    if (senderId !== this.coordinator.id && senderId !== followed?.id) return false;
    return this.applyView(view);
  }

  private applyView(view: MemberView): boolean {
    if (!this.joined) return false;
    const previous = this.view.members;
    this.suspects.clear();
    this.view = { version: view.version, members: view.members.map((m) => ({ ...m })) };
    const before = new Map(previous.map((m) => [m.id, m]));
    const after = new Set(view.members.map((m) => m.id));
    const added = view.members.filter((m) => !before.has(m.id));
    const removed = previous.filter((m) => !after.has(m.id));
    const now = Date.now();
    for (const member of removed) {
      this.rememberDeparted(member.address);
      this.removalTimes.set(member.id, now);
    }
    if (this.removalTimes.size > 64) this.removalTimes.delete(this.removalTimes.keys().next().value!);
    if (!after.has(this.options.self.id)) {
      this.options.logger.warn('this member was removed from the cluster');
      this.emit('removed-from-cluster');
      return true;
    }
    this.emit('changed', this.view, added, removed);
    return true;
  }

  private rememberDeparted(address: string): void {
    if (address === this.options.self.address || this.departedAddresses.includes(address)) return;
    this.departedAddresses.push(address);
    if (this.departedAddresses.length > 64) this.departedAddresses.shift();
  }
}

interface ClusterRank {
  coordinator: MemberInfo;
  size: number;
}

/** True when cluster `a` should absorb cluster `b`. */
export function outranks(a: ClusterRank, b: ClusterRank): boolean {
  if (a.size !== b.size) return a.size > b.size;
  if (a.coordinator.startedAt !== b.coordinator.startedAt) return a.coordinator.startedAt < b.coordinator.startedAt;
  return a.coordinator.id < b.coordinator.id;
}
