import { EventEmitter } from 'node:events';
import { ConnectionClosedError, RemoteError } from '../errors';
import type { Logger } from '../logger';
import type { Connection, RequestOptions } from './connection';
import type { Transport } from './transport';

export interface Sender {
  memberId: string;
  address: string;
  /** Set on requests from another member: its id for `completeRequest` (absent on local calls and messages). */
  requestId?: number;
}

/** Handles a request (its result is the response) or a one-way message (result ignored). */
export type Handler = (body: any, from: Sender) => unknown;

/** What most subsystems need from the messenger; tests can supply an in-memory bus instead. */
export type MessageBus = Pick<Messenger, 'handle' | 'request' | 'notify'>;

/** Frames exchanged with other members (requests and one-way messages, not responses), by operation. */
export interface MessageCounts {
  sent: Record<string, number>;
  received: Record<string, number>;
}

export interface MessengerEvents {
  /** Any frame arrived from this member: it is alive. */
  activity: [memberId: string];
  /** An authenticated connection to or from this member closed. */
  'peer-closed': [peer: Sender, reason: string];
}

/**
 * Member-to-member messaging on top of the transport. Keeps one outbound connection per
 * peer address (dialled lazily, concurrent dials shared) and dispatches inbound requests
 * by operation name. Requests to the member's own address are dispatched locally, so
 * subsystems can address "every member" uniformly.
 */
export class Messenger extends EventEmitter<MessengerEvents> {
  /** Handlers by operation, each with the count of messages received for it (one lookup per message). */
  private readonly handlers = new Map<string, { handler: Handler; received: number }>();
  private readonly outbound = new Map<string, Promise<Connection>>();
  /** The outbound connections that are open, for completing their requests synchronously. */
  private readonly openOutbound = new Map<string, Connection>();
  private readonly inbound = new Set<Connection>();
  private readonly sentCounts = new Map<string, number>();
  /** Received messages of operations without a handler. */
  private readonly unhandledCounts = new Map<string, number>();
  private stopped = false;
  private flushingEarly = false;

  constructor(
    private readonly transport: Transport,
    private readonly self: () => Sender,
    private readonly logger: Logger,
  ) {
    super();
    transport.on('connection', (connection) => this.adoptInbound(connection));
  }

  handle(op: string, handler: Handler): void {
    this.handlers.set(op, { handler, received: this.handlers.get(op)?.received ?? 0 });
  }

  /** Requests and one-way messages sent to and received from other members since start, by operation. */
  messageCounts(): MessageCounts {
    const received = Object.fromEntries(this.unhandledCounts);
    for (const [op, { received: count }] of this.handlers) if (count > 0) received[op] = count;
    return { sent: Object.fromEntries(this.sentCounts), received };
  }

  request(address: string, op: string, body: unknown, options?: RequestOptions): Promise<any> {
    if (address === this.transport.address) {
      const self = this.self();
      return Promise.resolve().then(() => this.dispatch(op, this.handlers.get(op)?.handler, body, self));
    }
    this.countSent(op);
    const open = this.openOutbound.get(address);
    if (open) return open.request(op, body, options);
    return this.connectionTo(address).then((connection) => connection.request(op, body, options));
  }

  /** Sends a one-way message (to this member too, delivered asynchronously like the others). */
  notify(address: string, op: string, body: unknown): Promise<void> {
    if (address === this.transport.address) {
      const self = this.self();
      return Promise.resolve().then(() => this.runMessage(op, this.handlers.get(op)?.handler, body, self));
    }
    this.countSent(op);
    const open = this.openOutbound.get(address);
    if (open) return open.notify(op, body);
    return this.connectionTo(address).then((connection) => connection.notify(op, body));
  }

  /**
   * Queues a one-way message on the open connection to `address` without waiting; false when
   * there is none (nothing is dialled) or it cannot take the message. For hot paths that have a
   * fallback: no promise is made.
   */
  sendNow(address: string, op: string, body: unknown): boolean {
    const open = this.openOutbound.get(address);
    if (!open) return false;
    try {
      open.post(op, body);
    } catch {
      return false;
    }
    this.countSent(op);
    return true;
  }

  /**
   * Completes a request this member sent to `address` with an answer another member relayed
   * (the partition owner lets its backup answer a write); false if no such request waits.
   */
  completeRequest(address: string, requestId: number, body: unknown): boolean {
    return this.openOutbound.get(address)?.completeRequest(requestId, body) ?? false;
  }

