import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { UnauthorizedError } from '../core/errors';
import { DatabaseSessionStore, type SessionStore } from '../modules/auth/session-store';

/** What an access token carries: the user (`sub`) and the session it belongs to (`sid`). */
interface AccessTokenClaims {
  sub: string;
  sid: string;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessTokenClaims;
    user: { id: string; sessionId: string };
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    sessions: SessionStore;
    /** onRequest hook for protected route plugins: a valid token of a live session, or 401. */
    authenticate: (request: FastifyRequest) => Promise<void>;
    issueAccessToken: (userId: string, sessionId: string) => Promise<string>;
  }
}

export interface AuthenticationOptions {
  secret: string;
  accessTokenTtlSeconds: number;
}

export const authenticationPlugin = fp(
  async (app: FastifyInstance, options: AuthenticationOptions) => {
    await app.register(fastifyJwt, {
      secret: options.secret,
      sign: { algorithm: 'HS256', expiresIn: options.accessTokenTtlSeconds },
      verify: { algorithms: ['HS256'] },
      formatUser: (claims) => ({ id: claims.sub, sessionId: claims.sid }),
    });

    app.decorate('sessions', new DatabaseSessionStore(app.db) as SessionStore);

    app.decorate('issueAccessToken', async (userId: string, sessionId: string) =>
      app.jwt.sign({ sub: userId, sid: sessionId }),
    );

    app.decorate('authenticate', async (request: FastifyRequest) => {
      await request.jwtVerify();
      const { id, sessionId } = request.user;
      if (typeof id !== 'string' || typeof sessionId !== 'string' || !(await app.sessions.isActive(sessionId, id))) {
        throw new UnauthorizedError('Your session has ended; sign in again.');
      }
    });
  },
  { name: 'authentication', dependencies: ['database'] },
);
