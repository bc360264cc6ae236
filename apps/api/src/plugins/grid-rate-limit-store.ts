import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import { GridError, type Member } from '@glucodiary/grid';

interface Counter {
  count: number;
  windowStart: number;
}

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** Attempts to win a contended counter before giving up (each loss means another instance counted). */
const MAX_ATTEMPTS = 50;
/** Counters this instance keeps on its own while the grid is below quorum; the oldest go first beyond this. */
const LOCAL_COUNTERS_MAX = 100_000;

/** Fixed-window counters in this process only: the fallback while the grid refuses writes. */
class LocalCounters {
  /** In the order their windows started (a new window re-inserts its key), each with its end. */
  private readonly counters = new Map<string, { count: number; endsAt: number }>();

  increment(key: string, timeWindow: number): { current: number; ttl: number } {
    const now = Date.now();
    const counter = this.counters.get(key);
    if (counter && counter.endsAt > now) {
      counter.count += 1;
      return { current: counter.count, ttl: counter.endsAt - now };
    }
    this.counters.delete(key);
    this.dropEnded(now);
    this.counters.set(key, { count: 1, endsAt: now + timeWindow });
    return { current: 1, ttl: timeWindow };
  }

  get size(): number {
    return this.counters.size;
  }

  clear(): void {
    this.counters.clear();
  }

  /** Drops the oldest windows that have ended, and beyond LOCAL_COUNTERS_MAX the oldest of all. */
  private dropEnded(now: number): void {
    for (const [key, counter] of this.counters) {
      if (counter.endsAt > now && this.counters.size < LOCAL_COUNTERS_MAX) break;
      this.counters.delete(key);
    }
  }
}

/**
 * A @fastify/rate-limit store whose counters live in the grid, so a limit holds across every
 * API instance: an attacker gains nothing by spreading attempts over instances. Counters are
 * fixed windows updated with compare-and-set, and expire with their window.
 *
 * Below quorum the grid refuses writes; sign-in must not stop with it (session checks fall
 * back to the database too), so each instance then counts on its own: still limited, if only
 * per instance, for as long as the cluster is split.
 */
export function gridRateLimitStore(member: Member) {
  const counters = member.getMap<string, Counter>('rate-limits');
  const local = new LocalCounters();

  async function count(key: string, timeWindow: number): Promise<{ current: number; ttl: number }> {
    if (member.degraded) return local.increment(key, timeWindow);
    try {
      const counted = await increment(key, timeWindow);
      if (local.size > 0) local.clear(); // the grid counts again, for every instance
      return counted;
    } catch (error) {
      if (error instanceof GridError) return local.increment(key, timeWindow);
      throw error;
    }
  }

  async function increment(key: string, timeWindow: number): Promise<{ current: number; ttl: number }> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const now = Date.now();
      const entry = await counters.getEntry(key);
      if (!entry || entry.value.windowStart + timeWindow <= now) {
        const fresh = { count: 1, windowStart: now };
        const stored = entry
          ? await counters.compareAndSet(key, entry.version, fresh, { ttlMs: timeWindow })
          : await counters.setIfAbsent(key, fresh, { ttlMs: timeWindow });
        if (stored) return { current: 1, ttl: timeWindow };
        continue;
      }
      const ttl = entry.value.windowStart + timeWindow - now;
      const next = { count: entry.value.count + 1, windowStart: entry.value.windowStart };
      if (await counters.compareAndSet(key, entry.version, next, { ttlMs: ttl })) return { current: next.count, ttl };
    }
    throw new Error(`rate-limit counter ${key} is too contended`);
  }

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
     */
    child(params: object): FastifyRateLimitStore {
      const route = (params as { routeInfo?: { method?: unknown; url?: string } }).routeInfo;
      return new GridRateLimitStore(params, route?.url ? `${String(route.method)} ${route.url}|` : '');
    }
  };
}
