/**
 * One GlucoDiary cluster (two instances sharing a port, a grid member each) with one
 * authenticated endpoint per session-check variant, GET /bench/<variant>, that does nothing
 * else. All variants run in the same processes, so they differ only in their session check.
 * Started by auth-benchmark.ts; not part of the product.
 */
import cluster from 'node:cluster';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/core/config';
import { closeOnShutdown, forkBenchInstances } from './bench-cluster';
import { VARIANTS, authenticateWith, countSessionQueries } from './session-stores';

const INSTANCES = 2;
const countDir = process.env['BENCH_COUNT_DIR'] ?? '.';

if (cluster.isPrimary) {
  forkBenchInstances(INSTANCES);
} else {
  void (async () => {
    const config = loadConfig();
    // The product's app as it is: its store (grid, reading through to the database) has its database queries counted.
    countSessionQueries(countDir);
    const app = await buildApp(config, false);
    for (const variant of VARIANTS) {
      await app.register(async (scope) => {
        scope.addHook('onRequest', authenticateWith(app, variant));
        scope.get(`/bench/${variant}`, async () => ({ ok: true }));
      });
    }
    await app.listen({ host: '127.0.0.1', port: config.port });
    closeOnShutdown(() => app.close());
  })();
}
