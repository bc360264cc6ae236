import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import type { Member } from '@glucodiary/grid';
import { gridRecords } from './grid-records';

interface Counter {
  count: number;
  windowStart: number;
}

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A @fastify/rate-limit store whose counters live in the grid, so a limit holds across every
 * API instance: an attacker gains nothing by spreading attempts over instances. Counters are
 * fixed windows updated with compare-and-set, and expire with their window; below quorum each
 * instance counts on its own (see gridRecords).
 */
export function gridRateLimitStore(member: Member) {
  const counters = gridRecords<Counter>(member, 'rate-limits');

  const count = (key: string, timeWindow: number) =>
    counters.update(key, (counter, now) => {
      if (!counter || counter.windowStart + timeWindow <= now) {
        return { value: { count: 1, windowStart: now }, ttlMs: timeWindow, result: { current: 1, ttl: timeWindow } };
      }
      const ttl = counter.windowStart + timeWindow - now;
      const next = { count: counter.count + 1, windowStart: counter.windowStart };
      return { value: next, ttlMs: ttl, result: { current: next.count, ttl } };
    });

  return class GridRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options: unknown,
      private readonly prefix = '',
    ) {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      count(this.prefix + key, timeWindow).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
    }

    /**
     * One counter per route and key: sign-in attempts do not use up registrations. (The plugin
     * passes its merged options, with the route under `routeInfo`, whatever its types say.)
     * Limiters made with `createRateLimit` have no route: their keys carry their own prefix.
     */
    child(params: object): FastifyRateLimitStore {
      const route = (params as { routeInfo?: { method?: unknown; url?: string } }).routeInfo;
      return new GridRateLimitStore(params, route?.url ? `${String(route.method)} ${route.url}|` : '');
    }
  };
}
