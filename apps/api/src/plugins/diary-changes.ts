import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** What changed in a user's diary: readings, treatments (device events included) or a device's status. */
export type DiaryChangeKind = 'readings' | 'treatments' | 'device-status';

export interface DiaryChange {
  userId: string;
  kinds: DiaryChangeKind[];
  at: string;
}

/** The grid topic every instance announces changes on and listens to. */
export const DIARY_CHANGES_TOPIC = 'diary-changes';

declare module 'fastify' {
  interface FastifyInstance {
    diaryChanges: DiaryChanges;
  }
}

type Listener = (change: DiaryChange) => void;

/**
 * Live changes of a diary across instances: an upload stored on one instance is announced on the
 * grid's topic, and every instance tells the pages of that user it serves (see the live routes).
 * An announcement that cannot reach a member only costs that page its live update: the data is
 * stored, and the page shows it on its next load.
 */
export class DiaryChanges {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(private readonly app: FastifyInstance) {
    app.grid.getTopic<DiaryChange>(DIARY_CHANGES_TOPIC).subscribe((change) => {
      for (const listener of this.listeners.get(change.userId) ?? []) listener(change);
    });
  }

  /** Tells every instance; never fails the request that stored the change. */
  announce(userId: string, kinds: DiaryChangeKind[]): void {
    this.app.grid
      .getTopic<DiaryChange>(DIARY_CHANGES_TOPIC)
      .publish({ userId, kinds, at: new Date().toISOString() })
      .catch((error: unknown) => this.app.log.warn({ err: error }, 'a diary change could not be announced'));
  }

  /** Calls `listener` for each change of the user's diary, on any instance, until the returned function is called. */
  listen(userId: string, listener: Listener): () => void {
    const listeners = this.listeners.get(userId) ?? new Set();
    listeners.add(listener);
    this.listeners.set(userId, listeners);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.listeners.delete(userId);
    };
  }

  /** Pages of the user this instance serves live now. */
  listening(userId: string): number {
    return this.listeners.get(userId)?.size ?? 0;
  }
}

export const diaryChangesPlugin = fp(async (app: FastifyInstance) => void app.decorate('diaryChanges', new DiaryChanges(app)), {
  name: 'diary-changes',
  dependencies: ['grid'],
});
