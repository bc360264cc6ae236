import type { Member } from '@glucodiary/grid';
import { setTimeout as sleep } from 'node:timers/promises';
import { gridRecords, type GridRecords } from '../../plugins/grid-records';

/** How an account under attack slows down. Production takes the defaults; tests shorten them. */
export interface LoginThrottleSettings {
  /** Once the free failures are used up, the account takes one attempt per this long; it doubles with every further failure. */
  baseDelayMs: number;
  /** The longest slot. */
  maxDelayMs: number;
  /** An attempt whose turn would come later than this is refused with 429 instead of queued. */
  maxWaitMs: number;
  /** How long a client address stays known for an account after a successful sign-in from it. */
  knownClientTtlMs: number;
}

export const DEFAULT_LOGIN_THROTTLE: Omit<LoginThrottleSettings, 'knownClientTtlMs'> = {
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxWaitMs: 10_000,
};

/** Failed password checks of one account in the current window, and when the next attempt's turn comes. */
interface ThrottleState {
  failures: number;
  windowStart: number;
  /** When the next free slot starts (ms): the ones before are taken, or the wait after the last failure runs. */
  notBefore: number;
}

/** The sign-in limit: attempts per address and account per window. `throttle` is for tests (small delays); production takes DEFAULT_LOGIN_THROTTLE. */
export interface LoginRateLimit {
  max: number;
  windowMs: number;
  throttle?: Partial<LoginThrottleSettings>;
}

/** Failed password checks an account takes per window before its throttle slows attempts down, as a multiple of the sign-in limit. */
const ACCOUNT_FREE_FAILURES_FACTOR = 3;
/** How long an account's failed password checks count towards its throttle. */
const ACCOUNT_WINDOW_MS = 15 * 60_000;

/** The sign-in throttle of every account, scaled to the sign-in limit; an address stays known as long as a session lasts. */
export function signInThrottle(member: Member, limit: LoginRateLimit, sessionTtlSeconds: number): AccountThrottle {
  return new AccountThrottle(member, {
    ...DEFAULT_LOGIN_THROTTLE,
    knownClientTtlMs: sessionTtlSeconds * 1000,
    ...limit.throttle,
    freeFailures: limit.max * ACCOUNT_FREE_FAILURES_FACTOR,
    // Failures at one account are remembered far longer than an address's attempts: the slow-down must not start over every minute.
    windowMs: Math.max(limit.windowMs, ACCOUNT_WINDOW_MS),
  });
}

export type Admission = { admitted: true } | { admitted: false; retryAfterSeconds: number };

/**
 * Slows down password guessing at one account, from whatever addresses, instead of locking the
 * account: its owner still signs in, at once from an address they signed in from before,
 * elsewhere after a wait. Only attempts that reach the password check count (unknown emails
 * alike, so the answers reveal no account). Within a window the first `freeFailures` failures
 * cost nothing. After them the account takes one attempt per time slot: a slot lasts
 * `baseDelayMs`, doubling with every further failure up to `maxDelayMs`, and the next one starts
 * no sooner than a slot after the last failure. An attempt waits for the next free slot, reserved
 * in the grid so that parallel guesses (on any instance) take one slot each, and is refused with
 * 429 when that slot is more than `maxWaitMs` away; once the guessing stops, the queue drains
 * within a slot. A client address the account signed in from successfully (within
 * `knownClientTtlMs`) skips the wait. A success does not reset the failures: an attacker must not
 * win free guesses back by also signing in to the account.
 */
export class AccountThrottle {
  private readonly states: GridRecords<ThrottleState>;
  private readonly knownClients: GridRecords<true>;

  constructor(
    member: Member,
    private readonly settings: LoginThrottleSettings & { freeFailures: number; windowMs: number },
  ) {
    this.states = gridRecords<ThrottleState>(member, 'sign-in-throttle');
    this.knownClients = gridRecords<true>(member, 'sign-in-known-clients');
  }

  /**
   * Admits an attempt to the password check, counting it as a failure already (in the same
   * compare-and-set that reserves its slot): counted only after the check, parallel attempts
   * would all pass as free ones. `succeeded` gives a right password its count back. Waits for the
   * attempt's slot unless the account is not under attack or the client is known.
   */
  async admit(account: string, client: string): Promise<Admission> {
    const { freeFailures, maxWaitMs } = this.settings;
    const known = await this.isKnown(account, client);
    const turn = await this.states.update<{ waitMs: number } | { refusedForMs: number }>(account, (stored, now) => {
      const current = this.current(stored, now);
      const failures = current.failures + 1;
      if (failures <= freeFailures || known) {
        // The last free failure opens the throttle: the next attempt waits a slot after it.
        const notBefore = failures < freeFailures ? current.notBefore : Math.max(current.notBefore, now + this.delayAfter(failures));
        const next = { ...current, failures, notBefore };
        return { value: next, ttlMs: this.ttlOf(next, now), result: { waitMs: 0 } };
      }
      const slot = Math.max(now, current.notBefore);
      // Refused before its check: not counted.
      if (slot - now > maxWaitMs) return { result: { refusedForMs: slot - now - maxWaitMs } };
      const next = { ...current, failures, notBefore: slot + this.delayAfter(failures) };
      return { value: next, ttlMs: this.ttlOf(next, now), result: { waitMs: slot - now } };
    });
    if ('refusedForMs' in turn) return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(turn.refusedForMs / 1000)) };
    if (turn.waitMs > 0) await sleep(turn.waitMs);
    return { admitted: true };
  }

  /** The password was right: its attempt is not a failure after all, and the client becomes a known one. Earlier failures stay counted. */
  async succeeded(account: string, client: string): Promise<void> {
    await this.states.update(account, (stored, now) => {
      const current = this.current(stored, now);
      const next = { ...current, failures: Math.max(0, current.failures - 1) };
      return { value: next, ttlMs: this.ttlOf(next, now), result: undefined };
    });
    const ttlMs = this.settings.knownClientTtlMs;
    await this.knownClients.update(knownKey(account, client), () => ({ value: true as const, ttlMs, result: undefined }));
  }

  private async isKnown(account: string, client: string): Promise<boolean> {
    return (await this.knownClients.read(knownKey(account, client))) === true;
  }

  /** The length of a slot once the account has this many failures (at least `freeFailures`). */
  private delayAfter(failures: number): number {
    const { freeFailures, baseDelayMs, maxDelayMs } = this.settings;
    return Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, failures - freeFailures));
  }

  /** The state in the window that is running now (a new one once the last has ended). */
  private current(state: ThrottleState | undefined, now: number): ThrottleState {
    if (state && state.windowStart + this.settings.windowMs > now) return state;
    return { failures: 0, windowStart: now, notBefore: state?.notBefore ?? 0 };
  }

  /** Kept until both the window and the reserved slots are over. */
  private ttlOf(state: ThrottleState, now: number): number {
    return Math.max(1, Math.max(state.windowStart + this.settings.windowMs, state.notBefore) - now);
  }
}

const knownKey = (account: string, client: string) => `${account}|${client}`;
