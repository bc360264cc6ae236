import fastifyCookie from '@fastify/cookie';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  errorResponses,
  LoginBodySchema,
  LoginResponseSchema,
  RefreshBodySchema,
  REGISTER_ACCEPTED,
  RegisterAcceptedResponseSchema,
  RegisterBodySchema,
  RegisterResponseSchema,
  type LoginResponse,
} from '@glucodiary/contracts';
import { SessionEndedError } from '@glucodiary/server-auth';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clientKey } from '../../core/client-address';
import type { ServedOverHttps } from '../../core/config';
import { rateLimitHook } from '../../core/rate-limit-hook';
import { toUserProfile } from '../profile/user-profile';
import type { LoginRateLimit } from './account-throttle';
import type { AuthService, SignedIn, SignInClient } from './auth.service';
import { normaliseEmail } from './email-address';
import { RefreshCookies } from './refresh-cookie';

export interface AuthRoutesOptions {
  auth: AuthService;
  accessTokenTtlSeconds: number;
  /** Decides whether the refresh cookie is `Secure`. */
  servedOverHttps: ServedOverHttps;
  loginRateLimit: LoginRateLimit;
}

/** Sign-in attempts an address may make over all accounts, as a multiple of the per-address-and-account limit. */
const ADDRESS_LIMIT_FACTOR = 10;

/** Registration, sign-in and refresh: the routes for anyone. Mounted under /auth; the signed-in ones are in sessions.routes.ts. */
export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, options) => {
  const { auth } = options;
  await app.register(fastifyCookie);
  const refreshCookies = new RefreshCookies(`${app.prefix}/refresh`, options.servedOverHttps);
  // Sign-in limits, counted once the body is parsed (the account is in it) and before any
  // password is hashed, in this order (an attempt one refuses counts against none after it):
  // 1. per address and account (tight): 429;
  // 2. per address over all accounts (against trying many accounts from one place): 429;
  // 3. per account from any address (against guessing spread over many addresses): not a
  //    refusal, which would let anyone lock the owner out, but a throttle (AccountThrottle, in
  //    AuthService.signIn) that slows guessing down and lets the owner's known addresses through.
  //    Only attempts that reach the password check count towards it.
  const { max, windowMs: window } = options.loginRateLimit;
  const addressOf = (request: { ip: string }) => clientKey(request.ip);
  const emailOf = (request: { body?: unknown }) =>
    normaliseEmail(String((request.body as { email?: unknown } | undefined)?.email ?? ''));
  const limit = (keyGenerator: (request: FastifyRequest) => string, factor = 1) =>
    rateLimitHook(app, { max: max * factor, timeWindow: window, keyGenerator });
  const perAddress = limit((request) => `sign-in-address|${addressOf(request)}`, ADDRESS_LIMIT_FACTOR);
  const loginPerAddressAndAccount = limit((request) => `login|${addressOf(request)}|${emailOf(request)}`);
  const registerPerAddressAndAccount = limit((request) => `register|${addressOf(request)}|${emailOf(request)}`);
  const clientOf = (request: FastifyRequest): SignInClient => ({ address: addressOf(request), userAgent: request.headers['user-agent'] });

  /** New tokens; a browser gets its refresh token as a cookie scripts cannot read, other clients in the body. */
  async function tokensFor(request: FastifyRequest, reply: FastifyReply, { user, sessionId, refreshToken, expiresAt }: SignedIn): Promise<LoginResponse> {
    const refreshExpiresIn = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
    const browser = refreshCookies.isBrowser(request);
    if (browser) refreshCookies.set(request, reply, refreshToken, refreshExpiresIn);
    return {
      accessToken: await app.issueAccessToken(user.id, sessionId),
      tokenType: 'Bearer',
      expiresIn: options.accessTokenTtlSeconds,
      ...(!browser && { refreshToken }),
      refreshExpiresIn,
      user: toUserProfile(user),
    };
  }

  app.post(
    '/register',
    {
      preValidation: [registerPerAddressAndAccount, perAddress],
      schema: {
        tags: ['auth'],
        description:
          'Without a mailer (no SMTP_URL): 201 with the account, active at once and signed in (the answer and the refresh cookie of ' +
          'a sign-in), or 409 EMAIL_TAKEN. With one: 202 with the same ' +
          'body for every address; a new one gets a mail with an activation link (POST /api/auth/activate), one with an account a ' +
          'mail to its owner. An address that can pass for another (non-ASCII before the @, a domain mixing alphabets) is a 400.',
        body: RegisterBodySchema,
        response: { 201: RegisterResponseSchema, 202: RegisterAcceptedResponseSchema, ...errorResponses(400, 409, 429) },
      },
    },
    async (request, reply) => {
      const registration = await auth.register(request.body, clientOf(request), reply, request.log);
      if (registration.kind === 'created') return reply.status(201).send(await tokensFor(request, reply, registration.signedIn));
      return reply.status(202).send(REGISTER_ACCEPTED);
    },
  );

  app.post(
    '/login',
    {
      preValidation: [loginPerAddressAndAccount, perAddress],
      schema: {
        tags: ['auth'],
        body: LoginBodySchema,
        response: { 200: LoginResponseSchema, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => tokensFor(request, reply, await auth.signIn(request.body, clientOf(request), request.log)),
  );

  app.post(
    '/refresh',
    {
      schema: {
        tags: ['auth'],
        description:
          'Exchanges a refresh token (single use) for a new access token and a new refresh token. A browser sends `{}`: its ' +
          'refresh token is the HttpOnly cookie set at sign-in, accepted only with an Origin of this site.',
        body: RefreshBodySchema,
        response: { 200: LoginResponseSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const inBody = request.body.refreshToken;
      if (inBody === undefined) refreshCookies.assertSameOrigin(request);
      const presented = inBody ?? refreshCookies.read(request);
      if (presented === undefined) throw new SessionEndedError();
      const renewed = await auth.refresh(presented, request.log).catch((error: unknown) => {
        // A cookie whose session has ended is dropped, so the browser stops sending it.
        if (inBody === undefined && error instanceof SessionEndedError) refreshCookies.clear(request, reply);
        throw error;
      });
      return tokensFor(request, reply, renewed);
    },
  );
};
