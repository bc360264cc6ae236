import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../logger';
import { waitFor } from '../test-support/wait';
import { FailureDetector, type HeartbeatChannel } from './failure-detector';

class FakeChannel extends EventEmitter {
  readonly sent: Array<{ address: string; op: string }> = [];
  handlers = new Map<string, (body: unknown, from: { memberId: string; address: string }) => unknown>();
  handle(op: string, handler: (body: unknown, from: { memberId: string; address: string }) => unknown): void {
    this.handlers.set(op, handler);
  }
  alive = true;
  async request(address: string, op: string): Promise<unknown> {
    this.sent.push({ address, op });
    if (!this.alive) throw new Error('connection refused');
    return { ok: true };
  }
}

const members = [
  { id: 'self', address: 'self:1', startedAt: 1 },
  { id: 'peer', address: 'peer:1', startedAt: 2 },
];
let detector: FailureDetector | undefined;
afterEach(() => detector?.stop());

function makeDetector(channel: FakeChannel, received: unknown[] = [], replies: unknown[] = []) {
  detector = new FailureDetector({
    messenger: channel as unknown as HeartbeatChannel,
    selfId: () => 'self',
    members: () => members,
    heartbeatBody: () => ({ hello: true }),
    onHeartbeat: (body) => received.push(body),
    onHeartbeatReply: (reply) => replies.push(reply),
    intervalMs: 20,
    timeoutMs: 600,
    logger: silentLogger,
  });
  const suspects: string[] = [];
  detector.on('suspect', (id, reason) => suspects.push(`${id}: ${reason}`));
  detector.start();
  return suspects;
}

describe('FailureDetector', () => {
  it('sends heartbeats to the other members, hands received ones and replies on, and records round trips', async () => {
    const channel = new FakeChannel();
    const received: unknown[] = [];
    const replies: unknown[] = [];
    makeDetector(channel, received, replies);
    await waitFor('heartbeats sent', () => channel.sent.length >= 3);
    expect(replies[0]).toEqual({ ok: true });
    expect(detector!.roundTripWithAllWithin(1000)).toBe(true);
    expect(detector!.lastRoundTrip('peer')).toBeGreaterThan(0);
    expect(channel.sent.every((s) => s.address === 'peer:1' && s.op === 'heartbeat')).toBe(true);
    channel.handlers.get('heartbeat')!({ from: 'peer' }, { memberId: 'peer', address: 'peer:1' });
    expect(received).toEqual([{ from: 'peer' }]);
  });

  it('suspects a member only after it has been silent past the timeout', async () => {
    const channel = new FakeChannel();
    const suspects = makeDetector(channel);
    const alive = setInterval(() => channel.emit('activity', 'peer'), 10);
    await waitFor('several timeouts worth of ticks', () => channel.sent.length >= 40, 5000);
    expect(suspects).toEqual([]);
    clearInterval(alive);
    await waitFor('suspected after silence', () => suspects.length > 0, 5000);
    expect(suspects[0]).toMatch(/^peer: no heartbeat/);
  });

  it('on a closed connection suspects a member at once if it cannot be reached, and not if it answers', async () => {
    const channel = new FakeChannel();
    const suspects = makeDetector(channel);
    channel.emit('peer-closed', { memberId: 'peer', address: 'peer:1' }, 'socket closed');
    channel.emit('peer-closed', { memberId: 'stranger', address: 'x:1' }, 'socket closed');
    await new Promise((resolve) => setImmediate(resolve));
    expect(suspects).toEqual([]);
    channel.alive = false;
    channel.emit('peer-closed', { memberId: 'peer', address: 'peer:1' }, 'socket closed');
    await waitFor('suspected', () => suspects.length > 0);
    expect(suspects[0]).toBe('peer: connection closed (socket closed) and heartbeat failed');
  });
});
