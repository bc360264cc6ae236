/**
 * `npm run bench:web`: Lighthouse-style page-load figures of the signed-in dashboard, measured in
 * Debian's Chromium against the built app (`npm run build` first) served by the real API on
 * loopback, with the 90-day demo diary (`npm run seed:demo`) and a day of CGM readings.
 *
 * Three visits, each on loopback as it is and under Lighthouse's mobile preset (slow 4G, 4× CPU):
 *   first visit     HTTP cache cleared, service workers blocked
 *   HTTP cache      a repeat visit, service workers blocked
 *   service worker  a repeat visit served by the app's service worker (HTTP cache cleared, so
 *                   the row shows what the worker's cache alone saves)
 * Every load is a navigation to /dashboard in a context signed in once through the page. Each
 * figure is the median over the runs (5, `--quick` 2); the visits take turns within a run, so
 * compare the rows of one run (the machine is shared and noisy).
 */
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { appIsBuilt, BUILT_WEB, DEMO_ACCOUNT, startBenchServer, type BenchServer } from './bench-server';
import {
  emulate,
  IN_PAGE_PROBE,
  measureLoad,
  NetworkTally,
  QUIET_WINDOW_MS,
  SLOW_4G_MID_TIER_PHONE,
  UNTHROTTLED,
  type Conditions,
  type LoadFigures,
} from './load-probe';
import { uploadSensorDay } from './sensor-day';

const RUNS = process.argv.includes('--quick') ? 2 : 5;
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const LOAD_TIMEOUT_MS = 60_000;
const WORKER_CONTROL_TIMEOUT_MS = 30_000;
const VIEWPORT = { width: 1280, height: 800 };

interface SignedInPage {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  tally: NetworkTally;
}

interface Visit {
  name: string;
  /** Why the visit cannot be measured in this build; the row says so instead of figures. */
  unavailable?: string;
  signedIn?: SignedInPage;
  /** Run before each measured load of the visit. */
  prepare?: (signedIn: SignedInPage) => Promise<void>;
  /** Run after each measured load: throws if the load was not the visit it stands for. */
  verify?: (signedIn: SignedInPage) => Promise<void>;
}

async function main(): Promise<void> {
  if (!appIsBuilt()) {
    console.error('No built app in dist/: run npm run build first.');
    process.exitCode = 2;
    return;
  }
  const server = await startBenchServer();
  const stopOnSignal = () => void server.stop().finally(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    const sensorReadings = await uploadSensorDay(server.base, DEMO_ACCOUNT);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      await report(browser, server, sensorReadings);
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
  }
}

async function report(browser: Browser, server: BenchServer, sensorReadings: number): Promise<void> {
  const visits = await prepareVisits(browser, server.base);
  const conditions = [UNTHROTTLED, SLOW_4G_MID_TIER_PHONE];
  const samples = new Map<string, LoadFigures[]>();
  for (let run = 1; run <= RUNS; run++) {
    for (const condition of conditions) {
      for (const visit of visits) {
        if (!visit.signedIn) continue;
        process.stderr.write(`run ${run}/${RUNS}: ${visit.name}, ${condition.name}\n`);
        await emulate(visit.signedIn.cdp, condition);
        await visit.prepare?.(visit.signedIn);
        const figures = await measureLoad(visit.signedIn.page, visit.signedIn.tally, '/dashboard', LOAD_TIMEOUT_MS);
        await visit.verify?.(visit.signedIn);
        samples.set(rowKey(visit, condition), [...(samples.get(rowKey(visit, condition)) ?? []), figures]);
      }
    }
  }
  for (const visit of visits) await visit.signedIn?.context.close();
  printTable(await browser.version(), sensorReadings, conditions, visits, samples);
}

async function prepareVisits(browser: Browser, base: string): Promise<Visit[]> {
  const clearHttpCache = async ({ cdp }: SignedInPage) => void (await cdp.send('Network.clearBrowserCache'));
  const blocked = await signedIn(browser, base, 'block');
  const visits: Visit[] = [
    { name: 'first visit', signedIn: blocked, prepare: clearHttpCache },
    { name: 'repeat, HTTP cache', signedIn: blocked },
  ];
  if (!existsSync(join(BUILT_WEB, 'ngsw-worker.js'))) return [...visits, { name: 'repeat, service worker', unavailable: 'service worker: not in this build' }];
  const withWorker = await signedIn(browser, base, 'allow');
  if (!(await controlledByWorker(withWorker))) {
    await withWorker.context.close();
    return [...visits, { name: 'repeat, service worker', unavailable: `service worker: did not control the page within ${WORKER_CONTROL_TIMEOUT_MS / 1000} s` }];
  }
  const servedByWorker = async ({ page }: SignedInPage) => {
    if (!(await page.evaluate('navigator.serviceWorker.controller !== null'))) throw new Error('the service worker did not control the page');
  };
  return [...visits, { name: 'repeat, service worker', signedIn: withWorker, prepare: clearHttpCache, verify: servedByWorker }];
}

