import fastifyCookie from '@fastify/cookie';
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ChangePasswordBodySchema,
  errorResponses,
  LoginBodySchema,
  LoginResponseSchema,
  RefreshBodySchema,
  REGISTER_ACCEPTED,
  RegisterAcceptedResponseSchema,
  RegisterBodySchema,
  RegisterResponseSchema,
  SessionIdParamsSchema,
  SessionListSchema,
  type LoginResponse,
} from '@glucodiary/contracts';
import type { User } from '@glucodiary/db';
import { RefreshTokens, SessionEndedError } from '@glucodiary/server-auth';
import { Type } from 'typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  FieldValidationError,
  InvalidCredentialsError,
  NotFoundError,
  TooManyAttemptsError,
} from '../../core/errors';
import { clientKey } from '../../core/client-address';
import type { ServedOverHttps } from '../../core/config';
import { canonicalTimeZone } from '../../core/time-zone';
import { toUserProfile } from '../profile/user-profile';
import { AccountThrottle, DEFAULT_LOGIN_THROTTLE, type LoginThrottleSettings } from './account-throttle';
import { deviceLabel } from './device-label';
import { normaliseEmail, registrableEmail, storedEmailForms } from './email-address';
import type { PasswordHasher } from './password-hasher';
import { assertNewPasswordAcceptable } from './password-policy';
import { RefreshCookies } from './refresh-cookie';
import type { Registrations } from './registrations';

export interface AuthRoutesOptions {
  passwordHasher: PasswordHasher;
  accessTokenTtlSeconds: number;
  sessionTtlSeconds: number;
  /** Decides whether the refresh cookie is `Secure`. */
  servedOverHttps: ServedOverHttps;
  /** `throttle` is for tests (small delays); production takes DEFAULT_LOGIN_THROTTLE. */
  loginRateLimit: { max: number; windowMs: number; throttle?: Partial<LoginThrottleSettings> };
  /** Creates accounts: at once, or (with a mailer) answering alike for every address and mailing a link. */
  registrations: Registrations;
}

/**
 * Failed password checks an account takes per window before its throttle slows attempts down,
 * and sign-in attempts an address may make over all accounts, as multiples of the
 * per-address-and-account limit.
 */
const ACCOUNT_FREE_FAILURES_FACTOR = 3;
const ADDRESS_LIMIT_FACTOR = 10;
/** How long an account's failed password checks count towards its throttle. */
const ACCOUNT_WINDOW_MS = 15 * 60_000;

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/** A hook that counts the request against a limiter and refuses it with 429 once it is exceeded. */
function wideLimit(limiter: Limiter) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const status = await limiter(request);
    if (!status.isAllowed && status.isExceeded) refuse(reply, status.ttlInSeconds);
  };
}

function refuse(reply: FastifyReply, retryAfterSeconds: number): never {
  reply.header('retry-after', retryAfterSeconds);
  throw new TooManyAttemptsError(retryAfterSeconds);
}

