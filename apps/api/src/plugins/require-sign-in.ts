import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Signed-in routes take the access token as a bearer token (the scheme api-docs declares). */
const BEARER_AUTH = [{ bearerAuth: [] }];

/**
 * Makes the scope it is registered in a parent of signed-in route plugins only: one onRequest
 * hook checks the access token and its session (401 otherwise) for every route registered there
 * after it, and each of those routes says so in the OpenAPI document. Routes for anyone
 * (sign-in, health, the Nightscout API with its device secrets) are registered outside that
 * scope. fastify-plugin, so the hooks apply to the scope, not only inside this plugin.
 */
export const requireSignInPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, security: BEARER_AUTH };
    });
    app.addHook('onRequest', app.authenticate);
  },
  { name: 'require-sign-in', dependencies: ['authentication'] },
);
