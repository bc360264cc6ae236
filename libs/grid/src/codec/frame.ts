import { C1, Packr } from 'msgpackr';
import { FrameError } from '../errors';

/**
 * Wire format of one frame:
 *
 *   | u32 BE length | u8 version | msgpack payload |
 *
 * `length` counts the version byte plus the payload, so the smallest valid frame is
 * 4 + 1 + 1 bytes. The length is checked against `maxFrameBytes` as soon as the
 * header arrives, so an oversized frame is rejected before its body is buffered.
 */
export const FRAME_VERSION = 1;
export const LENGTH_BYTES = 4;
export const HEADER_BYTES = LENGTH_BYTES + 1;
export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

// Plain MessagePack (no msgpackr records) so any MessagePack implementation can read frames.
const packr = new Packr({ useRecords: false, moreTypes: false });

export function encodeValue(value: unknown): Buffer {
  return packr.pack(value);
}

/** Decodes exactly one MessagePack value; trailing bytes or reserved codes are malformed. */
export function decodeValue(bytes: Buffer): unknown {
  let values: unknown[];
  try {
    values = packr.unpackMultiple(bytes) as unknown[];
  } catch (error) {
    throw new FrameError('malformed', `payload is not MessagePack: ${(error as Error).message}`);
  }
  if (values.length !== 1) throw new FrameError('malformed', `payload holds ${values.length} values, expected 1`);
  if (values[0] === C1 || (values[0] as { name?: unknown } | null)?.constructor?.name === 'C1Type') {
    throw new FrameError('malformed', 'payload uses the reserved MessagePack code 0xc1');
  }
  return values[0];
}

export interface FrameCodecOptions {
  maxFrameBytes?: number;
}

export function encodeFrame(message: unknown, options: FrameCodecOptions = {}): Buffer {
  const maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  const payload = encodeValue(message);
  const length = payload.length + 1;
  if (length > maxFrameBytes) {
    throw new FrameError('oversized', `frame of ${length} bytes exceeds the limit of ${maxFrameBytes}`);
  }
  const frame = Buffer.allocUnsafe(LENGTH_BYTES + length);
  frame.writeUInt32BE(length, 0);
  frame.writeUInt8(FRAME_VERSION, LENGTH_BYTES);
  payload.copy(frame, HEADER_BYTES);
  return frame;
}

/**
 * Incremental decoder for a byte stream of frames. After it has thrown a FrameError
 * the stream is unusable: the caller must close the connection.
 */
export class FrameDecoder {
  private readonly maxFrameBytes: number;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private failed: FrameError | undefined;

  constructor(options: FrameCodecOptions = {}) {
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  }

  /** Feeds bytes; returns every message completed by them, in order. */
  push(chunk: Buffer): unknown[] {
    if (this.failed) throw this.failed;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const messages: unknown[] = [];
    try {
      for (;;) {
        const message = this.next();
        if (message === NO_FRAME) break;
        messages.push(message);
      }
    } catch (error) {
      this.failed = error as FrameError;
      throw error;
    }
    return messages;
  }

  /** Call when the stream ended: leftover bytes mean the last frame was cut short. */
  finish(): void {
    if (this.buffered > 0) {
      throw new FrameError('truncated', `stream ended inside a frame (${this.buffered} bytes pending)`);
    }
  }

  private next(): unknown {
    if (this.buffered < HEADER_BYTES) return NO_FRAME;
    const head = this.peek(HEADER_BYTES);
    const length = head.readUInt32BE(0);
    if (length > this.maxFrameBytes) {
      throw new FrameError('oversized', `frame of ${length} bytes exceeds the limit of ${this.maxFrameBytes}`);
    }
    if (length < 2) throw new FrameError('malformed', `frame length ${length} is too small`);
    const version = head.readUInt8(LENGTH_BYTES);
    if (version !== FRAME_VERSION) {
      throw new FrameError('wrong-version', `frame version ${version}, expected ${FRAME_VERSION}`);
    }
    if (this.buffered < LENGTH_BYTES + length) return NO_FRAME;
    const frame = this.take(LENGTH_BYTES + length);
    return decodeValue(frame.subarray(HEADER_BYTES));
  }

  private peek(bytes: number): Buffer {
    if (this.chunks[0]!.length < bytes) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0]!;
  }

  private take(bytes: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    const frame = all.subarray(0, bytes);
    const rest = all.subarray(bytes);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return frame;
  }
}

const NO_FRAME = Symbol('no-frame');
