import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthSchema } from '@glucodiary/contracts';

export interface HealthOptions {
  version: string;
  instanceId: string;
  /** Bearer token that unlocks the instance and grid details; without one nobody sees them. */
  detailsToken: string | undefined;
}

/**
 * Status for probes, open to everyone. The grid's view (members' internal addresses, this
 * process's name) helps an operator and an attacker alike, so it needs the details token.
 */
export const healthRoutes: FastifyPluginAsyncTypebox<HealthOptions> = async (app, options) => {
  const hasDetailsToken = detailsTokenCheck(options.detailsToken);

  app.get('/health', { schema: { tags: ['health'], response: { 200: HealthSchema } } }, async (request) => {
    const stats = app.grid.stats();
    const status = stats.degraded ? ('degraded' as const) : ('ok' as const);
    if (!hasDetailsToken(request.headers.authorization)) return { status, version: options.version };
    return {
      status,
      version: options.version,
      instance: options.instanceId,
      grid: {
        member: stats.id,
        address: stats.address,
        members: stats.members.map(({ id, address, coordinator }) => ({ id, address, coordinator })),
        partitionsOwned: stats.partitions.owned,
        partitionsBackedUp: stats.partitions.backups,
        degraded: stats.degraded,
      },
    };
  });
};

/** Compares digests, so the time taken tells nothing about the token's length or prefix. */
function detailsTokenCheck(token: string | undefined): (authorization: string | undefined) => boolean {
  if (token === undefined) return () => false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  const expected = digest(token);
  return (authorization) => {
    const presented = /^bearer +(.+)$/i.exec(authorization ?? '')?.[1]; // the scheme's case does not matter (RFC 9110)
    return presented !== undefined && timingSafeEqual(digest(presented), expected);
  };
}
