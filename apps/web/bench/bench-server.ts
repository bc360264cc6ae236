/** The built app served by the real API on loopback, on a scratch database holding the demo diary. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const WORKSPACE = resolve(import.meta.dirname, '../../..');
export const BUILT_API = join(WORKSPACE, 'dist/apps/api/main.mjs');
export const BUILT_WEB = join(WORKSPACE, 'dist/apps/web/browser');
/** The account `npm run seed:demo` creates (apps/api/src/tools/seed-demo.ts). */
export const DEMO_ACCOUNT = { email: 'demo@glucodiary.example', password: 'glucodiary-demo' };

const SEED_TIMEOUT_MS = 120_000;
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

export interface BenchServer {
  base: string;
  stop(): Promise<void>;
}

/** Whether `npm run build` has left both halves of the app in dist/. */
export function appIsBuilt(): boolean {
  return existsSync(BUILT_API) && existsSync(BUILT_WEB);
}

/** Seeds the demo diary into a fresh database, then starts `node dist/apps/api/main.mjs` on it. */
export async function startBenchServer(): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'glucodiary-page-load-'));
  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${join(dataDir, 'bench.db')}`,
    // Its own grid port, so it never meets another local instance (an e2e run, a dev server).
    GRID_PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
  };
  const removeData = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    // The seeding script itself, so the bench measures the same diary `npm run seed:demo` gives.
    const seed = spawn(process.execPath, ['--import', 'tsx', join(WORKSPACE, 'apps/api/src/tools/seed-demo.ts')], {
      cwd: WORKSPACE,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...env, TSX_TSCONFIG_PATH: join(WORKSPACE, 'tsconfig.base.json') },
    });
    await exited(seed, SEED_TIMEOUT_MS, 'seeding the demo diary');
  } catch (error) {
    removeData();
    throw error;
  }
  const server = spawn(process.execPath, [BUILT_API], { cwd: WORKSPACE, stdio: ['ignore', 'ignore', 'inherit'], env });
  const stop = async () => {
    await stopProcess(server);
    removeData();
  };
  const base = `http://127.0.0.1:${port}`;
  try {
    await healthy(base, server);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, stop };
}

async function healthy(base: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the API exited with code ${server.exitCode} while starting`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`the API did not answer ${base}/api/health within ${START_TIMEOUT_MS / 1000} s`);
}

/** Resolves when the child exits with 0; kills it and rejects on a failure or after `timeoutMs`. */
function exited(child: ChildProcess, timeoutMs: number, what: string): Promise<void> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${what} took over ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      fail(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) done();
      else fail(new Error(`${what} failed (exit code ${code})`));
    });
  });
}

/** SIGTERM (the API closes gracefully), then SIGKILL if it is still running after a grace period. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await gone;
  clearTimeout(killer);
}

/** A TCP port on loopback that was free a moment ago. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}
