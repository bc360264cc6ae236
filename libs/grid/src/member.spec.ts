import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { MemberStateError, QuorumError } from './errors';
import type { Member } from './member';
import type { Messenger } from './transport';
import { TestCluster } from './test-support/cluster';
import { waitFor } from './test-support/wait';

let cluster: TestCluster;
afterEach(async () => {
  await cluster?.stopAll();
});

async function formCluster(size: number, overrides = {}) {
  cluster = new TestCluster();
  for (let i = 0; i < size; i++) await cluster.add(overrides);
  const members = cluster.members;
  await waitForSettled(members);
  return members;
}

/** Same members and table everywhere, no migration running, every owner and backup slot on these members. */
async function waitForSettled(members: Member[]) {
  await waitFor(`${members.length} members settled`, () => {
    const stats = members.map((m) => m.stats());
    const owned = stats.reduce((sum, s) => sum + s.partitions.owned, 0);
    const backups = stats.reduce((sum, s) => sum + s.partitions.backups, 0);
    return (
      stats.every(
        (s) =>
          s.members.length === members.length &&
          s.partitions.tableVersion === stats[0]!.partitions.tableVersion &&
          s.partitions.migrationsInProgress === 0 &&
          s.lease.nearCache,
      ) &&
      owned === 271 &&
      backups === (members.length > 1 ? 271 : 0)
    );
  });
}