/** A page of a new context, signed in as the demo account through the sign-in page, the dashboard loaded once. */
async function signedIn(browser: Browser, base: string, serviceWorkers: 'allow' | 'block'): Promise<SignedInPage> {
  const context = await browser.newContext({ baseURL: base, serviceWorkers, viewport: VIEWPORT });
  await context.addInitScript({ content: IN_PAGE_PROBE });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const tally = new NetworkTally(cdp, context);
  await page.goto('/login', { timeout: LOAD_TIMEOUT_MS });
  await page.getByLabel('Email').fill(DEMO_ACCOUNT.email);
  await page.getByLabel('Password').fill(DEMO_ACCOUNT.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).first().waitFor({ timeout: LOAD_TIMEOUT_MS });
  const signedInPage = { context, page, cdp, tally };
  await measureLoad(page, tally, '/dashboard', LOAD_TIMEOUT_MS);
  return signedInPage;
}

/**
 * Waits until the app's service worker controls the page: Angular registers it once the app is
 * stable (at most 5 s after start), and a page loaded before that is controlled only from its
 * next load. Two more loads then let the worker fill its cache before anything is measured.
 */
async function controlledByWorker({ page, tally }: SignedInPage): Promise<boolean> {
  const registered = await page.evaluate(
    `Promise.race([navigator.serviceWorker.ready.then(() => true), new Promise((done) => setTimeout(() => done(false), ${WORKER_CONTROL_TIMEOUT_MS}))])`,
  );
  if (!registered) return false;
  for (let load = 0; load < 2; load++) await measureLoad(page, tally, '/dashboard', LOAD_TIMEOUT_MS);
  return (await page.evaluate('navigator.serviceWorker.controller !== null')) as boolean;
}

const rowKey = (visit: Visit, condition: Conditions) => `${visit.name}|${condition.name}`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const kib = (bytes: number) => (bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0);
const ms = (value: number) => String(Math.round(value));

function printTable(chromiumVersion: string, sensorReadings: number, conditions: Conditions[], visits: Visit[], samples: Map<string, LoadFigures[]>): void {
  const cpu = cpus();
  const header = ['Visit', 'Network, CPU', 'Requests', 'Transferred KiB', 'JS', 'CSS', 'API JSON', 'Other', 'FCP ms', 'LCP ms', 'Interactive ms'];
  const rows: string[][] = [];
  for (const condition of conditions) {
    for (const visit of visits) {
      const runs = samples.get(rowKey(visit, condition));
      if (!runs) {
        rows.push([visit.name, condition.name, visit.unavailable ?? 'not measured', ...header.slice(3).map(() => '')]);
        continue;
      }
      const of = (figure: (load: LoadFigures) => number) => median(runs.map(figure));
      const paint = (figure: (load: LoadFigures) => number | null) => {
        const values = runs.map(figure).filter((value): value is number => value !== null);
        return values.length === runs.length ? ms(median(values)) : 'n/a';
      };
      rows.push([
        visit.name,
        condition.name,
        String(of((load) => load.requests)),
        kib(of((load) => load.bytes.js + load.bytes.css + load.bytes.api + load.bytes.other)),
        kib(of((load) => load.bytes.js)),
        kib(of((load) => load.bytes.css)),
        kib(of((load) => load.bytes.api)),
        kib(of((load) => load.bytes.other)),
        paint((load) => load.firstContentfulPaintMs),
        paint((load) => load.largestContentfulPaintMs),
        ms(of((load) => load.interactiveMs)),
      ]);
    }
  }
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  console.log(`\nDashboard load (/dashboard at its default period, signed in; 90-day demo diary + ${sensorReadings} CGM readings), median of ${RUNS} runs`);
  console.log(`${new Date().toISOString().slice(0, 10)}, Chromium ${chromiumVersion}, ${cpu.length} CPU${cpu.length === 1 ? '' : 's'} (${cpu[0]?.model.trim() ?? 'unknown'}), window ${VIEWPORT.width}×${VIEWPORT.height}\n`);
  console.log(line(header));
  console.log(line(header.map((_, i) => (i < 2 ? '---' : '---:'))));
  for (const row of rows) console.log(line(row));
  console.log(
    `\nRequests: what the page asked for until interactive, wherever the answer came from.` +
      `\nTransferred: bytes over the network until interactive (headers + encoded body; nothing for an answer from the HTTP cache or the service worker, but what the worker fetched itself), by kind: JS, CSS, API JSON (/api/), other (the page, icons, manifest, ngsw.json).` +
      `\nFCP / LCP: first and largest contentful paint. Interactive: the statistics cards hold a number and the main thread then runs no long task (>50 ms) for ${QUIET_WINDOW_MS} ms; the time is when that quiet window starts.` +
      `\nTimes in ms from the navigation's start. ${SLOW_4G_MID_TIER_PHONE.name}: 150 ms latency, 1.6 Mbps down, 750 kbps up (DevTools emulation of the page's requests), CPU slowed 4×.`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
