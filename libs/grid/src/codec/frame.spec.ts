import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameError } from '../errors';
import { DEFAULT_MAX_HANDSHAKE_FRAME_BYTES, FRAME_VERSION, FrameDecoder, HEADER_BYTES, decodeValue, encodeFrame, encodeValue } from './frame';

// Values that survive a MessagePack round trip unchanged (no undefined, -0 or sparse arrays).
const wireValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
    fc.string(),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.string({ minLength: 1 }).filter((k) => k !== '__proto__'), tie('value'), { maxKeys: 5 }),
  ),
})).value;

function splitInto(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let start = 0;
  for (const point of points) {
    parts.push(bytes.subarray(start, point));
    start = point;
  }
  parts.push(bytes.subarray(start));
  return parts;
}

function frameWithHeader(length: number, version: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(HEADER_BYTES);
  head.writeUInt32BE(length, 0);
  head.writeUInt8(version, 4);
  return Buffer.concat([head, payload]);
}

describe('frame codec', () => {
  it('round-trips any sequence of messages however the stream is chunked', () => {
    fc.assert(
      fc.property(fc.array(wireValue, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 10 }), (messages, cuts) => {
        const stream = Buffer.concat(messages.map((m) => encodeFrame(m)));
        const decoder = new FrameDecoder();
        const decoded = splitInto(stream, cuts).flatMap((part) => decoder.push(part));
        expect(decoded).toEqual(messages);
        expect(() => decoder.finish()).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('reports a truncated final frame', () => {
    fc.assert(
      fc.property(wireValue, fc.nat(), (message, cut) => {
        const frame = encodeFrame(message);
        const keep = 1 + (cut % (frame.length - 1));
        const decoder = new FrameDecoder();
        expect(decoder.push(frame.subarray(0, keep))).toEqual([]);
        expect(() => decoder.finish()).toThrowError(expect.objectContaining({ reason: 'truncated' }));
      }),
    );
  });

  it('rejects an oversized frame from its header alone, before buffering the body', () => {
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 4096 }), fc.integer({ min: 1, max: 1_000_000 }), (limit, excess) => {
        const decoder = new FrameDecoder({ maxFrameBytes: limit });
        const header = frameWithHeader(limit + excess, FRAME_VERSION, Buffer.alloc(0));
        expect(() => decoder.push(header)).toThrowError(expect.objectContaining({ reason: 'oversized' }));
      }),
    );
  });

  it('applies a raised limit to the frames whose header comes after the change', () => {
    const big = encodeFrame('x'.repeat(10_000));
    const strict = new FrameDecoder({ maxFrameBytes: DEFAULT_MAX_HANDSHAKE_FRAME_BYTES });
    expect(strict.push(encodeFrame('hello'))).toEqual(['hello']);
    expect(() => strict.push(big)).toThrowError(expect.objectContaining({ reason: 'oversized' }));
    const lifted = new FrameDecoder({ maxFrameBytes: DEFAULT_MAX_HANDSHAKE_FRAME_BYTES });
    expect(lifted.push(encodeFrame('hello'))).toEqual(['hello']);
    lifted.setMaxFrameBytes(1024 * 1024);
    expect(lifted.push(big)).toEqual(['x'.repeat(10_000)]);
  });

  it('refuses to encode a frame over the limit', () => {
    expect(() => encodeFrame('x'.repeat(100), { maxFrameBytes: 50 })).toThrowError(FrameError);
  });

  it('rejects a wrong version byte', () => {
    fc.assert(
      fc.property(wireValue, fc.integer({ min: 0, max: 255 }).filter((v) => v !== FRAME_VERSION), (message, version) => {
        const frame = Buffer.from(encodeFrame(message));
        frame.writeUInt8(version, 4);
        expect(() => new FrameDecoder().push(frame)).toThrowError(expect.objectContaining({ reason: 'wrong-version' }));
      }),
    );
  });

  it('rejects payloads that are not exactly one MessagePack value', () => {
    const twoValues = Buffer.concat([encodeValue(1), encodeValue(2)]);
    const cutShort = encodeValue([1, 2, 3]).subarray(0, 2);
    for (const payload of [twoValues, cutShort, Buffer.from([0xc1])]) {
      const frame = frameWithHeader(payload.length + 1, FRAME_VERSION, payload);
      expect(() => new FrameDecoder().push(frame)).toThrowError(expect.objectContaining({ reason: 'malformed' }));
    }
  });

  it('on arbitrary garbage either decodes frames or throws FrameError, never anything else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.array(fc.nat(), { maxLength: 5 }), (bytes, cuts) => {
        const decoder = new FrameDecoder({ maxFrameBytes: 1024 });
        try {
          for (const part of splitInto(Buffer.from(bytes), cuts)) decoder.push(part);
        } catch (error) {
          expect(error).toBeInstanceOf(FrameError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('stays failed after an error so a bad stream cannot resynchronise', () => {
    const decoder = new FrameDecoder();
    const bad = frameWithHeader(3, 9, Buffer.from([1, 2]));
    expect(() => decoder.push(bad)).toThrowError(FrameError);
    expect(() => decoder.push(encodeFrame('fine'))).toThrowError(FrameError);
  });

  it('decodeValue is the inverse of encodeValue', () => {
    fc.assert(
      fc.property(wireValue, (value) => {
        expect(decodeValue(encodeValue(value))).toEqual(value);
      }),
    );
  });
});
