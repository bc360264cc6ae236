import { writeFileSync } from 'node:fs';
import { DatabaseSessionStore, GridSessionStore, type DurableSessions, type SessionStore } from '@glucodiary/server-auth';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';

export const VARIANTS = ['signature', 'grid', 'database', 'redis'] as const;
export type Variant = (typeof VARIANTS)[number];

/** Counts every call that reaches the database, so the benchmark can report queries per request. */
function countingDatabase(database: DatabaseSessionStore, counter: { queries: number }): DurableSessions {
  const counted = <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A) => {
      counter.queries += 1;
      return call(...args);
    };
  return {
    open: counted(database.open.bind(database)),
    isActive: counted(database.isActive.bind(database)),
    revoke: counted(database.revoke.bind(database)),
    revokeAll: counted(database.revokeAll.bind(database)),
    revokeAllReturningIds: counted(database.revokeAllReturningIds.bind(database)),
    find: counted(database.find.bind(database)),
  };
}

/** The session check each variant measures; all keep the database as the durable record. */
export function sessionStoreFor(variant: Variant, app: FastifyInstance, countFile: string): SessionStore {
  const counter = { queries: 0 };
  setInterval(() => writeFileSync(countFile, String(counter.queries)), 200).unref();
  const database = countingDatabase(new DatabaseSessionStore(app.db), counter);
  switch (variant) {
    case 'grid':
      return new GridSessionStore(app.grid, database);
    case 'database':
      return database;
    case 'signature':
      // The upper bound: a valid signature and expiry are all that is checked.
      return { ...database, isActive: async () => true };
    case 'redis': {
      const redis = new Redis(process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379', { lazyConnect: false });
      app.addHook('onClose', async () => void redis.quit());
      return {
        ...database,
        async open(userId, userAgent, ttlSeconds) {
          const session = await database.open(userId, userAgent, ttlSeconds);
          await redis.set(`session:${session.id}`, userId, 'EX', ttlSeconds);
          return session;
        },
        async isActive(sessionId, userId) {
          return (await redis.get(`session:${sessionId}`)) === userId;
        },
        async revoke(sessionId) {
          await database.revoke(sessionId);
          await redis.del(`session:${sessionId}`);
        },
      };
    }
  }
}
