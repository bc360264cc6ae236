import { randomUUID } from 'node:crypto';
import type { Member } from '@glucodiary/grid';
import { gridOrFallback } from '@glucodiary/server-auth';
import { ImportInProgressError } from '../../core/errors';

/** A claim outlives a stuck import by this much at most (the largest file takes well under a minute). */
const CLAIM_TTL_MS = 10 * 60_000;

/**
 * One import per user at a time, on every instance: an import holds a claim in the grid while it
 * runs. Four parallel 20 MB uploads of one account could otherwise hold a server's CPU; a second
 * import of the same file would only find its readings already there. While the grid cannot take
 * the claim (below quorum), this instance counts on its own.
 */
export class ImportClaims {
  private readonly local = new Set<string>();

  constructor(private readonly member: Member) {}

  /** Claims the user's import slot, or throws ImportInProgressError; returns its release. */
  async claim(userId: string): Promise<() => Promise<void>> {
    const claims = this.member.getMap<string, string>('import-claims');
    const id = randomUUID();
    // Only our own claim: one that expired may have been taken by a newer import meanwhile.
    const releaseInGrid = async () => {
      const current = await claims.get(userId).catch(() => undefined);
      if (current === id) await claims.delete(userId).catch(() => false);
    };
    return gridOrFallback(
      true,
      async () => {
        if (!(await claims.setIfAbsent(userId, id, { ttlMs: CLAIM_TTL_MS }))) throw new ImportInProgressError();
        return releaseInGrid;
      },
      () => {
        if (this.local.has(userId)) throw new ImportInProgressError();
        this.local.add(userId);
        // The grid may have stored the claim after all (a timeout, a write not known to be durable): release it there too.
        return async () => {
          this.local.delete(userId);
          await releaseInGrid();
        };
      },
    );
  }
}
