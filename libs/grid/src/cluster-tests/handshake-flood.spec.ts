import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ChildMember, startChildCluster, waitForAgreement } from './child-member';

let members: ChildMember[] = [];
const sockets = new Set<net.Socket>();
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await Promise.all(members.map((m) => m.kill()));
  members = [];
});

const FLOOD_MS = 6000;
/** The default maxFrameBytes: the largest frame an authenticated member may send. */
const FRAME_LENGTH = 16 * 1024 * 1024;
/** Connections sending big frames at the same time, and idle connections opened at once. */
const FRAME_SENDERS = 8;
const IDLE_CONNECTIONS = 100;
// Attackers use other loopback addresses than the members (127.0.0.1), so per-address limits hit them only.
const FRAME_SENDER_ADDRESS = '127.0.0.3';
const IDLE_ADDRESS = '127.0.0.2';

/** A frame before any handshake: an array of ~16.7 million empty MessagePack maps, the most objects per byte. */
function emptyMapsFrame(): Buffer {
  const frame = Buffer.alloc(4 + FRAME_LENGTH, 0x80); // 0x80: a map of 0 entries
  frame.writeUInt32BE(FRAME_LENGTH, 0);
  frame.writeUInt8(1, 4); // frame version
  frame.writeUInt8(0xdd, 5); // array32 header …
  frame.writeUInt32BE(FRAME_LENGTH - 6, 6); // … of every byte after it
  return frame;
}

interface FloodFigures {
  connections: number;
  /** Bytes handed to the sockets (what the member read of them before closing is not known here). */
  bytesOffered: number;
}

function connectFrom(localAddress: string, port: number): net.Socket {
  const socket = net.connect({ host: '127.0.0.1', port, localAddress });
  sockets.add(socket);
  socket.on('error', () => undefined); // resets are the expected outcome
  socket.once('close', () => sockets.delete(socket));
  socket.resume();
  return socket;
}

/** One sender: connect, send the frame, wait until the member closes the connection; again until `until`. */
async function sendFramesUntil(port: number, frame: Buffer, until: number, figures: FloodFigures): Promise<void> {
  while (Date.now() < until) {
    await new Promise<void>((resolve) => {
      const socket = connectFrom(FRAME_SENDER_ADDRESS, port);
      figures.connections++;
      const stop = setTimeout(() => socket.destroy(), Math.max(0, until - Date.now()));
      socket.once('connect', () => {
        socket.write(frame);
        figures.bytesOffered += frame.length;
      });
      socket.once('close', () => {
        clearTimeout(stop);
        resolve();
      });
    });
  }
}

/** Opens idle connections at once; resolves with how many the member closed within `withinMs`. */
async function openIdleConnections(port: number, count: number, withinMs: number): Promise<number> {
  let closedEarly = 0;
  const opened = Date.now();
  for (let i = 0; i < count; i++) {
    connectFrom(IDLE_ADDRESS, port).once('close', () => {
      if (Date.now() - opened < withinMs) closedEarly++;
    });
  }
  await new Promise((resolve) => setTimeout(resolve, withinMs));
  return closedEarly;
}

