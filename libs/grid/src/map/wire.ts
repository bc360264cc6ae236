import { RemoteError } from '../errors';

/**
 * The map's hot messages (an operation, its answer, a backup write, a relayed answer) travel as
 * positional MessagePack arrays, not maps with key names, which are cheaper to encode and decode
 * (no key names to write, read and intern). The objects below are what the code works with;
 * `encode*` turns one into its array, `decode*` checks an array from a peer and turns it back.
 * A malformed one throws a RemoteError: a request is answered with it, a one-way message
 * (a relayed backup, a relayed answer) is logged and dropped.
 */

export type Mutation =
  | { op: 'set'; v: Uint8Array; ttl: number }
  | { op: 'setIfAbsent'; v: Uint8Array; ttl: number }
  | { op: 'cas'; v: Uint8Array; ttl: number; expected: number }
  | { op: 'delete' }
  /** Offers an entry from another cluster after a split; `upd` decides which entry wins. */
  | { op: 'merge'; v: Uint8Array; ttl: number; upd: number };

/** An operation on a key, sent to the partition's owner; `durable` asks that its answer be durable (see `durableWrites`). */
export type OpBody = { map: string; p: number; k: Uint8Array; durable?: boolean } & ({ op: 'get' } | Mutation);

/** A read's answer: the value with its version and remaining time to live in ms (0 = none); undefined when absent. */
export interface ReadResult {
  v: Uint8Array;
  ver: number;
  ttl: number;
}

/** What the owner's answer to a write carries. */
export interface WriteResult {
  r: unknown;
  /** The entry's new version, when the write changed it. */
  ver?: number;
  /** The requester is the owner itself, whose near cache the write already invalidated. */
  self?: true;
  /**
   * Not known to survive the owner: a backup did not store it, or the owner lost quorum or its
   * lease before answering. A requester that asked for a durable write fails it.
   */
  notDurable?: true;
}

/**
 * The owner's answer for the backup to deliver: request `id` that member `rid` at `to` sent to
 * `via`; `seq` numbers the owner's relays. `res` is the answer as encoded for the wire
 * (`encodeWriteResult`): it is passed on untouched and decoded by the requester. `via` is the
 * owner's address, which the backup knows as the sender: it does not travel with the relay.
 */
export interface Relay {
  to: string;
  rid: string;
  via: string;
  id: number;
  seq: number;
  res: unknown;
}

/** A relayed answer, as the backup sends it to the requester. */
export type RelayAnswer = Pick<Relay, 'rid' | 'via' | 'id' | 'res'>;

/**
 * A write replicated from the owner: the new value (null for a delete) with its time to live,
 * update time and version; `tv` is the owner's table version. `inv` asks the backup to drop the
 * key from its near cache too (it counts as its invalidation); `re` is set when the backup
 * answers the write's requester in the owner's place (see BackupRelays).
 */
export interface BackupBody {
  map: string;
  p: number;
  k: Uint8Array;
  v: Uint8Array | null;
  ttl: number;
  upd: number;
  ver: number;
  tv: number;
  inv: boolean;
  re?: Relay;
}

const OP_CODES = ['get', 'set', 'setIfAbsent', 'cas', 'delete', 'merge'] as const;
const OP_CODE = Object.fromEntries(OP_CODES.map((op, code) => [op, code])) as Record<OpBody['op'], number>;
/** Added to a write's op code when the requester asks for a durable answer. */
const DURABLE_FLAG = 0x40;

export function encodeOp(body: OpBody): unknown[] {
  const code = OP_CODE[body.op] | (body.durable ? DURABLE_FLAG : 0);
  switch (body.op) {
    case 'get':
    case 'delete':
      return [body.map, body.p, body.k, code];
    case 'set':
    case 'setIfAbsent':
      return [body.map, body.p, body.k, code, body.v, body.ttl];
    case 'cas':
      return [body.map, body.p, body.k, code, body.v, body.ttl, body.expected];
    case 'merge':
      return [body.map, body.p, body.k, code, body.v, body.ttl, body.upd];
  }
}

export function decodeOp(raw: unknown): OpBody {
  const message = expectArray(raw, 'map.op', 4);
  const [map, p, k, code, v, ttl, extra] = message;
  const durable = isIndex(code) && (code & DURABLE_FLAG) !== 0;
  const op = isIndex(code) ? OP_CODES[code & ~DURABLE_FLAG] : undefined;
  if (typeof map !== 'string' || !isIndex(p) || !(k instanceof Uint8Array) || op === undefined || (durable && op === 'get')) throw malformed('map.op');
  const flags = durable ? { durable } : {};
  if (op === 'get' || op === 'delete') return { map, p, k, op, ...flags };
  if (!(v instanceof Uint8Array) || !isDuration(ttl)) throw malformed('map.op');
  switch (op) {
    case 'set':
    case 'setIfAbsent':
      return { map, p, k, op, v, ttl, ...flags };
    case 'cas':
      if (!isIndex(extra)) throw malformed('map.op');
      return { map, p, k, op, v, ttl, expected: extra, ...flags };
    case 'merge':
      if (typeof extra !== 'number') throw malformed('map.op');
      return { map, p, k, op, v, ttl, upd: extra, ...flags };
  }
}

