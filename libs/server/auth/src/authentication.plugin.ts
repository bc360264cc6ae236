import { randomUUID } from 'node:crypto';
import createError from '@fastify/error';
import fastifyJwt from '@fastify/jwt';
import type { PrismaClient } from '@glucodiary/db';
import type { Member } from '@glucodiary/grid';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DatabaseSessionStore } from './database-session-store';
import { GridSessionStore } from './grid-session-store';
import type { SessionStore } from './session-store';

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

export const SessionEndedError = createError('UNAUTHORIZED', 'Your session has ended; sign in again.', 401);
export const InvalidAccessTokenError = createError('UNAUTHORIZED', 'Sign in again: your access token is missing, invalid or expired.', 401);

export interface AuthenticationOptions {
  secret: string;
  accessTokenTtlSeconds: number;
  db: PrismaClient;
  /** The embedded grid member: sessions are checked in its memory. Without it, in the database. */
  grid?: Member;
}

/**
 * Bearer-token authentication: the signature and expiry of the JWT, then the session it names,
 * which must be live (checked in the grid; see GridSessionStore).
 */
export const authenticationPlugin = fp(
  async (app: FastifyInstance, options: AuthenticationOptions) => {
    await app.register(fastifyJwt, {
      secret: options.secret,
      sign: { algorithm: 'HS256', expiresIn: options.accessTokenTtlSeconds },
      // Only our own kind of token: HS256, with an expiry and the claims it names.
      verify: { algorithms: ['HS256'], requiredClaims: ['exp', 'sub', 'sid'] },
      formatUser: (claims) => ({ id: claims.sub, sessionId: claims.sid }),
    });

    const database = new DatabaseSessionStore(options.db);
    app.decorate('sessions', options.grid ? new GridSessionStore(options.grid, database) : (database as SessionStore));

    // Every access token has its own id (jti), so one can be told from another in logs and audits.
    app.decorate('issueAccessToken', async (userId: string, sessionId: string) =>
      app.jwt.sign({ sub: userId, sid: sessionId }, { jti: randomUUID() }),
    );

    app.decorate('authenticate', async (request: FastifyRequest) => {
      try {
        await request.jwtVerify();
      } catch (error) {
        // Whatever is wrong with a token (another algorithm, `none`, not yet valid, malformed) is the client's problem: 401, not a fault.
        request.log.debug({ code: (error as { code?: string }).code }, 'access token refused');
        throw new InvalidAccessTokenError();
      }
      const { id, sessionId } = request.user;
      if (typeof id !== 'string' || typeof sessionId !== 'string' || !(await app.sessions.isActive(sessionId, id))) {
        throw new SessionEndedError();
      }
    });
  },
  { name: 'authentication' },
);
