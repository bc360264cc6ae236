import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { STATUS_CODES } from 'node:http';
import type { ApiError } from '@glucodiary/contracts';
import { GridError } from '@glucodiary/grid';
import { FieldValidationError, RetryLaterError } from '../core/errors';

type ValidationIssue = NonNullable<FastifyError['validation']>[number];

/** Fastify's own client-error codes, renamed to the API's stable vocabulary. */
const FRAMEWORK_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_BAD_URL: 'MALFORMED_URL',
  FST_ERR_MAX_PARAM_LENGTH: 'URL_TOO_LONG',
};

/** Every error leaves the API in one JSON shape; only real faults are logged as errors and hidden. */
export const errorHandlerPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler(sendApiError);
  },
  { name: 'error-handler' },
);

/** Logs the error as its kind deserves and answers it in the API's one shape (also for the router's own errors). */
export function sendApiError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const body = toApiError(error);
  if (body.statusCode >= 500) {
    request.log.error({ err: error }, 'request failed');
  } else if (body.code === 'UNAUTHORIZED') {
    request.log.debug({ code: body.code }, body.message); // expired and foreign tokens are everyday noise; wrong passwords stay at info
  } else {
    request.log.info({ code: body.code, statusCode: body.statusCode }, body.message);
  }
  if (error instanceof RetryLaterError) reply.header('retry-after', error.retryAfterSeconds);
  // Also for the router's own errors, which no hook sees: no error answer is worth storing.
  return reply.status(body.statusCode).header('cache-control', 'no-store').send(body);
}

export function toApiError(error: FastifyError): ApiError {
  if (error.validation) {
    const details = error.validation.map((issue) => ({
      field: fieldOf(issue, error.validationContext),
      message: issue.message ?? 'is invalid',
    }));
    return apiError(400, 'VALIDATION_FAILED', describe(details), details);
  }
  if (error instanceof FieldValidationError) {
    return apiError(400, error.code, error.message, error.details);
  }
  if (error instanceof GridError) {
    // The session grid cannot confirm a change right now (e.g. below quorum): nothing was half-done
    // that a retry would not finish, so the client may simply try again.
    return apiError(503, 'GRID_UNAVAILABLE', 'GlucoDiary cannot confirm this change right now; please try again shortly.');
  }
  // Checked before the status: some token errors of the JWT library carry none.
  if (error.code?.startsWith('FST_JWT_') || error.code?.startsWith('FAST_JWT_')) {
    return apiError(401, 'UNAUTHORIZED', 'Sign in again: your access token is missing, invalid or expired.');
  }
  const statusCode = error.statusCode ?? 500;
  if (statusCode >= 500) {
    return apiError(500, 'INTERNAL_ERROR', 'Something went wrong on our side; please try again.');
  }
  if (statusCode === 429) {
    return apiError(429, 'RATE_LIMITED', error.message);
  }
  return apiError(statusCode, FRAMEWORK_CODES[error.code] ?? error.code ?? 'BAD_REQUEST', error.message);
}

export function apiError(statusCode: number, code: string, message: string, details?: ApiError['details']): ApiError {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', code, message, ...(details && { details }) };
}

function fieldOf(issue: ValidationIssue, context: string | undefined): string {
  const missing = (issue.params as { missingProperty?: string; additionalProperty?: string } | undefined) ?? {};
  const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const leaf = missing.missingProperty ?? missing.additionalProperty;
  return [path, leaf].filter(Boolean).join('.') || (context ?? 'request');
}

function describe(details: { field: string; message: string }[]): string {
  return details.map((detail) => `${detail.field} ${detail.message}`).join('; ');
}
