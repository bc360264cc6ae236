import type { HttpInterceptorFn } from '@angular/common/http';

/** The header that sends a request past Angular's service worker; also for calls made without interceptors. */
export const SERVICE_WORKER_BYPASS = { 'ngsw-bypass': 'true' };

/**
 * Calls of our API go straight to the network, past the service worker (Angular's worker steps
 * aside for a request with `ngsw-bypass`): it caches the app, never a user's data, and a failed
 * call stays a failed call (status 0) instead of the worker's own 504.
 */
export const serviceWorkerBypassInterceptor: HttpInterceptorFn = (request, next) =>
  next(request.url.startsWith('/api/') ? request.clone({ setHeaders: SERVICE_WORKER_BYPASS }) : request);
