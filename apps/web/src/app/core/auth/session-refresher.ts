import { HttpBackend, HttpClient, HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, effect, inject, Injectable } from '@angular/core';
import type { LoginResponse } from '@glucodiary/contracts';
import { firstValueFrom } from 'rxjs';
import { AuthStore } from './auth.store';
import { SERVICE_WORKER_BYPASS } from '../offline/service-worker-bypass.interceptor';
import { withBrowserLock } from '../../shared/browser/browser-lock';

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
 * Keeps this page's access token fresh: exchanges the refresh cookie when the page starts, shortly
 * before the token expires, and on demand when the API refused one. Tabs share one cookie, so a
 * browser-wide lock makes sure only one tab exchanges it at a time (the exchange replaces it, and
 * sending a replaced one ends the session).
 */
@Injectable({ providedIn: 'root' })
export class SessionRefresher {
  private readonly auth = inject(AuthStore);
  // Without interceptors: a refresh must not itself be retried or carry the old token (so it names the service worker bypass itself).
  private readonly http = new HttpClient(inject(HttpBackend));
  private inFlight: Promise<RefreshOutcome> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    effect(() => {
      const expiresAt = this.auth.accessExpiresAt();
      clearTimeout(this.timer);
      if (!this.auth.isSignedIn() || !expiresAt) return;
      this.timer = setTimeout(() => void this.refresh(), refreshDelayMs(expiresAt));
    });
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  /** Exchanges the refresh cookie for a new access token (one exchange at a time per page). */
  refresh(): Promise<RefreshOutcome> {
    this.inFlight ??= withBrowserLock('glucodiary-session-refresh', () => this.exchange()).finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  /** Gets this page an access token if it has none (a page load, a sign-in before an update); no request otherwise. */
  async ensureAccessToken(): Promise<RefreshOutcome> {
    if (!this.auth.isSignedIn()) return { outcome: 'ended' };
    return this.auth.accessToken() && this.auth.accessExpiresAt() > Date.now() ? { outcome: 'renewed' } : this.refresh();
  }

  private async exchange(): Promise<RefreshOutcome> {
    const stored = this.auth.reread();
    if (!stored) return { outcome: 'ended' };
    try {
      // The cookie goes by itself; a token from before the cookie, once, in the body (the answer sets the cookie).
      const body = stored.legacyRefreshToken ? { refreshToken: stored.legacyRefreshToken } : {};
      const response = await firstValueFrom(this.http.post<LoginResponse>('/api/auth/refresh', body, { headers: SERVICE_WORKER_BYPASS }));
      this.auth.signedIn(response);
      return { outcome: 'renewed' };
    } catch (error) {
      // Only the API's refusal of the token (401, or 400 for one it cannot read) ends the session;
      // a proxy's 403/404/408 or a rate limit does not.
      const refused = error instanceof HttpErrorResponse && (error.status === 401 || error.status === 400);
      return refused ? { outcome: 'ended' } : { outcome: 'unavailable', error };
    }
  }

}

/**
 * At page load: gets the page its access token from the refresh cookie before the first page
 * asks for data. A session the server has ended meanwhile is told by the first call's refusal
 * (sessionEndedInterceptor), which brings the user to sign-in with a notice saying why.
 */
export async function restoreSession(): Promise<void> {
  await inject(SessionRefresher).ensureAccessToken();
}
