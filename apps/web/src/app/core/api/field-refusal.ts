import { HttpErrorResponse } from '@angular/common/http';
import type { ApiError } from '@glucodiary/contracts';

/**
 * The API's message when it refused a request for this one field alone ("is too common …"), to
 * show beside the field; null otherwise (describeHttpError then says it all in one place).
 */
export function fieldRefusal(error: unknown, field: string): string | null {
  if (!(error instanceof HttpErrorResponse) || error.status !== 400) return null;
  const details = (error.error as Partial<ApiError> | null)?.details ?? [];
  return details.length === 1 && details[0]?.field === field ? details[0].message : null;
}

/** Every field a 400 refused, with the API's message for each; empty for any other error. */
export function fieldRefusals(error: unknown): { field: string; message: string }[] {
  if (!(error instanceof HttpErrorResponse) || error.status !== 400) return [];
  return (error.error as Partial<ApiError> | null)?.details ?? [];
}
