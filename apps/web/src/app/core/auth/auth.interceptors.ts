import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import type { ApiError } from '@glucodiary/contracts';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { AuthStore } from './auth.store';
import { SessionRefresher } from './session-refresher';

const isOwnApi = (url: string) => url.startsWith('/api/');

/** A 401 about a password typed again (e.g. to delete the account), not about the token: the session stands. */
const isWrongPassword = (error: HttpErrorResponse) => (error.error as Partial<ApiError> | null)?.code === 'INVALID_CREDENTIALS';

/** Adds the bearer token to calls of our own API. */
export const accessTokenInterceptor: HttpInterceptorFn = (request, next) => {
  const token = inject(AuthStore).accessToken();
  if (!token || !isOwnApi(request.url)) return next(request);
  return next(request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }));
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
    auth.signedOut();
    // Back to this page after signing in again.
    void router.navigate(['/login'], { queryParams: { reason: 'session-ended', returnUrl: router.url } });
  };
  return next(request).pipe(
    catchError((error: unknown) => {
      const refused =
        error instanceof HttpErrorResponse && error.status === 401 && request.headers.has('Authorization') && !isWrongPassword(error);
      if (!refused) return throwError(() => error);
      const usedToken = auth.current()?.refreshToken;
      return from(refresher.refresh(usedToken)).pipe(
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
