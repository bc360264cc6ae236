/**
 * `npm run bench:auth`: how much a session check costs per authenticated request. A 2-instance
 * GlucoDiary cluster serves one authenticated endpoint per variant (GET /bench/<variant>, which
 * does nothing else), so every variant runs in the same processes and they differ only in the
 * session check:
 *   signature   signature and expiry only (the upper bound)
 *   grid        + the live session in the embedded grid (the product's own hook)
 *   database    + a Prisma lookup per request, on SQLite (this cluster) and on PostgreSQL
 *               (a second cluster whose database is PostgreSQL)
 *   redis       + a Redis GET per request
 * autocannon drives one variant at a time; variants are interleaved in random order over several
 * rounds on this noisy machine, and the table shows medians with their spread. Within each round
 * "signature" and "grid" run back to back twice, as A B B A (A chosen at random), and the 5% goal
 * is judged on the median of those paired ratios, which the machine's drifting load affects far
 * less than a ratio of two medians. Flags: --quick (fewer, shorter rounds).
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { migrateDatabase } from '@glucodiary/db';
import { freePort, scratchPostgresDatabase, startThrowawayPostgres } from '@glucodiary/server-testing';
import { countersSum, median, shuffle, signUp, startBenchCluster, stopBenchClusters, WORKSPACE, type BenchCluster } from './bench-process';
import { redisSessionKey, type Variant } from './session-stores';
const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 3 : 7;
const SEGMENT_SECONDS = quick ? 2 : 4;
const CONNECTIONS = 32;

/** One running cluster of bench-server.ts and the access token of the user signed in on it. */
interface Cluster extends BenchCluster {
  token: string;
  session: { id: string; userId: string };
}

/** A variant measured on a cluster. */
interface Target {
  name: string;
  variant: Variant;
  cluster: Cluster;
  samples: { requestsPerSecond: number; p50: number; p99: number; queriesPerRequest: number }[];
}

const log = (message: string) => process.stderr.write(`${message}\n`);

async function startRedis(): Promise<{ url: string; stop: () => void } | null> {
  const binary = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find(existsSync);
  if (!binary) return null;
  const port = await freePort();
  const redis = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await new Promise((done) => setTimeout(done, 500));
  return { url: `redis://127.0.0.1:${port}`, stop: () => redis.kill('SIGTERM') };
}

async function startCluster(name: string, databaseUrl: string, redisUrl: string | undefined, workDir: string): Promise<Cluster> {
  const cluster = await startBenchCluster('apps/api/bench/bench-server.ts', name, databaseUrl, workDir, { BENCH_REDIS_URL: redisUrl ?? '' });
  const token = await signUp(cluster.base, `bench-${name}@example.test`);
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string; sid: string };
  return { ...cluster, token, session: { id: claims.sid, userId: claims.sub } };
}

const queriesSoFar = (target: Target) => countersSum(target.cluster.countDir, `queries-${target.variant}-`);