describe('member (in process)', () => {
  it('forms a cluster with one coordinator and a balanced partition table', async () => {
    const [a, b, c] = await formCluster(3);
    expect(a!.isCoordinator).toBe(true);
    expect(b!.isCoordinator || c!.isCoordinator).toBe(false);
    const owned = [a!, b!, c!].map((m) => m.stats().partitions.owned);
    expect(owned.reduce((x, y) => x + y)).toBe(271);
    for (const n of owned) expect(n).toBeLessThanOrEqual(Math.ceil(271 / 3));
    const backups = [a!, b!, c!].map((m) => m.stats().partitions.backups);
    expect(backups.reduce((x, y) => x + y)).toBe(271);
  });

  it('writes in bursts exactly while the cluster has two members', async () => {
    const messengerOf = (m: Member) => (m as unknown as { messenger: Messenger }).messenger;
    const [a, b] = await formCluster(2);
    await waitFor('both members write in bursts', () => messengerOf(a!).flushEarly && messengerOf(b!).flushEarly);
    const c = await cluster.add();
    await waitForSettled([a!, b!, c]);
    expect([a!, b!, c].map((m) => messengerOf(m).flushEarly)).toEqual([false, false, false]);
    await c.stop();
    await waitFor('two members again', () => messengerOf(a!).flushEarly && messengerOf(b!).flushEarly);
  });

  it('forms a cluster over mutual TLS', async () => {
    const file = (name: string) => fileURLToPath(new URL(`./test-support/tls/cluster-${name}`, import.meta.url));
    const tls = { certFile: file('member.pem'), keyFile: file('member.key'), caFile: file('ca.pem') };
    const [a, b] = await formCluster(2, { tls });
    await a!.getMap<string, string>('secure').set('k', 'v');
    expect(await b!.getMap<string, string>('secure').get('k')).toBe('v');
  });

  it('supports the map API from any member', async () => {
    const [a, b, c] = await formCluster(3);
    const onA = a!.getMap<string, { n: number }>('things');
    const onB = b!.getMap<string, { n: number }>('things');
    await onA.set('x', { n: 1 });
    expect(await onB.get('x')).toEqual({ n: 1 });
    expect(await onB.has('x')).toBe(true);
    expect(await onB.setIfAbsent('x', { n: 2 })).toBe(false);
    expect(await onB.setIfAbsent('y', { n: 2 })).toBe(true);
    const entry = await c!.getMap<string, { n: number }>('things').getEntry('x');
    expect(entry?.value).toEqual({ n: 1 });
    expect(await onB.compareAndSet('x', entry!.version + 100, { n: 9 })).toBe(false);
    // No entry has a negative or fractional version: such a compare fails rather than erring.
    for (const version of [-1, entry!.version + 0.5, Number.NaN]) expect(await onB.compareAndSet('x', version, { n: 9 })).toBe(false);
    expect(await onB.compareAndSet('x', entry!.version, { n: 3 })).toBe(true);
    expect(await onA.get('x')).toEqual({ n: 3 });
    expect(await onA.size()).toBe(2);
    const localKeys = [a!, b!, c!].flatMap((m) => m.getMap<string, unknown>('things').localKeys());
    expect(localKeys.sort()).toEqual(['x', 'y']);
    expect(await onA.delete('x')).toBe(true);
    expect(await onA.delete('x')).toBe(false);
    expect(await onB.get('x')).toBeUndefined();
    await onB.clear();
    expect(await onA.size()).toBe(0);
    await expect(onA.set('bad', undefined as never)).rejects.toThrow(TypeError);
    await c!.stop();
    expect(c!.state).toBe('stopped');
    await expect(c!.getMap('things').get('y')).rejects.toBeInstanceOf(MemberStateError);
    await expect(c!.getTopic('t').publish(1)).rejects.toBeInstanceOf(MemberStateError);
  });

  it('keeps every entry readable after a member stops abruptly, and rebalances', async () => {
    const [a, b, c] = await formCluster(3);
    const map = a!.getMap<number, string>('load');
    for (let i = 0; i < 2000; i += 100) {
      await Promise.all(Array.from({ length: 100 }, (_, j) => map.set(i + j, `v${i + j}`)));
    }
    const removed = new Promise((resolve) => a!.once('member-removed', resolve));
    await c!.stop();
    await removed;
    const fromB = b!.getMap<number, string>('load');
    const values = await Promise.all(Array.from({ length: 2000 }, (_, i) => fromB.get(i)));
    expect(values.filter((v, i) => v !== `v${i}`)).toEqual([]);
    await waitForSettled([a!, b!]);
    expect(await fromB.size()).toBe(2000);
  });

  it('lets the backup answer a write for the owner, and fails such a write over when that backup goes away', async () => {
    // Long request timeouts: a write whose answer was lost with its backup must fail over long before them.
    const [a, b, c] = await formCluster(3, { requestTimeoutMs: 20_000 });
    const map = a!.getMap<string, number>('relay');
    const keys = Array.from({ length: 200 }, (_, i) => `k${i}`);
    const total = (pick: 'ownedEntries' | 'backupEntries') => [a!, b!, c!].reduce((sum, m) => sum + (m.stats().maps.relay?.[pick] ?? 0), 0);
    for (const [i, key] of keys.entries()) {
      await map.set(key, i);
      // Replication is synchronous whoever answers: owner and backup hold the entry once the call returned.
      expect([total('ownedEntries'), total('backupEntries')]).toEqual([i + 1, i + 1]);
    }
    const relayed = (m: Member) => m.stats().messages.sent['map.reply'] ?? 0;
    expect(relayed(b!) + relayed(c!)).toBeGreaterThan(0);
    expect(a!.stats().messages.received['map.reply']).toBe(relayed(b!) + relayed(c!));

    // c takes backups without applying or answering them, then crashes.
    (c as unknown as { messenger: Messenger }).messenger.handle('map.backup', () => undefined);
    const started = Date.now();
    const writes = keys.map((key) => map.set(key, -1));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await c!.stop();
    await Promise.all(writes);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await Promise.all(keys.map((k) => b!.getMap<string, number>('relay').get(k)))).toEqual(keys.map(() => -1));
  });

  it('answers a relayed write from the owner when only the link between owner and backup breaks', async () => {
    const [a, b, c] = await formCluster(3, { requestTimeoutMs: 20_000 });
    const messengerOf = (m: Member) => (m as unknown as { messenger: Messenger }).messenger;
    // c takes backups without applying, answering or acknowledging them.
    messengerOf(c!).handle('map.backup', () => undefined);
    const keys = Array.from({ length: 200 }, (_, i) => `k${i}`);
    const map = a!.getMap<string, number>('relay');
    let settled = 0;
    const writes = keys.map((key, i) => map.set(key, i).then(() => settled++));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Writes b owns with c as backup are stuck; a stays connected to c, so only b can answer them.
    expect(settled).toBeLessThan(keys.length);
    const started = Date.now();
    messengerOf(b!).disconnect(c!.address, 'test: link between owner and backup broken');
    messengerOf(c!).disconnect(b!.address, 'test: link between owner and backup broken');
    await Promise.all(writes);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await Promise.all(keys.map((k) => b!.getMap<string, number>('relay').get(k)))).toEqual(keys.map((_, i) => i));
  });

  it('hands partitions over on graceful leave, without losing entries', async () => {
    const [a, b, c] = await formCluster(3);
    const map = b!.getMap<string, number>('leave');
    await Promise.all(Array.from({ length: 500 }, (_, i) => map.set(`k${i}`, i)));
    await a!.leave();
    expect(a!.state).toBe('stopped');
    await waitFor('two members remain', () => b!.members().length === 2 && c!.members().length === 2);
    expect(b!.isCoordinator).toBe(true);
    const values = await Promise.all(Array.from({ length: 500 }, (_, i) => c!.getMap<string, number>('leave').get(`k${i}`)));
    expect(values.filter((v, i) => v !== i)).toEqual([]);
  });

  it('hands everything to the one that stays when two of three leave at the same time', async () => {
    const [a, b, c] = await formCluster(3);
    const map = a!.getMap<string, number>('leave');
    await Promise.all(Array.from({ length: 500 }, (_, i) => map.set(`k${i}`, i)));
    await Promise.all([a!.leave(), b!.leave()]);
    await waitFor('one member remains', () => c!.members().length === 1);
    const values = await Promise.all(Array.from({ length: 500 }, (_, i) => c!.getMap<string, number>('leave').get(`k${i}`)));
    expect(values.filter((v, i) => v !== i)).toEqual([]);
  });

  it('stops without waiting out its leave timeout when every member leaves at once', async () => {
    const [a, b] = await formCluster(2, { leaveTimeoutMs: 60_000 });
    const started = Date.now();
    await Promise.all([a!.leave(), b!.leave()]);
    expect([a!.state, b!.state]).toEqual(['stopped', 'stopped']);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('expires entries on the owner and the backups and fires expired events', async () => {
    const [a, b] = await formCluster(2);
    const map = a!.getMap<string, string>('ttl');
    const expired: string[] = [];
    await b!.getMap<string, string>('ttl').on('expired', (event) => expired.push(event.key)).registered;
    await map.set('short', 'gone soon', { ttlMs: 1000 });
    await map.set('long', 'stays');
    expect((await map.getEntry('short'))?.ttlMs).toBeGreaterThan(0);
    await waitFor('expired event', () => expired.includes('short'));
    expect(await b!.getMap('ttl').get('short')).toBeUndefined();
    await waitFor('gone from every replica', () => [a!, b!].every((m) => m.stats().maps.ttl!.ownedEntries + m.stats().maps.ttl!.backupEntries === 1));
    expect(await map.get('long')).toBe('stays');
  });

  it('delivers entry events to subscribers on every member', async () => {
    const [a, b, c] = await formCluster(3);
    const seen: string[] = [];
    for (const m of [b!, c!]) {
      for (const type of ['added', 'updated', 'removed'] as const) {
        await m.getMap<string, number>('events').on(type, (e) => seen.push(`${m.address}:${type}:${e.key}:${e.value ?? e.oldValue}`)).registered;
      }
    }
    const map = a!.getMap<string, number>('events');
    await map.set('k', 1);
    await map.set('k', 2);
    await map.delete('k');
    await waitFor('6 events', () => seen.length === 6);
    for (const m of [b!, c!]) {
      expect(seen.filter((s) => s.startsWith(m.address + ':'))).toEqual([`${m.address}:added:k:1`, `${m.address}:updated:k:2`, `${m.address}:removed:k:2`]);
    }
  });

  it('sends entry events only to members that listen, including members that join or subscribe later', async () => {
    const [a, b, c] = await formCluster(3);
    const events = (m: Member) => m.stats().messages.received['map.event'] ?? 0;
    const keys = Array.from({ length: 30 }, (_, i) => `k${i}`);
    const map = a!.getMap<string, number>('watched');
    // Nobody listens: writes send no event messages at all.
    for (const key of keys) await map.set(key, 1);
    expect([a!, b!, c!].map((m) => m.stats().messages.sent['map.event'] ?? 0)).toEqual([0, 0, 0]);

    // b subscribes: events reach b only; a, which writes, and c, which never subscribed, receive none.
    const seenByB: string[] = [];
    const stopB = b!.getMap<string, number>('watched').on('updated', (e) => seenByB.push(e.key));
    await stopB.registered;
    for (const key of keys) await map.set(key, 2);
    await waitFor('b saw every update', () => seenByB.length === keys.length);
    expect(events(c!)).toBe(0);
    expect(events(a!)).toBe(0);

    // A member that joins later learns b's subscription: writes it owns still reach b.
    const d = await cluster.add();
    await waitForSettled([a!, b!, c!, d]);
    await waitFor('d knows that b listens', () => (d as unknown as { maps: { subscribersOf(map: string): string[] } }).maps.subscribersOf('watched').includes(b!.id));
    const ownedByD = d.getMap<string, number>('watched').localKeys();
    expect(ownedByD.length).toBeGreaterThan(0);
    const before = seenByB.length;
    for (const key of ownedByD) await d.getMap<string, number>('watched').set(key, 3);
    await waitFor('b saw the updates d owns', () => seenByB.length === before + ownedByD.length);

    // c subscribes later and receives events from then on; after b unsubscribes, b receives none.
    const seenByC: string[] = [];
    await c!.getMap<string, number>('watched').on('updated', (e) => seenByC.push(e.key)).registered;
    stopB();
    await waitFor('every member knows b stopped listening', () =>
      [a!, c!, d].every((m) => !(m as unknown as { maps: { subscribersOf(map: string): string[] } }).maps.subscribersOf('watched').includes(b!.id)),
    );
    const bEvents = events(b!);
    for (const key of keys) await map.set(key, 4);
    await waitFor('c saw every update', () => seenByC.length === keys.length);
    expect(events(b!)).toBe(bEvents);
    expect(events(d)).toBe(0);
  });

  it('returns shared, frozen values from a near-cache map and costs the writer no invalidation message', async () => {
    const [a, b, c] = await formCluster(3, { maps: { hot: { nearCache: {} } } });
    const writer = a!.getMap<string, { n: number; tags: string[] }>('hot');
    const reader = b!.getMap<string, { n: number; tags: string[] }>('hot');
    const remote = Array.from({ length: 200 }, (_, i) => `k${i}`).filter((k) => !reader.localKeys().includes(k));
    for (const key of remote) await writer.set(key, { n: 1, tags: ['x'] });
    const first = await reader.get(remote[0]!);
    const second = await reader.get(remote[0]!);
    expect(second).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first!.tags)).toBe(true);
    expect(() => {
      (first as { n: number }).n = 2;
    }).toThrow(TypeError);
    expect(b!.stats().nearCaches.hot!.hits).toBeGreaterThan(0);
    // A key the reader owns is decoded once per stored version too; a write replaces it.
    for (let i = 0; i < 50; i++) await writer.set(`o${i}`, { n: 1, tags: ['y'] });
    const owned = reader.localKeys().find((k) => k.startsWith('o'))!;
    const ownedFirst = await reader.get(owned);
    expect(await reader.get(owned)).toBe(ownedFirst);
    expect(Object.isFrozen(ownedFirst)).toBe(true);
    await writer.set(owned, { n: 9, tags: [] });
    expect(await reader.get(owned)).toEqual({ n: 9, tags: [] });
    // Number keys take the same fast path; other keys are found by their encoding.
    const odd = b!.getMap<unknown, string>('hot');
    await a!.getMap<unknown, string>('hot').set(42, 'num');
    await a!.getMap<unknown, string>('hot').set({ id: 42 }, 'obj');
    expect([await odd.get(42), await odd.get(42), await odd.get({ id: 42 }), await odd.get({ id: 42 })]).toEqual(['num', 'num', 'obj', 'obj']);
    // The writer drops its own copy when its call returns, so owners never send it an invalidation.
    for (const key of remote) await writer.get(key);
    for (const key of remote) await writer.set(key, { n: 5, tags: [] });
    expect((await Promise.all(remote.map((k) => writer.get(k)))).every((v) => v?.n === 5)).toBe(true);
    expect(a!.stats().messages.received['map.invalidate'] ?? 0).toBe(0);
    expect((await Promise.all(remote.map((k) => reader.get(k)))).every((v) => v?.n === 5)).toBe(true);
    expect((await Promise.all(remote.map((k) => c!.getMap<string, { n: number }>('hot').get(k)))).every((v) => v?.n === 5)).toBe(true);
  });

  it('never serves an old value from a near cache once a write has returned', async () => {
    const [a, b, c] = await formCluster(3, { maps: { hot: { nearCache: { maxEntries: 1000 } } } });
    const keys = Array.from({ length: 50 }, (_, i) => `key${i}`);
    const readers = [b!, c!].map((m) => m.getMap<string, number>('hot'));
    const writer = a!.getMap<string, number>('hot');
    for (const key of keys) await writer.set(key, 0);
    for (let round = 1; round <= 5; round++) {
      // Warm the near caches, then overwrite and read back immediately everywhere.
      for (const reader of readers) await Promise.all(keys.map((k) => reader.get(k)));
      await Promise.all(keys.map((k) => writer.set(k, round)));
      for (const reader of readers) expect(await Promise.all(keys.map((k) => reader.get(k)))).toEqual(keys.map(() => round));
    }
    await Promise.all(keys.map((k) => writer.delete(k)));
    for (const reader of readers) expect(await Promise.all(keys.map((k) => reader.get(k)))).toEqual(keys.map(() => undefined));
    const hits = [b!, c!].reduce((sum, m) => sum + (m.stats().nearCaches.hot?.hits ?? 0), 0);
    expect(hits).toBeGreaterThan(0);
  });

  it('delivers topic messages to every subscriber in publish order per publisher', async () => {
    const [a, b, c] = await formCluster(3);
    const received = new Map<string, Array<{ from: string; n: number }>>();
    for (const m of [a!, b!, c!]) {
      const list: Array<{ from: string; n: number }> = [];
      received.set(m.address, list);
      m.getTopic<{ from: string; n: number }>('news').subscribe((message) => list.push(message));
    }
    await Promise.all(
      [a!, b!].map(async (publisher) => {
        const topic = publisher.getTopic<{ from: string; n: number }>('news');
        await Promise.all(Array.from({ length: 100 }, (_, n) => topic.publish({ from: publisher.address, n })));
      }),
    );
    await waitFor('all delivered', () => [...received.values()].every((list) => list.length === 200));
    for (const list of received.values()) {
      for (const publisher of [a!, b!]) {
        expect(list.filter((m) => m.from === publisher.address).map((m) => m.n)).toEqual(Array.from({ length: 100 }, (_, n) => n));
      }
    }
  });

  it('acknowledges a durable delete retried after its backup missed it only once the backup holds the deletion too', async () => {
    const [a, b, c] = await formCluster(3, { minClusterSize: 2 });
    const requester = a!.getMap<string, string>('durable');
    const keys = Array.from({ length: 100 }, (_, i) => `k${i}`);
    for (const key of keys) await requester.set(key, 'v');
    // b loses the next backup write it is sent (as when a connection drops with it in flight), but stays a member.
    type Handler = (body: unknown, from: unknown) => unknown;
    const handlers = (b as unknown as { messenger: { handlers: Map<string, { handler: Handler }> } }).messenger.handlers;
    const backupHandler = handlers.get('map.backup')!.handler;
    let dropped = 0;
    handlers.get('map.backup')!.handler = (body, from) => {
      if (dropped++ === 0) throw new Error('backup write lost');
      return backupHandler(body, from);
    };
    // Keys c owns: the first key whose backup is b loses its deletion there; the retry finds nothing to delete on c.
    const ownedByC = new Set(c!.getMap<string, string>('durable').localKeys());
    for (const key of keys.filter((k) => ownedByC.has(k))) await requester.delete(key);
    expect(dropped).toBeGreaterThan(1);
    // c dies: b takes over the partitions it backed up. No deleted key may come back.
    await c!.stop();
    await waitFor('a and b see each other alone', () => a!.members().length === 2 && b!.members().length === 2);
    const survivors = [a!, b!].map((m) => m.getMap<string, string>('durable'));
    for (const map of survivors) expect((await Promise.all([...ownedByC].map((k) => map.get(k)))).filter((v) => v !== undefined)).toEqual([]);
  });

  it('refuses writes below the minimum cluster size and recovers when members return', async () => {
    const [a, b] = await formCluster(2, { minClusterSize: 2 });
    const degraded = new Promise((resolve) => a!.once('degraded', resolve));
    await b!.stop();
    await degraded;
    expect(a!.degraded).toBe(true);
    expect(a!.stats().degraded).toBe(true);
    await expect(a!.getMap('q').set('k', 1)).rejects.toBeInstanceOf(QuorumError);
    const recovered = new Promise((resolve) => a!.once('recovered', resolve));
    await cluster.add({ minClusterSize: 2 });
    await recovered;
    await a!.getMap('q').set('k', 1);
    expect(await a!.getMap('q').get('k')).toBe(1);
  });

  it('merges two clusters into one, latest update winning per key', async () => {
    cluster = new TestCluster();
    const olderSeeds: string[] = [];
    const older = await cluster.add({ seeds: () => olderSeeds });
    const younger = await cluster.add({ seeds: [] });
    expect(younger.members()).toHaveLength(1);
    await older.getMap<string, string>('m').set('only-old', 'a');
    await older.getMap<string, string>('m').set('both', 'old-value');
    await younger.getMap<string, string>('m').set('only-young', 'b');
    // Latest update wins by wall clock: make sure the younger write is a later millisecond.
    const written = Date.now();
    await waitFor('clock advanced', () => Date.now() > written + 2);
    await younger.getMap<string, string>('m').set('both', 'newer-value');
    const merged = new Promise((resolve) => younger.once('merged', resolve));
    // The older cluster learns of the younger one as a seed and absorbs it.
    olderSeeds.push(younger.address);
    await merged;
    await waitFor('one cluster of two', () => older.members().length === 2 && younger.members().length === 2);
    const map = older.getMap<string, string>('m');
    expect(await map.get('only-old')).toBe('a');
    expect(await map.get('only-young')).toBe('b');
    expect(await map.get('both')).toBe('newer-value');
  });

  it('merges a smaller cluster into a larger one even when the smaller one is older', async () => {
    cluster = new TestCluster();
    const loneSeeds: string[] = [];
    const lone = await cluster.add({ seeds: () => loneSeeds });
    const big1 = await cluster.add({ seeds: [] });
    const big2 = await cluster.add({ seeds: [big1.address] });
    await waitFor('big cluster formed', () => big1.members().length === 2 && big2.members().length === 2);
    await lone.getMap<string, string>('m').set('from-lone', 'x');
    await big2.getMap<string, string>('m').set('from-big', 'y');
    const merged = new Promise((resolve) => lone.once('merged', resolve));
    loneSeeds.push(big1.address);
    await merged;
    await waitForSettled([lone, big1, big2]);
    expect(lone.members()[0]!.id).toBe(big1.id);
    for (const member of [lone, big1, big2]) {
      expect(await member.getMap<string, string>('m').get('from-lone')).toBe('x');
      expect(await member.getMap<string, string>('m').get('from-big')).toBe('y');
    }
  });

  it('matches a sequential model under mixed writes from every member while members join and leave', async () => {
    const members = await formCluster(3, { maps: { model: { nearCache: {} } } });
    const model = new Map<number, number>();
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const live = () => cluster.live().filter((m) => m.state === 'joined');
    const step = async (i: number) => {
      const writer = live()[random(live().length)]!;
      const key = random(100);
      const map = writer.getMap<number, number>('model');
      if (random(4) === 0) {
        await map.delete(key);
        model.delete(key);
      } else {
        await map.set(key, i);
        model.set(key, i);
      }
      // Every write is followed by a read on another member, which must see it (near caches included).
      const reader = live()[random(live().length)]!;
      expect(await reader.getMap<number, number>('model').get(key)).toBe(model.get(key));
    };
    let i = 0;
    for (; i < 150; i++) await step(i);
    const joining = cluster.add({ maps: { model: { nearCache: {} } } });
    for (; i < 300; i++) await step(i);
    await joining;
    const leaving = members[1]!.leave();
    for (; i < 450; i++) await step(i);
    await leaving;
    await waitForSettled(live());
    for (const member of live()) {
      const values = await Promise.all(Array.from({ length: 100 }, (_, key) => member.getMap<number, number>('model').get(key)));
      expect(values).toEqual(Array.from({ length: 100 }, (_, key) => model.get(key)));
    }
  });

  it('reports stats', async () => {
    const [a, b] = await formCluster(2);
    await a!.getMap('s').set('k', 'v');
    await b!.getMap('s').get('k');
    const stats = a!.stats();
    expect(stats.members.map((m) => m.address).sort()).toEqual([a!.address, b!.address].sort());
    expect(stats.members.every((m) => m.ageMs >= 0)).toBe(true);
    expect(stats.partitions.owned + b!.stats().partitions.owned).toBe(271);
    expect(stats.maps.s!.ownedEntries + stats.maps.s!.backupEntries).toBe(1);
    expect(stats.maps.s!.approxBytes).toBeGreaterThan(0);
    expect(stats.operations.set!.count).toBe(1);
    expect(b!.stats().operations.get!.count).toBe(1);
    const added = new Promise<{ address: string }>((resolve) => a!.once('member-added', resolve));
    const removed = new Promise<{ address: string }>((resolve) => a!.once('member-removed', resolve));
    const c = await cluster.add();
    expect((await added).address).toBe(c.address);
    await c.leave();
    expect((await removed).address).toBe(c.address);
  });
});