  /** `Connection.flushEarly` of every connection, now and later: on for a member with a single peer. */
  get flushEarly(): boolean {
    return this.flushingEarly;
  }

  set flushEarly(enabled: boolean) {
    this.flushingEarly = enabled;
    for (const connection of this.inbound) connection.flushEarly = enabled;
    for (const connection of this.openOutbound.values()) connection.flushEarly = enabled;
  }

  /** Drops every connection to or from this address (the peer will have to reconnect). */
  disconnect(address: string, reason: string): void {
    const outbound = this.outbound.get(address);
    this.outbound.delete(address);
    outbound?.then((connection) => connection.close(reason), () => {});
    for (const connection of this.inbound) if (connection.remoteAddress === address) connection.close(reason);
  }

  stop(): void {
    this.stopped = true;
    for (const address of [...this.outbound.keys()]) this.disconnect(address, 'member stopping');
    for (const connection of this.inbound) connection.close('member stopping');
  }

  private connectionTo(address: string): Promise<Connection> {
    if (this.stopped) return Promise.reject(new ConnectionClosedError('member stopped'));
    const existing = this.outbound.get(address);
    if (existing) return existing;
    const dialling = this.transport.connect(address).then((connection) => {
      this.attach(connection);
      this.openOutbound.set(address, connection);
      connection.once('close', (reason) => {
        if (this.outbound.get(address) === dialling) this.outbound.delete(address);
        if (this.openOutbound.get(address) === connection) this.openOutbound.delete(address);
        this.peerClosed({ memberId: connection.remoteMemberId, address }, reason);
      });
      return connection;
    });
    this.outbound.set(address, dialling);
    dialling.catch(() => {
      if (this.outbound.get(address) === dialling) this.outbound.delete(address);
    });
    return dialling;
  }

  /** A connection to or from the peer closed: answers it was to relay may be lost with it (see RequestOptions.relayedBy). */
  private peerClosed(peer: Sender, reason: string): void {
    if (peer.memberId) {
      const error = new ConnectionClosedError(`connection to ${peer.address}, which was to relay the answer, closed: ${reason}`, true);
      for (const connection of this.openOutbound.values()) connection.failRelayedBy(peer.memberId, error);
    }
    this.emit('peer-closed', peer, reason);
  }

  private adoptInbound(connection: Connection): void {
    if (this.stopped) {
      connection.close('member stopping');
      return;
    }
    this.inbound.add(connection);
    this.attach(connection);
    connection.once('close', (reason) => {
      this.inbound.delete(connection);
      this.peerClosed({ memberId: connection.remoteMemberId, address: connection.remoteAddress }, reason);
    });
  }

  private attach(connection: Connection): void {
    connection.flushEarly = this.flushingEarly;
    const from = (): Sender => ({ memberId: connection.remoteMemberId, address: connection.remoteAddress });
    connection.open({
      onRequest: (op, body, requestId) =>
        this.dispatch(op, this.received(op), body, { memberId: connection.remoteMemberId, address: connection.remoteAddress, requestId }),
      onMessage: (op, body) => this.runMessage(op, this.received(op), body, from()),
      onActivity: () => this.emit('activity', connection.remoteMemberId),
    });
  }

  /** The operation's handler, counting a message received from another member for it. */
  private received(op: string): Handler | undefined {
    const entry = this.handlers.get(op);
    if (entry) {
      entry.received++;
      return entry.handler;
    }
    this.unhandledCounts.set(op, (this.unhandledCounts.get(op) ?? 0) + 1);
    return undefined;
  }

  private countSent(op: string): void {
    this.sentCounts.set(op, (this.sentCounts.get(op) ?? 0) + 1);
  }

  private dispatch(op: string, handler: Handler | undefined, body: unknown, from: Sender): unknown {
    if (!handler) throw new RemoteError(`no handler for operation "${op}"`);
    return handler(body, from);
  }

  private runMessage(op: string, handler: Handler | undefined, body: unknown, from: Sender): void {
    if (!handler) {
      this.logger.warn('dropping message for unknown operation', { op, from: from.address });
      return;
    }
    try {
      const result = handler(body, from);
      if (result instanceof Promise) result.catch((error: unknown) => this.handlerFailed(op, error));
    } catch (error) {
      this.handlerFailed(op, error);
    }
  }

  private handlerFailed(op: string, error: unknown): void {
    this.logger.error('message handler failed', { op, error: String(error) });
  }
}
