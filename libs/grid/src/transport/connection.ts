import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { FrameDecoder, encodeFrame } from '../codec';
import {
  ConnectionClosedError,
  FrameError,
  RequestTimeoutError,
  fromWireError,
  toWireError,
  type WireError,
} from '../errors';
import type { Logger } from '../logger';

export type RequestHandler = (op: string, body: unknown) => unknown;
export type MessageHandler = (op: string, body: unknown) => void;

type WireMessage =
  | { t: 'req'; id: number; op: string; body: unknown }
  | { t: 'res'; id: number; body?: unknown; error?: WireError }
  | { t: 'msg'; op: string; body: unknown };

export interface ConnectionOptions {
  maxFrameBytes: number;
  requestTimeoutMs: number;
  /** Outbound bytes queued beyond this mean the peer is not reading: the connection is closed. */
  maxPendingWriteBytes: number;
  logger: Logger;
}

interface PendingRequest {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

interface QueuedWrite {
  frame: Buffer;
  /** Set for requests, whose caller must learn they were never sent. */
  requestId?: number;
  resolve(): void;
  reject(error: Error): void;
}

/**
 * One framed connection to a peer. Before `open()` it only queues frames for the
 * handshake (`nextFrame`); after it, it carries requests, responses and one-way messages.
 * Writes go through a queue that only advances while `socket.write` reports free buffer
 * space, so a slow peer pushes back on callers instead of growing memory without bound.
 */
export class Connection extends EventEmitter<{ close: [reason: string] }> {
  remoteMemberId = '';
  remoteAddress = '';
  private state: 'handshaking' | 'open' | 'closed' = 'handshaking';
  private readonly decoder: FrameDecoder;
  private readonly pending = new Map<number, PendingRequest>();
  private readonly writeQueue: QueuedWrite[] = [];
  private queuedBytes = 0;
  private waitingForDrain = false;
  private corked = false;
  private nextRequestId = 1;
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
    this.decoder = new FrameDecoder({ maxFrameBytes: options.maxFrameBytes });
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
    return this.write(message);
  }

  /** Ends the handshake: from now on frames are requests, responses and messages. */
  open(handlers: { onRequest: RequestHandler; onMessage: MessageHandler; onActivity: () => void }): void {
    if (this.state !== 'handshaking') return;
    this.state = 'open';
    this.onRequest = handlers.onRequest;
    this.onMessage = handlers.onMessage;
    this.onActivity = handlers.onActivity;
    const early = this.handshakeFrames;
    this.handshakeFrames = [];
    for (const frame of early) this.dispatch(frame);
  }

