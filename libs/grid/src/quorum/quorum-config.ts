/** Settings of the quorum guard. */
export interface QuorumConfig {
  /** Quorum: fewer visible members than this and the member refuses writes. Default 1. */
  minClusterSize?: number;
}

export const QUORUM_DEFAULTS = {
  minClusterSize: 1,
} as const satisfies Required<QuorumConfig>;
