import fastifyCookie from '@fastify/cookie';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ChangePasswordBodySchema, errorResponses, SessionIdParamsSchema, SessionListSchema } from '@glucodiary/contracts';
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { clientKey } from '../../core/client-address';
import type { ServedOverHttps } from '../../core/config';
import { rateLimitHook } from '../../core/rate-limit-hook';
import type { AuthService } from './auth.service';
import { RefreshCookies } from './refresh-cookie';

export interface SessionsRoutesOptions {
  auth: AuthService;
  /** Decides whether the refresh cookie is `Secure` (cleared on sign-out). */
  servedOverHttps: ServedOverHttps;
  /** Password changes per window, per client address and per account (as sign-in attempts). */
  rateLimit: { max: number; windowMs: number };
}

/** A signed-in user's sessions and password: sign out, list and end sessions, change the password. Mounted under /auth, signed in. */
export const sessionsRoutes: FastifyPluginAsyncTypebox<SessionsRoutesOptions> = async (app, options) => {
  const { auth } = options;
  await app.register(fastifyCookie);
  const refreshCookies = new RefreshCookies(`${app.prefix}/refresh`, options.servedOverHttps);
  const { max, windowMs } = options.rateLimit;
  const limit = (keyGenerator: (request: FastifyRequest) => string) => rateLimitHook(app, { max, timeWindow: windowMs, keyGenerator });
  const passwordPerAddress = limit((request) => `password|${clientKey(request.ip)}`);
  const passwordPerAccount = limit((request) => `password-account|${request.user.id}`);
  const tags = ['auth'];

  app.post('/logout', { schema: { tags, response: { 204: Type.Null(), ...errorResponses(401) } } }, async (request, reply) => {
    await auth.signOut(request.user.sessionId);
    refreshCookies.clear(request, reply);
    return reply.status(204).send(null);
  });

  app.post(
    '/logout-all',
    { schema: { tags, description: 'Signs out every session of the account, this one included', response: { 204: Type.Null(), ...errorResponses(401) } } },
    async (request, reply) => {
      await auth.signOutEverywhere(request.user.id);
      refreshCookies.clear(request, reply);
      return reply.status(204).send(null);
    },
  );

  app.get('/sessions', { schema: { tags, response: { 200: SessionListSchema, ...errorResponses(401) } } }, async (request) =>
    auth.listSessions(request.user.id, request.user.sessionId),
  );

  app.delete(
    '/sessions/:id',
    { schema: { tags, params: SessionIdParamsSchema, response: { 204: Type.Null(), ...errorResponses(401, 404) } } },
    async (request, reply) => {
      await auth.revokeSession(request.user.id, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/password',
    {
      // Per address, then per account: a stolen token used from many addresses still gets only one budget.
      preValidation: [passwordPerAddress, passwordPerAccount],
      schema: {
        tags,
        description: 'Changes the password and signs out every other session',
        body: ChangePasswordBodySchema,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      await auth.changePassword(request.user.id, request.user.sessionId, request.body);
      return reply.status(204).send(null);
    },
  );
};