async function measure(target: Target, seconds: number, record: boolean): Promise<void> {
  const before = queriesSoFar(target);
  const result = await autocannon({
    url: `http://127.0.0.1:${target.cluster.port}/bench/${target.variant}`,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { authorization: `Bearer ${target.cluster.token}` },
  });
  await new Promise((done) => setTimeout(done, 300)); // let the counters reach their files
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${target.name}: ${result.non2xx} non-2xx, ${result.errors} errors: ${JSON.stringify(result.statusCodeStats)}`);
  }
  if (!record) return;
  target.samples.push({
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    queriesPerRequest: (queriesSoFar(target) - before) / Math.max(1, result.requests.total),
  });
}

async function main(): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'glucodiary-bench-auth-'));
  const postgres = await startThrowawayPostgres();
  const redis = await startRedis();
  if (!redis) log('redis-server not installed (Debian: apt-get install -y redis-server): the Redis variant is not measured');
  const clusters: Cluster[] = [];
  try {
    const sqliteUrl = `file:${join(workDir, 'bench.db')}`;
    const postgresUrl = (await scratchPostgresDatabase(postgres.url)).url;
    for (const url of [sqliteUrl, postgresUrl]) await migrateDatabase(url, { migrationsRoot: join(WORKSPACE, 'prisma/migrations') });
    log('starting a cluster on SQLite and one on PostgreSQL…');
    const sqlite = await startCluster('sqlite', sqliteUrl, redis?.url, workDir);
    clusters.push(sqlite);
    const postgresCluster = await startCluster('postgresql', postgresUrl, redis?.url, workDir);
    clusters.push(postgresCluster);
    if (redis) {
      // The Redis variant's copy of the live session, as a Redis-backed store would have written it at sign-in.
      const client = new Redis(redis.url);
      await client.set(redisSessionKey(sqlite.session.id), sqlite.session.userId, 'EX', 3600);
      await client.quit();
    }
    const target = (name: string, variant: Variant, cluster: Cluster): Target => ({ name, variant, cluster, samples: [] });
    const targets: Target[] = [
      target('signature only', 'signature', sqlite),
      target('grid', 'grid', sqlite),
      target('database (SQLite)', 'database', sqlite),
      target('database (PostgreSQL)', 'database', postgresCluster),
      ...(redis ? [target('redis', 'redis', sqlite)] : []),
    ];
    for (const each of targets) await measure(each, quick ? 2 : 3, false); // warm-up: caches, JIT, connections
    const pair = targets.filter((t) => t.variant === 'signature' || t.variant === 'grid');
    const others = targets.filter((t) => !pair.includes(t));
    for (let round = 1; round <= ROUNDS; round++) {
      const order = shuffle(others);
      const [a, b] = shuffle(pair);
      order.splice(Math.floor(Math.random() * (order.length + 1)), 0, a!, b!, b!, a!);
      log(`round ${round}/${ROUNDS}: ${order.map((t) => t.name).join(', ')}`);
      for (const each of order) await measure(each, SEGMENT_SECONDS, true);
    }
    report(targets);
  } finally {
    await stopBenchClusters(clusters);
    redis?.stop();
    await postgres.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

function report(targets: Target[]): void {
  const rps = (target: Target) => median(target.samples.map((s) => s.requestsPerSecond));
  const byName = (name: string) => targets.find((t) => t.name === name);
  const signature = byName('signature only');
  const grid = byName('grid');
  const cpus = execFileSync('nproc').toString().trim();
  console.log(`\nSession check per authenticated request: one 2-instance cluster serving every variant (a second on PostgreSQL), ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${SEGMENT_SECONDS} s, ${cpus} cores`);
  console.log('| variant | req/s (median) | spread (min–max) | p50 ms | p99 ms | DB queries / request | vs signature only |');
  console.log('| --- | --: | --: | --: | --: | --: | --: |');
  for (const target of targets) {
    const values = target.samples.map((s) => s.requestsPerSecond);
    console.log(
      `| ${target.name} | ${Math.round(rps(target))} | ${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))} | ${median(target.samples.map((s) => s.p50))} | ${median(target.samples.map((s) => s.p99))} | ${median(target.samples.map((s) => s.queriesPerRequest)).toFixed(3)} | ${signature ? ((rps(target) / rps(signature)) * 100).toFixed(1) + '%' : '–'} |`,
    );
  }
  if (!signature || !grid) return;
  const verdict = (met: boolean) => (met ? 'goal met' : 'goal missed');
  // Samples with the same index were measured back to back (see main).
  const paired = grid.samples.map((sample, index) => sample.requestsPerSecond / signature.samples[index]!.requestsPerSecond);
  const gridShare = median(paired);
  const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;
  console.log(
    `\ngrid within 5% of signature only (median of ${paired.length} back-to-back pairs, spread ${percent(Math.min(...paired))}–${percent(Math.max(...paired))}; ratio of the medians ${percent(rps(grid) / rps(signature))}): ${percent(gridShare)} — ${verdict(gridShare >= 0.95)}`,
  );
  const gridQueries = median(grid.samples.map((s) => s.queriesPerRequest));
  console.log(`database queries per authenticated request with the grid, warm: ${gridQueries.toFixed(3)} — ${verdict(gridQueries === 0)}`);
  const redis = byName('redis');
  if (redis) console.log(`grid vs Redis GET: ${(rps(grid) / rps(redis)).toFixed(2)}x — ${verdict(rps(grid) > rps(redis))}`);
  for (const name of ['database (SQLite)', 'database (PostgreSQL)']) {
    const database = byName(name);
    if (database) console.log(`grid vs ${name} lookup per request: ${(rps(grid) / rps(database)).toFixed(2)}x`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