  request(op: string, body: unknown, timeoutMs = this.options.requestTimeoutMs): Promise<unknown> {
    if (this.state !== 'open') return Promise.reject(new ConnectionClosedError(`connection not open: ${this.closeReason}`));
    const id = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new RequestTimeoutError(`${op} to ${this.remoteAddress} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.write({ t: 'req', id, op, body }, id).catch((error: Error) => {
        const entry = this.pending.get(id);
        if (!entry) return;
        this.pending.delete(id);
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  notify(op: string, body: unknown): Promise<void> {
    if (this.state !== 'open') return Promise.reject(new ConnectionClosedError(`connection not open: ${this.closeReason}`));
    return this.write({ t: 'msg', op, body });
  }

  close(reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.closeReason = reason;
    const message = `connection to ${this.remoteAddress || 'peer'} closed: ${reason}`;
    const unsent = new ConnectionClosedError(message);
    // Requests still queued are rejected first, as never sent; the rest may have reached the peer.
    for (const queued of this.writeQueue.splice(0)) {
      queued.reject(unsent);
      const request = queued.requestId === undefined ? undefined : this.pending.get(queued.requestId);
      if (request) {
        clearTimeout(request.timer);
        request.reject(unsent);
        this.pending.delete(queued.requestId!);
      }
    }
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.reject(new ConnectionClosedError(message, true));
      this.pending.delete(id);
    }
    this.queuedBytes = 0;
    this.socket.destroy();
    this.emit('close', reason);
  }

  private write(message: unknown, requestId?: number): Promise<void> {
    if (this.state === 'closed') return Promise.reject(new ConnectionClosedError(this.closeReason));
    let frame: Buffer;
    try {
      frame = encodeFrame(message, { maxFrameBytes: this.options.maxFrameBytes });
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.queuedBytes + frame.length > this.options.maxPendingWriteBytes && this.writeQueue.length > 0) {
      this.close(`peer is not reading: more than ${this.options.maxPendingWriteBytes} bytes queued`);
      return Promise.reject(new ConnectionClosedError(this.closeReason));
    }
    return new Promise((resolve, reject) => {
      this.writeQueue.push({ frame, resolve, reject, ...(requestId === undefined ? {} : { requestId }) });
      this.queuedBytes += frame.length;
      this.flush();
    });
  }

  private flush(): void {
    if (this.writeQueue.length === 0 || this.waitingForDrain || this.isClosed) return;
    // Frames written in the same turn of the event loop (requests of concurrent callers, responses
    // to the requests of one received chunk, a write's backup and invalidation messages, frames
    // caused by data read from other sockets in the same poll) leave in one system call: the socket
    // stays corked until the check phase (setImmediate), which follows the turn's I/O callbacks
    // without waiting. Order is unchanged.
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      setImmediate(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    while (this.writeQueue.length > 0 && !this.waitingForDrain && this.state !== 'closed') {
      const next = this.writeQueue.shift()!;
      this.queuedBytes -= next.frame.length;
      const hasRoom = this.socket.write(next.frame);
      next.resolve();
      if (!hasRoom) {
        this.waitingForDrain = true;
        this.socket.once('drain', () => {
          this.waitingForDrain = false;
          this.flush();
        });
      }
    }
  }

  private receive(chunk: Buffer): void {
    if (this.state === 'closed') return;
    let frames: unknown[];
    try {
      frames = this.decoder.push(chunk);
    } catch (error) {
      const reason = error instanceof FrameError ? `${error.reason} frame: ${error.message}` : String(error);
      this.options.logger.warn('closing connection: bad frame', { peer: this.describePeer(), reason });
      this.close(reason);
      return;
    }
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

  private dispatch(frame: unknown): void {
    this.onActivity();
    const message = frame as WireMessage;
    if (!isWireMessage(message)) {
      this.options.logger.warn('closing connection: malformed message', { peer: this.describePeer() });
      this.close('malformed message');
      return;
    }
    if (message.t === 'res') {
      const entry = this.pending.get(message.id);
      if (!entry) return;
      this.pending.delete(message.id);
      clearTimeout(entry.timer);
      if (message.error) entry.reject(fromWireError(message.error));
      else entry.resolve(message.body);
      return;
    }
    if (message.t === 'msg') {
      try {
        this.onMessage(message.op, message.body);
      } catch (error) {
        this.options.logger.error('message handler failed', { op: message.op, error: String(error) });
      }
      return;
    }
    const { id, op, body } = message;
    Promise.resolve()
      .then(() => this.onRequest(op, body))
      .then(
        (result) => this.write({ t: 'res', id, body: result }),
        (error: unknown) => this.write({ t: 'res', id, error: toWireError(error) }),
      )
      .catch(() => {
        // The connection closed before the response could be written; the caller sees the close.
      });
  }

  private describePeer(): string {
    return this.remoteAddress || `${this.socket.remoteAddress}:${this.socket.remotePort}`;
  }
}

function isWireMessage(message: WireMessage): boolean {
  if (typeof message !== 'object' || message === null) return false;
  switch (message.t) {
    case 'req':
      return Number.isSafeInteger(message.id) && typeof message.op === 'string';
    case 'res':
      return (
        Number.isSafeInteger(message.id) &&
        (message.error === undefined || (typeof message.error?.code === 'string' && typeof message.error?.message === 'string'))
      );
    case 'msg':
      return typeof message.op === 'string';
    default:
      return false;
  }
}
