/**
 * One measured load of a page: what crossed the network (from the DevTools protocol) and when the
 * page painted and became usable (from the page's own performance timeline).
 */
import type { BrowserContext, CDPSession, Page, Request } from '@playwright/test';

/**
 * A statistics card showing a number (a withheld figure shows an aria-hidden dash instead): the
 * dashboard's figures have arrived from the API and are on screen.
 */
export const FIGURES_SELECTOR = 'app-statistics-cards .card .number:not([aria-hidden])';
/** How long the main thread must stay free of long tasks after the figures show. */
export const QUIET_WINDOW_MS = 500;

export interface Conditions {
  name: string;
  /** Network.emulateNetworkConditions; null: loopback as it is. */
  network: { latency: number; downloadThroughput: number; uploadThroughput: number } | null;
  cpuSlowdown: number;
}

const KBPS = 1024 / 8;
export const UNTHROTTLED: Conditions = { name: 'loopback', network: null, cpuSlowdown: 1 };
/** Lighthouse's mobile preset ("slow 4G, mid-tier phone"): 150 ms RTT, 1.6 Mbps down, 750 kbps up, 4× CPU slowdown. */
export const SLOW_4G_MID_TIER_PHONE: Conditions = {
  name: 'slow 4G, 4× CPU',
  network: { latency: 150, downloadThroughput: 1.6 * 1024 * KBPS, uploadThroughput: 750 * KBPS },
  cpuSlowdown: 4,
};

export type ByteKind = 'js' | 'css' | 'api' | 'other';

export interface LoadFigures {
  requests: number;
  bytes: Record<ByteKind, number>;
  firstContentfulPaintMs: number | null;
  largestContentfulPaintMs: number | null;
  interactiveMs: number;
}

/**
 * Installed before any of the page's own scripts (addInitScript), as a string so that nothing the
 * TypeScript loader adds to a function's text reaches the page. It notes long tasks, the latest
 * largest-contentful-paint candidate, and when the figures first appear in the document.
 */
