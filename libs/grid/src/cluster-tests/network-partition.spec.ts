/**
 * A real network split: three members in three network namespaces ("hosts") joined by a
 * bridge. Cutting one host's link leaves a 2-member majority and an isolated member; healing
 * it must merge the halves back. Needs root and `ip netns` (see test-support/netns.ts); where
 * that is unavailable the suite is skipped with the reason printed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NetnsLab, netnsSupport, removeLeftoverNamespaces, type LabHost } from '../test-support/netns';
import { waitFor, type CapturedLog } from '../test-support/wait';
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
    // Without its lease the minority answers nothing from its memory: reads of what it owns wait (and time out here).
    expect((await isolated.stats()).lease.valid).toBe(false);

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
    // The overwrites have returned: the cut-off member never answers with what it held before them.
    await expect(isolated.call('get-many', { map: MAP, keys: OVERWRITTEN })).rejects.toMatchObject({ code: 'QUORUM' });

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
    // The smaller side offers what it held (it may hold what the other side lacks); the newer update wins, so the overwrites stay.
    const rejoins = (logs: CapturedLog[]) => logs.filter((l) => l.message === 'rejoining the cluster' || l.message === 'merging into another cluster');
    expect(rejoins(await isolated.logs()).map((l) => l.message)).toContain('merging into another cluster');
    for (const m of [a, b]) expect(rejoins(await m.logs())).toEqual([]);

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

  it.each([
    { cut: 2, what: 'a member' },
    { cut: 0, what: 'the coordinator' },
  ])('cut off $what under a write load, then restart it before the heal: no acknowledged write is lost', async ({ cut }) => {
    const hosts = lab!.hosts;
    for (const host of hosts) await start(host);
    await waitForAgreement(members);
    const isolated = members[cut]!;
    const majority = members.filter((m) => m !== isolated) as [ChildMember, ChildMember];

    // 16 writers on the member that will be cut off, a key at a time; a write counts as acknowledged once answered.
    const acknowledged: string[] = [];
    let phase: 'before' | 'during' = 'before';
    const perPhase = { before: 0, during: 0 };
    let writing = true;
    let next = 0;
    const writers = Array.from({ length: 16 }, async () => {
      while (writing) {
        const key = `w${next++}`;
        const writtenIn = phase;
        const acked = await isolated.call<string[]>('set-report', { map: MAP, entries: [[key, key]] }, 60_000).catch(() => []);
        acknowledged.push(...acked);
        perPhase[writtenIn] += acked.length;
      }
    });
    await waitFor('writes acknowledged before the cut', () => acknowledged.length > 500, 10_000, 20);

    lab!.cut(hosts[cut]!);
    const cutAt = Date.now();
    phase = 'during';
    await waitFor('the majority removed the cut-off member', async () => (await majority[0].stats()).members.length === 2, 15_000, 100);
    // Past the request timeout, a backup write that cannot arrive has failed: the old code acknowledged such writes.
    const requestTimeoutMs = childConfig().requestTimeoutMs!;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, cutAt + requestTimeoutMs + 1000 - Date.now())));
    // Killed before the heal: whatever only it held is gone.
    await isolated.kill('SIGKILL');
    writing = false;
    await Promise.all(writers);
    members = members.filter((m) => m !== isolated);
    const restarted = await start(hosts[cut]!);
    expect((await restarted.stats()).members).toHaveLength(1);

    lab!.heal(hosts[cut]!);
    await waitForAgreement([...majority, restarted], 30_000);
    const missing = await majority[0].call<Array<string | null>>('get-many', { map: MAP, keys: acknowledged });
    const lost = acknowledged.filter((key, i) => missing[i] !== key);
    console.table([{ cutOff: cut === 0 ? 'coordinator' : 'member', ackedBeforeCut: perPhase.before, ackedAfterCut: perPhase.during, lost: lost.length }]);
    expect(lost).toEqual([]);
  }, 90_000);
});
