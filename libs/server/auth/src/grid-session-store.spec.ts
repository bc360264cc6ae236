import { randomUUID } from 'node:crypto';
import { createMember, silentLogger, type Member } from '@glucodiary/grid';
import type { DurableSession, DurableSessions } from './database-session-store';
import { GridSessionStore, SESSIONS_MAP, type LiveSession } from './grid-session-store';
import type { SessionRecord } from './session-store';

/** The durable record in memory, counting its queries, with a gate to hold a read mid-flight. */
class CountingSessions implements DurableSessions {
  readonly rows = new Map<string, DurableSession>();
  queries = 0;
  gate: Promise<void> | null = null;

  async open(userId: string, _userAgent: string | undefined, ttlSeconds: number): Promise<SessionRecord> {
    const row = { id: randomUUID(), userId, expiresAt: new Date(Date.now() + ttlSeconds * 1000), revokedAt: null };
    this.rows.set(row.id, row);
    return row;
  }

  async isActive(sessionId: string, userId: string): Promise<boolean> {
    const row = await this.find(sessionId);
    return row !== null && row.userId === userId && row.revokedAt === null && row.expiresAt > new Date();
  }

  async revoke(sessionId: string): Promise<void> {
    this.queries += 1;
    const row = this.rows.get(sessionId);
    if (row && !row.revokedAt) row.revokedAt = new Date();
  }

  async revokeAll(userId: string, keep?: string): Promise<number> {
    this.queries += 1;
    const rows = [...this.rows.values()].filter((row) => row.userId === userId && !row.revokedAt && row.id !== keep);
    for (const row of rows) row.revokedAt = new Date();
    return rows.length;
  }

  async revokedUnexpired(userId: string, keep?: string): Promise<SessionRecord[]> {
    this.queries += 1;
    const rows = [...this.rows.values()].filter((row) => row.userId === userId && row.revokedAt && row.expiresAt > new Date() && row.id !== keep);
    return rows.map(({ id, userId: owner, expiresAt }) => ({ id, userId: owner, expiresAt }));
  }

  async revokedSince(since: Date): Promise<SessionRecord[]> {
    this.queries += 1;
    const rows = [...this.rows.values()].filter((row) => row.revokedAt && row.revokedAt >= since && row.expiresAt > new Date());
    return rows.map(({ id, userId: owner, expiresAt }) => ({ id, userId: owner, expiresAt }));
  }

  async find(sessionId: string): Promise<DurableSession | null> {
    this.queries += 1;
    const row = this.rows.get(sessionId);
    const snapshot = row ? { ...row } : null;
    if (this.gate) await this.gate;
    return snapshot;
  }
}

const SECRET = 'grid-session-store-test-secret';

/** A member with fast failure detection; `seed` is a member of the cluster to join (none: found one). */
function addMember(seed: Member | undefined, minClusterSize: number): Promise<Member> {
  return createMember({
    clusterSecret: SECRET,
    port: 0,
    ...(seed && { seeds: [seed.address] }),
    minClusterSize,
    heartbeatIntervalMs: 200,
    heartbeatTimeoutMs: 2000,
    maps: { [SESSIONS_MAP]: { nearCache: {} } },
    logger: silentLogger,
  });
}

async function startCluster(size: number, minClusterSize = 1): Promise<Member[]> {
  const members = [await addMember(undefined, minClusterSize)];
  for (let i = 1; i < size; i++) members.push(await addMember(members[0], minClusterSize));
  return members;
}

