import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../test-support/wait';
import { ChildMember, childConfig, startChildCluster, waitForAgreement } from './child-member';

let members: ChildMember[] = [];
afterEach(async () => {
  await Promise.all(members.map((m) => m.kill()));
  members = [];
});

describe('cluster of child processes: failures and rebalancing', () => {
  it('keeps all 10,000 entries readable after kill -9 of a member', async () => {
    members = await startChildCluster(3);
    const [a, b, c] = members as [ChildMember, ChildMember, ChildMember];
    await a.call('set-range', { map: 'crash', from: 0, count: 10_000, prefix: 'k' });
    expect(await b.call('size', { map: 'crash' })).toBe(10_000);
    await c.kill('SIGKILL');
    await waitFor('survivors see 2 members', async () => (await a.stats()).members.length === 2 && (await b.stats()).members.length === 2);
    expect(await b.call('missing-range', { map: 'crash', from: 0, count: 10_000, prefix: 'k' })).toEqual([]);
    await waitForAgreement([a, b]);
    expect(await a.call('size', { map: 'crash' })).toBe(10_000);
    const [sa, sb] = [await a.stats(), await b.stats()];
    expect(sa.partitions.owned + sb.partitions.owned).toBe(271);
    // Backups were re-created on the survivors, so a second failure would also be survived.
    expect(sa.maps.crash!.backupEntries + sb.maps.crash!.backupEntries).toBe(10_000);
  });

  it('keeps acknowledging writes through a crash in the middle of a write load, losing none', async () => {
    members = await startChildCluster(3);
    const [a, b, c] = members as [ChildMember, ChildMember, ChildMember];
    const load = a.call('set-range', { map: 'midcrash', from: 0, count: 5000, prefix: 'k', concurrency: 16 });
    await waitFor('load under way', async () => ((await a.stats()).operations.set?.count ?? 0) > 1000);
    await c.kill('SIGKILL');
    await load;
    await waitForAgreement([a, b]);
    expect(await b.call('missing-range', { map: 'midcrash', from: 0, count: 5000, prefix: 'k' })).toEqual([]);
    expect(await b.call('size', { map: 'midcrash' })).toBe(5000);
  });

  it('lets the next oldest member take over when the coordinator is killed', async () => {
    members = await startChildCluster(3);
    const [a, b, c] = members as [ChildMember, ChildMember, ChildMember];
    expect((await a.stats()).coordinator).toBe(true);
    await c.call('set-range', { map: 'coord', from: 0, count: 3000, prefix: 'k' });
    await a.kill('SIGKILL');
    await waitForAgreement([b, c]);
    expect((await b.stats()).coordinator).toBe(true);
    expect(await c.call('missing-range', { map: 'coord', from: 0, count: 3000, prefix: 'k' })).toEqual([]);
    await b.call('set-range', { map: 'coord', from: 3000, count: 500, prefix: 'k' });
    expect(await c.call('size', { map: 'coord' })).toBe(3500);
  });

  it('detects a hung member by heartbeat timeout, and takes it back when it resumes', async () => {
    members = await startChildCluster(3);
    const [a, b, c] = members as [ChildMember, ChildMember, ChildMember];
    await a.call('set-range', { map: 'hung', from: 0, count: 2000, prefix: 'k' });
    c.signal('SIGSTOP');
    // Writes to partitions c owns wait until c is dropped and its backups take over, then succeed.
    await a.call('set-range', { map: 'hung', from: 2000, count: 500, prefix: 'k' });
    expect((await a.stats()).members).toHaveLength(2);
    expect(await b.call('missing-range', { map: 'hung', from: 0, count: 2500, prefix: 'k' })).toEqual([]);
    c.signal('SIGCONT');
    await waitForAgreement([a, b, c], 30_000);
    expect(await c.call('missing-range', { map: 'hung', from: 0, count: 2500, prefix: 'k' })).toEqual([]);
    expect(await a.call('size', { map: 'hung' })).toBe(2500);
  });

  it('never serves a stale near-cached value from a member that was frozen during a write', async () => {
    members = await startChildCluster(3, { requestTimeoutMs: 1500, maps: { hot: { nearCache: {} } } });
    const [a, b] = members as [ChildMember, ChildMember, ChildMember];
    const all = Array.from({ length: 60 }, (_, i) => `hot${i}`);
    await a.call('set-many', { map: 'hot', entries: all.map((k) => [k, 'old']) });
    // Writes to keys b owns would time out while it is frozen; use the others, which b near-caches.
    const ownedByB = new Set(await b.call<string[]>('local-keys', { map: 'hot' }));
    const keys = all.filter((k) => !ownedByB.has(k));
    expect(await b.call('get-many', { map: 'hot', keys })).toEqual(keys.map(() => 'old'));
    b.signal('SIGSTOP');
    // b cannot acknowledge the invalidations: owners cut it off and wait out its near-cache lease.
    await a.call('set-many', { map: 'hot', entries: keys.map((k) => [k, 'new']) });
    b.signal('SIGCONT');
    expect(await b.call('get-many', { map: 'hot', keys })).toEqual(keys.map(() => 'new'));
    expect((await a.logs()).some((l) => l.message.startsWith('near-cache invalidation failed'))).toBe(true);
  });

  it('hands partitions over on graceful leave', async () => {
    members = await startChildCluster(3);
    const [a, b, c] = members as [ChildMember, ChildMember, ChildMember];
    await b.call('set-range', { map: 'leave', from: 0, count: 3000, prefix: 'k' });
    await a.call('leave');
    expect(await a.waitForExit()).toBe(0);
    await waitForAgreement([b, c]);
    expect((await b.stats()).coordinator).toBe(true);
    expect(await c.call('missing-range', { map: 'leave', from: 0, count: 3000, prefix: 'k' })).toEqual([]);
    const stats = [await b.stats(), await c.stats()];
    expect(stats[0]!.maps.leave!.ownedEntries + stats[1]!.maps.leave!.ownedEntries).toBe(3000);
    expect(stats[0]!.maps.leave!.backupEntries + stats[1]!.maps.leave!.backupEntries).toBe(3000);
  });

  it('rebalances onto a member that joins mid-load, losing nothing', async () => {
    members = await startChildCluster(2);
    const [a, b] = members as [ChildMember, ChildMember];
    const load = a.call('set-range', { map: 'join', from: 0, count: 6000, prefix: 'k', concurrency: 16 });
    await waitFor('load under way', async () => ((await a.stats()).operations.set?.count ?? 0) > 500);
    const c = await ChildMember.start(childConfig({ seeds: [a.address] }));
    members.push(c);
    await load;
    await waitForAgreement([a, b, c]);
    const owned = await Promise.all([a, b, c].map(async (m) => (await m.stats()).partitions.owned));
    expect(owned.reduce((x, y) => x + y)).toBe(271);
    for (const n of owned) expect(n).toBeLessThanOrEqual(Math.ceil(271 / 3));
    expect(await c.call('missing-range', { map: 'join', from: 0, count: 6000, prefix: 'k' })).toEqual([]);
    expect(await b.call('size', { map: 'join' })).toBe(6000);
  });

  it('degrades below the minimum cluster size and refuses writes', async () => {
    members = await startChildCluster(3, { minClusterSize: 2 });
    const [a, b, c] = members as [ChildMember, ChildMember, ChildMember];
    await a.call('set', { map: 'q', key: 'k', value: 1 });
    await b.kill('SIGKILL');
    await waitForAgreement([a, c]);
    expect((await a.stats()).degraded).toBe(false);
    await c.kill('SIGKILL');
    await waitFor('a is degraded', async () => (await a.stats()).degraded);
    await expect(a.call('set', { map: 'q', key: 'k', value: 2 })).rejects.toMatchObject({ code: 'QUORUM' });
    // Alone, nobody confirms it belongs to a cluster: it does not vouch for what it holds either.
    await expect(a.call('get', { map: 'q', key: 'k' })).rejects.toMatchObject({ code: 'QUORUM' });
  });
});
