/** Settings of the heartbeats, which detect failed members and renew leases. */
export interface FailureDetectionConfig {
  /** Default 1000 ms. */
  heartbeatIntervalMs?: number;
  /** A member silent this long is declared dead. Default 10000 ms. */
  heartbeatTimeoutMs?: number;
}

export const FAILURE_DETECTION_DEFAULTS = {
  heartbeatIntervalMs: 1000,
  heartbeatTimeoutMs: 10_000,
} as const satisfies Required<FailureDetectionConfig>;
