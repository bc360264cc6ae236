import type { Logger } from '../logger';
import type { Heartbeats } from './heartbeat';
import type { Membership } from './membership';

export interface HandOverOptions {
  membership: Membership;
  /** Emits `left` when the coordinator no longer lists this member. */
  heartbeats: Pick<Heartbeats, 'once'>;
  timeoutMs: number;
  logger: Logger;
}

/**
 * Leaving member: asks the coordinator to move this member's partitions to the others and waits
 * until the cluster no longer lists it (or the timeout passes).
 */
export async function handOverPartitions({ membership, heartbeats, timeoutMs, logger }: HandOverOptions): Promise<void> {
  if (membership.members.length <= 1) return;
  const removed = new Promise<void>((resolve) => {
    heartbeats.once('left', resolve);
    membership.once('removed-from-cluster', resolve);
  });
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
  // When every other member is leaving too (a whole deployment stopping at once), nobody
  // can take the partitions over: waiting would only run into the timeout.
  let checkOthers = () => {};
  const nobodyStays = new Promise<void>((resolve) => {
    checkOthers = () => {
      if (membership.members.every((m) => m.id === membership.self.id || m.leaving)) resolve();
    };
  });
  membership.on('changed', checkOthers);
  try {
    await membership.requestLeave();
    checkOthers();
    await Promise.race([removed, timeout, nobodyStays]);
    await membership.flush();
  } catch (error) {
    logger.warn('graceful leave failed; stopping anyway', { error: String(error) });
  } finally {
    membership.off('changed', checkOthers);
  }
}

/** Coordinator, on a committed table: drops the leaving members it gives no replica any more. */
export function removeHandedOver(membership: Membership, replicas: readonly string[][]): void {
  if (!membership.isCoordinator) return;
  // Leaving members are removed once the committed table no longer gives them any replica.
  const holding = new Set(replicas.flat());
  const done = membership.members.filter((m) => m.leaving && !holding.has(m.id)).map((m) => m.id);
  if (done.length > 0) membership.remove(done);
}
