import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { FieldValidationError } from '../core/errors';

/**
 * The first string field (dotted path) holding a NUL character, in a parsed body, query or path.
 * Walked with a stack, not recursion: a 64 KB body of nested arrays must not overflow the call stack.
 */
function fieldWithNul(root: unknown): string | undefined {
  const pending: Array<{ value: unknown; path: string }> = [{ value: root, path: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path;
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) pending.push({ value: item, path: path ? `${path}.${key}` : key });
    }
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
      const field = fieldWithNul(request.params) ?? fieldWithNul(request.query) ?? fieldWithNul(request.body);
      if (field !== undefined) throw new FieldValidationError([{ field: field || 'request', message: 'must not contain NUL characters' }]);
    });
  },
  { name: 'refuse-nul-characters' },
);
