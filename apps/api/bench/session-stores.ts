import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSessionStore, SessionEndedError, type SessionStore } from '@glucodiary/server-auth';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';

export const VARIANTS = ['signature', 'grid', 'database', 'redis'] as const;
export type Variant = (typeof VARIANTS)[number];

/** The Redis key of a session in the Redis variant (the benchmark writes it after signing in). */
export const redisSessionKey = (sessionId: string) => `session:${sessionId}`;

/** DatabaseSessionStore's methods that send a query (`isActive` sends its one through `find`). */
const QUERYING_METHODS = ['open', 'find', 'revoke', 'revokeAll', 'revokedUnexpired', 'revokedSince'] as const;

/** The variant a database store serves: the benchmark's own stores say so; any other is the product's, behind the grid. */
const variantOf = new WeakMap<object, Variant>();

/**
 * Counts every query a DatabaseSessionStore sends, per variant, by wrapping the class's methods:
 * the product builds its own store (the grid's durable record), which the benchmark cannot hand
 * it, so it counts at the class, as statement-counter.ts counts at the drivers. The counts go to
 * `<countDir>/queries-<variant>-<pid>` for the benchmark to read.
 */
export function countSessionQueries(countDir: string): void {
  const counts = new Map<Variant, number>();
  const methods = DatabaseSessionStore.prototype as unknown as Record<(typeof QUERYING_METHODS)[number], (...args: unknown[]) => Promise<unknown>>;
  for (const name of QUERYING_METHODS) {
    const original = methods[name];
    methods[name] = function (this: object, ...args: unknown[]) {
      const variant = variantOf.get(this) ?? 'grid';
      counts.set(variant, (counts.get(variant) ?? 0) + 1);
      return original.apply(this, args);
    };
  }
  setInterval(() => {
    for (const [variant, queries] of counts) writeFileSync(join(countDir, `queries-${variant}-${process.pid}`), String(queries));
  }, 200).unref();
}

type SessionCheck = SessionStore['isActive'];

/**
 * The onRequest hook of a variant. "grid" is the product's own hook (`app.authenticate`, whose
 * store is the grid); the others do what it does with another session check in its place.
 */
export function authenticateWith(app: FastifyInstance, variant: Variant): (request: FastifyRequest) => Promise<void> {
  if (variant === 'grid') return app.authenticate;
  const isActive = sessionCheck(app, variant);
  return async (request) => {
    await request.jwtVerify();
    const { id, sessionId } = request.user;
    if (typeof id !== 'string' || typeof sessionId !== 'string' || !(await isActive(sessionId, id))) throw new SessionEndedError();
  };
}

function sessionCheck(app: FastifyInstance, variant: Exclude<Variant, 'grid'>): SessionCheck {
  switch (variant) {
    case 'signature':
      // The upper bound: a valid signature and expiry are all that is checked.
      return async () => true;
    case 'database': {
      const database = new DatabaseSessionStore(app.db);
      variantOf.set(database, variant);
      return (sessionId, userId) => database.isActive(sessionId, userId);
    }
    case 'redis': {
      const redis = new Redis(process.env['BENCH_REDIS_URL'] || 'redis://127.0.0.1:6379', { lazyConnect: false });
      app.addHook('onClose', async () => void redis.quit());
      return async (sessionId, userId) => (await redis.get(redisSessionKey(sessionId))) === userId;
    }
  }
}
