/**
 * One GlucoDiary cluster (two instances sharing a port, a grid member each) whose session check
 * is the variant named by BENCH_VARIANT. Started by auth-benchmark.ts; not part of the product.
 */
import cluster from 'node:cluster';
import { join } from 'node:path';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/core/config';
import { sessionStoreFor, type Variant } from './session-stores';

const INSTANCES = 2;
const variant = process.env['BENCH_VARIANT'] as Variant;
const countDir = process.env['BENCH_COUNT_DIR'] ?? '.';

if (cluster.isPrimary) {
  const config = loadConfig();
  const ports = Array.from({ length: INSTANCES }, (_, index) => config.grid.port + index);
  for (let index = 0; index < INSTANCES; index++) {
    cluster.fork({
      GRID_PORT: String(ports[index]),
      GRID_PORT_AUTO_INCREMENT: 'false',
      GRID_SEEDS: ports.filter((_, other) => other !== index).map((port) => `127.0.0.1:${port}`).join(','),
      INSTANCE_ID: `${variant}-${index + 1}`,
      DB_MIGRATE_ON_START: 'false',
    });
  }
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.send('shutdown');
    setTimeout(() => process.exit(0), 5000).unref();
    cluster.on('exit', () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0));
  });
} else {
  void (async () => {
    const config = loadConfig();
    const countFile = join(countDir, `queries-${process.pid}`);
    const app = await buildApp(config, false, { sessionStore: (instance) => sessionStoreFor(variant, instance, countFile) });
    // An authenticated endpoint that does nothing else, so the session check is what is measured.
    await app.register(async (scope) => {
      scope.addHook('onRequest', app.authenticate);
      scope.get('/bench/ping', async () => ({ ok: true }));
    });
    await app.listen({ host: '127.0.0.1', port: config.port });
    process.on('message', (message) => message === 'shutdown' && void app.close().then(() => process.exit(0)));
  })();
}
