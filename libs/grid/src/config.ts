import { FAILURE_DETECTION_DEFAULTS, type FailureDetectionConfig } from './failure-detection/failure-detection-config';
import type { Logger } from './logger';
import { MAP_SERVICE_DEFAULTS, type MapServiceConfig } from './map/map-config';
import { MEMBERSHIP_DEFAULTS, type MembershipConfig } from './membership/membership-config';
import { PARTITIONING_DEFAULTS, type PartitioningConfig } from './partitioning/partitioning-config';
import { QUORUM_DEFAULTS, type QuorumConfig } from './quorum/quorum-config';
import { MAX_TIMER_MS } from './timers';
import { TRANSPORT_DEFAULTS, type TransportConfig } from './transport/transport-config';

export interface MemberConfig extends TransportConfig, MembershipConfig, FailureDetectionConfig, PartitioningConfig, QuorumConfig, MapServiceConfig {
  logger?: Logger;
}

export type ResolvedConfig = Required<Omit<MemberConfig, 'seeds' | 'dns' | 'tls' | 'logger'>> &
  Pick<MemberConfig, 'seeds' | 'dns' | 'tls'> & { logger: Logger };

export const DEFAULTS = {
  ...TRANSPORT_DEFAULTS,
  ...MEMBERSHIP_DEFAULTS,
  ...FAILURE_DETECTION_DEFAULTS,
  ...PARTITIONING_DEFAULTS,
  ...QUORUM_DEFAULTS,
  ...MAP_SERVICE_DEFAULTS,
} as const;

export function resolveConfig(config: MemberConfig, defaultLogger: Logger): ResolvedConfig {
  if (typeof config.clusterSecret !== 'string' || config.clusterSecret.length < 16) {
    throw new Error('clusterSecret must be a string of at least 16 characters');
  }
  const resolved: ResolvedConfig = {
    ...DEFAULTS,
    maps: {},
    ...stripUndefined(config),
    clusterSecret: config.clusterSecret,
    durableWrites: config.durableWrites ?? (config.minClusterSize ?? DEFAULTS.minClusterSize) > 1,
    logger: config.logger ?? defaultLogger,
  };
  if (!Number.isInteger(resolved.partitionCount) || resolved.partitionCount < 1) throw new Error('partitionCount must be a positive integer');
  if (!Number.isInteger(resolved.backupCount) || resolved.backupCount < 0) throw new Error('backupCount must be a non-negative integer');
  for (const key of DURATION_KEYS) {
    const ms = resolved[key];
    if (typeof ms !== 'number' || !(ms > 0 && ms <= MAX_TIMER_MS)) throw new Error(`${key} must be a number of milliseconds above 0 and at most ${MAX_TIMER_MS}`);
  }
  for (const key of ['maxPendingHandshakes', 'maxPendingHandshakesPerAddress'] as const) {
    if (!Number.isInteger(resolved[key]) || resolved[key] < 1) throw new Error(`${key} must be a positive integer`);
  }
  // The handshake's own frames are a few hundred bytes (at most about 1.2 KiB with the longest ids and addresses).
  if (!Number.isInteger(resolved.maxHandshakeFrameBytes) || resolved.maxHandshakeFrameBytes < 2048) throw new Error('maxHandshakeFrameBytes must be an integer of at least 2048');
  // A member's lease may outlast its coordinator's by one lease (3 intervals); removal plus the fence (4 intervals) must outlast both.
  if (resolved.heartbeatTimeoutMs < 2 * resolved.heartbeatIntervalMs) throw new Error('heartbeatTimeoutMs must be at least twice heartbeatIntervalMs');
  if (resolved.durableWrites && resolved.backupCount < 1) throw new Error('durableWrites needs backupCount of at least 1 (a write is durable once a backup holds it)');
  return resolved;
}

const DURATION_KEYS = [
  'heartbeatIntervalMs',
  'heartbeatTimeoutMs',
  'requestTimeoutMs',
  'operationTimeoutMs',
  'joinTimeoutMs',
  'mergeIntervalMs',
  'handshakeTimeoutMs',
  'connectTimeoutMs',
  'migrationTimeoutMs',
  'expirySweepIntervalMs',
  'leaveTimeoutMs',
] as const satisfies ReadonlyArray<keyof ResolvedConfig>;

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
