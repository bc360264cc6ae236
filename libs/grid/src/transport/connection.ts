import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { DEFAULT_MAX_HANDSHAKE_FRAME_BYTES, FrameDecoder, LENGTH_BYTES, encodeFrame, type FrameCodecOptions } from '../codec';
import {
  ConnectionClosedError,
  FrameError,
  RequestTimeoutError,
  fromWireError,
  toWireError,
  type WireError,
} from '../errors';
import type { Logger } from '../logger';
import { RequestDeadlines } from './request-deadlines';

/** Handles a request; resolving to NO_RESPONSE means another member answers it (see `completeRequest`). */
export type RequestHandler = (op: string, body: unknown, requestId: number) => unknown;
export type MessageHandler = (op: string, body: unknown) => void;

/** Kinds of message after the handshake; a message is a MessagePack array, cheaper than a map with key names. */
const REQUEST = 0;
const RESULT = 1;
const FAILURE = 2;
const MESSAGE = 3;

type WireMessage =
  | [kind: typeof REQUEST, id: number, op: string, body: unknown]
  | [kind: typeof RESULT, id: number, body: unknown]
  | [kind: typeof FAILURE, id: number, error: WireError]
  | [kind: typeof MESSAGE, op: string, body: unknown];

export interface ConnectionOptions {
  /** Limit of a frame once the peer authenticated. */
  maxFrameBytes: number;
  /** Limit of a frame before that (default DEFAULT_MAX_HANDSHAKE_FRAME_BYTES); never above maxFrameBytes. */
  maxHandshakeFrameBytes?: number;
  requestTimeoutMs: number;
  /** Outbound bytes queued beyond this mean the peer is not reading: the connection is closed. */
  maxPendingWriteBytes: number;
  logger: Logger;
}

/** With `flushEarly`, a turn's frames leave in writes of this many. */
const EARLY_FLUSH_FRAMES = 8;

/** A request handler's result meaning: write no response, another member completes the request. */
export const NO_RESPONSE = Symbol('no-response');

interface PendingRequest {
  op: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timeoutMs: number;
  /** The member expected to relay the answer, if another member than the peer may answer. */
  relayedBy?: string;
}

export interface RequestOptions {
  timeoutMs?: number;
  /** Another member that may deliver the answer (see `completeRequest`); `failRelayedBy` fails the request when it is lost. */
  relayedBy?: string;
}

/**
 * One framed connection to a peer. Before `open()` it only queues frames for the
 * handshake (`nextFrame`); after it, it carries requests, responses and one-way messages.
 *
 * Frames go to an outbox that is written as one buffer in the check phase (setImmediate) of
 * the event loop's turn: the requests of concurrent callers, the responses to one received
 * chunk and the frames caused by data read from other sockets in the same poll leave in one
 * system call, in order (with `flushEarly`, in writes of a few frames). While the socket reports a full buffer the outbox waits for 'drain',
 * and an outbox beyond `maxPendingWriteBytes` means the peer is not reading: the connection
 * is closed rather than memory growing without bound.
 */
export class Connection extends EventEmitter<{ close: [reason: string] }> {
  remoteMemberId = '';
  remoteAddress = '';
  /**
   * Write every EARLY_FLUSH_FRAMES frames at once instead of holding the turn's frames back.
   * Right for a member whose only peer is at the other end (a cluster of two): there the peer
   * would idle while this side fills its outbox, and the two would take turns instead of
   * working side by side. With several peers each is kept busy anyway, and the extra writes
   * would only cost (see the grid README's benchmark notes).
   */
  flushEarly = false;
  private state: 'handshaking' | 'open' | 'closed' = 'handshaking';
  private readonly decoder: FrameDecoder;
  private readonly frameOptions: FrameCodecOptions;
  private readonly maxHandshakeFrameBytes: number;
  private readonly pending = new Map<number, PendingRequest>();
  private readonly deadlines = new RequestDeadlines(
    (id) => this.pending.has(id),
    (id, timeoutMs) => {
      const entry = this.pending.get(id)!;
      this.pending.delete(id);
      entry.reject(new RequestTimeoutError(`${entry.op} to ${this.remoteAddress} timed out after ${timeoutMs} ms`));
    },
  );
  private outbox: Buffer[] = [];
  private outboxBytes = 0;
  /** Requests whose frame is still in the outbox: on a close their callers learn they were never sent. */
  private readonly unsentRequests = new Set<number>();
  private flushScheduled = false;
  private waitingForDrain = false;
  /**
   * Request ids are unique in the process, not just per connection: an answer that arrives
   * from another member (`completeRequest`) after a reconnect must not match a newer request.
   */
  private static nextRequestId = 1;
  private handshakeFrames: unknown[] = [];
  private handshakeWaiter: ((frame: unknown) => void) | undefined;
  private onRequest: RequestHandler = () => undefined;
  private onMessage: MessageHandler = () => {};
  private onActivity: () => void = () => {};
  closeReason = '';