export const IN_PAGE_PROBE = `(() => {
  const probe = { longTasks: [], largestContentfulPaint: null, figuresShownAt: null };
  window.__pageLoadProbe = probe;
  const observe = (type, note) => { try { new PerformanceObserver((list) => list.getEntries().forEach(note)).observe({ type, buffered: true }); } catch {} };
  observe('longtask', (task) => probe.longTasks.push({ start: task.startTime, end: task.startTime + task.duration }));
  observe('largest-contentful-paint', (entry) => { probe.largestContentfulPaint = entry.startTime; });
  const check = () => {
    if (probe.figuresShownAt === null && document.querySelector(${JSON.stringify(FIGURES_SELECTOR)})) {
      probe.figuresShownAt = performance.now();
      watcher.disconnect();
    }
  };
  const watcher = new MutationObserver(check);
  watcher.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

/**
 * "Interactive", in the page's clock (ms since navigation start): the earliest moment, once the
 * figures are shown, after which the main thread runs no long task for QUIET_WINDOW_MS. A value
 * once that window has passed; false while it is still open.
 */
const INTERACTIVE_WHEN_QUIET = `(() => {
  const probe = window.__pageLoadProbe;
  if (!probe || probe.figuresShownAt === null) return false;
  let interactive = probe.figuresShownAt;
  for (const task of [...probe.longTasks].sort((a, b) => a.start - b.start)) {
    if (task.start < interactive + ${QUIET_WINDOW_MS} && task.end > interactive) interactive = task.end;
  }
  return performance.now() >= interactive + ${QUIET_WINDOW_MS} ? interactive : false;
})()`;

/** Resolves with the interactive time once it is known, checking every 100 ms in the page (the app's CSP forbids Playwright's polling by eval). */
const WHEN_INTERACTIVE = `new Promise((done) => {
  const check = () => { const interactive = ${INTERACTIVE_WHEN_QUIET}; if (interactive === false) setTimeout(check, 100); else done(interactive); };
  check();
})`;

const PAINTS = `(() => ({
  firstContentfulPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
  largestContentfulPaint: window.__pageLoadProbe?.largestContentfulPaint ?? null,
}))()`;

const BODY_SIZES = `performance.getEntriesByType('resource').map((entry) => [entry.name, entry.encodedBodySize])`;

/** Applies the network and CPU conditions to the page (they hold until changed). */
export async function emulate(cdp: CDPSession, conditions: Conditions): Promise<void> {
  const network = conditions.network ?? { latency: 0, downloadThroughput: -1, uploadThroughput: -1 };
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...network });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: conditions.cpuSlowdown });
}

/**
 * Counts the page's requests and the bytes that crossed the network for them (headers and the
 * body as sent; nothing for an answer from the HTTP cache or the service worker), plus what the
 * service worker itself fetched meanwhile (its own requests are not the page's, so the page's
 * DevTools session never sees them).
 */
export class NetworkTally {
  private readonly requests = new Map<string, { url: string; kind: ByteKind; bytes: number; servedByWorker: boolean; finished: boolean }>();
  private readonly workerBytes: Record<ByteKind, number> = { js: 0, css: 0, api: 0, other: 0 };
  private workerFetches: Promise<void>[] = [];
  /** The load being counted (bumped by reset), so a late answer of an earlier one is left out. */
  private load = 0;
  private since = Date.now();

  constructor(cdp: CDPSession, context: BrowserContext) {
    cdp.on('Network.requestWillBeSent', (event) => {
      if (this.requests.has(event.requestId)) return;
      this.requests.set(event.requestId, { url: event.request.url, kind: kindOf(event.request.url, event.type), bytes: 0, servedByWorker: false, finished: false });
    });
    cdp.on('Network.responseReceived', (event) => {
      const request = this.requests.get(event.requestId);
      if (!request) return;
      request.servedByWorker = event.response.fromServiceWorker === true;
      request.bytes = event.response.encodedDataLength;
    });
    cdp.on('Network.loadingFinished', (event) => {
      const request = this.requests.get(event.requestId);
      if (request) Object.assign(request, { bytes: event.encodedDataLength, finished: true });
    });
    context.on('requestfinished', (request) => {
      // Only what the worker fetched since this load began, not the tail of the previous one.
      if (request.serviceWorker() && request.timing().startTime >= this.since) this.workerFetches.push(this.addWorkerFetch(request, this.load));
    });
  }

  reset(): void {
    this.requests.clear();
    this.workerFetches = [];
    this.load += 1;
    this.since = Date.now();
    for (const kind of Object.keys(this.workerBytes) as ByteKind[]) this.workerBytes[kind] = 0;
  }

  /**
   * `bodySizes`: the page's Resource Timing (URL to encoded body size). Angular's fetch backend
   * aborts a request once it has read the body, and Chromium then often reports it canceled
   * without the size of its body: that request counts its headers (as DevTools saw them) and the
   * body size Resource Timing gives.
   */
  async read(bodySizes: ReadonlyMap<string, number>): Promise<Pick<LoadFigures, 'requests' | 'bytes'>> {
    await Promise.all(this.workerFetches);
    const bytes = { ...this.workerBytes };
    for (const request of this.requests.values()) {
      if (request.servedByWorker) continue;
      bytes[request.kind] += request.finished ? request.bytes : request.bytes + (bodySizes.get(request.url) ?? 0);
    }
    return { requests: this.requests.size, bytes };
  }

  private async addWorkerFetch(request: Request, load: number): Promise<void> {
    const sizes = await request.sizes();
    if (load !== this.load) return;
    this.workerBytes[kindOf(request.url(), undefined)] += sizes.responseHeadersSize + sizes.responseBodySize;
  }
}

function kindOf(url: string, type: string | undefined): ByteKind {
  const path = new URL(url).pathname;
  if (type === 'Script' || (type === undefined && path.endsWith('.js'))) return 'js';
  if (type === 'Stylesheet' || (type === undefined && path.endsWith('.css'))) return 'css';
  if (path.startsWith('/api/')) return 'api';
  return 'other';
}

/** Navigates to `url` and waits until the page is interactive (see INTERACTIVE_WHEN_QUIET). */
export async function measureLoad(page: Page, tally: NetworkTally, url: string, timeoutMs: number): Promise<LoadFigures> {
  tally.reset();
  await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
  const interactiveMs = await withinTime(page.evaluate(WHEN_INTERACTIVE) as Promise<number>, timeoutMs, `${url} did not become interactive`);
  const paints = (await page.evaluate(PAINTS)) as { firstContentfulPaint: number | null; largestContentfulPaint: number | null };
  const bodySizes = (await page.evaluate(BODY_SIZES)) as [string, number][];
  return {
    ...(await tally.read(new Map(bodySizes))),
    firstContentfulPaintMs: paints.firstContentfulPaint,
    largestContentfulPaintMs: paints.largestContentfulPaint,
    interactiveMs,
  };
}

async function withinTime<T>(work: Promise<T>, timeoutMs: number, failure: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(`${failure} within ${timeoutMs / 1000} s`)), timeoutMs)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
