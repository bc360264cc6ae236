import type { DiscoveryConfig } from './discovery';

/** Settings of joining, leaving and merging clusters. */
export interface MembershipConfig extends DiscoveryConfig {
  /** How long to look for an existing cluster before founding one. Default 5000 ms. */
  joinTimeoutMs?: number;
  /** How often the coordinator looks for another cluster to merge with. Default 10000 ms. */
  mergeIntervalMs?: number;
  /** How long `leave()` waits for the partitions to be handed over. Default 60000 ms. */
  leaveTimeoutMs?: number;
}

export const MEMBERSHIP_DEFAULTS = {
  joinTimeoutMs: 5000,
  mergeIntervalMs: 10_000,
  leaveTimeoutMs: 60_000,
} as const satisfies Required<Omit<MembershipConfig, keyof DiscoveryConfig>>;
