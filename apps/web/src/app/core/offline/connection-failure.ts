import { HttpErrorResponse } from '@angular/common/http';

/**
 * Whether a failed request may succeed when sent again as it is: no answer at all (offline, a
 * timeout: status 0), the server or a proxy failing (5xx), a request timeout or a rate limit.
 * Any other 4xx is the API's refusal of the request itself, which a retry would only repeat.
 */
export function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof HttpErrorResponse)) return false;
  return error.status === 0 || error.status >= 500 || error.status === 408 || error.status === 429;
}
