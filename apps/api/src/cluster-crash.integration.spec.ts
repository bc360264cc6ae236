import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CreateReadingBody } from '@glucodiary/contracts';
import { freePort, freePortBlock, scratchSqliteDatabase, type ScratchDatabase } from '@glucodiary/server-testing';
import { startClusterProcess } from './testing/cluster-process';

const DETAILS_TOKEN = 'cluster-crash-test-health-details-token';
const INSTANCES = 3;
const CLIENTS = 16;
const CRASHES = 3;
/** A request without an answer by then counts as hung. */
const REQUEST_TIMEOUT_MS = 10_000;

type Outcome = 'ok' | 'failed' | 'hung' | 'unexpected';

interface Answer {
  outcome: Outcome;
  status: number;
  body: unknown;
  /** What went wrong when there was no (good) answer, for the report. */
  detail?: string;
}

/**
 * One request on a fresh connection (no keep-alive), classified: an answer below 500 is "ok" when
 * it is the expected status and "unexpected" otherwise; a reset, a refused connection or a 5xx is
 * "failed" (fast); no answer within REQUEST_TIMEOUT_MS is "hung".
 */
function call(url: string, options: { method?: string; headers?: Record<string, string>; body?: unknown; expect: number }): Promise<Answer> {
  return new Promise((done) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    let settled = false;
    const settle = (answer: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done(answer);
    };
    const outgoing = request(
      url,
      {
        method: options.method ?? 'GET',
        agent: false,
        headers: { ...(payload && { 'content-type': 'application/json' }), ...options.headers },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('error', (error) => settle({ outcome: 'failed', status: 0, body: null, detail: `${(error as NodeJS.ErrnoException).code ?? error.message} (in the body)` }));
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          let body: unknown = null;
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            body = text;
          }
          const outcome: Outcome = status >= 500 ? 'failed' : status === options.expect ? 'ok' : 'unexpected';
          settle({ outcome, status, body, ...(outcome !== 'ok' && { detail: `${status} ${text.slice(0, 200)}` }) });
        });
      },
    );
    const timer = setTimeout(() => {
      settle({ outcome: 'hung', status: 0, body: null, detail: `no answer within ${REQUEST_TIMEOUT_MS} ms` });
      outgoing.destroy();
    }, REQUEST_TIMEOUT_MS);
    outgoing.on('error', (error: NodeJS.ErrnoException) => settle({ outcome: 'failed', status: 0, body: null, detail: error.code ?? error.message }));
    outgoing.end(payload);
  });
}

/**
 * `npm start`'s cluster under load while its instances are killed (kill -9): a request may fail
 * fast (its connection reset), none may hang, and no acknowledged write may be lost.
 *
 * SQLite only (vitest.postgresql.config.mts leaves it out): what is under test is how node:cluster
 * hands connections to instances in the primary, which does not depend on the database, and a
 * second run of this load on PostgreSQL would only double the cost. cluster.integration.spec.ts
 * covers the cluster on both.
 */
