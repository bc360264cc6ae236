import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { ConnectionClosedError } from '../errors';
import type { Logger } from '../logger';
import { formatAddress, parseAddress } from './address';
import { Connection, type ConnectionOptions } from './connection';
import { acceptHandshake, initiateHandshake } from './handshake';
import { DEFAULT_MAX_PENDING_HANDSHAKES, DEFAULT_MAX_PENDING_HANDSHAKES_PER_ADDRESS, PendingHandshakes } from './pending-handshakes';
import { RejectionLog } from './rejection-log';

/** Paths to PEM files. Every member presents `cert` and accepts peers signed by `ca`. */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
  caFile: string;
}

export interface TransportOptions {
  memberId: string;
  secret: string;
  host: string;
  port: number;
  /** When the port is taken, try the next ones (up to `portCount` ports in all). */
  portAutoIncrement: boolean;
  portCount: number;
  handshakeTimeoutMs: number;
  /** Inbound connections still authenticating, in all (default 64); more are closed at once. */
  maxPendingHandshakes?: number;
  /** The same from one remote IP address (default 8). */
  maxPendingHandshakesPerAddress?: number;
  connectTimeoutMs: number;
  tls?: TlsFiles;
  connection: Omit<ConnectionOptions, 'logger'>;
  logger: Logger;
}

export interface TransportEvents {
  /** An inbound connection that passed authentication. */
  connection: [Connection];
}

/**
 * TCP (optionally TLS) listener and dialer. Every connection, inbound or outbound, is
 * authenticated with the cluster secret before it is handed to the caller.
 */
export class Transport extends EventEmitter<TransportEvents> {
  private server: net.Server | undefined;
  private readonly connections = new Set<Connection>();
  private tlsContext: { cert: Buffer; key: Buffer; ca: Buffer } | undefined;
  private readonly pendingHandshakes: PendingHandshakes;
  /** Anyone can connect, so rejections are logged at a bounded rate. */
  private readonly rejections: RejectionLog;
  address = '';

  constructor(private readonly options: TransportOptions) {
    super();
    this.pendingHandshakes = new PendingHandshakes({
      total: options.maxPendingHandshakes ?? DEFAULT_MAX_PENDING_HANDSHAKES,
      perAddress: options.maxPendingHandshakesPerAddress ?? DEFAULT_MAX_PENDING_HANDSHAKES_PER_ADDRESS,
    });
    this.rejections = new RejectionLog(options.logger);
    if (options.tls) {
      this.tlsContext = {
        cert: readFileSync(options.tls.certFile),
        key: readFileSync(options.tls.keyFile),
        ca: readFileSync(options.tls.caFile),
      };
    }
  }

  async start(): Promise<string> {
    const attempts = this.options.portAutoIncrement ? this.options.portCount : 1;
    let lastError: Error | undefined;
    for (let offset = 0; offset < attempts; offset++) {
      const port = this.options.port + offset;
      try {
        this.server = await this.listen(port);
        // Port 0 lets the OS choose; advertise the port actually bound.
        this.address = formatAddress(this.options.host, (this.server.address() as net.AddressInfo).port);
        return this.address;
      } catch (error) {
        lastError = error as Error;
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') break;
      }
    }
    throw lastError ?? new Error('could not bind');
  }

  async connect(address: string): Promise<Connection> {
    const { host, port } = parseAddress(address);
    const socket = await this.dial(host, port);
    const connection = this.wrap(socket);
    try {
      const peer = await initiateHandshake(connection, this.handshakeOptions());
      connection.remoteMemberId = peer.memberId;
      connection.remoteAddress = address;
      return connection;
    } catch (error) {
      connection.close(`handshake failed: ${(error as Error).message}`);
      throw error;
    }
  }

  async stop(): Promise<void> {
    for (const connection of this.connections) connection.close('member stopping');
    this.rejections.stop();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private listen(port: number): Promise<net.Server> {
    const onSocket = (socket: net.Socket) => void this.accept(socket);
    const server = this.tlsContext
      ? tls.createServer({ ...this.tlsContext, requestCert: true, rejectUnauthorized: true }, onSocket)
      : net.createServer(onSocket);
    server.on('tlsClientError', (error: Error) => {
      this.rejections.warn('rejected connection: TLS failure', { reason: error.message });
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: this.options.host, port, exclusive: true }, () => {
        server.off('error', reject);
        server.on('error', (error) => this.options.logger.error('listener error', { error: error.message }));
        resolve(server);
      });
    });
  }

  private async accept(socket: net.Socket): Promise<void> {
    if (!this.server) {
      socket.destroy();
      return;
    }
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    const remoteIp = socket.remoteAddress ?? '';
    const slot = this.pendingHandshakes.admit(remoteIp);
    if (!slot) {
      // Before anything is read: a flood of connections costs an accept and a close each.
      socket.destroy();
      this.rejections.warn('refused connection: too many pending handshakes', {
        peer,
        fromAddress: this.pendingHandshakes.count(remoteIp),
        total: this.pendingHandshakes.count(),
      });
      return;
    }
    const connection = this.wrap(socket);
    try {
      const identity = await acceptHandshake(connection, this.handshakeOptions());
      connection.remoteMemberId = identity.memberId;
      connection.remoteAddress = identity.address;
      this.emit('connection', connection);
    } catch (error) {
      const reason = connection.isClosed ? connection.closeReason : `authentication failed: ${(error as Error).message}`;
      this.rejections.warn('rejected connection', { peer, reason });
      connection.close(reason);
    } finally {
      slot.release();
    }
  }

  private wrap(socket: net.Socket): Connection {
    const connection = new Connection(socket, { ...this.options.connection, logger: this.options.logger });
    this.connections.add(connection);
    connection.once('close', () => this.connections.delete(connection));
    return connection;
  }

  private dial(host: string, port: number): Promise<net.Socket> {
    return new Promise((resolve, reject) => {
      const socket = this.tlsContext
        ? tls.connect({ host, port, ...this.tlsContext, checkServerIdentity: () => undefined })
        : net.connect({ host, port });
      const ready = this.tlsContext ? 'secureConnect' : 'connect';
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new ConnectionClosedError(`connect to ${formatAddress(host, port)} timed out`));
      }, this.options.connectTimeoutMs);
      socket.once(ready, () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(socket);
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(new ConnectionClosedError(`cannot connect to ${formatAddress(host, port)}: ${error.message}`));
      });
    });
  }

  private handshakeOptions() {
    return {
      secret: this.options.secret,
      self: { memberId: this.options.memberId, address: this.address },
      timeoutMs: this.options.handshakeTimeoutMs,
    };
  }
}
