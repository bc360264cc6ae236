import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { FieldValidationError } from '../core/errors';

/** The first string field (dotted path) holding a NUL character, in a parsed body, query or path. */
function fieldWithNul(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = fieldWithNul(item, path ? `${path}.${key}` : key);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Refuses NUL characters in every request's JSON body, query and path with a 400. No text a
 * person types has one, and PostgreSQL refuses them in text columns, which surfaced as a 500
 * (also on sign-in, before any account is known). Shared by every route, hence fastify-plugin.
 */
export const refuseNulCharactersPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('preValidation', async (request) => {
      const field = fieldWithNul(request.params, '') ?? fieldWithNul(request.query, '') ?? fieldWithNul(request.body, '');
      if (field !== undefined) throw new FieldValidationError([{ field: field || 'request', message: 'must not contain NUL characters' }]);
    });
  },
  { name: 'refuse-nul-characters' },
);
