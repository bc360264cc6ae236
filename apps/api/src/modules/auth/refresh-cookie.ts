import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServedOverHttps } from '../../core/config';
import { OriginRefusedError } from '../../core/errors';
import { isServedOverHttps } from '../../core/served-over-https';

/**
 * Browsers keep the refresh token where no script can read it: an `HttpOnly; SameSite=Strict`
 * cookie sent only to the refresh endpoint. A request with an `Origin` header (every browser
 * sends one with a POST) gets its refresh token that way and never in the body; a client without
 * one (a phone app, a script) gets it in the body and sends it back in the body, as before.
 */
export const REFRESH_COOKIE = 'glucodiary_refresh';

export class RefreshCookies {
  constructor(
    /** The refresh endpoint's path: the only one the browser sends the cookie to. */
    private readonly path: string,
    private readonly servedOverHttps: ServedOverHttps,
  ) {}

  /** Whether the caller is a browser, which gets the refresh token as a cookie instead of in the body. */
  isBrowser(request: FastifyRequest): boolean {
    return request.headers.origin !== undefined;
  }

  /** The refresh token the browser sent, if any. */
  read(request: FastifyRequest): string | undefined {
    return request.cookies[REFRESH_COOKIE] || undefined;
  }

  set(request: FastifyRequest, reply: FastifyReply, token: string, maxAgeSeconds: number): void {
    reply.setCookie(REFRESH_COOKIE, token, { ...this.attributes(request), maxAge: maxAgeSeconds });
  }

  clear(request: FastifyRequest, reply: FastifyReply): void {
    reply.clearCookie(REFRESH_COOKIE, this.attributes(request));
  }

  /**
   * A cookie is sent by the browser whoever made the page: the refresh endpoint answers a
   * cookie only to a page of this very site (scheme, host and port), on top of SameSite=Strict.
   */
  assertSameOrigin(request: FastifyRequest): void {
    const origin = request.headers.origin;
    if (origin === undefined || origin !== `${request.protocol}://${request.host}`) throw new OriginRefusedError();
  }

  /** `Secure` only over HTTPS: a browser drops a Secure cookie set over plain HTTP (a phone on the LAN). */
  private attributes(request: FastifyRequest) {
    return {
      path: this.path,
      httpOnly: true,
      sameSite: 'strict' as const,
      secure: isServedOverHttps(request, this.servedOverHttps),
    };
  }
}
