/**
 * `npm start`: GlucoDiary as a cluster on one machine. The primary migrates the database once,
 * then forks API_INSTANCES workers (main.ts), which share the HTTP port through node:cluster and
 * each run a grid member on its own port, seeded with the others' ports. A worker that dies is
 * replaced; its sessions live on in the other members' backups, and only the requests it was
 * serving fail (their connections reset).
 */
import cluster, { type Worker } from 'node:cluster';
import { migrateDatabase } from '@glucodiary/db';
import { ConfigError, loadConfig } from './core/config';

const RESTART_DELAY_MS = 1000;
/** More deaths than this within a minute means something is broken: stop rather than loop. */
const MAX_RESTARTS_PER_MINUTE = 10;

async function startPrimary(): Promise<void> {
  // Generates the development secrets once, before any worker reads them.
  const config = loadConfig();
  const instances = Number(process.env['API_INSTANCES'] ?? 2);
  if (!Number.isInteger(instances) || instances < 1 || instances > 64) {
    throw new ConfigError(`API_INSTANCES must be a whole number from 1 to 64, got "${process.env['API_INSTANCES']}"`);
  }
  if (config.migrateOnStart) {
    const { applied } = await migrateDatabase(config.databaseUrl, { migrationsRoot: config.migrationsRoot });
    if (applied.length > 0) console.log(`database migrated: ${applied.join(', ')}`);
  }

  const gridPorts = Array.from({ length: instances }, (_, index) => config.grid.port + index);
  const seedsFor = (index: number) =>
    [...config.grid.seeds, ...gridPorts.filter((_, other) => other !== index).map((port) => `${config.grid.host}:${port}`)].join(',');
  // A majority of the instances is the quorum: a member cut off or paused on its own can then
  // neither take writes nor vouch for what it holds (session checks go to the database).
  const minClusterSize = process.env['GRID_MIN_CLUSTER_SIZE'] ?? String(Math.floor(instances / 2) + 1);
  const workerEnv = (index: number) => ({
    INSTANCE_ID: `${process.env['INSTANCE_ID'] ?? 'api'}-${index + 1}`,
    GRID_PORT: String(gridPorts[index]),
    GRID_PORT_AUTO_INCREMENT: 'false',
    GRID_SEEDS: seedsFor(index),
    DB_MIGRATE_ON_START: 'false',
    GRID_MIN_CLUSTER_SIZE: minClusterSize,
  });

  const indexOf = new Map<Worker, number>();
  const restarts: number[] = [];
  let stopping = false;
  const fork = (index: number) => indexOf.set(cluster.fork(workerEnv(index)), index);

  cluster.on('exit', (worker, code, signal) => {
    const index = indexOf.get(worker);
    indexOf.delete(worker);
    if (stopping || index === undefined) return;
    const now = Date.now();
    restarts.push(now);
    while (restarts.length > 0 && (restarts[0] ?? now) < now - 60_000) restarts.shift();
    if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
      console.error(`instance ${index + 1} keeps dying (${restarts.length} restarts in a minute): stopping`);
      process.exit(1);
    }
    console.warn(`instance ${index + 1} exited (${signal ?? code}); restarting it`);
    setTimeout(() => fork(index), RESTART_DELAY_MS);
  });

  /**
   * Instances stop one after another, so each hands its grid partitions to members still
   * running. A message rather than a signal: a terminal's Ctrl+C already signals every worker,
   * and a second signal would make them exit without handing over.
   */
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping ${indexOf.size} instances`);
    const force = setTimeout(() => process.exit(1), 60_000);
    force.unref();
    for (const worker of [...indexOf.keys()]) {
      if (worker.isDead()) continue;
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.send('shutdown', () => {
        // An error here means it is exiting already (a Ctrl+C signalled it too): its exit ends the wait.
      });
      await exited;
    }
    process.exit(0);
  };
  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));

  /**
   * The kernel hands each connection to an instance (every worker accepts on the shared listening
   * socket) instead of node:cluster's default round-robin, where the primary accepts it and passes
   * it to a worker over IPC: when that worker dies before taking it, the primary neither closes nor
   * re-routes it, and its request waits forever (one per crash under load). Now a connection an
   * instance accepted is reset when it dies, and one not accepted yet waits in the shared queue for
   * another instance. Read once, at the first fork.
   */
  cluster.schedulingPolicy = cluster.SCHED_NONE;

  // Start one instance first so it founds the grid, then the rest join it.
  fork(0);
  cluster.once('listening', () => {
    for (let index = 1; index < instances; index++) fork(index);
  });
  console.log(`GlucoDiary: ${instances} instances on http://${config.host}:${config.port}`);
}

if (cluster.isPrimary) {
  startPrimary().catch((error: unknown) => {
    console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
    process.exit(1);
  });
} else {
  void import('./main');
}
