import type { FastifyRequest } from 'fastify';

/**
 * Query parameters whose values are secrets: the token of an activation link (`/activate?token=…`),
 * and a device secret as Nightscout clients may send it (`?token=…`, `?secret=…`).
 */
const SECRET_QUERY_VALUES = /([?&](?:token|secret)=)[^&#]*/gi;

/** The URL as logged: secret query values replaced. */
export const redactUrl = (url: string) => url.replace(SECRET_QUERY_VALUES, '$1[Redacted]');

/** Fastify's own request log fields (method, URL, version, host, client), the URL without secrets. */
export function requestForLog(request: FastifyRequest) {
  const version = request.headers?.['accept-version'];
  return {
    method: request.method,
    url: redactUrl(request.url),
    version: typeof version === 'string' ? version : undefined,
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
