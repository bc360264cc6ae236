import type { CreateRateLimitOptions } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TooManyAttemptsError, type RetryLaterError } from './errors';

/**
 * A hook that counts the request against a limit (held in the grid for every instance) and
 * refuses it once the limit is exceeded: by default with a 429 TooManyAttemptsError, whose
 * `retry-after` the error handler sends. Keys carry their own prefix: limiters made by
 * createRateLimit share one store namespace.
 */
export function rateLimitHook(
  app: FastifyInstance,
  options: CreateRateLimitOptions,
  refusal: (retryAfterSeconds: number) => RetryLaterError = (retryAfterSeconds) => new TooManyAttemptsError(retryAfterSeconds),
) {
  const limiter = app.createRateLimit(options);
  return async (request: FastifyRequest): Promise<void> => {
    const status = await limiter(request);
    if (!status.isAllowed && status.isExceeded) throw refusal(status.ttlInSeconds);
  };
}
