import type { Logger } from '../logger';
import type { Membership } from '../membership';
import type { NearCacheConfig } from '../near-cache/coordinator';
import type { PartitionService } from '../partitioning';
import type { QuorumGuard } from '../quorum';
import type { MessageBus, Messenger } from '../transport';
import type { RecordStore } from './record-store';

export interface MapConfig {
  /** Cache entries owned by other members locally; every member must use the same setting. */
  nearCache?: NearCacheConfig;
}

/** What the map service is built from; each role takes the part it uses. */
export interface MapServiceOptions {
  messenger: MessageBus & Pick<Messenger, 'disconnect' | 'completeRequest' | 'sendNow'>;
  membership: Membership;
  partitions: PartitionService;
  store: RecordStore;
  quorum: QuorumGuard;
  mapConfig: (name: string) => MapConfig;
  requestTimeoutMs: number;
  operationTimeoutMs: number;
  expirySweepIntervalMs: number;
  /** An owner whose invalidation failed waits this long before acknowledging: the member that missed it stops serving its near cache by then. */
  nearCacheLeaseMs: number;
  /** Near-cached values are served only while this holds: the member's lease, and a heartbeat answered by every member within nearCacheLeaseMs. */
  nearCacheServable: (now: number) => boolean;
  /** The member's lease (see MembershipLease): checked again before a durable write is acknowledged. */
  leaseValid: () => boolean;
  /** Every write must be durable (see MemberConfig.durableWrites). */
  durableWrites: boolean;
  /** Throws when the member can no longer serve calls (stopped). */
  checkActive: () => void;
  logger: Logger;
}
