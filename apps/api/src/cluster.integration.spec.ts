import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, freePortBlock, scratchPostgresDatabase, scratchSqliteDatabase, type ScratchDatabase } from '@glucodiary/server-testing';
import { inject } from 'vitest';
import { startClusterProcess } from './testing/cluster-process';
import { http } from './testing/http';

const DETAILS_TOKEN = 'cluster-test-health-details-token';

interface Health {
  instance?: string;
  grid?: { members: unknown[] };
}

/** `npm start`'s cluster (2 instances sharing one port, a grid member each), run from source. */
describe('GlucoDiary as a cluster of instances', () => {
  let primary: ChildProcess;
  let database: ScratchDatabase;
  let dataDir: string;
  let base: string;
  let port: number;
  let gridPort: number;

  beforeAll(async () => {
    database =
      process.env['TEST_DATABASE'] === 'postgresql'
        ? await scratchPostgresDatabase(inject('postgresServerUrl'))
        : await scratchSqliteDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'glucodiary-cluster-'));
    port = await freePort();
    gridPort = await freePortBlock(2); // instance i takes gridPort + i
    base = `http://127.0.0.1:${port}`;
    await startCluster();
  }, 120_000);

  afterAll(async () => {
    await stopCluster();
    rmSync(dataDir, { recursive: true, force: true });
    await database.drop();
  }, 90_000);

  async function startCluster(): Promise<void> {
    primary = startClusterProcess({
      instances: 2,
      port,
      gridPort,
      dataDir,
      databaseUrl: database.url,
      detailsToken: DETAILS_TOKEN,
      logLevel: 'warn',
      detached: true,
    });
    await untilBothInstancesServe();
  }

  /** SIGTERM, as a service manager stops it: the instances stop one after another. */
  async function stopCluster(): Promise<void> {
    if (primary.exitCode !== null) return;
    const exited = new Promise((done) => primary.once('exit', done));
    primary.kill('SIGTERM');
    await exited;
  }

  /** Both instances answer, each seeing a grid of two members. */
  async function untilBothInstancesServe(): Promise<void> {
    await vi.waitFor(
      async () => {
        const seen = new Set<string>();
        for (let i = 0; i < 6; i++) {
          const health = (await http(`${base}/api/health`, { headers: { authorization: `Bearer ${DETAILS_TOKEN}` } })).body as Health;
          if (health.grid?.members.length === 2 && health.instance) seen.add(health.instance);
        }
        expect(seen.size).toBe(2);
      },
      { timeout: 90_000, interval: 500 },
    );
  }

  async function signIn(email: string) {
    await http(`${base}/api/auth/register`, { method: 'POST', body: { email, password: 'cluster password', displayName: 'C' } });
    const login = await http(`${base}/api/auth/login`, { method: 'POST', body: { email, password: 'cluster password' } });
    return { authorization: `Bearer ${(login.body as { accessToken: string }).accessToken}` };
  }

  async function statusesOf(headers: Record<string, string>, count = 8): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) statuses.push((await http(`${base}/api/me`, { headers })).status);
    return statuses;
  }

  it('serves one port from two instances, and a crashed instance loses no session', async () => {
    const headers = await signIn('crash@example.test');
    expect(await statusesOf(headers)).toEqual(Array(8).fill(200));

    // The primary's children that run the app (tsx may add an esbuild helper process).
    const workers = execFileSync('pgrep', ['-P', String(primary.pid), '-f', 'apps/api/src/cluster.ts']).toString().trim().split('\n').map(Number);
    expect(workers).toHaveLength(2);
    process.kill(workers[0]!, 'SIGKILL');

    // The surviving instance answers every request, the session intact (its backups took over)…
    await vi.waitFor(async () => expect(await statusesOf(headers, 4)).toEqual([200, 200, 200, 200]), { timeout: 20_000 });
    // …and the primary replaces the dead instance, which rejoins the grid.
    await untilBothInstancesServe();
    expect(await statusesOf(headers)).toEqual(Array(8).fill(200));
  });

  it('a sign-out through one instance is refused by both at once', async () => {
    const headers = await signIn('signout@example.test');
    expect(await statusesOf(headers, 4)).toEqual([200, 200, 200, 200]);
    expect((await http(`${base}/api/auth/logout`, { method: 'POST', headers })).status).toBe(204);
    expect(await statusesOf(headers)).toEqual(Array(8).fill(401));
  });

  it('a restart of every instance logs nobody out: sessions are read through from the database', async () => {
    const headers = await signIn('restart@example.test');
    const revoked = await signIn('revoked@example.test');
    expect((await http(`${base}/api/auth/logout`, { method: 'POST', headers: revoked })).status).toBe(204);

    await stopCluster();
    await startCluster();

    expect(await statusesOf(headers)).toEqual(Array(8).fill(200));
    expect(await statusesOf(revoked, 4)).toEqual([401, 401, 401, 401]);
  }, 120_000);

  it('Ctrl+C in a terminal (SIGINT to every process of the group) stops every instance promptly and cleanly', async () => {
    const exited = new Promise<number | null>((done) => primary.once('exit', (code) => done(code)));
    const started = Date.now();
    process.kill(-primary.pid!, 'SIGINT');
    // Both instances leave the grid at the same moment: neither may wait for the other to take its partitions.
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 60_000);
});
