import type { Member } from '@glucodiary/grid';
import type { DurableSessions } from './database-session-store';
import { gridOrFallback } from './grid-or-fallback';
import { GridRevocableMap, type GridEntry } from './grid-revocable-map';
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
 * partition); see GridRevocableMap for the rules that keep a revoked session from coming back
 * and for when checks go to the database instead. Sign-in does not depend on the grid: a session
 * the grid could not take is read through from the database at its first check.
 */
export class GridSessionStore implements SessionStore {
  private readonly sessions: GridRevocableMap<LiveSession>;

  constructor(
    member: Member,
    private readonly database: DurableSessions,
  ) {
    this.sessions = new GridRevocableMap<LiveSession>(member, SESSIONS_MAP, async (since) => (await database.revokedSince(since)).map(entryOf(true)));
  }

  async open(userId: string, userAgent: string | undefined, ttlSeconds: number): Promise<SessionRecord> {
    const session = await this.database.open(userId, userAgent, ttlSeconds);
    // Below quorum, or a write not known to be durable: the database has it, and a read-through fills the grid later.
    await gridOrFallback(true, () => this.sessions.remember(entryOf(false)(session)), () => false);
    return session;
  }

  async isActive(sessionId: string, userId: string): Promise<boolean> {
    // When the grid cannot answer (e.g. it lost quorum mid-call): ask the durable record, never fail open.
    return gridOrFallback(
      this.sessions.trusted,
      async () => {
        const live = await this.sessions.lookup(sessionId, async () => {
          const session = await this.database.find(sessionId);
          if (!session || session.expiresAt.getTime() <= Date.now()) return undefined;
          return entryOf(session.revokedAt !== null)(session);
        });
        return live !== undefined && !live.revoked && live.userId === userId && live.expiresAt > Date.now();
      },
      () => this.database.isActive(sessionId, userId),
    );
  }

  async revoke(sessionId: string): Promise<void> {
    await this.database.revoke(sessionId);
    const session = await this.database.find(sessionId);
    if (session) await this.sessions.bury(entryOf(true)(session));
  }

  async revokeAll(userId: string, keep?: string): Promise<number> {
    const revoked = await this.database.revokeAll(userId, keep);
    // Tombstones for every revoked session still unexpired, not only those revoked now: when an
    // earlier attempt revoked them in the database and then could not write the grid (below
    // quorum), this retry still ends them everywhere. Only revoked ones: a session opened
    // meanwhile, live in the database, is not buried in the grid.
    const toBury = await this.database.revokedUnexpired(userId, keep);
    await Promise.all(toBury.map((session) => this.sessions.bury(entryOf(true)(session))));
    return revoked;
  }
}

/** A session's grid entry: it lives as long as the session could be used, and at least a moment. */
const entryOf =
  (revoked: boolean) =>
  (session: SessionRecord): GridEntry<LiveSession> => {
    const expiresAt = session.expiresAt.getTime();
    return { key: session.id, value: { userId: session.userId, expiresAt, revoked }, ttlMs: Math.max(1000, expiresAt - Date.now()) };
  };
