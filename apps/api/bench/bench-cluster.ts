/**
 * The primary of a benchmark cluster: forks `instances` workers that share one HTTP port (Node's
 * cluster module), each with its own grid member seeded with the others, and stops them on
 * SIGTERM. The workers run the caller's own code (`cluster.isPrimary` is false there).
 */
import cluster from 'node:cluster';
import { loadConfig } from '../src/core/config';

export function forkBenchInstances(instances: number): void {
  const config = loadConfig();
  const ports = Array.from({ length: instances }, (_, index) => config.grid.port + index);
  for (let index = 0; index < instances; index++) {
    cluster.fork({
      GRID_PORT: String(ports[index]),
      GRID_PORT_AUTO_INCREMENT: 'false',
      GRID_SEEDS: ports.filter((_, other) => other !== index).map((port) => `127.0.0.1:${port}`).join(','),
      INSTANCE_ID: `bench-${index + 1}`,
      DB_MIGRATE_ON_START: 'false',
    });
  }
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.send('shutdown');
    setTimeout(() => process.exit(0), 5000).unref();
    cluster.on('exit', () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0));
  });
}

/** In a worker: closes the app when the primary says so. */
export function closeOnShutdown(close: () => Promise<void>): void {
  process.on('message', (message) => message === 'shutdown' && void close().then(() => process.exit(0)));
}
