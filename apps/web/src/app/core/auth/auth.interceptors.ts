import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import type { ApiError } from '@glucodiary/contracts';
import { catchError, from, of, switchMap, throwError } from 'rxjs';
import { AuthStore } from './auth.store';
import { SessionRefresher, type RefreshOutcome } from './session-refresher';

const isOwnApi = (url: string) => url.startsWith('/api/');

/** A 401 about a password typed again (e.g. to delete the account), not about the token: the session stands. */
const isWrongPassword = (error: HttpErrorResponse) => (error.error as Partial<ApiError> | null)?.code === 'INVALID_CREDENTIALS';

/**
 * Adds the bearer token to calls of our own API; a page that has none yet (it keeps it in memory
 * only) gets one from the refresh cookie first.
 */
export const accessTokenInterceptor: HttpInterceptorFn = (request, next) => {
  const auth = inject(AuthStore);
  if (!isOwnApi(request.url) || !auth.isSignedIn()) return next(request);
  const withToken = () => {
    const token = auth.accessToken();
    return next(token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request);
  };
  if (auth.accessToken()) return withToken();
  return from(inject(SessionRefresher).ensureAccessToken()).pipe(switchMap(withToken));
};

/**
 * A refused token gets one silent refresh and a retry (an expired access token, e.g. after the
 * laptop slept). If the session itself has ended (signed out elsewhere, revoked), say so; if the
 * refresh got no usable answer, the session stays and the call fails with the refresh's error.
 */
export const sessionEndedInterceptor: HttpInterceptorFn = (request, next) => {
  const auth = inject(AuthStore);
  const refresher = inject(SessionRefresher);
  const router = inject(Router);
  const endSession = () => {
    // Pages fire several calls at once: the first refusal ends the session, the rest change nothing.
    if (!auth.isSignedIn()) return;
    auth.signedOut({ ended: true });
    // Back to this page after signing in again.
    void router.navigate(['/login'], { queryParams: { reason: 'session-ended', returnUrl: router.url } });
  };
  // Whose call this is: one made before a sign-out must never be retried with the next user's token.
  const sender = auth.user()?.id;
  return next(request).pipe(
    catchError((error: unknown) => {
      // Refused: the token sent, or none when the page could not get one (the cookie is gone too).
      const refused =
        error instanceof HttpErrorResponse && error.status === 401 && isOwnApi(request.url) && auth.isSignedIn() && !isWrongPassword(error);
      if (!refused || auth.user()?.id !== sender) return throwError(() => error);
      // A newer token arrived while this call was under way (another call refreshed): just retry with it.
      const sent = request.headers.get('Authorization');
      const newer = auth.accessToken();
      const refreshed$ = newer && sent !== `Bearer ${newer}` ? of<RefreshOutcome>({ outcome: 'renewed' }) : from(refresher.refresh());
      return refreshed$.pipe(
        switchMap((refreshed) => {
          // No usable answer from the refresh (offline, a deploy's 502): keep the session; the page shows why.
          if (refreshed.outcome === 'unavailable') return throwError(() => refreshed.error);
          const token = auth.accessToken();
          if (refreshed.outcome === 'ended' || !token) {
            endSession();
            return throwError(() => error);
          }
          return next(request.clone({ setHeaders: { Authorization: `Bearer ${token}` } })).pipe(
            catchError((retryError: unknown) => {
              if (retryError instanceof HttpErrorResponse && retryError.status === 401) endSession();
              return throwError(() => retryError);
            }),
          );
        }),
      );
    }),
  );
};
