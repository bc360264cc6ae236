import type { PrismaClient } from '@glucodiary/db';
import type { GridDeviceSecrets, SessionStore } from '@glucodiary/server-auth';
import { AccountBusyError } from '../../core/errors';

/** Rounds of "end every session, then remove the rows" before giving up on sign-ins that keep arriving. */
const DELETION_ROUNDS = 3;
/** Prisma's default of 5 s for an interactive transaction is short for a diary of years (200,000 readings). */
const DELETION_TIMEOUT_MS = 60_000;

/**
 * Removes an account and everything it holds. Its sessions and device secrets end first, through their stores
 * (tombstones in the grid, so every instance refuses their tokens from then on), and only then
 * do the rows go: a session deleted without its tombstone would stay live in the grid until
 * its access token expired. A failure before the rows go (e.g. the grid below quorum) leaves
 * the account whole, signed out everywhere; repeating the deletion finishes it.
 */
export class AccountDeletion {
  constructor(
    private readonly db: PrismaClient,
    private readonly sessions: SessionStore,
    private readonly devices: Pick<GridDeviceSecrets, 'revokeAll'>,
  ) {}

  async delete(userId: string): Promise<void> {
    for (let round = 0; round < DELETION_ROUNDS; round++) {
      await this.sessions.revokeAll(userId);
      await this.devices.revokeAll(userId);
      if (await this.removeRows(userId)) return;
    }
    throw new AccountBusyError();
  }

  /**
   * Deletes the user's rows in one transaction; false, deleting nothing, when a sign-in opened a
   * session after revokeAll (it must get its tombstone first). The user's row is locked before the
   * sessions are counted: changing its unique email takes the lock a new session's foreign-key
   * check waits for on PostgreSQL (SQLite's writer lock covers the whole file), so no session can
   * appear between the count and the deletion. Children go explicitly, not only by cascade: SQLite
   * enforces foreign keys only when the connection asks it to.
   */
  private removeRows(userId: string): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const { count: found } = await tx.user.updateMany({ where: { id: userId }, data: { email: `${userId}@deleted.invalid` } });
      if (found === 0) return true; // deleted meanwhile, e.g. by the same request sent twice
      const stillLive =
        (await tx.session.count({ where: { userId, revokedAt: null, expiresAt: { gt: new Date() } } })) +
        (await tx.device.count({ where: { userId, revokedAt: null } }));
      if (stillLive > 0) throw new SessionOpenedMeanwhile();
      await tx.refreshToken.deleteMany({ where: { session: { userId } } });
      await tx.session.deleteMany({ where: { userId } });
      await tx.reading.deleteMany({ where: { userId } });
      await tx.treatment.deleteMany({ where: { userId } });
      await tx.device.deleteMany({ where: { userId } });
      await tx.import.deleteMany({ where: { userId } });
      await tx.importUpload.deleteMany({ where: { userId } });
      await tx.activationToken.deleteMany({ where: { userId } });
      await tx.user.delete({ where: { id: userId } });
      return true;
    }, { timeout: DELETION_TIMEOUT_MS }).catch((error: unknown) => {
      if (error instanceof SessionOpenedMeanwhile) return false;
      throw error;
    });
  }
}

/** Rolls the deletion's transaction back (the changed email with it) so that the session can be ended first. */
class SessionOpenedMeanwhile extends Error {}
