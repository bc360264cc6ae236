import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthSchema } from '@glucodiary/contracts';

export interface HealthOptions {
  version: string;
  instanceId: string;
}

export const healthRoutes: FastifyPluginAsyncTypebox<HealthOptions> = async (app, options) => {
  app.get('/health', { schema: { tags: ['health'], response: { 200: HealthSchema } } }, async () => {
    const stats = app.grid.stats();
    return {
      status: stats.degraded ? ('degraded' as const) : ('ok' as const),
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
