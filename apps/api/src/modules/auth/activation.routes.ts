import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ActivateBodySchema, ActivateResponseSchema, errorResponses } from '@glucodiary/contracts';
import { clientKey } from '../../core/client-address';
import { ActivationLinkInvalidError } from '../../core/errors';
import { rateLimitHook } from '../../core/rate-limit-hook';
import type { Registrations } from './registrations';

export interface ActivationRoutesOptions {
  registrations: Registrations;
  /** The sign-in limit; activations take ten times as many per client address. */
  rateLimit: { max: number; windowMs: number };
}

/** Activations an address may try per window, as a multiple of the sign-in limit (a token is not guessable; this only bounds the work). */
const ACTIVATION_LIMIT_FACTOR = 10;

/** `POST /activate`: the link of an activation mail, opened in the web app, activates its account. */
export const activationRoutes: FastifyPluginAsyncTypebox<ActivationRoutesOptions> = async (app, options) => {
  const { registrations } = options;
  const perAddress = rateLimitHook(app, {
    max: options.rateLimit.max * ACTIVATION_LIMIT_FACTOR,
    timeWindow: options.rateLimit.windowMs,
    keyGenerator: (request) => `activate|${clientKey(request.ip)}`,
  });

  app.post(
    '/activate',
    {
      preValidation: [perAddress],
      schema: {
        tags: ['auth'],
        description:
          'Activates the account of an activation link (sent when the server has a mailer): the link works once, for 24 hours. ' +
          'An unknown, expired or used one is a 400 ACTIVATION_LINK_INVALID.',
        body: ActivateBodySchema,
        response: { 200: ActivateResponseSchema, ...errorResponses(400, 429) },
      },
    },
    async (request) => {
      const outcome = await registrations.activate(request.body.token);
      if (!outcome.activated) throw new ActivationLinkInvalidError();
      request.log.info({ user: outcome.user.id }, 'account activated');
      return { status: 'activated' as const, email: outcome.user.email, message: 'Your account is active. Sign in to start your diary.' };
    },
  );
};
