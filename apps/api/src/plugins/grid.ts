import { createMember, type MapConfig, type Member } from '@glucodiary/grid';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { GridConfig } from '../core/config';

declare module 'fastify' {
  interface FastifyInstance {
    grid: Member;
  }
}

export interface GridPluginOptions extends GridConfig {
  /** How the maps that need more than the defaults are kept (near caches), as the modules using them declare. */
  maps: Record<string, MapConfig>;
}

/**
 * This API process's member of the embedded data grid, started at boot. On close it leaves
 * gracefully, handing its partitions to the other members, so no live session is lost.
 */
export const gridPlugin = fp(
  async (app: FastifyInstance, { dnsName, ...options }: GridPluginOptions) => {
    const member = await createMember({
      ...options,
      ...(dnsName && { dns: { name: dnsName } }),
      logger: {
        debug: (message, context) => app.log.debug({ grid: context }, message),
        info: (message, context) => app.log.info({ grid: context }, message),
        warn: (message, context) => app.log.warn({ grid: context }, message),
        error: (message, context) => app.log.error({ grid: context }, message),
      },
    });
    app.log.info({ member: member.id, address: member.address, members: member.members().length }, 'grid member joined');
    member.on('degraded', () => app.log.warn('grid below quorum: session checks fall back to the database'));
    member.on('recovered', () => app.log.info('grid quorum restored'));
    app.decorate('grid', member);
    app.addHook('onClose', async () => {
      await member.leave().catch((error: unknown) => app.log.warn({ err: error }, 'grid leave failed; stopping'));
    });
  },
  { name: 'grid' },
);
