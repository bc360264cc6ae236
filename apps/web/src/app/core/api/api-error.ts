import { HttpErrorResponse } from '@angular/common/http';
import type { ApiError } from '@glucodiary/contracts';

/** A sentence a person can act on, from whatever the HTTP layer threw. */
export function describeHttpError(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) return 'Cannot reach GlucoDiary. Check your connection and try again.';
    const body = error.error as Partial<ApiError> | null;
    if (body?.details?.length) return body.details.map((detail) => `${detail.field}: ${detail.message}`).join('. ');
    if (body?.message) return body.message;
  }
  return 'Something went wrong. Please try again.';
}
