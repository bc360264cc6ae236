import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@glucodiary/db';
import type { SessionRecord, SessionStore } from './session-store';

export interface DurableSession extends SessionRecord {
  revokedAt: Date | null;
}

/** The durable record of sessions, which the grid reads through to. */
export interface DurableSessions extends SessionStore {
  find(sessionId: string): Promise<DurableSession | null>;
  /** The user's revoked sessions that have not expired yet (but `keep`): what a cache must refuse. */
  revokedUnexpired(userId: string, keep?: string): Promise<SessionRecord[]>;
  /** Every account's sessions revoked since `since` that have not expired yet (rare: after the grid was below quorum). */
  revokedSince(since: Date): Promise<SessionRecord[]>;
}

/** Sessions checked by a database query on every request: the durable record, and the fallback. */
export class DatabaseSessionStore implements DurableSessions {
  constructor(private readonly db: PrismaClient) {}

  async open(userId: string, userAgent: string | undefined, ttlSeconds: number): Promise<SessionRecord> {
    const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
    return this.db.session.create({
      data: { id: randomUUID(), userId, userAgent: userAgent?.slice(0, 300), expiresAt },
      select: { id: true, userId: true, expiresAt: true },
    });
  }

  async isActive(sessionId: string, userId: string): Promise<boolean> {
    const session = await this.find(sessionId);
    return session !== null && session.userId === userId && session.revokedAt === null && session.expiresAt > new Date();
  }

  async revoke(sessionId: string): Promise<void> {
    await this.db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
  }

  async revokeAll(userId: string, keep?: string): Promise<number> {
    const { count } = await this.db.session.updateMany({
      where: { userId, revokedAt: null, expiresAt: { gt: new Date() }, ...(keep && { id: { not: keep } }) },
      data: { revokedAt: new Date() },
    });
    return count;
  }

  revokedUnexpired(userId: string, keep?: string): Promise<SessionRecord[]> {
    return this.db.session.findMany({
      where: { userId, revokedAt: { not: null }, expiresAt: { gt: new Date() }, ...(keep && { id: { not: keep } }) },
      select: { id: true, userId: true, expiresAt: true },
    });
  }

  revokedSince(since: Date): Promise<SessionRecord[]> {
    return this.db.session.findMany({
      where: { revokedAt: { gte: since }, expiresAt: { gt: new Date() } },
      select: { id: true, userId: true, expiresAt: true },
    });
  }

  find(sessionId: string): Promise<DurableSession | null> {
    return this.db.session.findUnique({
      where: { id: sessionId },
      select: { id: true, userId: true, expiresAt: true, revokedAt: true },
    });
  }
}