export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, options) => {
  const { passwordHasher, registrations } = options;
  const refreshTokens = new RefreshTokens(app.db);
  await app.register(fastifyCookie);
  const refreshCookies = new RefreshCookies(`${app.prefix}/refresh`, options.servedOverHttps);
  // Sign-in limits, counted once the body is parsed (the account is in it) and before any
  // password is hashed, in this order (an attempt one refuses counts against none after it):
  // 1. per address and account (tight): 429;
  // 2. per address over all accounts (against trying many accounts from one place): 429;
  // 3. per account from any address (against guessing spread over many addresses): not a
  //    refusal, which would let anyone lock the owner out, but a throttle (AccountThrottle)
  //    that slows guessing down and lets the owner's known addresses through. Only attempts
  //    that reach the password check count towards it.
  // Keys carry their own prefix: limiters made by createRateLimit share one store namespace.
  const { max, windowMs: window } = options.loginRateLimit;
  const addressOf = (request: { ip: string }) => clientKey(request.ip);
  const emailOf = (request: { body?: unknown }) =>
    normaliseEmail(String((request.body as { email?: unknown } | undefined)?.email ?? ''));
  const limit = (keyGenerator: (request: FastifyRequest) => string, factor = 1) =>
    wideLimit(app.createRateLimit({ max: max * factor, timeWindow: window, keyGenerator }));
  const perAddress = limit((request) => `sign-in-address|${addressOf(request)}`, ADDRESS_LIMIT_FACTOR);
  const loginPerAddressAndAccount = limit((request) => `login|${addressOf(request)}|${emailOf(request)}`);
  const registerPerAddressAndAccount = limit((request) => `register|${addressOf(request)}|${emailOf(request)}`);
  const passwordPerAddress = limit((request) => `password|${addressOf(request)}`);
  const passwordPerAccount = limit((request) => `password-account|${request.user.id}`);
  const throttle = new AccountThrottle(app.grid, {
    ...DEFAULT_LOGIN_THROTTLE,
    knownClientTtlMs: options.sessionTtlSeconds * 1000,
    ...options.loginRateLimit.throttle,
    freeFailures: max * ACCOUNT_FREE_FAILURES_FACTOR,
    // Failures at one account are remembered far longer than an address's attempts: the slow-down must not start over every minute.
    windowMs: Math.max(window, ACCOUNT_WINDOW_MS),
  });

  /**
   * Replaces a hash of the password as typed (from before passwords were normalised) by one of its
   * normalised form. Only while the old hash is stored: a password changed meanwhile stays changed.
   * Best effort: the sign-in has succeeded, and the old hash still works next time.
   */
  async function rehash(request: FastifyRequest, user: User, password: string): Promise<void> {
    try {
      const passwordHash = await passwordHasher.hash(password);
      await app.db.user.updateMany({ where: { id: user.id, passwordHash: user.passwordHash }, data: { passwordHash } });
    } catch (error) {
      request.log.warn({ err: error }, 'password rehash failed');
    }
  }

  /** New tokens; a browser gets its refresh token as a cookie scripts cannot read, other clients in the body. */
  async function tokensFor(
    request: FastifyRequest,
    reply: FastifyReply,
    { user, sessionId, refreshToken, expiresAt }: { user: User; sessionId: string; refreshToken: string; expiresAt: Date },
  ): Promise<LoginResponse> {
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
          'Without a mailer (no SMTP_URL): 201 with the account, active at once, or 409 EMAIL_TAKEN. With one: 202 with the same ' +
          'body for every address; a new one gets a mail with an activation link (POST /api/auth/activate), one with an account a ' +
          'mail to its owner. An address that can pass for another (non-ASCII before the @, a domain mixing alphabets) is a 400.',
        body: RegisterBodySchema,
        response: { 201: RegisterResponseSchema, 202: RegisterAcceptedResponseSchema, ...errorResponses(400, 409, 429) },
      },
    },
    async (request, reply) => {
      const { password, displayName } = request.body;
      // Normalised; an address that can pass for another one is refused (400), with a mailer or without.
      const email = registrableEmail(request.body.email);
      // The browser's zone, so that days and "now" are the user's from the first reading on. One
      // this server does not know must not stop anyone registering: UTC then, as without one.
      const timeZone = request.body.timeZone === undefined ? undefined : canonicalTimeZone(request.body.timeZone);
      // In the handler: after the rate limits and the schema, as scoring takes CPU time (up to ~0.1 s).
      assertNewPasswordAcceptable(password, { email, displayName }, 'password');
      // Hashed whether or not the address has an account: with a mailer, both answers take as long.
      const account = {
        email,
        emailForms: storedEmailForms(request.body.email),
        passwordHash: await passwordHasher.hash(password),
        displayName: displayName.trim(),
        ...(timeZone && { timeZone }),
      };
      if (!registrations.mail) return reply.status(201).send({ user: toUserProfile(await registrations.createActive(account)) });
      // Everything that depends on the address (database, which mail) happens once this answer is out.
      registrations.acceptByMail(account, reply, request.log);
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
    async (request, reply) => {
      const email = normaliseEmail(request.body.email);
      const client = addressOf(request);
      const admission = await throttle.admit(email, client);
      if (!admission.admitted) refuse(reply, admission.retryAfterSeconds);
      // Also under the form addresses were stored in before normalisation, as older accounts may be.
      const user = await registrations.findAccount(storedEmailForms(request.body.email));
      const check = await passwordHasher.check(user?.passwordHash, request.body.password);
      // An account waiting for activation is refused like a wrong password, even with the right one: a
      // distinct answer would tell whoever registered an address with their own password whether it was new.
      if (!check.matches || !user || !user.activatedAt) throw new InvalidCredentialsError(); // counted as a failure when admitted
      await throttle.succeeded(email, client);
      if (check.rehash) await rehash(request, user, request.body.password);
      const session = await app.sessions.open(user.id, request.headers['user-agent'], options.sessionTtlSeconds).catch((error: unknown) => {
        // The account was deleted between the password check and now (its row is gone: a foreign-key failure).
        if ((error as { code?: string }).code === 'P2003') throw new InvalidCredentialsError();
        throw error;
      });
      const refreshToken = await refreshTokens.issue(session.id);
      return tokensFor(request, reply, { user, sessionId: session.id, refreshToken, expiresAt: session.expiresAt });
    },
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
      const outcome = await refreshTokens.rotate(presented);
      if (outcome.kind === 'reused') {
        // A token used twice was copied: end the session for whoever holds any of its tokens.
        await app.sessions.revoke(outcome.sessionId);
        request.log.warn({ session: outcome.sessionId }, 'refresh token reused: session revoked');
      }
      if (outcome.kind !== 'rotated' || !(await app.sessions.isActive(outcome.sessionId, outcome.user.id))) {
        if (inBody === undefined) refreshCookies.clear(request, reply);
        throw new SessionEndedError();
      }
      return tokensFor(request, reply, { user: outcome.user, sessionId: outcome.sessionId, refreshToken: outcome.refreshToken, expiresAt: outcome.expiresAt });
    },
  );

  // Routes for a signed-in user, behind the authentication hook.
  app.register(async (scope) => {
    const signedIn = scope.withTypeProvider<TypeBoxTypeProvider>();
    signedIn.addHook('onRequest', app.authenticate);
    const secured = { tags: ['auth'], security: [{ bearerAuth: [] }] };

    signedIn.post(
      '/logout',
      { schema: { ...secured, response: { 204: Type.Null(), ...errorResponses(401) } } },
      async (request, reply) => {
        await app.sessions.revoke(request.user.sessionId);
        refreshCookies.clear(request, reply);
        return reply.status(204).send(null);
      },
    );

    signedIn.post(
      '/logout-all',
      { schema: { ...secured, description: 'Signs out every session of the account, this one included', response: { 204: Type.Null(), ...errorResponses(401) } } },
      async (request, reply) => {
        await app.sessions.revokeAll(request.user.id);
        refreshCookies.clear(request, reply);
        return reply.status(204).send(null);
      },
    );

    signedIn.get(
      '/sessions',
      { schema: { ...secured, response: { 200: SessionListSchema, ...errorResponses(401) } } },
      async (request) => {
        const sessions = await app.db.session.findMany({
          where: { userId: request.user.id, revokedAt: null, expiresAt: { gt: new Date() } },
          orderBy: { lastSeenAt: 'desc' },
        });
        return {
          items: sessions.map((session) => ({
            id: session.id,
            device: deviceLabel(session.userAgent),
            createdAt: session.createdAt.toISOString(),
            lastSeenAt: session.lastSeenAt.toISOString(),
            expiresAt: session.expiresAt.toISOString(),
            current: session.id === request.user.sessionId,
          })),
        };
      },
    );

    signedIn.delete(
      '/sessions/:id',
      { schema: { ...secured, params: SessionIdParamsSchema, response: { 204: Type.Null(), ...errorResponses(401, 404) } } },
      async (request, reply) => {
        const session = await app.db.session.findFirst({ where: { id: request.params.id, userId: request.user.id, revokedAt: null } });
        if (!session) throw new NotFoundError('No such session of yours is active.');
        await app.sessions.revoke(session.id);
        return reply.status(204).send(null);
      },
    );

    signedIn.post(
      '/password',
      {
        // Per address, then per account: a stolen token used from many addresses still gets only one budget.
        preValidation: [passwordPerAddress, passwordPerAccount],
        schema: {
          ...secured,
          description: 'Changes the password and signs out every other session',
          body: ChangePasswordBodySchema,
          response: { 204: Type.Null(), ...errorResponses(400, 401, 429) },
        },
      },
      async (request, reply) => {
        const user = await app.db.user.findUnique({ where: { id: request.user.id } });
        if (!user || !(await passwordHasher.verify(user.passwordHash, request.body.currentPassword))) {
          throw new FieldValidationError([{ field: 'currentPassword', message: 'is not your current password' }]);
        }
        assertNewPasswordAcceptable(request.body.newPassword, user, 'newPassword');
        const passwordHash = await passwordHasher.hash(request.body.newPassword);
        // Other sessions first: if that fails (grid below quorum), the password is unchanged and the
        // request can simply be repeated. Then again: a sign-in with the old password may have
        // finished in between.
        await app.sessions.revokeAll(user.id, request.user.sessionId);
        await app.db.user.update({ where: { id: user.id }, data: { passwordHash } });
        await app.sessions.revokeAll(user.id, request.user.sessionId);
        return reply.status(204).send(null);
      },
    );
  });
};
