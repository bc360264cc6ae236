import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FrameDecoder, encodeFrame } from '../codec';
import { ConnectionClosedError, RequestTimeoutError } from '../errors';
import { captureLogger, waitFor } from '../test-support/wait';
import { Connection } from './connection';
import { Messenger } from './messenger';
import { Transport, type TlsFiles } from './transport';

const running: Array<{ stop(): unknown }> = [];
afterEach(async () => {
  for (const item of running.splice(0)) await item.stop();
});

/** A plain TCP server on loopback (stopped after the test) and a client socket connected to it. */
async function connectToRawServer(onPeer: (peer: net.Socket) => void): Promise<net.Socket> {
  const accepted: net.Socket[] = [];
  const server = net.createServer((peer) => {
    accepted.push(peer);
    onPeer(peer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  running.push({
    stop: () => {
      for (const peer of accepted) peer.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  });
  const socket = net.connect({ port: (server.address() as net.AddressInfo).port, host: '127.0.0.1' });
  await new Promise((resolve) => socket.once('connect', resolve));
  return socket;
}

interface Overrides {
  maxFrameBytes?: number;
  handshakeTimeoutMs?: number;
  maxPendingHandshakes?: number;
  maxPendingHandshakesPerAddress?: number;
  tls?: TlsFiles;
}

const tlsFiles = (name: 'cluster' | 'rogue'): TlsFiles => {
  const file = (suffix: string) => fileURLToPath(new URL(`../test-support/tls/${name}-${suffix}`, import.meta.url));
  return { certFile: file('member.pem'), keyFile: file('member.key'), caFile: file('ca.pem') };
};

function makeTransport(memberId: string, secret = 'correct-horse-battery-staple', overrides: Overrides = {}) {
  const log = captureLogger();
  const transport = new Transport({
    memberId,
    secret,
    host: '127.0.0.1',
    port: 0,
    portAutoIncrement: false,
    portCount: 1,
    handshakeTimeoutMs: overrides.handshakeTimeoutMs ?? 2000,
    ...(overrides.maxPendingHandshakes ? { maxPendingHandshakes: overrides.maxPendingHandshakes } : {}),
    ...(overrides.maxPendingHandshakesPerAddress ? { maxPendingHandshakesPerAddress: overrides.maxPendingHandshakesPerAddress } : {}),
    connectTimeoutMs: 2000,
    connection: { maxFrameBytes: overrides.maxFrameBytes ?? 1024 * 1024, requestTimeoutMs: 2000, maxPendingWriteBytes: 8 * 1024 * 1024 },
    logger: log.logger,
    ...(overrides.tls ? { tls: overrides.tls } : {}),
  });
  running.push(transport);
  return { transport, log };
}

async function startMessenger(memberId: string, secret?: string, overrides?: Overrides) {
  const { transport, log } = makeTransport(memberId, secret, overrides);
  const address = await transport.start();
  const messenger = new Messenger(transport, () => ({ memberId, address: transport.address }), log.logger);
  running.push(messenger);
  return { transport, messenger, log, address };
}

/** A socket that speaks no protocol, optionally from another loopback address (127.0.0.2 …). */
async function rawSocket(address: string, localAddress?: string): Promise<net.Socket> {
  const [host, port] = address.split(':');
  const socket = net.connect({ host, port: Number(port), ...(localAddress ? { localAddress } : {}) });
  socket.on('error', () => undefined); // a refused connection may be reset
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.resume();
  running.push({ stop: () => socket.destroy() });
  return socket;
}

describe('transport', () => {
  it('authenticates both sides and carries requests with ids in both directions', async () => {
    const a = await startMessenger('a');
    const b = await startMessenger('b');
    b.messenger.handle('echo', (body: { n: number }, from) => ({ n: body.n * 2, from: from.memberId }));
    a.messenger.handle('echo', (body: { n: number }) => ({ n: body.n + 1 }));
    const results = await Promise.all([1, 2, 3].map((n) => a.messenger.request(b.address, 'echo', { n })));
    expect(results).toEqual([2, 4, 6].map((n) => ({ n, from: 'a' })));
    expect(await b.messenger.request(a.address, 'echo', { n: 1 })).toEqual({ n: 2 });
  });

  it('refuses a peer with the wrong secret and keeps serving good peers', async () => {
    const server = await startMessenger('server', 'secret-one-secret-one');
    server.messenger.handle('ping', () => 'pong');
    const intruder = await startMessenger('intruder', 'secret-two-secret-two');
    await expect(intruder.messenger.request(server.address, 'ping', null)).rejects.toThrow();
    await waitFor('rejection logged', () => server.log.lines.some((l) => l.message === 'rejected connection'));
    const friend = await startMessenger('friend', 'secret-one-secret-one');
    expect(await friend.messenger.request(server.address, 'ping', null)).toBe('pong');
  });

  it('closes a connection that sends garbage, with a logged reason', async () => {
    const server = await startMessenger('server');
    server.messenger.handle('ping', () => 'pong');
    const socket = await rawSocket(server.address);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    await closed;
    await waitFor('reason logged', () => server.log.lines.some((l) => /version|oversized|malformed/.test(String(l.context?.reason))));
    const friend = await startMessenger('friend');
    expect(await friend.messenger.request(server.address, 'ping', null)).toBe('pong');
  });

  it('closes a connection that announces an oversized frame', async () => {
    const server = await startMessenger('server', undefined, { maxFrameBytes: 1000 });
    const socket = await rawSocket(server.address);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(Buffer.from([0x7f, 0xff, 0xff, 0xff, 1]));
    await closed;
    await waitFor('oversized logged', () => server.log.lines.some((l) => String(l.context?.reason).startsWith('oversized')));
  });

  it('before authentication, closes a peer that announces a frame above the handshake limit, from the header alone', async () => {
    let peer = new net.Socket();
    const socket = await connectToRawServer((accepted) => (peer = accepted));
    const connection = new Connection(socket, { maxFrameBytes: 16 * 1024 * 1024, requestTimeoutMs: 1000, maxPendingWriteBytes: 1024 * 1024, logger: captureLogger().logger });
    const frame = connection.nextFrame(2000);
    // The header of a 16 MiB frame of ~16.7 million empty maps: within maxFrameBytes, far above the handshake limit.
    peer.write(Buffer.from([0x01, 0x00, 0x00, 0x00, 1, 0xdd, 0x00, 0xff, 0xff, 0xfa]));
    await expect(frame).rejects.toBeInstanceOf(ConnectionClosedError);
    expect(connection.closeReason).toMatch(/^oversized frame: frame of 16777216 bytes exceeds the limit of 4096/);
  });

  it('before authentication, closes a peer that sends more than one frame before it is answered', async () => {
    let peer = new net.Socket();
    const socket = await connectToRawServer((accepted) => (peer = accepted));
    const connection = new Connection(socket, { maxFrameBytes: 1024 * 1024, requestTimeoutMs: 1000, maxPendingWriteBytes: 1024 * 1024, logger: captureLogger().logger });
    const frame = connection.nextFrame(2000);
    // Three frames within the handshake limit each, in one write: 9 KiB to decode for a peer nobody answered yet.
    peer.write(Buffer.concat([1, 2, 3].map((n) => encodeFrame({ t: 'auth', n, padding: 'x'.repeat(3000) }))));
    await expect(frame).rejects.toBeInstanceOf(ConnectionClosedError);
    expect(connection.closeReason).toMatch(/before authentication/);
  });

  it('lifts the frame limit once the peer authenticated', async () => {
    const a = await startMessenger('a');
    const b = await startMessenger('b');
    b.messenger.handle('echo', (body: string) => body + '!');
    const big = 'x'.repeat(200_000);
    expect(await a.messenger.request(b.address, 'echo', big)).toBe(big + '!');
  });

  it('refuses connections beyond the limits of pending handshakes at once, and frees the slots when they end', async () => {
    const server = await startMessenger('server', undefined, { maxPendingHandshakes: 3, maxPendingHandshakesPerAddress: 2 });
    server.messenger.handle('ping', () => 'pong');
    const closed = new Set<net.Socket>();
    const open = async (count: number, from: string) => {
      const sockets = await Promise.all(Array.from({ length: count }, () => rawSocket(server.address, from)));
      for (const socket of sockets) socket.once('close', () => closed.add(socket));
      return sockets;
    };
    const fromOne = await open(5, '127.0.0.2');
    await waitFor('3 of 5 refused (2 per address)', () => fromOne.filter((s) => closed.has(s)).length === 3);
    const fromTwo = await open(3, '127.0.0.3');
    await waitFor('2 of 3 refused (3 in all)', () => fromTwo.filter((s) => closed.has(s)).length === 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(closed.size).toBe(5);
    expect(server.log.lines.filter((l) => l.message === 'refused connection: too many pending handshakes')).toHaveLength(5);
    // The held connections end (here: the peers leave), which frees their slots for a member.
    for (const socket of [...fromOne, ...fromTwo]) socket.destroy();
    await waitFor('held handshakes ended', () => server.log.lines.filter((l) => l.message === 'rejected connection').length === 3);
    const friend = await startMessenger('friend');
    expect(await friend.messenger.request(server.address, 'ping', null)).toBe('pong');
  });

  it('closes a peer that skips authentication and sends data frames', async () => {
    const server = await startMessenger('server');
    let called = false;
    server.messenger.handle('ping', () => {
      called = true;
      return 'pong';
    });
    const socket = await rawSocket(server.address);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(encodeFrame([0, 1, 'ping', null]));
    await closed;
    expect(called).toBe(false);
    await waitFor('auth failure logged', () => server.log.lines.some((l) => /authentication failed/.test(String(l.context?.reason))));
  });

  it('closes a connection that never authenticates once the handshake times out', async () => {
    const server = await startMessenger('server', undefined, { handshakeTimeoutMs: 200 });
    const socket = await rawSocket(server.address);
    await new Promise((resolve) => socket.once('close', resolve));
    await waitFor('timeout logged', () => server.log.lines.some((l) => /handshake frame not received/.test(String(l.context?.reason))));
  });

  it('refuses a peer speaking another protocol version', async () => {
    const server = await startMessenger('server');
    const socket = await rawSocket(server.address);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(encodeFrame({ t: 'auth', protocol: 99, nonce: Buffer.alloc(32), memberId: 'x', address: 'y:1', proof: Buffer.alloc(32) }));
    await closed;
    await waitFor('protocol logged', () => server.log.lines.some((l) => /protocol version 99/.test(String(l.context?.reason))));
  });

  it('times out a request that gets no response, and fails pending requests when the peer dies', async () => {
    const a = await startMessenger('a');
    const b = await startMessenger('b');
    let received = 0;
    b.messenger.handle('hang', () => {
      received++;
      return new Promise(() => {});
    });
    const started = Date.now();
    await expect(a.messenger.request(b.address, 'hang', null, { timeoutMs: 200 })).rejects.toBeInstanceOf(RequestTimeoutError);
    expect(Date.now() - started).toBeLessThan(5000);
    const pending = a.messenger.request(b.address, 'hang', null, { timeoutMs: 5000 });
    // A request still in the outbox when the connection dies was never sent; this one reached the peer.
    await waitFor('request received', () => received === 2);
    await b.transport.stop();
    await expect(pending).rejects.toBeInstanceOf(ConnectionClosedError);
    await expect(pending).rejects.toMatchObject({ maybeDelivered: true });
    const refused = a.messenger.request(b.address, 'hang', null, { timeoutMs: 1000 });
    await expect(refused).rejects.toBeInstanceOf(ConnectionClosedError);
    await expect(refused).rejects.toMatchObject({ maybeDelivered: false });
  });

  it('applies back-pressure: writes queue while the peer does not read, and a stuck peer is dropped', async () => {
    const socket = await connectToRawServer((peer) => peer.pause());
    const connection = new Connection(socket, {
      maxFrameBytes: 1024 * 1024,
      requestTimeoutMs: 1000,
      maxPendingWriteBytes: 4 * 1024 * 1024,
      logger: captureLogger().logger,
    });
    connection.open({ onRequest: () => null, onMessage: () => {}, onActivity: () => {} });
    const payload = Buffer.alloc(256 * 1024);
    let written = 0;
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 200 && !connection.isClosed; i++) {
      writes.push(connection.notify('blob', payload).then(() => void written++, () => {}));
    }
    await Promise.all(writes);
    // The kernel buffers absorb a few frames; the rest waited for drain and were refused when the queue overflowed.
    expect(written).toBeLessThan(200);
    expect(connection.isClosed).toBe(true);
    expect(connection.closeReason).toMatch(/not reading/);
  });

  it('writes the frames of a turn at once, or with flushEarly in writes of eight frames, in order either way', async () => {
    const received: Buffer[] = [];
    const socket = await connectToRawServer((peer) => peer.on('data', (chunk: Buffer) => received.push(chunk)));
    const writes: number[] = [];
    const write = socket.write.bind(socket) as (data: Buffer) => boolean;
    socket.write = ((data: Buffer) => {
      writes.push(data.length);
      return write(data);
    }) as typeof socket.write;
    const connection = new Connection(socket, { maxFrameBytes: 1024 * 1024, requestTimeoutMs: 1000, maxPendingWriteBytes: 1024 * 1024, logger: captureLogger().logger });
    connection.open({ onRequest: () => null, onMessage: () => {}, onActivity: () => {} });
    running.push({ stop: async () => connection.close('test over') });
    const frameBytes = encodeFrame([3, 'n', 0]).length;
    const burst = async (from: number) => {
      writes.length = 0;
      // Twenty one-way messages in one turn, all of one frame size.
      await Promise.all(Array.from({ length: 20 }, (_, i) => connection.notify('n', (from + i) % 10)));
      await new Promise((resolve) => setImmediate(resolve));
      return writes.map((bytes) => bytes / frameBytes);
    };
    expect(await burst(0)).toEqual([20]);
    connection.flushEarly = true;
    expect(await burst(20)).toEqual([8, 8, 4]);
    // Every frame arrived once, in order.
    await waitFor('all frames received', () => Buffer.concat(received).length === 40 * frameBytes);
    const decoder = new FrameDecoder();
    const messages = decoder.push(Buffer.concat(received)) as Array<[number, string, number]>;
    expect(messages.map((m) => m[2])).toEqual(Array.from({ length: 40 }, (_, i) => i % 10));
  });

  it('runs over mutual TLS and refuses a peer whose certificate another CA signed', async () => {
    const server = await startMessenger('server', undefined, { tls: tlsFiles('cluster') });
    server.messenger.handle('ping', () => 'pong');
    const friend = await startMessenger('friend', undefined, { tls: tlsFiles('cluster') });
    expect(await friend.messenger.request(server.address, 'ping', null)).toBe('pong');
    const rogue = await startMessenger('rogue', undefined, { tls: tlsFiles('rogue') });
    await expect(rogue.messenger.request(server.address, 'ping', null)).rejects.toThrow();
    const plain = await startMessenger('plain');
    await expect(plain.messenger.request(server.address, 'ping', null)).rejects.toThrow();
    expect(await friend.messenger.request(server.address, 'ping', null)).toBe('pong');
  });
});
