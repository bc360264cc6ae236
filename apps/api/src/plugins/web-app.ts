import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { apiError } from './error-handler';

/**
 * Serves the built Angular app from the API's own origin (one URL runs the whole product).
 * Unknown paths outside /api fall back to index.html so deep links reach the client router.
 */
export async function webAppPlugin(app: FastifyInstance, options: { root: string | null }) {
  if (options.root) {
    await app.register(fastifyStatic, { root: options.root, wildcard: false, index: 'index.html' });
  }
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api') && options.root !== null;
    if (wantsPage) return reply.type('text/html').sendFile('index.html', { maxAge: 0 });
    return reply.status(404).send(apiError(404, 'NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`));
  });
}
