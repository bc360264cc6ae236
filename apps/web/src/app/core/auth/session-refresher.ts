import { HttpBackend, HttpClient, HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, effect, inject, Injectable } from '@angular/core';
import type { LoginResponse } from '@glucodiary/contracts';
import { firstValueFrom } from 'rxjs';
import { AuthStore } from './auth.store';

/**
 * What a refresh came to: a new token (`renewed`), a session the server ended (`ended`), or no
 * answer worth acting on (`unavailable`: offline, a deploy's 502), which leaves the session for
 * the next try rather than signing the user out over a dropped connection.
 */
export type RefreshOutcome = { outcome: 'renewed' | 'ended' } | { outcome: 'unavailable'; error: unknown };

/** Refresh at most this long before the access token expires, so no request meets an expired token. */
const REFRESH_AHEAD_MS = 60_000;

/**
 * How long to wait before refreshing a token that expires at `accessExpiresAt`: a minute ahead,
 * but at most a quarter of the time left, so that a short-lived token (the API allows 30 s) is
 * not refreshed again the moment it arrives.
 */
export function refreshDelayMs(accessExpiresAt: number, now = Date.now()): number {
  const left = Math.max(0, accessExpiresAt - now);
  return Math.min(left - Math.min(REFRESH_AHEAD_MS, left / 4), 2 ** 31 - 1);
}

/**
 * Keeps the access token fresh: silently exchanges the refresh token shortly before expiry,
 * and on demand when the API refused an access token. Tabs share one session, so a browser-wide
 * lock makes sure only one tab uses a refresh token (using one twice ends the session).
 */
@Injectable({ providedIn: 'root' })
export class SessionRefresher {
  private readonly auth = inject(AuthStore);
  // Without interceptors: a refresh must not itself be retried or carry the old token.
  private readonly http = new HttpClient(inject(HttpBackend));
  private inFlight: Promise<RefreshOutcome> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    effect(() => {
      const session = this.auth.current();
      clearTimeout(this.timer);
      if (!session) return;
      this.timer = setTimeout(() => void this.refresh(session.refreshToken), refreshDelayMs(session.accessExpiresAt));
    });
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  /** Exchanges the refresh token. `usedToken` is the one the caller saw. */
  refresh(usedToken = this.auth.current()?.refreshToken): Promise<RefreshOutcome> {
    this.inFlight ??= this.withBrowserLock(() => this.exchange(usedToken)).finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async exchange(usedToken: string | undefined): Promise<RefreshOutcome> {
    const stored = this.auth.reread();
    if (!stored) return { outcome: 'ended' };
    // Another tab already rotated it while we waited for the lock: use its tokens.
    if (usedToken && stored.refreshToken !== usedToken && stored.accessExpiresAt > Date.now()) return { outcome: 'renewed' };
    try {
      const response = await firstValueFrom(this.http.post<LoginResponse>('/api/auth/refresh', { refreshToken: stored.refreshToken }));
      this.auth.signedIn(response);
      return { outcome: 'renewed' };
    } catch (error) {
      // Only the API's refusal of the token (401, or 400 for one it cannot read) ends the session;
      // a proxy's 403/404/408 or a rate limit does not.
      const refused = error instanceof HttpErrorResponse && (error.status === 401 || error.status === 400);
      return refused ? { outcome: 'ended' } : { outcome: 'unavailable', error };
    }
  }

  private withBrowserLock<T>(work: () => Promise<T>): Promise<T> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    return locks ? (locks.request('glucodiary-session-refresh', work) as Promise<T>) : work();
  }
}
