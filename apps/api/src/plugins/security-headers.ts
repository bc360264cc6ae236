import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ServedOverHttps } from '../core/config';
import { isServedOverHttps } from '../core/served-over-https';

const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Security headers on every response. Two of them only over HTTPS: `upgrade-insecure-requests`
 * and HSTS would make a browser fetch every asset of a plain-HTTP page (a phone on the LAN trying
 * `HOST=0.0.0.0`) over https, which nothing answers: a blank page. API answers are never cached:
 * they are one person's health data.
 */
export const securityHeadersPlugin = fp(
  async (app: FastifyInstance, options: { servedOverHttps: ServedOverHttps }) => {
    await app.register(fastifyHelmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Angular and Material set inline style attributes.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      strictTransportSecurity: false,
    });
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.url.startsWith('/api/') || request.url === '/api') reply.header('cache-control', 'no-store');
      if (isServedOverHttps(request, options.servedOverHttps)) {
        const policy = reply.getHeader('content-security-policy');
        if (typeof policy === 'string') reply.header('content-security-policy', `${policy};upgrade-insecure-requests`);
        reply.header('strict-transport-security', HSTS);
      }
      return payload;
    });
  },
  { name: 'security-headers' },
);
