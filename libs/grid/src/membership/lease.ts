import type { MemberInfo } from './member-info';

export interface MembershipLeaseOptions {
  /** How long one confirmation lasts, counted from the send time of the heartbeat it answered. */
  leaseMs: number;
  /** Quorum of the cluster (minClusterSize). */
  minClusterSize: number;
  /**
   * Called when a confirmation arrives after the lease had lapsed: whatever this member cached
   * before may have missed invalidations meanwhile (a pause, a split) and must be dropped.
   */
  onRenewedAfterLapse: () => void;
}

/**
 * Whether this member may answer from its own memory (owned partitions, near cache) and
 * acknowledge writes: only while the cluster recently confirmed that it still belongs.
 *
 *  - A member that is not the coordinator is confirmed by its coordinator's heartbeat answer
 *    ("you are a member, and I hold my own lease").
 *  - The coordinator is confirmed by other members' heartbeat answers ("you are a member and
 *    my coordinator"), or by their joining through it. It needs enough of them to make a
 *    majority of its view with itself, and at least minClusterSize: a coordinator that was paused
 *    or cut off, and replaced meanwhile, gets no such answers and stops serving.
 *
 * Times are this member's own clock: a confirmation counts from the moment its heartbeat was
 * sent (the answer came later), so a paused process finds its lease lapsed when it resumes,
 * whatever order it then reads its sockets in.
 */
export class MembershipLease {
  private validUntil = 0;
  /** Coordinator only: per member, the latest moment it confirmed following this member. */
  private readonly confirmations = new Map<string, number>();

  constructor(private readonly options: MembershipLeaseOptions) {}

  valid(now = Date.now()): boolean {
    return now < this.validUntil;
  }

  /** Not the coordinator: the coordinator confirmed this member (holding its own lease) for a heartbeat sent at `since`. */
  confirmedByCoordinator(since: number): void {
    this.extendTo(since + this.options.leaseMs);
  }

  /** Coordinator: `memberId` followed this member at `since` (answered a heartbeat sent then, or joined). */
  confirmedBy(memberId: string, since: number, view: readonly MemberInfo[], selfId: string): void {
    this.confirmations.set(memberId, Math.max(since, this.confirmations.get(memberId) ?? 0));
    this.recompute(view, selfId);
  }

  /**
   * Coordinator: the view changed, so the confirmations needed changed too. Members no longer in
   * it do not count; the lease may end earlier than it would have.
   */
  recompute(view: readonly MemberInfo[], selfId: string): void {
    const present = new Set(view.map((m) => m.id));
    for (const id of this.confirmations.keys()) if (!present.has(id)) this.confirmations.delete(id);
    const needed = Math.max(this.options.minClusterSize, Math.floor(view.length / 2) + 1) - 1;
    if (needed === 0) {
      this.extendTo(Number.POSITIVE_INFINITY);
      return;
    }
    const times = view.filter((m) => m.id !== selfId).map((m) => this.confirmations.get(m.id) ?? 0);
    times.sort((a, b) => b - a);
    const since = times[needed - 1] ?? 0;
    if (since === 0) {
      this.validUntil = 0;
      return;
    }
    const until = since + this.options.leaseMs;
    if (until < this.validUntil) this.validUntil = until;
    else this.extendTo(until);
  }

  /** Forgets every confirmation: the member is rejoining, or stopped being the coordinator. */
  reset(): void {
    this.confirmations.clear();
    this.validUntil = 0;
  }

  private extendTo(until: number): void {
    if (until <= this.validUntil) return;
    const lapsed = Date.now() >= this.validUntil;
    this.validUntil = until;
    if (lapsed) this.options.onRenewedAfterLapse();
  }
}
