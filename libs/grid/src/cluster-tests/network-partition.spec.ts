/**
 * A real network split: three members in three network namespaces ("hosts") joined by a
 * bridge. Cutting one host's link leaves a 2-member majority and an isolated member; healing
 * it must merge the halves back. Needs root and `ip netns` (see test-support/netns.ts); where
 * that is unavailable the suite is skipped with the reason printed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NetnsLab, netnsSupport, removeLeftoverNamespaces, type LabHost } from '../test-support/netns';
import { waitFor } from '../test-support/wait';
import { ChildMember, childConfig, waitForAgreement } from './child-member';

const support = netnsSupport();
const canUseNetns = support.ok;
if (!support.ok) console.warn(`network-partition suite skipped: ${support.reason}`);

const MAP = 'split';
const BEFORE = 3000;
const DURING = 1000;
const OVERWRITTEN = Array.from({ length: 100 }, (_, i) => `k${i}`);

describe.skipIf(!canUseNetns)('network partition between hosts (network namespaces)', () => {
  let lab: NetnsLab | undefined;
  let members: ChildMember[] = [];

  beforeAll(() => {
    const leftovers = removeLeftoverNamespaces();
    if (leftovers.length > 0) console.warn(`removed leftover namespaces: ${leftovers.join(', ')}`);
    lab = NetnsLab.create(3);
  });

  afterEach(async () => {
    await Promise.all(members.map((m) => m.kill('SIGKILL')));
    members = [];
    for (const host of lab?.hosts ?? []) lab!.heal(host);
  });

  afterAll(async () => {
    await Promise.all(members.map((m) => m.kill('SIGKILL')));
    lab?.destroy();
  });

  const start = async (host: LabHost) => {
    const config = childConfig({ host: host.ip, port: 5701, minClusterSize: 2, seeds: members.map((m) => m.address) });
    const member = await ChildMember.start(config, { commandPrefix: host.commandPrefix });
    members.push(member);
    return member;
  };

  it.each([
    { cut: 2, what: 'a member' },
    { cut: 0, what: 'the coordinator' },
  ])('cut off $what: it degrades and refuses writes, the majority serves every entry, healing merges the halves', async ({ cut }) => {
    const hosts = lab!.hosts;
    for (const host of hosts) await start(host);
    const addresses = members.map((m) => m.address);
    expect(addresses).toEqual(['10.200.0.1:5701', '10.200.0.2:5701', '10.200.0.3:5701']);
    await waitForAgreement(members);
    expect((await members[0]!.stats()).coordinator).toBe(true);
    const isolated = members[cut]!;
    const [a, b] = members.filter((m) => m !== isolated) as [ChildMember, ChildMember];
    await a.call('set-range', { map: MAP, from: 0, count: BEFORE, prefix: 'k' });
    expect((await isolated.stats()).maps[MAP]!.ownedEntries).toBeGreaterThan(0);

    lab!.cut(hosts[cut]!);

    // The isolated member drops the others from its view, falls below minClusterSize and refuses writes.
    await waitFor(
      'the isolated member is alone and degraded',
      async () => {
        const s = await isolated.stats();
        return s.degraded && s.members.length === 1;
      },
      15_000,
      100,
    );
    await expect(isolated.call('set', { map: MAP, key: 'k0', value: 'from the minority' })).rejects.toMatchObject({ code: 'QUORUM' });
    await expect(isolated.call('set-range', { map: MAP, from: 90_000, count: 10, prefix: 'k' })).rejects.toMatchObject({ code: 'QUORUM' });
    // Reads keep working on the minority (what it still holds may be stale or partial).
    expect(await isolated.call('get-many', { map: MAP, keys: ['k1', 'k2'] })).toHaveLength(2);

    // The majority removes it, promotes its backups and keeps serving reads and writes of every entry.
    await waitForAgreement([a, b], 15_000);
    const majority = [await a.stats(), await b.stats()];
    for (const s of majority) expect(s.degraded).toBe(false);
    expect(majority[0]!.coordinator).toBe(true);
    expect(await b.call('missing-range', { map: MAP, from: 0, count: BEFORE, prefix: 'k' })).toEqual([]);
    await b.call('set-range', { map: MAP, from: BEFORE, count: DURING, prefix: 'k' });
    await a.call('set-many', { map: MAP, entries: OVERWRITTEN.map((k) => [k, `${k}-during-split`]) });
    expect(await a.call('size', { map: MAP })).toBe(BEFORE + DURING);
    expect((await isolated.stats()).members).toHaveLength(1);

    lab!.heal(hosts[cut]!);

    // The smaller side merges into the larger one (even when it holds the older coordinator); nobody stays degraded.
    await waitForAgreement(members, 30_000);
    const expectedOrder = [a.address, b.address, isolated.address];
    for (const s of await Promise.all(members.map((m) => m.stats()))) {
      expect(s.degraded).toBe(false);
      expect(s.state).toBe('joined');
      expect(s.members.map((m) => m.address)).toEqual(expectedOrder);
      expect(s.coordinator).toBe(s.address === a.address);
    }
    expect((await isolated.logs()).some((l) => l.message === 'merging into another cluster')).toBe(true);
    for (const m of [a, b]) expect((await m.logs()).some((l) => l.message === 'merging into another cluster')).toBe(false);

    // Everything written on the majority during the split is visible from every member.
    for (const m of members) {
      const rest = { map: MAP, from: OVERWRITTEN.length, count: BEFORE + DURING - OVERWRITTEN.length, prefix: 'k' };
      expect(await m.call('missing-range', rest)).toEqual([]);
      expect(await m.call('get-many', { map: MAP, keys: OVERWRITTEN })).toEqual(OVERWRITTEN.map((k) => `${k}-during-split`));
    }
    expect(await isolated.call('size', { map: MAP })).toBe(BEFORE + DURING);
    // Writes are accepted again on the formerly isolated member.
    await isolated.call('set', { map: MAP, key: 'after-heal', value: 1 });
    expect(await a.call('get', { map: MAP, key: 'after-heal' })).toBe(1);
  }, 45_000);
});
