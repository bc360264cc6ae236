import { GridError, type GridMap, type Member } from '@glucodiary/grid';

/** A credential as the grid holds it: a revoked one stays as a tombstone until it could no longer be used. */
export interface Revocable {
  revoked: boolean;
}

/** An entry to put in the grid, with how long it may live there. */
export interface GridEntry<V> {
  key: string;
  value: V;
  ttlMs: number;
}

/** Revocations this long before the grid was seen below quorum are buried again too (clocks, a revoke mid-flight). */
const MEND_MARGIN_MS = 60_000;
const MEND_RETRY_MS = 1000;

/**
 * Credentials (sessions, device secrets) in the embedded grid, checked from the member's own
 * memory while the durable record stays in the database. Two rules keep a revoked credential from
 * ever coming back:
 *  - revocation writes the database, then a tombstone (not a delete) to the grid; the grid
 *    returns only after every member dropped its cached copy;
 *  - a read-through after a miss fills the grid with setIfAbsent, which cannot overwrite a
 *    tombstone written meanwhile, and then answers from what the grid holds.
 * Whenever the member cannot vouch for its memory (below quorum, or without its lease: just
 * joined, paused, cut off) `trusted` is false and checks go to the database, which is always
 * right. A revocation while the grid is below quorum reaches only the database: when quorum
 * returns, `trusted` stays false until everything revoked meanwhile (on any instance) is buried.
 */
export class GridRevocableMap<V extends Revocable> {
  private readonly map: GridMap<string, V>;
  /** Set from the moment the grid was seen below quorum until what was revoked since is buried in it. */
  private unmendedSince: number | undefined;
  private mendTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly member: Member,
    mapName: string,
    /** The durable record's revocations since `since` that are still worth a tombstone. */
    private readonly revokedSince: (since: Date) => Promise<GridEntry<V>[]>,
  ) {
    this.map = member.getMap<string, V>(mapName);
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

  /** Whether a check may be answered from the grid; when not, ask the database. */
  get trusted(): boolean {
    return !this.member.degraded && this.member.leaseValid && this.unmendedSince === undefined;
  }

  /**
   * The grid's entry for `key`; on a miss (a restart of every instance, an evicted entry) the
   * durable record is asked once through `load`, and then the grid decides. Throws GridError
   * when the grid cannot answer: the caller asks the database, never failing open.
   */
  async lookup(key: string, load: () => Promise<GridEntry<V> | undefined>): Promise<V | undefined> {
    const live = await this.map.get(key);
    if (live !== undefined) return live;
    const entry = await load();
    if (!entry) return undefined;
    // Stored: it is the grid's answer. Not stored: the grid holds something newer (e.g. a tombstone), which decides.
    return (await this.remember(entry)) ? entry.value : this.map.get(key);
  }

  /** Stores the entry unless the grid already holds one for its key; true if stored. */
  remember({ key, value, ttlMs }: GridEntry<V>): Promise<boolean> {
    return this.map.setIfAbsent(key, value, { ttlMs });
  }

  /**
   * Replaces whatever the grid holds for a revoked credential with its tombstone. When the grid
   * cannot take it, checks go to the database until a mend buried it (the caller still hears of
   * the failure, and a retry finishes the job).
   */
  async bury({ key, value, ttlMs }: GridEntry<V>): Promise<void> {
    try {
      await this.map.set(key, { ...value, revoked: true }, { ttlMs });
    } catch (error) {
      if (error instanceof GridError && this.unmendedSince === undefined) {
        this.unmendedSince = Date.now();
        if (!this.member.degraded) this.scheduleMend();
      }
      throw error;
    }
  }

  /** Quorum is back: bury what was revoked while the grid could not take tombstones; retried until it worked. */
  private async mend(): Promise<void> {
    const since = this.unmendedSince;
    if (since === undefined || this.member.degraded) return;
    try {
      const revoked = await this.revokedSince(new Date(since - MEND_MARGIN_MS));
      await Promise.all(revoked.map((entry) => this.bury(entry)));
      if (!this.member.degraded && this.unmendedSince === since) this.unmendedSince = undefined;
    } catch {
      if (this.member.state !== 'stopped') this.scheduleMend();
    }
  }

  private scheduleMend(): void {
    clearTimeout(this.mendTimer);
    this.mendTimer = setTimeout(() => void this.mend(), MEND_RETRY_MS);
    this.mendTimer.unref();
  }
}
