import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { basename } from 'node:path';
import { apiError } from './error-handler';

/** Angular's output names (`main-OXME6QIK.js`, `chunk-2CTDZRLO.js`): the name changes whenever the content does. */
const HASHED_ASSET = /-[A-Z0-9]{8}\.(js|css)(\.(br|gz))?$/;

/**
 * What a browser may keep: a hashed asset for a year without asking again (a new build has new
 * names); anything else, index.html above all, only after checking it is still current, so a
 * deploy is picked up on the next load.
 */
export function cacheControlOf(path: string): string {
  return HASHED_ASSET.test(basename(path)) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * Serves the built Angular app from the API's own origin (one URL runs the whole product).
 * Unknown paths outside /api fall back to index.html so deep links reach the client router.
 * The build writes Brotli and gzip copies of each text asset (apps/web/tools/precompress.ts);
 * they are sent to a browser that accepts them.
 */
export async function webAppPlugin(app: FastifyInstance, options: { root: string | null }) {
  if (options.root) {
    await app.register(fastifyStatic, {
      root: options.root,
      wildcard: false,
      index: 'index.html',
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => void reply.header('cache-control', cacheControlOf(path)),
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api') && options.root !== null;
    if (wantsPage) return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    return reply.status(404).send(apiError(404, 'NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`));
  });
}
