/**
 * A paused member (SIGSTOP: a GC pause, an overloaded host, a debugger) keeps its sockets open
 * and its memory as it was. Whatever was overwritten while it slept must never be served by it
 * after the overwrite returned: it may answer late, or fail, but not with the old value. This is
 * what keeps a signed-out session signed out (the API writes a tombstone over it).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../test-support/wait';
import { ChildMember, childConfig, waitForAgreement } from './child-member';

const MAP = 'sessions';
const KEYS = Array.from({ length: 60 }, (_, i) => `session-${i}`);
/** Longer than the time it takes the others to notice the silence (heartbeatTimeoutMs 3000 in childConfig). */
const LONG_PAUSE_MS = 5000;
const SHORT_PAUSE_MS = 1500;
const READ_AFTER_RESUME_MS = 5000;

let members: ChildMember[] = [];
afterEach(async () => {
  await Promise.all(members.map((m) => m.kill()));
  members = [];
});

async function startCluster(): Promise<ChildMember[]> {
  const config = { minClusterSize: 2, maps: { [MAP]: { nearCache: {} } } };
  for (let i = 0; i < 3; i++) members.push(await ChildMember.start(childConfig({ ...config, seeds: members.map((m) => m.address) })));
  await waitForAgreement(members);
  return members;
}

describe('a paused member never serves what was overwritten while it slept', () => {
  it.each([
    { paused: 0, what: 'the coordinator', pauseMs: LONG_PAUSE_MS, overwrite: 'after the others dropped it' },
    { paused: 0, what: 'the coordinator', pauseMs: SHORT_PAUSE_MS, overwrite: 'from the moment it stopped' },
    { paused: 2, what: 'a plain member', pauseMs: LONG_PAUSE_MS, overwrite: 'after the others dropped it' },
    { paused: 2, what: 'a plain member', pauseMs: SHORT_PAUSE_MS, overwrite: 'from the moment it stopped' },
  ])('$what paused $pauseMs ms, overwritten $overwrite', async ({ paused, pauseMs }) => {
    await startCluster();
    const sleeper = members[paused]!;
    const [writer, other] = members.filter((m) => m !== sleeper) as [ChildMember, ChildMember];
    await writer.call('set-many', { map: MAP, entries: KEYS.map((k) => [k, 'live']) });
    // Every member reads every key: owners from their partitions, the others into their near caches.
    for (const m of members) expect(await m.call('get-many', { map: MAP, keys: KEYS })).toEqual(KEYS.map(() => 'live'));

    const pausedAt = Date.now();
    sleeper.signal('SIGSTOP');
    if (pauseMs === LONG_PAUSE_MS) {
      await waitFor('the others dropped the paused member', async () => (await writer.stats()).members.length === 2, 15_000, 100);
    }
    const overwriteStarted = Date.now();
    await writer.call('set-many', { map: MAP, entries: KEYS.map((k) => [k, 'revoked']) });
    const overwriteMs = Date.now() - overwriteStarted;
    // The overwrite has returned. Queue reads on every member (the paused one finds them on waking), then wake it.
    const reads = members.map((m) => m.call<Record<string, number>>('read-many-loop', { map: MAP, keys: KEYS, durationMs: READ_AFTER_RESUME_MS }));
    const remaining = pausedAt + pauseMs - Date.now();
    if (remaining > 0) await new Promise((resolve) => setTimeout(resolve, remaining));
    sleeper.signal('SIGCONT');
    const seen = await Promise.all(reads);

    const row = (m: ChildMember, i: number) => ({
      member: m === sleeper ? 'paused' : m === writer ? 'writer' : 'other',
      pausedMs: Date.now() - pausedAt > pauseMs ? pauseMs : Date.now() - pausedAt,
      overwriteMs,
      old: seen[i]!['value:"live"'] ?? 0,
      new: seen[i]!['value:"revoked"'] ?? 0,
      failed: Object.entries(seen[i]!).filter(([k]) => k.startsWith('error:')).reduce((n, [, c]) => n + c, 0),
    });
    console.table(members.map(row));
    for (const counts of seen) expect(counts['value:"live"'] ?? 0).toBe(0);
    // It comes back and serves the new values.
    await waitForAgreement(members, 20_000);
    for (const m of [sleeper, other]) expect(await m.call('get-many', { map: MAP, keys: KEYS })).toEqual(KEYS.map(() => 'revoked'));
  }, 60_000);
});

