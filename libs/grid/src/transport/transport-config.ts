import { DEFAULT_MAX_FRAME_BYTES, DEFAULT_MAX_HANDSHAKE_FRAME_BYTES } from '../codec/frame';
import type { Logger } from '../logger';
import { DEFAULT_MAX_PENDING_HANDSHAKES, DEFAULT_MAX_PENDING_HANDSHAKES_PER_ADDRESS } from './pending-handshakes';
import type { TlsFiles, TransportOptions } from './transport';

/** Settings of the member's listener and of its connections to other members. */
export interface TransportConfig {
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
  /** Timeout of one remote call. Default 10000 ms. */
  requestTimeoutMs?: number;
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
  /** Mutual TLS between members, from PEM files. */
  tls?: TlsFiles;
}

export const TRANSPORT_DEFAULTS = {
  host: '127.0.0.1',
  port: 5701,
  portAutoIncrement: false,
  portCount: 100,
  requestTimeoutMs: 10_000,
  maxFrameBytes: DEFAULT_MAX_FRAME_BYTES,
  maxHandshakeFrameBytes: DEFAULT_MAX_HANDSHAKE_FRAME_BYTES,
  maxPendingHandshakes: DEFAULT_MAX_PENDING_HANDSHAKES,
  maxPendingHandshakesPerAddress: DEFAULT_MAX_PENDING_HANDSHAKES_PER_ADDRESS,
  handshakeTimeoutMs: 5000,
  connectTimeoutMs: 3000,
  maxPendingWriteBytes: 64 * 1024 * 1024,
} as const satisfies Required<Omit<TransportConfig, 'clusterSecret' | 'tls'>>;

export type ResolvedTransportConfig = Required<Omit<TransportConfig, 'tls'>> & Pick<TransportConfig, 'tls'>;

/** The transport's options for the member `memberId`. */
export function transportOptions(c: ResolvedTransportConfig, memberId: string, logger: Logger): TransportOptions {
  return {
    memberId,
    secret: c.clusterSecret,
    host: c.host,
    port: c.port,
    portAutoIncrement: c.portAutoIncrement,
    portCount: c.portCount,
    handshakeTimeoutMs: c.handshakeTimeoutMs,
    maxPendingHandshakes: c.maxPendingHandshakes,
    maxPendingHandshakesPerAddress: c.maxPendingHandshakesPerAddress,
    connectTimeoutMs: c.connectTimeoutMs,
    ...(c.tls ? { tls: c.tls } : {}),
    connection: { maxFrameBytes: c.maxFrameBytes, maxHandshakeFrameBytes: c.maxHandshakeFrameBytes, requestTimeoutMs: c.requestTimeoutMs, maxPendingWriteBytes: c.maxPendingWriteBytes },
    logger,
  };
}
