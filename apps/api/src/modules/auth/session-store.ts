import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@glucodiary/db';

export interface SessionRecord {
  id: string;
  userId: string;
  expiresAt: Date;
}

/**
 * Where live sessions are kept and checked. This implementation asks the database on every
 * check; the embedded grid replaces it behind the same interface so checks stay in memory.
 */
export interface SessionStore {
  open(userId: string, userAgent: string | undefined, ttlSeconds: number): Promise<SessionRecord>;
  isActive(sessionId: string, userId: string): Promise<boolean>;
  revoke(sessionId: string): Promise<void>;
}

export class DatabaseSessionStore implements SessionStore {
  constructor(private readonly db: PrismaClient) {}

  async open(userId: string, userAgent: string | undefined, ttlSeconds: number): Promise<SessionRecord> {
    const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
    return this.db.session.create({
      data: { id: randomUUID(), userId, userAgent: userAgent?.slice(0, 300), expiresAt },
      select: { id: true, userId: true, expiresAt: true },
    });
  }

  async isActive(sessionId: string, userId: string): Promise<boolean> {
    const session = await this.db.session.findUnique({
      where: { id: sessionId },
      select: { userId: true, expiresAt: true, revokedAt: true },
    });
    return session !== null && session.userId === userId && session.revokedAt === null && session.expiresAt > new Date();
  }

  async revoke(sessionId: string): Promise<void> {
    await this.db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
  }
}
