import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AccountExportSchema, DeleteAccountBodySchema, errorResponses } from '@glucodiary/contracts';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import { clientKey } from '../../core/client-address';
import { InvalidCredentialsError } from '../../core/errors';
import { rateLimitHook } from '../../core/rate-limit-hook';
import type { PasswordHasher } from '../auth/password-hasher';
import { AccountDeletion } from './account-deletion.service';
import { AccountExportService } from './account-export.service';

export interface AccountRoutesOptions {
  passwordHasher: PasswordHasher;
  /** Deletion attempts per window, per client address and per account (as for password changes). */
  rateLimit: { max: number; windowMs: number };
}

/** The account as a whole: download everything it holds, or delete it. Mounted beside the profile, at /me. */
export const accountRoutes: FastifyPluginAsyncTypebox<AccountRoutesOptions> = async (app, options) => {
  const exporter = new AccountExportService(app.db);
  const deletion = new AccountDeletion(app.db, app.sessions, app.deviceSecrets);
  const { max, windowMs } = options.rateLimit;
  // A deletion checks the password: without a limit, a stolen token would be a way to guess it.
  const limit = (keyGenerator: (request: FastifyRequest) => string) => rateLimitHook(app, { max, timeWindow: windowMs, keyGenerator });
  const perAddress = limit((request) => `delete-account|${clientKey(request.ip)}`);
  const perAccount = limit((request) => `delete-account-user|${request.user.id}`);
  const tagged = { tags: ['profile'] };

  app.get(
    '/me/export',
    {
      schema: {
        ...tagged,
        description:
          'Downloads everything the account holds as one JSON file: profile, sign-ins (no tokens) and every reading (oldest first, in mg/dL).',
        produces: ['application/json'],
        // Documented as the document it is, typed as what the handler sends: the document streamed.
        response: { 200: Type.Unsafe<Readable>(AccountExportSchema), ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      const download = await exporter.export(request.user.id);
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${download.filename}"`)
        .send(download.body);
    },
  );

  app.delete(
    '/me',
    {
      preValidation: [perAddress, perAccount],
      schema: {
        ...tagged,
        description:
          'Deletes the account and everything it holds, after checking the password again. Every session ends on every instance first.',
        body: DeleteAccountBodySchema,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 409, 429) },
      },
    },
    async (request, reply) => {
      const user = await app.db.user.findUnique({ where: { id: request.user.id }, select: { passwordHash: true } });
      if (!user || !(await options.passwordHasher.verify(user.passwordHash, request.body.password))) throw new InvalidCredentialsError();
      await deletion.delete(request.user.id);
      request.log.info({ user: request.user.id }, 'account deleted');
      return reply.status(204).send(null);
    },
  );
};