describe('GlucoDiary cluster: an instance crashing under load', () => {
  let primary: ChildProcess;
  let database: ScratchDatabase;
  let dataDir: string;
  let base: string;

  beforeAll(async () => {
    database = await scratchSqliteDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'glucodiary-cluster-crash-'));
    const port = await freePort();
    const gridPort = await freePortBlock(INSTANCES); // instance i takes gridPort + i
    base = `http://127.0.0.1:${port}`;
    // The primary's "instance N exited (SIGKILL); restarting it" goes to stderr all the same.
    primary = startClusterProcess({ instances: INSTANCES, port, gridPort, dataDir, databaseUrl: database.url, detailsToken: DETAILS_TOKEN, logLevel: 'error' });
    await untilEveryInstanceServes(90_000);
  }, 120_000);

  afterAll(async () => {
    if (primary && primary.exitCode === null && primary.signalCode === null) {
      const exited = new Promise((done) => primary.once('exit', done));
      primary.kill('SIGTERM');
      const force = setTimeout(() => primary.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(force);
    }
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  }, 60_000);

  /** The primary's children that run the app (tsx may add an esbuild helper process), oldest first. */
  function workerPids(): number[] {
    try {
      return execFileSync('pgrep', ['-P', String(primary.pid), '-f', 'apps/api/src/cluster.ts'])
        .toString()
        .trim()
        .split('\n')
        .map(Number)
        .sort((a, b) => a - b);
    } catch {
      return []; // pgrep exits 1 when nothing matches
    }
  }

  /** Every instance answers on the shared port (instance names seen on fresh connections), each in a grid of all of them. */
  async function untilEveryInstanceServes(timeout: number): Promise<void> {
    await vi.waitFor(
      async () => {
        expect(workerPids()).toHaveLength(INSTANCES);
        const seen = new Set<string>();
        for (let i = 0; i < 8 * INSTANCES && seen.size < INSTANCES; i++) {
          const health = await call(`${base}/api/health`, { headers: { authorization: `Bearer ${DETAILS_TOKEN}` }, expect: 200 });
          const body = health.body as { instance?: string; grid?: { members: unknown[] } } | null;
          if (health.outcome === 'ok' && body?.instance && body.grid?.members.length === INSTANCES) seen.add(body.instance);
        }
        expect(seen.size).toBe(INSTANCES);
      },
      { timeout, interval: 250 },
    );
  }

  it('answers or resets every request while instances are killed, hangs none and loses no acknowledged write', async () => {
    const email = 'crash-load@example.test';
    const password = 'crash then carry on';
    const registered = await call(`${base}/api/auth/register`, { method: 'POST', body: { email, password, displayName: 'Load' }, expect: 201 });
    expect(registered.outcome, registered.detail).toBe('ok');
    const login = await call(`${base}/api/auth/login`, { method: 'POST', body: { email, password }, expect: 200 });
    expect(login.outcome, login.detail).toBe('ok');
    const headers = { authorization: `Bearer ${(login.body as { accessToken: string }).accessToken}` };

    const counts: Record<Outcome, number> = { ok: 0, failed: 0, hung: 0, unexpected: 0 };
    /** Requests without a good answer: when they were sent and when they ended. */
    const misses: { outcome: Outcome; start: number; end: number }[] = [];
    const details = new Map<string, number>();
    const acknowledged = new Set<string>();
    let writes = 0;
    let running = true;

    /** One client: reads and writes one after another, each on a fresh connection. */
    const client = async (id: number) => {
      for (let n = 0; running; n++) {
        let answer: Answer;
        const start = Date.now();
        const kind = (id + n) % 3;
        if (kind === 0) {
          const body: CreateReadingBody = {
            takenAt: new Date(Date.now() - (writes++ % 86_400) * 1000).toISOString(),
            value: 80 + ((id * 7 + n) % 120),
            unit: 'mg/dL',
            context: 'other',
            note: `client ${id} write ${n}`,
          };
          answer = await call(`${base}/api/readings`, { method: 'POST', headers, body, expect: 201 });
          if (answer.outcome === 'ok') acknowledged.add((answer.body as { id: string }).id);
        } else if (kind === 1) {
          answer = await call(`${base}/api/readings?limit=5`, { headers, expect: 200 });
        } else {
          answer = await call(`${base}/api/me`, { headers, expect: 200 });
        }
        counts[answer.outcome]++;
        if (answer.outcome !== 'ok') misses.push({ outcome: answer.outcome, start, end: Date.now() });
        if (answer.detail) details.set(`${answer.outcome}: ${answer.detail}`, (details.get(`${answer.outcome}: ${answer.detail}`) ?? 0) + 1);
      }
    };

    const started = Date.now();
    const clients = Array.from({ length: CLIENTS }, (_, id) => client(id));
    const kills: number[] = [];
    try {
      for (let crash = 0; crash < CRASHES; crash++) {
        await sleep(1500); // the load runs on every instance for a moment
        const [victim] = workerPids();
        if (victim === undefined) throw new Error('no instance to kill');
        process.kill(victim, 'SIGKILL');
        kills.push(Date.now());
        // The primary forks a replacement after 1 s; wait until it serves, so the next crash hits a full cluster.
        await untilEveryInstanceServes(40_000);
      }
      await sleep(1000);
    } finally {
      running = false;
      await Promise.all(clients);
    }
    const loadSeconds = (Date.now() - started) / 1000;

    // Everything the diary holds, page by page.
    const stored = new Set<string>();
    let cursor: string | null = null;
    do {
      const page = await call(`${base}/api/readings?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers, expect: 200 });
      expect(page.outcome, page.detail).toBe('ok');
      const body = page.body as { items: { id: string }[]; nextCursor: string | null };
      for (const item of body.items) stored.add(item.id);
      cursor = body.nextCursor;
    } while (cursor);
    const lost = [...acknowledged].filter((id) => !stored.has(id));

    // A request a crash cost was in flight when the instance died (allowing a second for the primary
    // to notice): it goes to the first kill after it was sent; one that ended before it, to none.
    const perCrash = kills.map(() => ({ failed: 0, hung: 0 }));
    let outsideCrashes = 0;
    for (const { outcome, start, end } of misses) {
      const crash = kills.findIndex((kill) => kill + 1000 >= start);
      const counted = crash >= 0 && (kills[crash] ?? Infinity) <= end ? perCrash[crash] : undefined;
      if (counted && outcome !== 'unexpected' && outcome !== 'ok') counted[outcome]++;
      else outsideCrashes++;
    }
    const requests = counts.ok + counts.failed + counts.hung + counts.unexpected;
    console.log(
      [
        `cluster of ${INSTANCES} instances, ${CLIENTS} clients on fresh connections, ${loadSeconds.toFixed(1)} s of load`,
        '| crashes | requests | ok | failed fast (reset/5xx) | hung | unexpected status | acknowledged writes | stored |',
        '| --: | --: | --: | --: | --: | --: | --: | --: |',
        `| ${CRASHES} | ${requests} | ${counts.ok} | ${counts.failed} | ${counts.hung} | ${counts.unexpected} | ${acknowledged.size} | ${stored.size} |`,
        `per crash (failed fast / hung, of the requests in flight at the kill): ${perCrash.map(({ failed, hung }) => `${failed}/${hung}`).join(', ')}; other misses: ${outsideCrashes}`,
        ...[...details].map(([detail, count]) => `  ${count} × ${detail}`),
      ].join('\n'),
    );

    expect(counts.hung).toBe(0);
    expect(lost).toEqual([]);
    expect(stored.size).toBeGreaterThanOrEqual(acknowledged.size);
    // A crash costs only the requests in flight on the instance that died; sessions survive it.
    expect(counts.unexpected).toBe(0);
    expect(counts.ok).toBeGreaterThan(requests / 2);
  }, 150_000);
});
