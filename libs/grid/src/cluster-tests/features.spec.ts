import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../test-support/wait';
import { ChildMember, childConfig, startChildCluster } from './child-member';

let members: ChildMember[] = [];
let a: ChildMember, b: ChildMember, c: ChildMember;

beforeAll(async () => {
  members = await startChildCluster(3, { maps: { hot: { nearCache: { maxEntries: 10_000 } } } });
  [a, b, c] = members as [ChildMember, ChildMember, ChildMember];
}, 60_000);

afterAll(async () => {
  await Promise.all(members.map((m) => m.kill()));
});

describe('cluster of child processes: features', () => {
  it('invalidates near caches everywhere before a write returns', async () => {
    const keys = Array.from({ length: 200 }, (_, i) => `hot${i}`);
    await a.call('set-many', { map: 'hot', entries: keys.map((k) => [k, 0]) });
    for (let round = 1; round <= 5; round++) {
      await Promise.all([b, c].map((m) => m.call('get-many', { map: 'hot', keys })));
      await a.call('set-many', { map: 'hot', entries: keys.map((k) => [k, round]) });
      const [onB, onC] = await Promise.all([b, c].map((m) => m.call('get-many', { map: 'hot', keys })));
      expect(onB).toEqual(keys.map(() => round));
      expect(onC).toEqual(keys.map(() => round));
    }
    await a.call('delete-many', { map: 'hot', keys });
    const [onB, onC] = await Promise.all([b, c].map((m) => m.call('get-many', { map: 'hot', keys })));
    expect(onB).toEqual(keys.map(() => null));
    expect(onC).toEqual(keys.map(() => null));
    expect((await b.stats()).nearCaches.hot!.hits).toBeGreaterThan(0);
  });

  it('expires entries by TTL on the owner and the backups', async () => {
    await c.call('listen-entries', { map: 'ttl' });
    await a.call('set-range', { map: 'ttl', from: 0, count: 200, prefix: 't', ttlMs: 400 });
    const held = async () => {
      const stats = await Promise.all(members.map((m) => m.stats()));
      return stats.reduce((sum, s) => sum + (s.maps.ttl ? s.maps.ttl.ownedEntries + s.maps.ttl.backupEntries : 0), 0);
    };
    await waitFor('entries expired on every replica', async () => (await held()) === 0, 10_000, 100);
    expect(await b.call('get', { map: 'ttl', key: 't1' })).toBeNull();
    await waitFor('expired events delivered', async () => {
      const events = await c.call<Array<{ type: string }>>('entry-events');
      return events.filter((e) => e.type === 'expired').length === 200;
    });
  });

  it('delivers topic messages to every member in publish order per publisher', async () => {
    await Promise.all(members.map((m) => m.call('subscribe', { topic: 'news' })));
    const messages = (from: string) => Array.from({ length: 100 }, (_, n) => ({ from, n }));
    await Promise.all([a.call('publish-many', { topic: 'news', messages: messages('a') }), b.call('publish-many', { topic: 'news', messages: messages('b') })]);
    for (const member of members) {
      const received = await member.call<Array<{ from: string; n: number }>>('received', { topic: 'news' });
      expect(received).toHaveLength(200);
      for (const from of ['a', 'b']) expect(received.filter((m) => m.from === from).map((m) => m.n)).toEqual(messages(from).map((m) => m.n));
    }
  });

  it('refuses a member with the wrong secret', async () => {
    const intruder = await ChildMember.start(childConfig({ clusterSecret: 'not-the-cluster-secret!!', seeds: [a.address], joinTimeoutMs: 500 }));
    try {
      expect((await intruder.stats()).members).toHaveLength(1);
      await waitFor('refusal logged by a', async () => (await a.logs()).some((l) => /authentication failed/.test(String(l.context?.reason))));
      expect((await a.stats()).members).toHaveLength(3);
    } finally {
      await intruder.kill();
    }
  });

  it('survives garbage, oversized and wrong-version frames on its port', async () => {
    const [host, port] = a.address.split(':');
    const attacks = [Buffer.from('GET / HTTP/1.1\r\n\r\n'), Buffer.from([0xff, 0xff, 0xff, 0xff, 1]), Buffer.from([0, 0, 0, 2, 7, 0])];
    for (const bytes of attacks) {
      const socket = net.connect({ host, port: Number(port) });
      socket.resume();
      await new Promise((resolve) => socket.once('connect', resolve));
      const closed = new Promise((resolve) => socket.once('close', resolve));
      socket.write(bytes);
      await closed;
    }
    const logs = await a.logs();
    expect(logs.filter((l) => l.message === 'rejected connection').length).toBeGreaterThanOrEqual(3);
    await b.call('set', { map: 'after-attack', key: 'k', value: 'fine' });
    expect(await a.call('get', { map: 'after-attack', key: 'k' })).toBe('fine');
    expect((await a.stats()).members).toHaveLength(3);
  });
});
