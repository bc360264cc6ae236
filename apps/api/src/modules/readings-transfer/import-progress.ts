import type { ImportProgress } from '@glucodiary/contracts';
import type { Member } from '@glucodiary/grid';

/** A commit tells its progress at least this often; an entry outlives a crashed one by this much. */
const PROGRESS_TTL_MS = 2 * 60_000;

/**
 * Where a running commit tells how far it has come, and where a Cancel reaches it: in the grid,
 * so the browser's polls and its Cancel may land on any instance. Best effort: while the grid
 * cannot answer, progress is unknown and a Cancel reaches a commit on this instance only.
 */
export class ImportProgressBoard {
  private readonly localCancels = new Set<string>();

  constructor(private readonly member: Member) {}

  private get progress() {
    return this.member.getMap<string, ImportProgress>('import-progress');
  }

  private get cancels() {
    return this.member.getMap<string, boolean>('import-cancels');
  }

  async tell(userId: string, uploadId: string, progress: ImportProgress): Promise<void> {
    await this.progress.set(keyOf(userId, uploadId), progress, { ttlMs: PROGRESS_TTL_MS }).catch(() => undefined);
  }

  async read(userId: string, uploadId: string): Promise<ImportProgress | undefined> {
    return this.progress.get(keyOf(userId, uploadId)).catch(() => undefined);
  }

  async cancel(userId: string, uploadId: string): Promise<void> {
    const key = keyOf(userId, uploadId);
    this.localCancels.add(key);
    await this.cancels.set(key, true, { ttlMs: PROGRESS_TTL_MS }).catch(() => undefined);
  }

  async isCancelled(userId: string, uploadId: string): Promise<boolean> {
    const key = keyOf(userId, uploadId);
    if (this.localCancels.has(key)) return true;
    return (await this.cancels.get(key).catch(() => undefined)) === true;
  }

  /** After a commit ends, whichever way. */
  async finished(userId: string, uploadId: string): Promise<void> {
    const key = keyOf(userId, uploadId);
    this.localCancels.delete(key);
    await Promise.all([this.progress.delete(key).catch(() => false), this.cancels.delete(key).catch(() => false)]);
  }
}

const keyOf = (userId: string, uploadId: string) => `${userId}:${uploadId}`;
