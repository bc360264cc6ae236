import { HttpResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, from, switchMap, tap, throwError } from 'rxjs';
import { AuthStore } from '../auth/auth.store';
import { isConnectionFailure } from './connection-failure';
import { ReportCopies } from './report-copies';

/** The reports a dashboard, logbook or clinic report page is made of. */
const REPORT_PATH = /^\/api\/(stats|reports\/(agp|trend|logbook))$/;

/**
 * Keeps each report the API sends and answers with that copy when the API cannot be reached.
 * Why an interceptor and IndexedDB rather than the service worker's data groups: the worker's
 * cache is keyed by URL alone and outlives a sign-out, so on a shared device it could hand one
 * user's figures to the next. Here every copy carries its user, is read only for that user,
 * and is deleted at sign-out (ReportCopies); the service worker never sees /api at all.
 */
export const reportCopyInterceptor: HttpInterceptorFn = (request, next) => {
  const userId = inject(AuthStore).user()?.id;
  if (request.method !== 'GET' || !userId || !REPORT_PATH.test(request.url)) return next(request);
  const copies = inject(ReportCopies);
  const auth = inject(AuthStore);
  // A period runs "up to now" (`to` is the moment of asking), so a copy is named without it: the
  // same period asked for again later, after a reload, finds the copy of when it was last answered.
  const params = request.params.delete('to').toString();
  const url = params ? `${request.url}?${params}` : request.url;
  return next(request).pipe(
    tap((event) => {
      // An answer that arrives after a sign-out is not kept for the user who left.
      if (event instanceof HttpResponse && event.ok && auth.user()?.id === userId) void copies.keep(userId, url, event.body);
    }),
    catchError((error: unknown) => {
      if (!isConnectionFailure(error)) return throwError(() => error);
      return from(copies.find(userId, url)).pipe(
        switchMap((copy) => (copy ? [new HttpResponse({ body: copy.body, status: 200, url: request.urlWithParams })] : throwError(() => error))),
      );
    }),
  );
};
