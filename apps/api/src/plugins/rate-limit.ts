import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { gridRateLimitStore } from './grid-rate-limit-store';

/**
 * `createRateLimit` for the routes' own limits (none is global), counted in the grid: a limit
 * holds across every API instance (see gridRateLimitStore).
 */
export const rateLimitPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(fastifyRateLimit, { global: false, store: gridRateLimitStore(app.grid) });
  },
  { name: 'rate-limit', dependencies: ['grid'] },
);
