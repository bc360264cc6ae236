/**
 * `npm run bench:upload`: what a sensor upload costs through the Nightscout-compatible API. A
 * 2-instance GlucoDiary cluster (the product as it runs, every SQL statement counted at the
 * driver) takes uploads from many devices of many accounts, the way phones send them:
 *   check only      GET /api/v1/experiments/test: the device secret checked, nothing else
 *   one reading     POST /api/v1/entries with the newest sgv (what a phone sends every 5 minutes)
 *   retry           the same reading again (phones retry; nothing is added)
 *   hour back       POST of 12 readings (a phone back online after an hour)
 *   meal bolus      POST /api/v1/treatments: insulin and carbs
 * on SQLite (the embedded default) and on PostgreSQL. autocannon drives one scenario at a time;
 * scenarios are interleaved in random order over several rounds on this noisy machine, and the
 * table shows medians with their spread. Flags: --quick (fewer, shorter rounds), --sqlite-only.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { migrateDatabase } from '@glucodiary/db';
import { scratchPostgresDatabase, startThrowawayPostgres } from '@glucodiary/server-testing';
import { countersSum, median, shuffle, signUp, startBenchCluster, stopBenchClusters, WORKSPACE, type BenchCluster } from './bench-process';

const quick = process.argv.includes('--quick');
const sqliteOnly = process.argv.includes('--sqlite-only');
const ROUNDS = quick ? 3 : 5;
const SEGMENT_SECONDS = quick ? 2 : 4;
const CONNECTIONS = 16;
const ACCOUNTS = 10;
const DEVICES_PER_ACCOUNT = 5;

interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  /** The body of the n-th request, or none. */
  body?: (n: number) => unknown;
  /** Readings or treatments one request carries. */
  items: number;
}

/** Each request's readings are new (a second apart, going back from a day ago), so every upload stores. */
let nextSecond = 0;
const dayAgo = Date.now() - 24 * 3_600_000;
const newReading = () => ({ type: 'sgv', sgv: 90 + (nextSecond % 120), date: dayAgo - ++nextSecond * 1000, direction: 'Flat', device: 'xDrip-DexcomG6' });
const retried = { type: 'sgv', sgv: 120, date: dayAgo + 60_000, direction: 'Flat' };

const SCENARIOS: Scenario[] = [
  { name: 'check only', method: 'GET', path: '/api/v1/experiments/test', items: 0 },
  { name: 'one reading', method: 'POST', path: '/api/v1/entries', body: () => [newReading()], items: 1 },
  { name: 'retry', method: 'POST', path: '/api/v1/entries', body: () => [retried], items: 1 },
  { name: 'hour back (12)', method: 'POST', path: '/api/v1/entries', body: () => Array.from({ length: 12 }, newReading), items: 12 },
  {
    name: 'meal bolus',
    method: 'POST',
    path: '/api/v1/treatments',
    body: () => [{ eventType: 'Meal Bolus', created_at: new Date(dayAgo - ++nextSecond * 1000).toISOString(), insulin: 4.5, carbs: 45 }],
    items: 1,
  },
];

interface Target {
  database: string;
  scenario: Scenario;
  cluster: BenchCluster;
  secrets: string[];
  samples: { perSecond: number; p50: number; p99: number; statementsPerRequest: number }[];
}

const log = (message: string) => process.stderr.write(`${message}\n`);
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/** Accounts with device secrets of the upload scope; the `api-secret` header value of each (what xDrip+ sends). */
async function devicesOn(cluster: BenchCluster, name: string): Promise<string[]> {
  const secrets: string[] = [];
  for (let account = 0; account < ACCOUNTS; account++) {
    const token = await signUp(cluster.base, `upload-${name}-${account}@example.test`);
    for (let device = 0; device < DEVICES_PER_ACCOUNT; device++) {
      const created = await fetch(`${cluster.base}/api/devices`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ name: `phone ${device}`, scope: 'upload' }),
      });
      if (created.status !== 201) throw new Error(`could not create a device: ${await created.text()}`);
      secrets.push(sha1(((await created.json()) as { secret: string }).secret));
    }
  }
  return secrets;
}

