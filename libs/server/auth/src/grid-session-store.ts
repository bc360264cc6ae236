import { GridError, type GridMap, type Member } from '@glucodiary/grid';
import type { DurableSessions } from './database-session-store';
import type { SessionRecord, SessionStore } from './session-store';

/** What the grid holds per session: enough to answer a check without the database. */
export interface LiveSession {
  userId: string;
  /** Epoch ms. */
  expiresAt: number;
  /** A revoked session stays in the grid as a tombstone until it would have expired. */
  revoked: boolean;
}

export const SESSIONS_MAP = 'sessions';

/**
 * Live sessions in the embedded grid, shared by every API instance; the database stays the
 * durable record. A check is answered from the member's own memory (near cache or owned
 * partition). Two rules keep a revoked session from ever coming back:
 *  - revocation writes the database, then a tombstone (not a delete) to the grid; the grid
 *    returns only after every member dropped its cached copy;
 *  - a read-through after a miss fills the grid with setIfAbsent, which cannot overwrite a
 *    tombstone written meanwhile, and then answers from what the grid holds.
 * While the member is degraded (below quorum) the grid may be stale: checks go to the database.
 */
export class GridSessionStore implements SessionStore {
  private readonly sessions: GridMap<string, LiveSession>;

  constructor(
    private readonly member: Member,
    private readonly database: DurableSessions,
  ) {
    this.sessions = member.getMap<string, LiveSession>(SESSIONS_MAP);
  }

  async open(userId: string, userAgent: string | undefined, ttlSeconds: number): Promise<SessionRecord> {
    const session = await this.database.open(userId, userAgent, ttlSeconds);
    await this.remember(session.id, { userId, expiresAt: session.expiresAt.getTime(), revoked: false });
    return session;
  }

  async isActive(sessionId: string, userId: string): Promise<boolean> {
    if (this.member.degraded) return this.database.isActive(sessionId, userId);
    let live: LiveSession | undefined;
    try {
      live = (await this.sessions.get(sessionId)) ?? (await this.readThrough(sessionId));
    } catch (error) {
      // The grid cannot answer (e.g. it lost quorum mid-call): ask the durable record, never fail open.
      if (error instanceof GridError) return this.database.isActive(sessionId, userId);
      throw error;
    }
    return live !== undefined && !live.revoked && live.userId === userId && live.expiresAt > Date.now();
  }

  async revoke(sessionId: string): Promise<void> {
    await this.database.revoke(sessionId);
    const session = await this.database.find(sessionId);
    if (session) await this.bury(session);
  }

  async revokeAll(userId: string, keep?: string): Promise<number> {
    const revoked = await this.database.revokeAll(userId, keep);
    // Tombstones for every revoked session still unexpired, not only those revoked now: when an
    // earlier attempt revoked them in the database and then could not write the grid (below
    // quorum), this retry still ends them everywhere. Only revoked ones: a session opened
    // meanwhile, live in the database, is not buried in the grid.
    const toBury = await this.database.revokedUnexpired(userId, keep);
    await Promise.all(toBury.map((session) => this.bury(session)));
    return revoked;
  }

  /** Replaces whatever the grid holds for a revoked session with a tombstone. */
  private async bury(session: SessionRecord): Promise<void> {
    const expiresAt = session.expiresAt.getTime();
    await this.sessions.set(session.id, { userId: session.userId, expiresAt, revoked: true }, { ttlMs: ttlOf(expiresAt) });
  }

  /** A miss (a restart of every instance, an evicted entry): ask the database once, then the grid decides. */
  private async readThrough(sessionId: string): Promise<LiveSession | undefined> {
    const session = await this.database.find(sessionId);
    if (!session || session.expiresAt.getTime() <= Date.now()) return undefined;
    const live: LiveSession = { userId: session.userId, expiresAt: session.expiresAt.getTime(), revoked: session.revokedAt !== null };
    // Stored: it is the grid's answer. Not stored: the grid holds something newer (e.g. a tombstone), which decides.
    return (await this.remember(sessionId, live)) ? live : this.sessions.get(sessionId);
  }

  /** Stores the session unless the grid already holds an entry for it; true if stored. */
  private remember(sessionId: string, session: LiveSession): Promise<boolean> {
    return this.sessions.setIfAbsent(sessionId, session, { ttlMs: ttlOf(session.expiresAt) });
  }
}

/** A grid entry lives as long as the session could be used, and at least a moment. */
function ttlOf(expiresAt: number): number {
  return Math.max(1000, expiresAt - Date.now());
}
