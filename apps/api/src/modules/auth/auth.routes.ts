import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  errorResponses,
  LoginBodySchema,
  LoginResponseSchema,
  RegisterBodySchema,
  RegisterResponseSchema,
} from '@glucodiary/contracts';
import { Prisma } from '@glucodiary/db';
import { Type } from 'typebox';
import { EmailTakenError, InvalidCredentialsError } from '../../core/errors';
import { toUserProfile } from '../profile/user-profile';
import type { PasswordHasher } from './password-hasher';

export interface AuthRoutesOptions {
  passwordHasher: PasswordHasher;
  accessTokenTtlSeconds: number;
  loginRateLimit: { max: number; windowMs: number };
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, options) => {
  const { passwordHasher } = options;
  // Per address and account, so one attacker cannot lock a victim out from elsewhere.
  // Counted once the body is parsed (the account is in it) and before any password is hashed.
  const signInRateLimit = {
    hook: 'preValidation' as const,
    max: options.loginRateLimit.max,
    timeWindow: options.loginRateLimit.windowMs,
    keyGenerator: (request: { ip: string; body?: unknown }) =>
      `${request.ip}|${normaliseEmail(String((request.body as { email?: unknown } | undefined)?.email ?? ''))}`,
  };

  app.post(
    '/register',
    {
      config: { rateLimit: signInRateLimit },
      schema: {
        tags: ['auth'],
        body: RegisterBodySchema,
        response: { 201: RegisterResponseSchema, ...errorResponses(400, 409, 429) },
      },
    },
    async (request, reply) => {
      const { email, password, displayName } = request.body;
      try {
        const user = await app.db.user.create({
          data: {
            email: normaliseEmail(email),
            passwordHash: await passwordHasher.hash(password),
            displayName: displayName.trim(),
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
      const session = await app.sessions.open(user.id, request.headers['user-agent'], options.accessTokenTtlSeconds);
      return {
        accessToken: await app.issueAccessToken(user.id, session.id),
        tokenType: 'Bearer' as const,
        expiresIn: options.accessTokenTtlSeconds,
        user: toUserProfile(user),
      };
    },
  );

  app.register(async (signedIn) => {
    signedIn.addHook('onRequest', app.authenticate);
    signedIn.post(
      '/logout',
      { schema: { tags: ['auth'], security: [{ bearerAuth: [] }], response: { 204: Type.Null(), ...errorResponses(401) } } },
      async (request, reply) => {
        await app.sessions.revoke(request.user.sessionId);
        return reply.status(204).send();
      },
    );
  });
};