describe('sessions in the grid', () => {
  let members: Member[];
  let durable: CountingSessions;
  let stores: GridSessionStore[];

  beforeEach(async () => {
    members = await startCluster(3);
    durable = new CountingSessions();
    stores = members.map((member) => new GridSessionStore(member, durable));
  });
  afterEach(async () => {
    await Promise.all(members.map((member) => member.stop()));
  });

  it('a session opened on one instance is accepted on every other, for its own user only', async () => {
    const session = await stores[0]!.open('user-1', 'test', 900);
    for (const store of stores) {
      expect(await store.isActive(session.id, 'user-1')).toBe(true);
      expect(await store.isActive(session.id, 'user-2')).toBe(false);
    }
  });

  it('once a sign-out on one instance returns, every instance refuses the session at once', async () => {
    const session = await stores[0]!.open('user-1', 'test', 900);
    // Warm every instance's local copy first: revocation must reach caches, not just the owner.
    for (const store of stores) expect(await store.isActive(session.id, 'user-1')).toBe(true);
    await stores[1]!.revoke(session.id);
    for (const store of stores) expect(await store.isActive(session.id, 'user-1')).toBe(false);
    expect(durable.rows.get(session.id)?.revokedAt).not.toBeNull();
  });

  it('signing out everywhere else ends every other session of the user on every instance', async () => {
    const kept = await stores[0]!.open('user-1', 'phone', 900);
    const others = [await stores[1]!.open('user-1', 'laptop', 900), await stores[2]!.open('user-1', 'tablet', 900)];
    const stranger = await stores[0]!.open('user-2', 'laptop', 900);
    for (const store of stores) for (const session of others) expect(await store.isActive(session.id, 'user-1')).toBe(true);
    const queriesBefore = durable.queries;
    expect(await stores[2]!.revokeAll('user-1', kept.id)).toBe(2);
    // Two durable queries however many sessions it ends: the update, then the sessions to bury.
    expect(durable.queries - queriesBefore).toBe(2);
    for (const store of stores) {
      expect(await store.isActive(kept.id, 'user-1')).toBe(true);
      expect(await store.isActive(stranger.id, 'user-2')).toBe(true);
      for (const session of others) expect(await store.isActive(session.id, 'user-1')).toBe(false);
    }
  });

  it('a retry of a sign-out everywhere that revoked the database but not the grid ends the sessions everywhere', async () => {
    const kept = await stores[0]!.open('user-1', 'phone', 900);
    const other = await stores[1]!.open('user-1', 'laptop', 900);
    for (const store of stores) expect(await store.isActive(other.id, 'user-1')).toBe(true);
    // The first attempt: the database revoked, then the grid refused the tombstones (below quorum).
    await durable.revokeAll('user-1', kept.id);
    expect(await stores[2]!.isActive(other.id, 'user-1')).toBe(true); // the grid still holds it live
    expect(await stores[2]!.revokeAll('user-1', kept.id)).toBe(0); // nothing left to revoke in the database...
    for (const store of stores) expect(await store.isActive(other.id, 'user-1')).toBe(false); // ...but the grid now refuses it
    for (const store of stores) expect(await store.isActive(kept.id, 'user-1')).toBe(true);
  });

  it('answers checks from memory: no database query per request once warm', async () => {
    const session = await stores[0]!.open('user-1', 'test', 900);
    for (const store of stores) await store.isActive(session.id, 'user-1');
    const before = durable.queries;
    for (let round = 0; round < 50; round++) {
      for (const store of stores) expect(await store.isActive(session.id, 'user-1')).toBe(true);
    }
    expect(durable.queries).toBe(before);
  });

  it('a revocation during another instance read-through is never undone by that stale read', async () => {
    const session = await stores[0]!.open('user-1', 'test', 900);
    // As after a restart of every instance: the grid no longer knows the session.
    await members[0]!.getMap(SESSIONS_MAP).delete(session.id);

    let release!: () => void;
    durable.gate = new Promise<void>((resolve) => (release = resolve));
    const staleCheck = stores[2]!.isActive(session.id, 'user-1'); // reads the row while it is still active…
    await vi.waitFor(() => expect(durable.queries).toBeGreaterThan(0));
    durable.gate = null;
    await stores[0]!.revoke(session.id); // …while another instance revokes it, and returns.
    release();

    expect(await staleCheck).toBe(false);
    for (const store of stores) expect(await store.isActive(session.id, 'user-1')).toBe(false);
  });

  it('after every instance restarted, live sessions are read through from the database and revoked ones stay refused', async () => {
    const live = await stores[0]!.open('user-1', 'test', 900);
    const revoked = await stores[0]!.open('user-1', 'test', 900);
    await stores[1]!.revoke(revoked.id);
    await Promise.all(members.map((member) => member.stop()));

    members = await startCluster(2);
    stores = members.map((member) => new GridSessionStore(member, durable));
    expect(await stores[0]!.isActive(live.id, 'user-1')).toBe(true);
    expect(await stores[1]!.isActive(live.id, 'user-1')).toBe(true);
    expect(await stores[1]!.isActive(revoked.id, 'user-1')).toBe(false);
  });
});

