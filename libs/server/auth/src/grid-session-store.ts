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

/** Revocations this long before the grid was seen below quorum are buried again too (clocks, a revoke mid-flight). */
const MEND_MARGIN_MS = 60_000;
const MEND_RETRY_MS = 1000;

/**
 * Live sessions in the embedded grid, shared by every API instance; the database stays the
 * durable record. A check is answered from the member's own memory (near cache or owned
 * partition). Two rules keep a revoked session from ever coming back:
 *  - revocation writes the database, then a tombstone (not a delete) to the grid; the grid
 *    returns only after every member dropped its cached copy;
 *  - a read-through after a miss fills the grid with setIfAbsent, which cannot overwrite a
 *    tombstone written meanwhile, and then answers from what the grid holds.
 * Whenever the member cannot vouch for its memory — below quorum, or without its lease (just
 * joined, paused, cut off: see the grid's *Leases*) — checks go to the database, which is always
 * right. Sign-in does not depend on the grid: a session the grid could not take is read through
 * from the database at its first check. A sign-out while the grid is below quorum reaches only the
 * database: when quorum returns, checks stay with the database until every session revoked
 * meanwhile (on any instance) is buried in the grid too.
 */
export class GridSessionStore implements SessionStore {
  private readonly sessions: GridMap<string, LiveSession>;
  /** Set from the moment the grid was seen below quorum until the sessions revoked since are buried in it. */
  private unmendedSince: number | undefined;
  private mendTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly member: Member,
    private readonly database: DurableSessions,
  ) {
    this.sessions = member.getMap<string, LiveSession>(SESSIONS_MAP);
    if (member.degraded) this.unmendedSince = Date.now();
    member.on('degraded', () => {
      clearTimeout(this.mendTimer);
      this.unmendedSince ??= Date.now();
    });
    member.on('recovered', () => void this.mend());
    member.on('state-changed', (state) => {
      if (state === 'stopped') clearTimeout(this.mendTimer);
    });
  }

  async open(userId: string, userAgent: string | undefined, ttlSeconds: number): Promise<SessionRecord> {
    const session = await this.database.open(userId, userAgent, ttlSeconds);
    try {
      await this.remember(session.id, { userId, expiresAt: session.expiresAt.getTime(), revoked: false });
    } catch (error) {
      // Below quorum, or a write not known to be durable: the database has it, and a read-through fills the grid later.
      if (!(error instanceof GridError)) throw error;
    }
    return session;
  }

  async isActive(sessionId: string, userId: string): Promise<boolean> {
    if (this.member.degraded || !this.member.leaseValid || this.unmendedSince !== undefined) return this.database.isActive(sessionId, userId);
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

  /** Quorum is back: bury what was revoked while the grid could not take tombstones; retried until it worked. */
  private async mend(): Promise<void> {
    const since = this.unmendedSince;
    if (since === undefined || this.member.degraded) return;
    try {
      const revoked = await this.database.revokedSince(new Date(since - MEND_MARGIN_MS));
      await Promise.all(revoked.map((session) => this.bury(session)));
      if (!this.member.degraded && this.unmendedSince === since) this.unmendedSince = undefined;
    } catch {
      if (this.member.state !== 'stopped') this.scheduleMend();
    }
  }

  /**
   * Replaces whatever the grid holds for a revoked session with a tombstone. When the grid cannot
   * take it, checks go to the database until a mend buried it (the caller still hears of the failure).
   */
  private async bury(session: SessionRecord): Promise<void> {
    const expiresAt = session.expiresAt.getTime();
    try {
      await this.sessions.set(session.id, { userId: session.userId, expiresAt, revoked: true }, { ttlMs: ttlOf(expiresAt) });
    } catch (error) {
      if (error instanceof GridError && this.unmendedSince === undefined) {
        this.unmendedSince = Date.now();
        if (!this.member.degraded) this.scheduleMend();
      }
      throw error;
    }
  }

  private scheduleMend(): void {
    clearTimeout(this.mendTimer);
    this.mendTimer = setTimeout(() => void this.mend(), MEND_RETRY_MS);
    this.mendTimer.unref();
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
