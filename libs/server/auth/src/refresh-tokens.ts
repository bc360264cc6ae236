import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient, User } from '@glucodiary/db';

export type RefreshOutcome =
  /** `user` is read with the token, so the caller can answer with the profile without another query. */
  | { kind: 'rotated'; sessionId: string; user: User; refreshToken: string; expiresAt: Date }
  | { kind: 'reused'; sessionId: string }
  | { kind: 'invalid' };

/** Refresh tokens are 256 random bits; only their SHA-256 is stored (enough for tokens this strong). */
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Rotating, single-use refresh tokens. A used token presented again means it was copied: the
 * caller revokes the whole session, which ends the thief's and the owner's tokens alike.
 */
export class RefreshTokens {
  constructor(private readonly db: PrismaClient) {}

  /** A new token for the session; `db` may be a transaction the issue belongs to. */
  async issue(sessionId: string, db: Pick<PrismaClient, 'refreshToken'> = this.db): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await db.refreshToken.create({ data: { tokenHash: hashOf(token), sessionId } });
    return token;
  }

  async rotate(token: string, now = new Date()): Promise<RefreshOutcome> {
    const stored = await this.db.refreshToken.findUnique({
      where: { tokenHash: hashOf(token) },
      select: { tokenHash: true, usedAt: true, session: { select: { id: true, expiresAt: true, revokedAt: true, user: true } } },
    });
    if (!stored) return { kind: 'invalid' };
    const { session } = stored;
    if (stored.usedAt) return { kind: 'reused', sessionId: session.id };
    if (session.revokedAt || session.expiresAt <= now) return { kind: 'invalid' };
    // Claim, touch and issue together: a failure in between leaves the token unused, so the
    // client's retry is not taken for a copied token (which would end the session).
    const next = await this.db.$transaction(async (tx) => {
      // Only one of two concurrent uses can flip usedAt; the other is treated as reuse.
      const { count } = await tx.refreshToken.updateMany({ where: { tokenHash: stored.tokenHash, usedAt: null }, data: { usedAt: now } });
      if (count !== 1) return null;
      await tx.session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
      return this.issue(session.id, tx);
    });
    if (next === null) return { kind: 'reused', sessionId: session.id };
    return { kind: 'rotated', sessionId: session.id, user: session.user, refreshToken: next, expiresAt: session.expiresAt };
  }
}
