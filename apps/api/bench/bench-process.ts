/** Starting and stopping a benchmark cluster (one of the *-bench-server.ts scripts) as a child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '@glucodiary/server-testing';

export const WORKSPACE = resolve(__dirname, '../../..');
const HEALTH_TOKEN = 'bench-health-token';

export interface BenchCluster {
  base: string;
  port: number;
  process: ChildProcess;
  /** Where the instances write their counters. */
  countDir: string;
}

/** Starts `script` with its own port, grid port and data directory, and waits until both grid members see each other. */
export async function startBenchCluster(script: string, name: string, databaseUrl: string, workDir: string, env: Record<string, string> = {}): Promise<BenchCluster> {
  const port = await freePort();
  const countDir = mkdtempSync(join(workDir, 'counts-'));
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: WORKSPACE,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: join(WORKSPACE, 'tsconfig.base.json'),
      BENCH_COUNT_DIR: countDir,
      PORT: String(port),
      GRID_PORT: String(await freePort()),
      DATA_DIR: join(workDir, name),
      DATABASE_URL: databaseUrl,
      JWT_SECRET: 'benchmark-secret-benchmark-secret-benchmark',
      GRID_CLUSTER_SECRET: 'benchmark-grid-secret',
      PASSWORD_HASH_MEMORY_KIB: '1024',
      LOGIN_RATE_LIMIT_MAX: '1000',
      WEB_ROOT: join(workDir, 'no-web'),
      LOG_LEVEL: 'error',
      HEALTH_DETAILS_TOKEN: HEALTH_TOKEN,
      ...env,
    },
  });
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      const health = (await (await fetch(`${base}/api/health`, { headers: { authorization: `Bearer ${HEALTH_TOKEN}` } })).json()) as { grid: { members: unknown[] } };
      if (health.grid.members.length === 2) break;
    } catch {
      // not listening yet
    }
    if (attempt >= 120) throw new Error(`${name}: the cluster did not come up in 60 s`);
    await new Promise((done) => setTimeout(done, 500));
  }
  return { base, port, process: child, countDir };
}

/** Registers and signs in an account; its access token. */
export async function signUp(base: string, email: string): Promise<string> {
  const credentials = { email, password: 'benchmark password', displayName: 'Bench' };
  const json = { method: 'POST', headers: { 'content-type': 'application/json' } };
  await fetch(`${base}/api/auth/register`, { ...json, body: JSON.stringify(credentials) });
  const login = await fetch(`${base}/api/auth/login`, { ...json, body: JSON.stringify({ email, password: credentials.password }) });
  if (!login.ok) throw new Error(`sign-in failed: ${await login.text()}`);
  return ((await login.json()) as { accessToken: string }).accessToken;
}

/** The sum of the counters whose files start with `prefix`, over every instance. */
export function countersSum(countDir: string, prefix: string): number {
  return readdirSync(countDir)
    .filter((file) => file.startsWith(prefix))
    .reduce((sum, file) => sum + Number(readFileSync(join(countDir, file), 'utf8') || 0), 0);
}

/** Stops the clusters: SIGTERM, then SIGKILL for any still running after 1.5 s. */
export async function stopBenchClusters(clusters: readonly BenchCluster[]): Promise<void> {
  for (const cluster of clusters) cluster.process.kill('SIGTERM');
  await new Promise((done) => setTimeout(done, 1500));
  for (const cluster of clusters) if (cluster.process.exitCode === null) cluster.process.kill('SIGKILL');
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

export function shuffle<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
