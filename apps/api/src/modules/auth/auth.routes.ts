import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ChangePasswordBodySchema,
  errorResponses,
  LoginBodySchema,
  LoginResponseSchema,
  RefreshBodySchema,
  RegisterBodySchema,
  RegisterResponseSchema,
  SessionIdParamsSchema,
  SessionListSchema,
  type LoginResponse,
} from '@glucodiary/contracts';
import { Prisma, type User } from '@glucodiary/db';
import { RefreshTokens, SessionEndedError } from '@glucodiary/server-auth';
import { Type } from 'typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  EmailTakenError,
  FieldValidationError,
  InvalidCredentialsError,
  NotFoundError,
  TooManyAttemptsError,
} from '../../core/errors';
import { clientKey } from '../../core/client-address';
import { canonicalTimeZone } from '../../core/time-zone';
import { toUserProfile } from '../profile/user-profile';
import { deviceLabel } from './device-label';
import type { PasswordHasher } from './password-hasher';

export interface AuthRoutesOptions {
  passwordHasher: PasswordHasher;
  accessTokenTtlSeconds: number;
  sessionTtlSeconds: number;
  loginRateLimit: { max: number; windowMs: number };
}

const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** The account-wide and address-wide sign-in limits, as multiples of the per-address-and-account one. */
const ACCOUNT_LIMIT_FACTOR = 3;
const ADDRESS_LIMIT_FACTOR = 10;

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/** A hook that counts the request against a limiter and refuses it with 429 once it is exceeded. */
function wideLimit(limiter: Limiter) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const status = await limiter(request);
    if (!status.isAllowed && status.isExceeded) {
      reply.header('retry-after', status.ttlInSeconds);
      throw new TooManyAttemptsError(status.ttlInSeconds);
    }
  };
}

export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, options) => {
  const { passwordHasher } = options;
  const refreshTokens = new RefreshTokens(app.db);
  // Three limits, all counted once the body is parsed (the account is in it) and before any
  // password is hashed: per address and account (tight), per account from any address (against
  // guessing spread over many addresses; looser, so an attacker cannot easily lock a victim
  // out), and per address over any accounts (against trying many accounts from one place).
  const addressOf = (request: { ip: string }) => clientKey(request.ip);
  const emailOf = (request: { body?: unknown }) =>
    normaliseEmail(String((request.body as { email?: unknown } | undefined)?.email ?? ''));
  const window = options.loginRateLimit.windowMs;
  const perAccount = wideLimit(
    app.createRateLimit({
      max: options.loginRateLimit.max * ACCOUNT_LIMIT_FACTOR,
      timeWindow: window,
      keyGenerator: (request) => `account|${emailOf(request)}`,
    }),
  );
  const perAddress = wideLimit(
    app.createRateLimit({
      max: options.loginRateLimit.max * ADDRESS_LIMIT_FACTOR,
      timeWindow: window,
      keyGenerator: (request) => `address|${addressOf(request)}`,
    }),
  );
  const signInRateLimit = {
    hook: 'preValidation' as const,
    max: options.loginRateLimit.max,
    timeWindow: options.loginRateLimit.windowMs,
    keyGenerator: (request: { ip: string; body?: unknown }) => `${addressOf(request)}|${emailOf(request)}`,
  };

  async function tokensFor(user: User, sessionId: string, refreshToken: string, expiresAt: Date): Promise<LoginResponse> {
    return {
      accessToken: await app.issueAccessToken(user.id, sessionId),
      tokenType: 'Bearer',
      expiresIn: options.accessTokenTtlSeconds,
      refreshToken,
      refreshExpiresIn: Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
      user: toUserProfile(user),
    };
  }

  app.post(
    '/register',
    {
      config: { rateLimit: signInRateLimit },
      preValidation: [perAddress],
      schema: {
        tags: ['auth'],
        body: RegisterBodySchema,
        response: { 201: RegisterResponseSchema, ...errorResponses(400, 409, 429) },
      },
    },
    async (request, reply) => {
      const { email, password, displayName } = request.body;
      // The browser's zone, so that days and "now" are the user's from the first reading on. One
      // this server does not know must not stop anyone registering: UTC then, as without one.
      const timeZone = request.body.timeZone === undefined ? undefined : canonicalTimeZone(request.body.timeZone);
      try {
        const user = await app.db.user.create({
          data: {
            email: normaliseEmail(email),
            passwordHash: await passwordHasher.hash(password),
            displayName: displayName.trim(),
            ...(timeZone && { timeZone }),
          },
        });
        return reply.status(201).send({ user: toUserProfile(user) });
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw new EmailTakenError();
        throw error;
      }
    },
  );

  app.post(
    '/login',
    {
      config: { rateLimit: signInRateLimit },
      preValidation: [perAddress, perAccount],
      schema: {
        tags: ['auth'],
        body: LoginBodySchema,
        response: { 200: LoginResponseSchema, ...errorResponses(400, 401, 429) },
      },
    },
    async (request) => {
      const user = await app.db.user.findUnique({ where: { email: normaliseEmail(request.body.email) } });
      if (!(await passwordHasher.verify(user?.passwordHash, request.body.password)) || !user) {
        throw new InvalidCredentialsError();
      }
      const session = await app.sessions.open(user.id, request.headers['user-agent'], options.sessionTtlSeconds);
      return tokensFor(user, session.id, await refreshTokens.issue(session.id), session.expiresAt);
    },
  );

  app.post(
    '/refresh',
    {
      schema: {
        tags: ['auth'],
        description: 'Exchanges a refresh token (single use) for a new access token and a new refresh token',
        body: RefreshBodySchema,
        response: { 200: LoginResponseSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const outcome = await refreshTokens.rotate(request.body.refreshToken);
      if (outcome.kind === 'reused') {
        // A token used twice was copied: end the session for whoever holds any of its tokens.
        await app.sessions.revoke(outcome.sessionId);
        request.log.warn({ session: outcome.sessionId }, 'refresh token reused: session revoked');
      }
      if (outcome.kind !== 'rotated') throw new SessionEndedError();
      if (!(await app.sessions.isActive(outcome.sessionId, outcome.user.id))) throw new SessionEndedError();
      return tokensFor(outcome.user, outcome.sessionId, outcome.refreshToken, outcome.expiresAt);
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
        return reply.status(204).send(null);
      },
    );

    signedIn.post(
      '/logout-all',
      { schema: { ...secured, description: 'Signs out every session of the account, this one included', response: { 204: Type.Null(), ...errorResponses(401) } } },
      async (request, reply) => {
        await app.sessions.revokeAll(request.user.id);
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
        config: { rateLimit: { ...signInRateLimit, keyGenerator: (request: { ip: string }) => `password|${addressOf(request)}` } },
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
