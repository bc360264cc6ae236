import { HttpErrorResponse } from '@angular/common/http';
import type { ApiError } from '@glucodiary/contracts';

/** A sentence a person can act on, from whatever the HTTP layer threw. */
export function describeHttpError(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) return $localize`Cannot reach GlucoDiary. Check your connection and try again.`;
    const body = error.error as Partial<ApiError> | null;
    if (body?.details?.length) return body.details.map((detail) => `${fieldLabel(detail.field)} ${readable(detail.message)}`).join('. ');
    if (body?.message) return body.message;
  }
  return $localize`Something went wrong. Please try again.`;
}

/** "currentPassword" as "Current password"; a nested "mapping.timestamp" by its last part. */
function fieldLabel(field: string): string {
  const words = (field.split('.').at(-1) ?? field).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A schema's pattern is for programs; a person is told the value is not in the expected form. */
function readable(message: string): string {
  return message.startsWith('must match pattern') ? 'is not in the expected form' : message;
}

/** An error answer to a download arrives as a Blob too; read it, so its message can be shown. */
export async function withJsonErrorBody(error: unknown): Promise<unknown> {
  if (!(error instanceof HttpErrorResponse) || !(error.error instanceof Blob)) return error;
  try {
    const body: unknown = JSON.parse(await error.error.text());
    return new HttpErrorResponse({ error: body, headers: error.headers, status: error.status, statusText: error.statusText, url: error.url ?? undefined });
  } catch {
    return error; // not JSON: the generic message stands
  }
}
