import { C1, Packr, RESERVE_START_SPACE } from 'msgpackr';
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
/**
 * Limit of a frame before the peer authenticated. Handshake frames are a few hundred bytes; the
 * full limit would let anyone make a member decode 16 MiB (millions of objects) unasked.
 */
export const DEFAULT_MAX_HANDSHAKE_FRAME_BYTES = 4 * 1024;

// Plain MessagePack (no msgpackr records) so any MessagePack implementation can read frames.
const packr = new Packr({ useRecords: false, moreTypes: false });

export function encodeValue(value: unknown): Buffer {
  return packr.pack(value);
}

/** Decodes exactly one MessagePack value; trailing bytes or reserved codes are malformed. */
export function decodeValue(bytes: Buffer): unknown {
  return decodeRange(bytes, 0, bytes.length);
}

/**
 * Decodes the one MessagePack value in bytes[start, end) without slicing: msgpackr keeps a
 * DataView per source buffer, so frames decoded in place from one received chunk share it.
 */
function decodeRange(bytes: Buffer, start: number, end: number): unknown {
  let value: unknown;
  try {
    // Throws on trailing bytes too ("end of buffer not reached").
    value = packr.unpack(bytes, { start, end });
  } catch (error) {
    throw new FrameError('malformed', `payload is not exactly one MessagePack value: ${(error as Error).message}`);
  }
  if (value === C1 || (value as { name?: unknown } | null)?.constructor?.name === 'C1Type') {
    throw new FrameError('malformed', 'payload uses the reserved MessagePack code 0xc1');
  }
  return value;
}

export interface FrameCodecOptions {
  maxFrameBytes?: number;
}

export function encodeFrame(message: unknown, options: FrameCodecOptions = {}): Buffer {
  const maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  // msgpackr leaves room for the header in front of the payload: no second buffer, no copy.
  const frame = packr.pack(message, RESERVE_START_SPACE | HEADER_BYTES);
  const length = frame.length - LENGTH_BYTES;
  if (length > maxFrameBytes) {
    throw new FrameError('oversized', `frame of ${length} bytes exceeds the limit of ${maxFrameBytes}`);
  }
  frame.writeUInt32BE(length, 0);
  frame.writeUInt8(FRAME_VERSION, LENGTH_BYTES);
  return frame;
}

/**
 * Incremental decoder for a byte stream of frames. After it has thrown a FrameError
 * the stream is unusable: the caller must close the connection.
 */
export class FrameDecoder {
  private maxFrameBytes: number;
  /** Received bytes not yet decoded: the start of the next frame onwards. */
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Bytes needed before another frame (or its header) can be complete; nothing is joined before. */
  private needed = HEADER_BYTES;
  private failed: FrameError | undefined;

  constructor(options: FrameCodecOptions = {}) {
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  }

  /** Bytes received and not yet decoded (the start of an incomplete frame). */
  get bufferedBytes(): number {
    return this.buffered;
  }

  /**
   * Changes the limit for frames whose header has not arrived yet (a connection starts with the
   * small pre-authentication limit and lifts it once the peer proved it holds the secret).
   */
  setMaxFrameBytes(maxFrameBytes: number): void {
    this.maxFrameBytes = maxFrameBytes;
  }

  /** Feeds bytes; returns every message completed by them, in order. */
  push(chunk: Buffer): unknown[] {
    if (this.failed) throw this.failed;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    if (this.buffered < this.needed) return [];
    // A large frame arrives in many chunks: they are joined once, when it is complete.
    const bytes = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
    const messages: unknown[] = [];
    let offset = 0;
    try {
      for (;;) {
        const available = bytes.length - offset;
        if (available < HEADER_BYTES) {
          this.needed = HEADER_BYTES;
          break;
        }
        const length = this.checkHeader(bytes, offset);
        if (available < LENGTH_BYTES + length) {
          this.needed = LENGTH_BYTES + length;
          break;
        }
        messages.push(decodeRange(bytes, offset + HEADER_BYTES, offset + LENGTH_BYTES + length));
        offset += LENGTH_BYTES + length;
      }
    } catch (error) {
      this.failed = error as FrameError;
      throw error;
    }
    const rest = offset === bytes.length ? undefined : offset === 0 ? bytes : bytes.subarray(offset);
    this.chunks = rest ? [rest] : [];
    this.buffered = rest ? rest.length : 0;
    return messages;
  }

  /** Call when the stream ended: leftover bytes mean the last frame was cut short. */
  finish(): void {
    if (this.buffered > 0) {
      throw new FrameError('truncated', `stream ended inside a frame (${this.buffered} bytes pending)`);
    }
  }

  /** Checks the header at `offset` as soon as it arrived (before the body is buffered); returns the frame's length field. */
  private checkHeader(bytes: Buffer, offset: number): number {
    const length = bytes.readUInt32BE(offset);
    if (length > this.maxFrameBytes) {
      throw new FrameError('oversized', `frame of ${length} bytes exceeds the limit of ${this.maxFrameBytes}`);
    }
    if (length < 2) throw new FrameError('malformed', `frame length ${length} is too small`);
    const version = bytes.readUInt8(offset + LENGTH_BYTES);
    if (version !== FRAME_VERSION) {
      throw new FrameError('wrong-version', `frame version ${version}, expected ${FRAME_VERSION}`);
    }
    return length;
  }
}
