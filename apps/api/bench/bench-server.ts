/**
 * One GlucoDiary cluster (two instances sharing a port, a grid member each) with one
 * authenticated endpoint per session-check variant, GET /bench/<variant>, that does nothing
 * else. All variants run in the same processes, so they differ only in their session check.
 * Started by auth-benchmark.ts; not part of the product.
 */
import cluster from 'node:cluster';
import { GridSessionStore } from '@glucodiary/server-auth';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/core/config';
import { closeOnShutdown, forkBenchInstances } from './bench-cluster';
import { VARIANTS, authenticateWith, countingDatabase } from './session-stores';

const INSTANCES = 2;
const countDir = process.env['BENCH_COUNT_DIR'] ?? '.';

if (cluster.isPrimary) {
  forkBenchInstances(INSTANCES);
} else {
  void (async () => {
    const config = loadConfig();
    // The product's store (grid, reading through to the database), with database calls counted.
    const app = await buildApp(config, false, {
      sessionStore: (instance) => new GridSessionStore(instance.grid, countingDatabase(instance, 'grid', countDir)),
    });
    for (const variant of VARIANTS) {
      await app.register(async (scope) => {
        scope.addHook('onRequest', authenticateWith(app, variant, countDir));
        scope.get(`/bench/${variant}`, async () => ({ ok: true }));
      });
    }
    await app.listen({ host: '127.0.0.1', port: config.port });
    closeOnShutdown(() => app.close());
  })();
}
