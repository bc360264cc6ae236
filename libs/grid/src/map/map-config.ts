import type { MapConfig } from './options';

/** The member settings of the map service. */
export interface MapServiceConfig {
  /** Budget of a map operation including retries during migrations. Default 30000 ms. */
  operationTimeoutMs?: number;
  /**
   * A write is acknowledged only once every backup stored it, while the owner still holds quorum
   * and its lease; otherwise it fails with WriteNotDurableError (it may have been applied).
   * Default: true when minClusterSize is above 1. `SetOptions.durable` asks for it per call.
   */
  durableWrites?: boolean;
  /** How often expired entries are removed (and `expired` events fired). Default 1000 ms. */
  expirySweepIntervalMs?: number;
  /** Per-map settings, by map name. */
  maps?: Record<string, MapConfig>;
}

/** `durableWrites` follows the quorum setting and `maps` is empty: both are resolved by config.ts. */
export const MAP_SERVICE_DEFAULTS = {
  operationTimeoutMs: 30_000,
  expirySweepIntervalMs: 1000,
} as const satisfies Required<Omit<MapServiceConfig, 'durableWrites' | 'maps'>>;
