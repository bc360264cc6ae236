import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AuthError } from '../errors';
import type { Connection } from './connection';

/**
 * Mutual challenge-response authentication, run before any data frame is accepted.
 *
 *   server -> client  hello   { protocol, nonce: Ns, memberId }
 *   client -> server  auth    { protocol, nonce: Nc, memberId, address, proof: HMAC(secret, "client"|Ns|Nc|clientId) }
 *   server -> client  welcome { proof: HMAC(secret, "server"|Nc|Ns|serverId) }
 *
 * Both sides prove knowledge of the cluster secret without sending it, fresh nonces on
 * both sides stop replay, and proofs are compared with crypto.timingSafeEqual.
 */
/**
 * 4: positional bodies of the map's messages (map/wire.ts). 5: heartbeat answers carry what
 * leases are made of, write answers whether they are durable. Members of other versions refuse each other.
 */
export const PROTOCOL_VERSION = 5;
const NONCE_BYTES = 32;

export interface PeerIdentity {
  memberId: string;
  /** The peer's own listening address (as it advertises it). */
  address: string;
}

export interface HandshakeOptions {
  secret: string;
  self: PeerIdentity;
  timeoutMs: number;
}

function proof(secret: string, role: 'client' | 'server', first: Buffer, second: Buffer, memberId: string): Buffer {
  return createHmac('sha256', secret).update(role).update(first).update(second).update(memberId).digest();
}

function asBytes(value: unknown): Buffer | undefined {
  return value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : undefined;
}

function sameBytes(actual: Buffer | undefined, expected: Buffer): boolean {
  return actual !== undefined && actual.length === expected.length && timingSafeEqual(actual, expected);
}

function field<T>(frame: unknown, name: string, check: (value: unknown) => value is T): T {
  const value = (frame as Record<string, unknown> | null)?.[name];
  if (!check(value)) throw new AuthError(`handshake frame has no valid "${name}"`);
  return value;
}

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length < 512;
const isNumber = (value: unknown): value is number => typeof value === 'number';
const isBytes = (value: unknown): value is Uint8Array => value instanceof Uint8Array;

function expectType(frame: unknown, type: string): void {
  if ((frame as { t?: unknown } | null)?.t !== type) throw new AuthError(`expected handshake frame "${type}"`);
}

function checkProtocol(frame: unknown): void {
  const protocol = field(frame, 'protocol', isNumber);
  if (protocol !== PROTOCOL_VERSION) {
    throw new AuthError(`protocol version ${protocol} is not supported (this member speaks ${PROTOCOL_VERSION})`);
  }
}

export async function acceptHandshake(connection: Connection, options: HandshakeOptions): Promise<PeerIdentity> {
  const serverNonce = randomBytes(NONCE_BYTES);
  await connection.sendHandshake({ t: 'hello', protocol: PROTOCOL_VERSION, nonce: serverNonce, memberId: options.self.memberId });
  const auth = await connection.nextFrame(options.timeoutMs);
  expectType(auth, 'auth');
  checkProtocol(auth);
  const clientNonce = asBytes(field(auth, 'nonce', isBytes));
  const memberId = field(auth, 'memberId', isString);
  const address = field(auth, 'address', isString);
  if (!clientNonce || clientNonce.length !== NONCE_BYTES) throw new AuthError('client nonce has the wrong size');
  const expected = proof(options.secret, 'client', serverNonce, clientNonce, memberId);
  if (!sameBytes(asBytes(field(auth, 'proof', isBytes)), expected)) throw new AuthError('client proof does not match the cluster secret');
  await connection.sendHandshake({ t: 'welcome', proof: proof(options.secret, 'server', clientNonce, serverNonce, options.self.memberId) });
  return { memberId, address };
}

export async function initiateHandshake(connection: Connection, options: HandshakeOptions): Promise<PeerIdentity> {
  const hello = await connection.nextFrame(options.timeoutMs);
  expectType(hello, 'hello');
  checkProtocol(hello);
  const serverNonce = asBytes(field(hello, 'nonce', isBytes));
  const serverId = field(hello, 'memberId', isString);
  if (!serverNonce || serverNonce.length !== NONCE_BYTES) throw new AuthError('server nonce has the wrong size');
  const clientNonce = randomBytes(NONCE_BYTES);
  await connection.sendHandshake({
    t: 'auth',
    protocol: PROTOCOL_VERSION,
    nonce: clientNonce,
    memberId: options.self.memberId,
    address: options.self.address,
    proof: proof(options.secret, 'client', serverNonce, clientNonce, options.self.memberId),
  });
  const welcome = await connection.nextFrame(options.timeoutMs);
  expectType(welcome, 'welcome');
  const expected = proof(options.secret, 'server', clientNonce, serverNonce, serverId);
  if (!sameBytes(asBytes(field(welcome, 'proof', isBytes)), expected)) throw new AuthError('server proof does not match the cluster secret');
  return { memberId: serverId, address: '' };
}
