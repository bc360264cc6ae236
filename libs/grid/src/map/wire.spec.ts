import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeValue, encodeValue } from '../codec';
import { RemoteError } from '../errors';
import {
  decodeBackup,
  decodeOp,
  decodeRead,
  decodeRelayAnswer,
  decodeWriteResult,
  encodeBackup,
  encodeOp,
  encodeRead,
  encodeRelayAnswer,
  encodeWriteResult,
  type BackupBody,
  type OpBody,
  type WriteResult,
} from './wire';

/** Through real MessagePack, as between two members. */
const overTheWire = (message: unknown) => decodeValue(encodeValue(message));

const bytes = fc.uint8Array({ maxLength: 64 }).map((array) => Buffer.from(array));
const index = fc.nat({ max: Number.MAX_SAFE_INTEGER });
const ttl = fc.nat({ max: 2 ** 40 });
const target = { map: fc.string({ maxLength: 10 }), p: fc.nat({ max: 270 }), k: bytes };

const opBody: fc.Arbitrary<OpBody> = fc.oneof(
  fc.record({ ...target, op: fc.constantFrom('get' as const, 'delete' as const) }),
  fc.record({ ...target, op: fc.constantFrom('set' as const, 'setIfAbsent' as const), v: bytes, ttl }),
  fc.record({ ...target, op: fc.constant('cas' as const), v: bytes, ttl, expected: index }),
  fc.record({ ...target, op: fc.constant('merge' as const), v: bytes, ttl, upd: fc.integer() }),
);

const writeResult: fc.Arbitrary<WriteResult> = fc.oneof(
  fc.record({ r: fc.constantFrom(true, false, undefined) }),
  fc.record({ r: fc.constantFrom(true, false, undefined), ver: index }),
  fc.record({ r: fc.constantFrom(true, false, undefined), ver: index, self: fc.constant(true as const) }),
);

const backupBody: fc.Arbitrary<BackupBody> = fc.record(
  {
    ...target,
    v: fc.option(bytes, { nil: null }),
    ttl,
    upd: fc.integer(),
    ver: index,
    tv: index,
    inv: fc.boolean(),
    re: fc.record({ to: fc.string(), rid: fc.string(), via: fc.constant('owner:5701'), id: index, seq: index, res: writeResult.map(encodeWriteResult) }),
  },
  { requiredKeys: ['map', 'p', 'k', 'v', 'ttl', 'upd', 'ver', 'tv', 'inv'] },
);

describe('map wire messages', () => {
  it('decode what they encode, through MessagePack', () => {
    fc.assert(
      fc.property(opBody, (body) => {
        expect(decodeOp(overTheWire(encodeOp(body)))).toEqual(body);
      }),
    );
    fc.assert(
      fc.property(writeResult, (result) => {
        expect(decodeWriteResult(overTheWire(encodeWriteResult(result)))).toEqual(result);
      }),
    );
    fc.assert(
      fc.property(fc.option(fc.record({ v: bytes, ver: index, ttl }), { nil: undefined }), (read) => {
        expect(decodeRead(overTheWire(encodeRead(read)))).toEqual(read);
      }),
    );
    // The relay's `via` is the owner, known to the backup as the sender: it does not travel.
    fc.assert(
      fc.property(backupBody, (body) => {
        expect(decodeBackup(overTheWire(encodeBackup(body)), 'owner:5701')).toEqual(body);
      }),
    );
    fc.assert(
      fc.property(fc.string(), fc.string(), index, writeResult, (rid, via, id, result) => {
        const answer = { rid, via, id, res: encodeWriteResult(result) };
        const decoded = decodeRelayAnswer(overTheWire(encodeRelayAnswer(answer)));
        expect(decoded).toEqual(answer);
        expect(decodeWriteResult(decoded.res)).toEqual(result);
      }),
    );
  });

  it('encodes a backup with a relay given apart from the body, as if the body carried it', () => {
    const body: BackupBody = { map: 'm', p: 3, k: Buffer.from('k'), v: Buffer.from('v'), ttl: 0, upd: 1, ver: 2, tv: 3, inv: false };
    const re = { to: 'requester:1', rid: 'r', via: 'owner:1', id: 9, seq: 4, res: [true, 2] };
    expect(encodeBackup(body, re)).toEqual(encodeBackup({ ...body, re }));
  });

  it('refuses malformed bodies with a RemoteError, never another exception', () => {
    const decoders = [decodeOp, decodeRead, decodeWriteResult, (raw: unknown) => decodeBackup(raw, 'owner:1'), decodeRelayAnswer];
    const garbage = fc.oneof(
      fc.anything(),
      fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null), bytes, fc.double()), { maxLength: 11 }),
    );
    fc.assert(
      fc.property(garbage, (raw) => {
        for (const decode of decoders) {
          try {
            decode(raw);
          } catch (error) {
            expect(error).toBeInstanceOf(RemoteError);
          }
        }
      }),
      { numRuns: 500 },
    );
    // Known bad cases, so the property above is not satisfied by accepting everything.
    expect(() => decodeOp(['m', 1, Buffer.from('k'), 99])).toThrow(RemoteError);
    expect(() => decodeOp(['m', -1, Buffer.from('k'), 0])).toThrow(RemoteError);
    for (const code of ['length', '1', 1.5, 'constructor']) expect(() => decodeOp(['m', 1, Buffer.from('k'), code])).toThrow(RemoteError);
    expect(() => decodeOp(['m', 1, 'k', 0])).toThrow(RemoteError);
    expect(() => decodeOp(['m', 1, Buffer.from('k'), 1, Buffer.from('v'), -5])).toThrow(RemoteError);
    expect(() => decodeBackup(['m', 1, Buffer.from('k'), 'v', 0, 0, 1, 1, 0], 'owner:1')).toThrow(RemoteError);
    expect(() => decodeBackup(['m', 1, Buffer.from('k'), null, 0, 0, 1, 1, 0, ['to', 'rid', 'x', 1, []]], 'owner:1')).toThrow(RemoteError);
    expect(() => decodeRead([Buffer.from('v'), 1.5, 0])).toThrow(RemoteError);
    expect(() => decodeWriteResult([true, 'x'])).toThrow(RemoteError);
  });
});
