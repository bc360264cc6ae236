import { EventEmitter } from 'node:events';
import { QuorumError } from '../errors';

export interface QuorumEvents {
  degraded: [memberCount: number];
  recovered: [memberCount: number];
}

/**
 * Split-brain protection: while this member sees fewer than `minClusterSize` members
 * (itself included) it is degraded and refuses writes with QuorumError. Without its lease
 * (see MembershipLease) a degraded member refuses reads too: callers fall back to their own store.
 */
export class QuorumGuard extends EventEmitter<QuorumEvents> {
  private memberCount = 0;
  private isDegraded = false;

  constructor(readonly minClusterSize: number) {
    super();
    if (!Number.isInteger(minClusterSize) || minClusterSize < 1) throw new Error('minClusterSize must be a positive integer');
  }

  get degraded(): boolean {
    return this.isDegraded;
  }

  /** Feed the current member count on every membership change. */
  update(memberCount: number): void {
    this.memberCount = memberCount;
    const degraded = memberCount < this.minClusterSize;
    if (degraded === this.isDegraded) return;
    this.isDegraded = degraded;
    this.emit(degraded ? 'degraded' : 'recovered', memberCount);
  }

  checkWrite(): void {
    if (this.isDegraded) {
      throw new QuorumError(`cluster has ${this.memberCount} members visible, fewer than the minimum of ${this.minClusterSize}`);
    }
  }
}
