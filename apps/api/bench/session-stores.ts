import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSessionStore, SessionEndedError, type DurableSessions, type SessionStore } from '@glucodiary/server-auth';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';

export const VARIANTS = ['signature', 'grid', 'database', 'redis'] as const;
export type Variant = (typeof VARIANTS)[number];

/** The Redis key of a session in the Redis variant (the benchmark writes it after signing in). */
export const redisSessionKey = (sessionId: string) => `session:${sessionId}`;

/**
 * Wraps the durable session store so every call that reaches the database is counted; the
 * counts go to `<countDir>/queries-<variant>-<pid>` for the benchmark to read.
 */
export function countingDatabase(app: FastifyInstance, variant: Variant, countDir: string): DurableSessions {
  const database = new DatabaseSessionStore(app.db);
  let queries = 0;
  setInterval(() => writeFileSync(join(countDir, `queries-${variant}-${process.pid}`), String(queries)), 200).unref();
  const counted =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A) => {
      queries += 1;
      return call(...args);
    };
  return {
    open: counted(database.open.bind(database)),
    isActive: counted(database.isActive.bind(database)),
    revoke: counted(database.revoke.bind(database)),
    revokeAll: counted(database.revokeAll.bind(database)),
    revokedUnexpired: counted(database.revokedUnexpired.bind(database)),
    revokedSince: counted(database.revokedSince.bind(database)),
    find: counted(database.find.bind(database)),
  };
}

type SessionCheck = SessionStore['isActive'];

/**
 * The onRequest hook of a variant. "grid" is the product's own hook (`app.authenticate`, whose
 * store is the grid); the others do what it does with another session check in its place.
 */
export function authenticateWith(app: FastifyInstance, variant: Variant, countDir: string): (request: FastifyRequest) => Promise<void> {
  if (variant === 'grid') return app.authenticate;
  const isActive = sessionCheck(app, variant, countDir);
  return async (request) => {
    await request.jwtVerify();
    const { id, sessionId } = request.user;
    if (typeof id !== 'string' || typeof sessionId !== 'string' || !(await isActive(sessionId, id))) throw new SessionEndedError();
  };
}

function sessionCheck(app: FastifyInstance, variant: Exclude<Variant, 'grid'>, countDir: string): SessionCheck {
  switch (variant) {
    case 'signature':
      // The upper bound: a valid signature and expiry are all that is checked.
      return async () => true;
    case 'database': {
      const database = countingDatabase(app, variant, countDir);
      return (sessionId, userId) => database.isActive(sessionId, userId);
    }
    case 'redis': {
      const redis = new Redis(process.env['BENCH_REDIS_URL'] || 'redis://127.0.0.1:6379', { lazyConnect: false });
      app.addHook('onClose', async () => void redis.quit());
      return async (sessionId, userId) => (await redis.get(redisSessionKey(sessionId))) === userId;
    }
  }
}
