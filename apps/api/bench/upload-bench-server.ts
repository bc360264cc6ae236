/**
 * The product as it runs (a cluster of two instances sharing a port, a grid member each) with
 * every SQL statement counted per process. Started by upload-benchmark.ts; not part of the product.
 */
import cluster from 'node:cluster';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/core/config';
import { closeOnShutdown, forkBenchInstances } from './bench-cluster';
import { countStatements } from './statement-counter';

if (cluster.isPrimary) {
  forkBenchInstances(2);
} else {
  void (async () => {
    countStatements(process.env['BENCH_COUNT_DIR'] ?? '.');
    const config = loadConfig();
    const app = await buildApp(config);
    await app.listen({ host: '127.0.0.1', port: config.port });
    closeOnShutdown(() => app.close());
  })();
}
