import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { AuthStore } from './auth.store';

/** Adds the bearer token to calls of our own API. */
export const accessTokenInterceptor: HttpInterceptorFn = (request, next) => {
  const token = inject(AuthStore).accessToken();
  if (!token || !request.url.startsWith('/api/')) return next(request);
  return next(request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }));
};

/** A refused token means the session ended (signed out elsewhere, expired): say so and ask to sign in. */
export const sessionEndedInterceptor: HttpInterceptorFn = (request, next) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  return next(request).pipe(
    catchError((error: unknown) => {
      const refused = error instanceof HttpErrorResponse && error.status === 401 && request.headers.has('Authorization');
      // Pages fire several calls at once: the first refusal ends the session, the rest change nothing.
      if (refused && auth.isSignedIn()) {
        auth.signedOut();
        void router.navigate(['/login'], { queryParams: { reason: 'session-ended' } });
      }
      return throwError(() => error);
    }),
  );
};