async function measure(target: Target, seconds: number, record: boolean): Promise<void> {
  const before = countersSum(target.cluster.countDir, 'statements-');
  let sent = 0;
  const { scenario } = target;
  const result = await autocannon({
    url: target.cluster.base,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: scenario.method,
        path: scenario.path,
        setupRequest: (request) => {
          const n = sent++;
          return {
            ...request,
            headers: { 'content-type': 'application/json', 'api-secret': target.secrets[n % target.secrets.length] as string },
            ...(scenario.body && { body: JSON.stringify(scenario.body(n)) }),
          };
        },
      },
    ],
  });
  await new Promise((done) => setTimeout(done, 400)); // let the counters reach their files
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${target.database} ${scenario.name}: ${result.non2xx} non-2xx, ${result.errors} errors: ${JSON.stringify(result.statusCodeStats)}`);
  }
  if (!record) return;
  target.samples.push({
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statementsPerRequest: (countersSum(target.cluster.countDir, 'statements-') - before) / Math.max(1, result.requests.total),
  });
}

async function main(): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'glucodiary-bench-upload-'));
  const postgres = sqliteOnly ? null : await startThrowawayPostgres();
  const clusters: BenchCluster[] = [];
  try {
    const databases: [string, string][] = [['SQLite', `file:${join(workDir, 'bench.db')}`]];
    if (postgres) databases.push(['PostgreSQL', (await scratchPostgresDatabase(postgres.url)).url]);
    const targets: Target[] = [];
    for (const [name, url] of databases) {
      await migrateDatabase(url, { migrationsRoot: join(WORKSPACE, 'prisma/migrations') });
      log(`starting a 2-instance cluster on ${name}…`);
      // Phones are limited per device; the benchmark drives 50 devices far beyond one upload per 5 minutes.
      const cluster = await startBenchCluster('apps/api/bench/upload-bench-server.ts', name.toLowerCase(), url, workDir, { DEVICE_RATE_LIMIT_MAX: '1000000' });
      clusters.push(cluster);
      const secrets = await devicesOn(cluster, name.toLowerCase());
      for (const scenario of SCENARIOS) targets.push({ database: name, scenario, cluster, secrets, samples: [] });
    }
    for (const target of targets) await measure(target, quick ? 2 : 3, false); // warm-up: near caches, JIT, connections
    for (let round = 1; round <= ROUNDS; round++) {
      const order = shuffle(targets);
      log(`round ${round}/${ROUNDS}: ${order.map((t) => `${t.database} ${t.scenario.name}`).join(', ')}`);
      for (const target of order) await measure(target, SEGMENT_SECONDS, true);
    }
    report(targets);
  } finally {
    await stopBenchClusters(clusters);
    await postgres?.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

function report(targets: Target[]): void {
  const cpus = execFileSync('nproc').toString().trim();
  console.log(
    `\nNightscout API uploads through a 2-instance cluster (${ACCOUNTS * DEVICES_PER_ACCOUNT} device secrets of ${ACCOUNTS} accounts), ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${SEGMENT_SECONDS} s, ${cpus} cores`,
  );
  console.log('| database | scenario | requests/s (median) | spread (min–max) | items/s | p50 ms | p99 ms | SQL statements / request |');
  console.log('| --- | --- | --: | --: | --: | --: | --: | --: |');
  for (const target of targets) {
    const perSecond = target.samples.map((s) => s.perSecond);
    const rate = median(perSecond);
    console.log(
      `| ${target.database} | ${target.scenario.name} | ${Math.round(rate)} | ${Math.round(Math.min(...perSecond))}–${Math.round(Math.max(...perSecond))} | ${target.scenario.items ? Math.round(rate * target.scenario.items) : '–'} | ${median(target.samples.map((s) => s.p50))} | ${median(target.samples.map((s) => s.p99))} | ${median(target.samples.map((s) => s.statementsPerRequest)).toFixed(2)} |`,
    );
  }
  console.log('\nSQL statements are counted at the drivers, transaction control included; "check only" shows what a device check costs once warm.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
