import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, scratchSqliteDatabase, type ScratchDatabase } from '@glucodiary/server-testing';
import { http } from './testing/http';

const WORKSPACE = resolve(__dirname, '../../..');
const DETAILS_TOKEN = 'pause-test-health-details-token';
/** The grid's default heartbeat timeout is 10 s: a longer pause gets the instance dropped. */
const LONG_PAUSE_MS = 13_000;
const READS_AFTER_RESUME_MS = 5000;

interface Instance {
  process: ChildProcess;
  base: string;
}

/**
 * Three API instances as separate processes (each with its own HTTP port, so a test can address
 * each one), one SQLite file. One instance is paused (SIGSTOP), a session is signed out through
 * another, the paused one resumes with requests waiting for it: from the moment the sign-out
 * returned, no instance may accept the signed-out token. SQLite only (vitest.postgresql.config.mts
 * leaves it out): what is under test is the grid, not the database.
 */
describe('a session signed out while an instance was paused stays signed out on every instance', () => {
  let database: ScratchDatabase;
  let dataDir: string;
  let instances: Instance[] = [];

  beforeAll(async () => {
    database = await scratchSqliteDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'glucodiary-pause-'));
    const secrets = { JWT_SECRET: randomBytes(48).toString('base64'), GRID_CLUSTER_SECRET: randomBytes(24).toString('base64') };
    const gridPorts = await Promise.all([freePort(), freePort(), freePort()]);
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
        cwd: WORKSPACE,
        stdio: ['ignore', 'ignore', 'inherit'],
        env: {
          ...process.env,
          ...secrets,
          TSX_TSCONFIG_PATH: join(WORKSPACE, 'tsconfig.base.json'),
          HOST: '127.0.0.1',
          PORT: String(port),
          GRID_PORT: String(gridPorts[i]),
          GRID_PORT_AUTO_INCREMENT: 'false',
          GRID_SEEDS: gridPorts.filter((_, other) => other !== i).map((p) => `127.0.0.1:${p}`).join(','),
          GRID_MIN_CLUSTER_SIZE: '2',
          DATA_DIR: dataDir,
          DATABASE_URL: database.url,
          DB_MIGRATE_ON_START: i === 0 ? 'true' : 'false',
          WEB_ROOT: join(dataDir, 'no-web'),
          PASSWORD_HASH_MEMORY_KIB: '1024',
          LOG_LEVEL: 'error',
          HEALTH_DETAILS_TOKEN: DETAILS_TOKEN,
          INSTANCE_ID: `pause-${i}`,
        },
      });
      instances.push({ process: child, base: `http://127.0.0.1:${port}` });
      // The first founds the grid and migrates; the others join it.
      await untilMembers(instances[i]!, i + 1);
    }
    for (const instance of instances) await untilMembers(instance, 3);
  }, 120_000);

  afterAll(async () => {
    for (const { process: child } of instances) {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
    }
    instances = [];
    rmSync(dataDir, { recursive: true, force: true });
    await database.drop();
  });

  async function untilMembers(instance: Instance, count: number, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const health = await http(`${instance.base}/api/health`, { headers: { authorization: `Bearer ${DETAILS_TOKEN}` } }).catch(() => undefined);
      const members = (health?.body as { grid?: { members: unknown[] } } | undefined)?.grid?.members.length;
      if (members === count) return;
      if (Date.now() > deadline) throw new Error(`${instance.base} did not see ${count} grid members (saw ${members})`);
      await sleep(200);
    }
  }

  async function signIn(): Promise<Record<string, string>> {
    const email = `pause-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`;
    const password = 'seven quiet lanterns drift over harbour';
    const registered = await http(`${instances[1]!.base}/api/auth/register`, { method: 'POST', body: { email, password, displayName: 'Pause' } });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const login = await http(`${instances[1]!.base}/api/auth/login`, { method: 'POST', body: { email, password } });
    expect(login.status).toBe(200);
    return { authorization: `Bearer ${(login.body as { accessToken: string }).accessToken}` };
  }

  /** Asks `/api/me` with the token over and over; counts the answers by status. */
  async function hammer(instance: Instance, headers: Record<string, string>, durationMs: number): Promise<Record<number, number>> {
    const seen: Record<number, number> = {};
    const deadline = Date.now() + durationMs;
    while (Date.now() < deadline) {
      const answers = await Promise.all(Array.from({ length: 8 }, () => http(`${instance.base}/api/me`, { headers }).then((a) => a.status, () => 0)));
      for (const status of answers) seen[status] = (seen[status] ?? 0) + 1;
    }
    return seen;
  }

  it.each([
    { paused: 0, what: 'the grid coordinator (the first instance)', pauseMs: LONG_PAUSE_MS },
    { paused: 2, what: 'a plain instance', pauseMs: LONG_PAUSE_MS },
  ])('$what, paused $pauseMs ms, with the sign-out after the others dropped it', async ({ paused, pauseMs }) => {
    for (const instance of instances) await untilMembers(instance, 3);
    const headers = await signIn();
    // Every instance has checked the token: it is in their near caches or owned partitions.
    for (const instance of instances) expect((await http(`${instance.base}/api/me`, { headers })).status).toBe(200);

    const sleeper = instances[paused]!;
    const through = instances[1]!;
    const pausedAt = Date.now();
    sleeper.process.kill('SIGSTOP');
    await untilMembers(through, 2, 30_000);
    const signOut = await http(`${through.base}/api/auth/logout`, { method: 'POST', headers });
    expect(signOut.status).toBe(204);

    // Requests that reach the paused instance now wait in its socket backlog; it serves them first when it wakes.
    const waiting = Promise.all(Array.from({ length: 16 }, () => http(`${sleeper.base}/api/me`, { headers }).then((a) => a.status, () => 0)));
    await sleep(Math.max(0, pausedAt + pauseMs - Date.now()));
    sleeper.process.kill('SIGCONT');
    const first = await waiting;
    const after = await Promise.all(instances.map((instance) => hammer(instance, headers, READS_AFTER_RESUME_MS)));

    console.table(
      instances.map((instance, i) => ({
        instance: i === paused ? 'paused' : i === 1 ? 'signed out through' : 'other',
        'accepted (200)': (after[i]![200] ?? 0) + (i === paused ? first.filter((s) => s === 200).length : 0),
        'refused (401)': (after[i]![401] ?? 0) + (i === paused ? first.filter((s) => s === 401).length : 0),
        other: Object.entries(after[i]!).filter(([status]) => status !== '200' && status !== '401').reduce((n, [, c]) => n + c, 0),
      })),
    );
    expect(first.filter((status) => status === 200)).toEqual([]);
    for (const seen of after) expect(seen[200] ?? 0).toBe(0);
    await untilMembers(sleeper, 3, 60_000);
  }, 120_000);
});
