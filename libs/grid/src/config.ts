import { DEFAULT_MAX_FRAME_BYTES, DEFAULT_MAX_HANDSHAKE_FRAME_BYTES } from './codec';
import type { Logger } from './logger';
import type { MapConfig } from './map';
import type { DiscoveryConfig } from './membership';
import { DEFAULT_MAX_PENDING_HANDSHAKES, DEFAULT_MAX_PENDING_HANDSHAKES_PER_ADDRESS, type TlsFiles } from './transport';

export interface MemberConfig extends DiscoveryConfig {
  /** Shared by all members; peers prove they know it before any data flows. At least 16 characters. */
  clusterSecret: string;
  /** Address to bind and to advertise to other members. Default 127.0.0.1. */
  host?: string;
  /** TCP port. Default 5701; 0 binds any free port. */
  port?: number;
  /** When the port is taken, use the next free one. Default false. */
  portAutoIncrement?: boolean;
  /** How many ports to try with portAutoIncrement. Default 100. */
  portCount?: number;
  /** Default 271. Must be equal on all members. */
  partitionCount?: number;
  /** Synchronous backups per partition. Default 1. Must be equal on all members. */
  backupCount?: number;
  /** Default 1000 ms. */
  heartbeatIntervalMs?: number;
  /** A member silent this long is declared dead. Default 10000 ms. */
  heartbeatTimeoutMs?: number;
  /** Timeout of one remote call. Default 10000 ms. */
  requestTimeoutMs?: number;
  /** Budget of a map operation including retries during migrations. Default 30000 ms. */
  operationTimeoutMs?: number;
  /** How long to look for an existing cluster before founding one. Default 5000 ms. */
  joinTimeoutMs?: number;
  /** How often the coordinator looks for another cluster to merge with. Default 10000 ms. */
  mergeIntervalMs?: number;
  /** Quorum: fewer visible members than this and the member refuses writes. Default 1. */
  minClusterSize?: number;
  /**
   * A write is acknowledged only once every backup stored it, while the owner still holds quorum
   * and its lease; otherwise it fails with WriteNotDurableError (it may have been applied).
   * Default: true when minClusterSize is above 1. `SetOptions.durable` asks for it per call.
   */
  durableWrites?: boolean;
  /** Default 16 MiB. */
  maxFrameBytes?: number;
  /** Limit of a frame before the peer authenticated (handshake frames are a few hundred bytes). Default 4 KiB. */
  maxHandshakeFrameBytes?: number;
  /** Inbound connections still authenticating, in all; more are closed at once. Default 64. */
  maxPendingHandshakes?: number;
  /** Inbound connections still authenticating from one IP address. Default 8. */
  maxPendingHandshakesPerAddress?: number;
  /** Default 5000 ms. */
  handshakeTimeoutMs?: number;
  /** Default 3000 ms. */
  connectTimeoutMs?: number;
  /** Outbound bytes queued for one peer before it is considered stuck and disconnected. Default 64 MiB. */
  maxPendingWriteBytes?: number;
  /** Default 60000 ms. */
  migrationTimeoutMs?: number;
  /** Partitions one member copies concurrently during migration. Default 8. */
  migrationConcurrency?: number;
  /** How often expired entries are removed (and `expired` events fired). Default 1000 ms. */
  expirySweepIntervalMs?: number;
  /** How long `leave()` waits for the partitions to be handed over. Default 60000 ms. */
  leaveTimeoutMs?: number;
  /** Per-map settings, by map name. */
  maps?: Record<string, MapConfig>;
  /** Mutual TLS between members, from PEM files. */
  tls?: TlsFiles;
  logger?: Logger;
}

export type ResolvedConfig = Required<Omit<MemberConfig, 'seeds' | 'dns' | 'tls' | 'logger'>> &
  Pick<MemberConfig, 'seeds' | 'dns' | 'tls'> & { logger: Logger };

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 5701,
  portAutoIncrement: false,
  portCount: 100,
  partitionCount: 271,
  backupCount: 1,
  heartbeatIntervalMs: 1000,
  heartbeatTimeoutMs: 10_000,
  requestTimeoutMs: 10_000,
  operationTimeoutMs: 30_000,
  joinTimeoutMs: 5000,
  mergeIntervalMs: 10_000,
  minClusterSize: 1,
  maxFrameBytes: DEFAULT_MAX_FRAME_BYTES,
  maxHandshakeFrameBytes: DEFAULT_MAX_HANDSHAKE_FRAME_BYTES,
  maxPendingHandshakes: DEFAULT_MAX_PENDING_HANDSHAKES,
  maxPendingHandshakesPerAddress: DEFAULT_MAX_PENDING_HANDSHAKES_PER_ADDRESS,
  handshakeTimeoutMs: 5000,
  connectTimeoutMs: 3000,
  maxPendingWriteBytes: 64 * 1024 * 1024,
  migrationTimeoutMs: 60_000,
  migrationConcurrency: 8,
  expirySweepIntervalMs: 1000,
  leaveTimeoutMs: 60_000,
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

/** The longest delay Node's timers take; longer ones fire after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

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