  constructor(
    private readonly socket: Socket,
    private readonly options: ConnectionOptions,
  ) {
    super();
    this.frameOptions = { maxFrameBytes: options.maxFrameBytes };
    // Until the peer proved it holds the secret its frames are small: a larger header closes the connection.
    this.maxHandshakeFrameBytes = Math.min(options.maxHandshakeFrameBytes ?? DEFAULT_MAX_HANDSHAKE_FRAME_BYTES, options.maxFrameBytes);
    this.decoder = new FrameDecoder({ maxFrameBytes: this.maxHandshakeFrameBytes });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('end', () => {
      try {
        this.decoder.finish();
        this.close('peer closed the connection');
      } catch (error) {
        this.close(`peer closed mid-frame: ${(error as Error).message}`);
      }
    });
    socket.on('close', () => this.close('socket closed'));
    socket.on('error', (error) => this.close(`socket error: ${error.message}`));
  }

  get isClosed(): boolean {
    return this.state === 'closed';
  }

  /** Waits for the next frame during the handshake. */
  nextFrame(timeoutMs: number): Promise<unknown> {
    const queued = this.handshakeFrames.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.state === 'closed') return Promise.reject(new ConnectionClosedError(this.closeReason));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.handshakeWaiter = undefined;
        reject(new RequestTimeoutError(`handshake frame not received within ${timeoutMs} ms`));
      }, timeoutMs);
      const onClose = () => {
        clearTimeout(timer);
        this.handshakeWaiter = undefined;
        reject(new ConnectionClosedError(this.closeReason));
      };
      this.once('close', onClose);
      this.handshakeWaiter = (frame) => {
        clearTimeout(timer);
        this.off('close', onClose);
        this.handshakeWaiter = undefined;
        resolve(frame);
      };
    });
  }

  /** Sends a raw frame during the handshake. */
  sendHandshake(message: unknown): Promise<void> {
    return settled(() => this.enqueue(message));
  }

  /** Ends the handshake: from now on frames are requests, responses and messages. */
  open(handlers: { onRequest: RequestHandler; onMessage: MessageHandler; onActivity: () => void }): void {
    if (this.state !== 'handshaking') return;
    this.state = 'open';
    this.decoder.setMaxFrameBytes(this.options.maxFrameBytes);
    this.onRequest = handlers.onRequest;
    this.onMessage = handlers.onMessage;
    this.onActivity = handlers.onActivity;
    const early = this.handshakeFrames;
    this.handshakeFrames = [];
    // After the caller finished wiring the connection; before any later data event.
    if (early.length > 0) queueMicrotask(() => early.forEach((frame) => this.dispatch(frame)));
  }

  request(op: string, body: unknown, { timeoutMs = this.options.requestTimeoutMs, relayedBy }: RequestOptions = {}): Promise<unknown> {
    if (this.state !== 'open') return Promise.reject(new ConnectionClosedError(`connection not open: ${this.closeReason}`));
    const id = Connection.nextRequestId++;
    return new Promise((resolve, reject) => {
      // Queued first: a request that could not be queued (e.g. it closed the connection by
      // overflowing the outbox) must fail as never sent. No answer can come before the flush.
      try {
        this.enqueue([REQUEST, id, op, body] satisfies WireMessage, id);
      } catch (error) {
        reject(error as Error);
        return;
      }
      this.pending.set(id, relayedBy === undefined ? { op, resolve, reject, timeoutMs } : { op, resolve, reject, timeoutMs, relayedBy });
      this.deadlines.add(id, timeoutMs);
    });
  }

  /** Completes a pending request of this connection with an answer that came another way; false if none waits. */
  completeRequest(id: number, body: unknown): boolean {
    const entry = this.takePending(id);
    entry?.resolve(body);
    return entry !== undefined;
  }

  /** Fails the requests whose answer the member was to relay (it went away), as possibly applied. */
  failRelayedBy(memberId: string, error: Error): void {
    for (const [id, entry] of this.pending) if (entry.relayedBy === memberId) this.takePending(id)!.reject(error);
  }

  /** Queues a one-way message; rejects when the connection is closed or the message cannot be framed. */
  notify(op: string, body: unknown): Promise<void> {
    return settled(() => this.post(op, body));
  }

  /** Queues a one-way message at once; throws when the connection is not open or the message cannot be framed. */
  post(op: string, body: unknown): void {
    if (this.state !== 'open') throw new ConnectionClosedError(`connection not open: ${this.closeReason}`);
    this.enqueue([MESSAGE, op, body] satisfies WireMessage);
  }

  close(reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.closeReason = reason;
    const message = `connection to ${this.remoteAddress || 'peer'} closed: ${reason}`;
    const unsent = new ConnectionClosedError(message);
    // Requests still in the outbox are rejected first, as never sent; the rest may have reached the peer.
    for (const id of this.unsentRequests) this.takePending(id)?.reject(unsent);
    this.unsentRequests.clear();
    this.outbox = [];
    for (const id of [...this.pending.keys()]) this.takePending(id)!.reject(new ConnectionClosedError(message, true));
    this.deadlines.clear();
    this.outboxBytes = 0;
    this.socket.destroy();
    this.emit('close', reason);
  }

  /** Removes a pending request (its deadline goes with it); undefined if it no longer waits. */
  private takePending(id: number): PendingRequest | undefined {
    const entry = this.pending.get(id);
    if (!entry) return undefined;
    this.pending.delete(id);
    this.deadlines.settled(entry.timeoutMs);
    return entry;
  }

  /** Frames the message into the outbox; throws when the connection is closed, the frame is invalid or the peer is not reading. */
  private enqueue(message: unknown, requestId?: number): void {
    if (this.state === 'closed') throw new ConnectionClosedError(this.closeReason);
    const frame = encodeFrame(message, this.frameOptions);
    if (this.outboxBytes + frame.length > this.options.maxPendingWriteBytes && this.outbox.length > 0) {
      this.close(`peer is not reading: more than ${this.options.maxPendingWriteBytes} bytes queued`);
      throw new ConnectionClosedError(this.closeReason);
    }
    this.outbox.push(frame);
    this.outboxBytes += frame.length;
    if (requestId !== undefined) this.unsentRequests.add(requestId);
    if (this.waitingForDrain) return;
    // The turn's flush stays scheduled for the frames after these.
    if (this.flushEarly && this.outbox.length === EARLY_FLUSH_FRAMES) {
      this.writeOutbox();
    } else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(this.flush);
    }
  }

  private readonly flush = (): void => {
    this.flushScheduled = false;
    this.writeOutbox();
  };

  private writeOutbox(): void {
    if (this.outbox.length === 0 || this.waitingForDrain || this.state === 'closed') return;
    const data = this.outbox.length === 1 ? this.outbox[0]! : Buffer.concat(this.outbox, this.outboxBytes);
    this.outbox = [];
    this.outboxBytes = 0;
    this.unsentRequests.clear();
    if (!this.socket.write(data)) {
      this.waitingForDrain = true;
      this.socket.once('drain', () => {
        this.waitingForDrain = false;
        this.writeOutbox();
      });
    }
  }

  private receive(chunk: Buffer): void {
    if (this.state === 'closed') return;
    // Before authentication a peer sends one frame and waits for the answer, so more unhandled
    // bytes than one frame are not the protocol; refusing them keeps the decoding done for an
    // unauthenticated peer to one small frame at a time.
    if (this.state === 'handshaking' && this.decoder.bufferedBytes + chunk.length > LENGTH_BYTES + this.maxHandshakeFrameBytes) {
      this.close(`oversized handshake: more than ${this.maxHandshakeFrameBytes} bytes sent before authentication`);
      return;
    }
    let frames: unknown[];
    try {
      frames = this.decoder.push(chunk);
    } catch (error) {
      const reason = error instanceof FrameError ? `${error.reason} frame: ${error.message}` : String(error);
      // Before authentication the handshake's caller reports the reason (the transport, rate-limited).
      if (this.state === 'open') this.options.logger.warn('closing connection: bad frame', { peer: this.describePeer(), reason });
      this.close(reason);
      return;
    }
    if (frames.length > 0 && this.state === 'open') this.onActivity();
    for (const frame of frames) {
      if (this.isClosed) return;
      if (this.state === 'handshaking') {
        if (this.handshakeWaiter) this.handshakeWaiter(frame);
        else this.handshakeFrames.push(frame);
      } else {
        this.dispatch(frame);
      }
    }
  }

  private dispatch(message: unknown): void {
    if (!isWireMessage(message)) {
      this.options.logger.warn('closing connection: malformed message', { peer: this.describePeer() });
      this.close('malformed message');
      return;
    }
    switch (message[0]) {
      case RESULT:
        this.completeRequest(message[1], message[2]);
        return;
      case FAILURE:
        this.takePending(message[1])?.reject(fromWireError(message[2]));
        return;
      case MESSAGE:
        try {
          this.onMessage(message[1], message[2]);
        } catch (error) {
          this.options.logger.error('message handler failed', { op: message[1], error: String(error) });
        }
        return;
    }
    const [, id, op, body] = message;
    // Handlers run at once (no promise in between for a synchronous answer).
    let result: unknown;
    try {
      result = this.onRequest(op, body, id);
    } catch (error) {
      this.respondWithError(id, error);
      return;
    }
    if (result instanceof Promise) {
      result.then(
        (value: unknown) => this.respond(id, value),
        (error: unknown) => this.respondWithError(id, error),
      );
    } else {
      this.respond(id, result);
    }
  }

  private respond(id: number, result: unknown): void {
    if (result === NO_RESPONSE || this.state === 'closed') return;
    try {
      this.enqueue([RESULT, id, result] satisfies WireMessage);
    } catch (failure) {
      // A result that cannot be framed (e.g. too large) is answered as an error; a closed connection is seen by the caller.
      if (!(failure instanceof ConnectionClosedError)) this.respondWithError(id, failure);
    }
  }

  private respondWithError(id: number, error: unknown): void {
    if (this.state === 'closed') return;
    try {
      this.enqueue([FAILURE, id, toWireError(error)] satisfies WireMessage);
    } catch {
      // The connection closed meanwhile; the caller sees the close.
    }
  }

  private describePeer(): string {
    return this.remoteAddress || `${this.socket.remoteAddress}:${this.socket.remotePort}`;
  }
}

/** Runs a synchronous step and reports it as a promise: resolved when done, rejected with what it threw. */
function settled(step: () => void): Promise<void> {
  try {
    step();
    return Promise.resolve();
  } catch (error) {
    return Promise.reject(error);
  }
}

function isWireMessage(message: unknown): message is WireMessage {
  if (!Array.isArray(message)) return false;
  switch (message[0]) {
    case REQUEST:
      return message.length === 4 && Number.isSafeInteger(message[1]) && typeof message[2] === 'string';
    case RESULT:
      return message.length === 3 && Number.isSafeInteger(message[1]);
    case FAILURE: {
      const error = message[2] as WireError | null;
      return message.length === 3 && Number.isSafeInteger(message[1]) && typeof error?.code === 'string' && typeof error.message === 'string';
    }
    case MESSAGE:
      return message.length === 3 && typeof message[1] === 'string';
    default:
      return false;
  }
}