describe('sessions when the grid is below quorum', () => {
  it('checks go to the database, so a revoked session is still refused (never fail open)', async () => {
    const [member] = await startCluster(1, 2);
    try {
      expect(member!.degraded).toBe(true);
      const durable = new CountingSessions();
      const store = new GridSessionStore(member!, durable);
      const session = await durable.open('user-1', 'test', 900);
      expect(await store.isActive(session.id, 'user-1')).toBe(true);
      const before = durable.queries;
      await durable.revoke(session.id);
      expect(await store.isActive(session.id, 'user-1')).toBe(false);
      expect(durable.queries).toBeGreaterThan(before);
    } finally {
      await member!.stop();
    }
  });

  // The sign-out itself fails (the caller hears QUORUM): other instances refuse the session once
  // the mend has buried it, the instance that took the sign-out refuses it throughout.
  it('a sign-out while below quorum reaches the grid when quorum returns: its instance never takes the session back, no instance does after the mend', async () => {
    const members = await startCluster(2, 2);
    const durable = new CountingSessions();
    try {
      const stores = members.map((member) => new GridSessionStore(member, durable));
      const session = await stores[0]!.open('user-1', 'test', 900);
      for (const store of stores) expect(await store.isActive(session.id, 'user-1')).toBe(true); // live in the grid
      const degraded = new Promise((resolve) => members[0]!.once('degraded', resolve));
      await members[1]!.stop();
      await degraded;
      await expect(stores[0]!.revoke(session.id)).rejects.toMatchObject({ code: 'QUORUM' }); // the database has it, the grid not
      expect(await stores[0]!.isActive(session.id, 'user-1')).toBe(false);

      const recovered = new Promise((resolve) => members[0]!.once('recovered', resolve));
      members.push(await addMember(members[0]!, 2));
      await recovered;
      const rejoined = new GridSessionStore(members[2]!, durable);
      const grid = members[2]!.getMap<string, LiveSession>(SESSIONS_MAP);
      let mended = false;
      for (let i = 0; i < 200 && !mended; i++) {
        expect(await stores[0]!.isActive(session.id, 'user-1')).toBe(false);
        mended = (await grid.get(session.id))?.revoked === true;
        if (!mended) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(mended).toBe(true); // the grid itself now holds the tombstone
      for (let i = 0; i < 20; i++) {
        expect(await stores[0]!.isActive(session.id, 'user-1')).toBe(false);
        expect(await rejoined.isActive(session.id, 'user-1')).toBe(false);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    } finally {
      await Promise.all(members.map((member) => member.stop()));
    }
  });

  it('sign-in still opens sessions (the grid refuses the write; the database has it) and checks accept them', async () => {
    const [member] = await startCluster(1, 2);
    try {
      const durable = new CountingSessions();
      const store = new GridSessionStore(member!, durable);
      const session = await store.open('user-1', 'test', 900);
      expect(durable.rows.has(session.id)).toBe(true);
      expect(await store.isActive(session.id, 'user-1')).toBe(true);
      await expect(store.revoke(session.id)).rejects.toMatchObject({ code: 'QUORUM' }); // the database is revoked, the grid refuses the tombstone
      expect(await store.isActive(session.id, 'user-1')).toBe(false);
    } finally {
      await member!.stop();
    }
  });
});
