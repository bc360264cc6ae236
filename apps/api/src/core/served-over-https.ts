import type { FastifyRequest } from 'fastify';
import type { ServedOverHttps } from './config';

/**
 * Whether the browser reached this request over HTTPS: as configured (`SERVED_OVER_HTTPS`), or
 * on `auto` as the request says (directly over TLS, or `X-Forwarded-Proto` from a trusted proxy).
 * Decides what only makes sense over HTTPS: HSTS, upgrading requests, `Secure` cookies.
 */
export function isServedOverHttps(request: FastifyRequest, setting: ServedOverHttps): boolean {
  return setting === 'always' || (setting === 'auto' && request.protocol === 'https');
}