/** Sets and gets keys through the member until `until`; the slowest round trip of one call. */
async function timeMapOperations(member: ChildMember, until: number): Promise<{ count: number; slowestMs: number; failures: number }> {
  const figures = { count: 0, slowestMs: 0, failures: 0 };
  for (let i = 0; Date.now() < until; i++) {
    const started = Date.now();
    try {
      await member.call('set', { map: 'flood', key: `k${i % 50}`, value: i }, 10_000);
      await member.call('get', { map: 'flood', key: `k${i % 50}` }, 10_000);
    } catch {
      figures.failures++;
    }
    figures.count += 2;
    figures.slowestMs = Math.max(figures.slowestMs, Date.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return figures;
}

/** Polls the other members' views until `until`: was the target ever missing? */
async function watchMembership(observers: ChildMember[], target: ChildMember, until: number): Promise<boolean> {
  let dropped = false;
  while (Date.now() < until) {
    const views = await Promise.all(observers.map((m) => m.stats()));
    if (views.some((view) => !view.members.some((m) => m.address === target.address))) dropped = true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return dropped;
}

const MiB = 1024 * 1024;

describe('cluster of child processes: unauthenticated flood', () => {
  it('keeps a member serving, and in the cluster, while peers flood it with huge frames and connections before the handshake', async () => {
    members = await startChildCluster(3);
    const [a, b, target] = members as [ChildMember, ChildMember, ChildMember];
    const port = Number(target.address.split(':').pop());
    const frame = emptyMapsFrame();
    await target.call('event-loop-lag', { start: true });
    const until = Date.now() + FLOOD_MS;

    const frames: FloodFigures = { connections: 0, bytesOffered: 0 };
    const senders = Array.from({ length: FRAME_SENDERS }, () => sendFramesUntil(port, frame, until, frames));
    const idleRefused = openIdleConnections(port, IDLE_CONNECTIONS, 1000);
    const operations = timeMapOperations(target, until);
    // Failure detection may act a little after the flood: keep watching for a heartbeat timeout more.
    const dropped = watchMembership([a, b], target, until + 3500);
    await Promise.all(senders);
    // Undefined when the member did not survive the flood.
    const load = await target
      .call<{ maxLagMs: number; p99LagMs: number; baselineRssBytes: number; peakRssBytes: number }>('event-loop-lag', {}, 20_000)
      .catch(() => undefined);
    const figures = {
      ops: await operations,
      refusedAtOnce: await idleRefused,
      dropped: await dropped,
      rejectedLogs: (await target.logs().catch(() => [])).filter((l) => /rejected|refused|closing connection/.test(l.message)).length,
    };

    console.log(
      [
        `pre-handshake flood of one member for ${FLOOD_MS / 1000} s (3 members, child processes, loopback):`,
        `  ${FRAME_SENDERS} senders of 16 MiB frames of empty maps | connections ${frames.connections} | bytes offered ${(frames.bytesOffered / MiB / 1024).toFixed(1)} GiB`,
        `  idle connections opened at once ${IDLE_CONNECTIONS} | closed by the member within 1 s ${figures.refusedAtOnce}`,
        load
          ? `  target: max event-loop delay ${load.maxLagMs.toFixed(0)} ms | p99 ${load.p99LagMs.toFixed(0)} ms | RSS +${((load.peakRssBytes - load.baselineRssBytes) / MiB).toFixed(0)} MiB (peak ${(load.peakRssBytes / MiB).toFixed(0)} MiB)`
          : '  target: process did not survive the flood',
        `  map calls through the target ${figures.ops.count} | slowest set+get ${figures.ops.slowestMs} ms | failed ${figures.ops.failures} | rejection log lines ${figures.rejectedLogs} | dropped by the others: ${figures.dropped ? 'yes' : 'no'}`,
      ].join('\n'),
    );

    expect(figures.dropped).toBe(false);
    expect(load).toBeDefined();
    if (!load) return;
    expect(load.maxLagMs).toBeLessThan(200);
    expect(figures.ops.failures).toBe(0);
    expect(figures.ops.slowestMs).toBeLessThan(1000);
    expect(load.peakRssBytes - load.baselineRssBytes).toBeLessThan(256 * MiB);
    // Beyond the per-address limit of pending handshakes, connections are refused at once.
    expect(figures.refusedAtOnce).toBeGreaterThanOrEqual(IDLE_CONNECTIONS - 8);
    // Rejections and refusals are logged, but not one line each: the log cannot be flooded.
    expect(figures.rejectedLogs).toBeLessThan(50);
    await waitForAgreement([a, b, target]);
    expect(await a.call('get', { map: 'flood', key: 'k0' })).not.toBeNull();
  }, 60_000);
});