export function encodeRead(result: ReadResult | undefined): unknown[] | null {
  return result ? [result.v, result.ver, result.ttl] : null;
}

export function decodeRead(raw: unknown): ReadResult | undefined {
  if (raw === null) return undefined;
  const [v, ver, ttl] = expectArray(raw, 'read answer', 3);
  if (!(v instanceof Uint8Array) || !isIndex(ver) || !isDuration(ttl)) throw malformed('read answer');
  return { v, ver, ttl };
}

export function encodeWriteResult(result: WriteResult): unknown[] {
  const r = result.r ?? null;
  if (result.notDurable) return [r, result.ver ?? null, result.self ? 1 : 0, 1];
  if (result.ver === undefined) return [r];
  return result.self ? [r, result.ver, 1] : [r, result.ver];
}

export function decodeWriteResult(raw: unknown): WriteResult {
  const [r, ver, self, notDurable] = expectArray(raw, 'write answer', 1);
  if (ver !== undefined && ver !== null && !isIndex(ver)) throw malformed('write answer');
  const result: WriteResult = { r: r ?? undefined };
  if (ver !== undefined && ver !== null) result.ver = ver;
  if (self === 1) result.self = true;
  if (notDurable === 1) result.notDurable = true;
  return result;
}

/** Whether an encoded write answer is marked as not known to be durable (without decoding it). */
export function isNotDurable(encoded: unknown): boolean {
  return Array.isArray(encoded) && encoded[3] === 1;
}

/** The same encoded write answer, marked as not known to be durable (e.g. when its backup was lost before confirming it). */
export function markNotDurable(encoded: unknown): unknown[] {
  return encodeWriteResult({ ...decodeWriteResult(encoded), notDurable: true });
}

/** `re`, when given, replaces the body's relay (saves copying the body to add one). */
export function encodeBackup(body: BackupBody, re = body.re): unknown[] {
  const message: unknown[] = [body.map, body.p, body.k, body.v, body.ttl, body.upd, body.ver, body.tv, body.inv ? 1 : 0];
  if (re) message.push(encodeRelay(re));
  return message;
}

/** `sender` is the address of the member the backup came from: the owner, which the relay's answer is from. */
export function decodeBackup(raw: unknown, sender: string): BackupBody {
  const [map, p, k, v, ttl, upd, ver, tv, inv, re] = expectArray(raw, 'map.backup', 9);
  if (
    typeof map !== 'string' ||
    !isIndex(p) ||
    !(k instanceof Uint8Array) ||
    !(v === null || v instanceof Uint8Array) ||
    !isDuration(ttl) ||
    typeof upd !== 'number' ||
    !isIndex(ver) ||
    !isIndex(tv)
  ) {
    throw malformed('map.backup');
  }
  const body: BackupBody = { map, p, k, v, ttl, upd, ver, tv, inv: inv === 1 };
  if (re !== undefined) body.re = decodeRelay(re, sender);
  return body;
}

export function encodeRelayAnswer({ rid, via, id, res }: RelayAnswer): unknown[] {
  return [rid, via, id, res];
}

export function decodeRelayAnswer(raw: unknown): RelayAnswer {
  const [rid, via, id, res] = expectArray(raw, 'map.reply', 4);
  if (typeof rid !== 'string' || typeof via !== 'string' || !isIndex(id)) throw malformed('map.reply');
  return { rid, via, id, res };
}

function encodeRelay({ to, rid, id, seq, res }: Relay): unknown[] {
  return [to, rid, id, seq, res];
}

function decodeRelay(raw: unknown, via: string): Relay {
  const [to, rid, id, seq, res] = expectArray(raw, 'relay', 5);
  if (typeof to !== 'string' || typeof rid !== 'string' || !isIndex(id) || !isIndex(seq)) throw malformed('relay');
  return { to, rid, via, id, seq, res };
}

function expectArray(raw: unknown, what: string, minLength: number): unknown[] {
  if (!Array.isArray(raw) || raw.length < minLength) throw malformed(what);
  return raw;
}

function isIndex(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isDuration(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function malformed(what: string): RemoteError {
  return new RemoteError(`malformed ${what} message`);
}
