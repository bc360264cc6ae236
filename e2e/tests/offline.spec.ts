import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousAccessibilityViolations } from '../helpers/accessibility';
import { newAccount, register, signIn } from '../helpers/accounts';
import { openSection } from '../helpers/navigation';
import { accessTokenOf } from '../helpers/readings';

/** A new account, signed in. */
async function registerSignedIn(page: Page): Promise<void> {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);
}

/** The glucose values stored for the signed-in user, as the API lists them. */
async function storedValues(page: Page): Promise<number[]> {
  const response = await page.request.get('/api/readings?limit=100', { headers: { authorization: `Bearer ${await accessTokenOf(page)}` } });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { items: { value: number }[] }).items.map((reading) => reading.value).sort((a, b) => a - b);
}

async function logGlucose(page: Page, value: string): Promise<void> {
  await page.getByLabel('Glucose (mg/dL)').fill(value);
  await page.getByRole('button', { name: 'Save entry' }).click();
}

/** Whether the service worker controls the page and has every file of the app shell cached. */
function appShellCached(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    if (!navigator.serviceWorker.controller) return false;
    const manifest = (await (await fetch('/ngsw.json')).json()) as { assetGroups: { name: string; urls: string[] }[] };
    const shell = manifest.assetGroups.find((group) => group.name === 'app-shell');
    if (!shell || shell.urls.length === 0) return false;
    const cached = await Promise.all(shell.urls.map((url) => caches.match(url)));
    return cached.every((response) => response !== undefined);
  });
}

test('readings logged offline wait on the device, are listed as waiting, and are stored exactly once when the connection returns', async ({ page, context }) => {
  await registerSignedIn(page);
  await openSection(page, 'Readings');
  await expect(page.getByRole('button', { name: 'Save entry' })).toBeEnabled();
  await expect.poll(() => appShellCached(page), { timeout: 20_000 }).toBe(true);

  await context.setOffline(true);
  await logGlucose(page, '111');
  await expect(page.getByRole('status').filter({ hasText: 'No connection' })).toContainText('the glucose reading will be sent when you are back online');
  await logGlucose(page, '122');

  const waiting = page.getByRole('list', { name: 'Entries waiting to be sent' });
  await expect(waiting.getByRole('listitem')).toHaveCount(2);
  await expect(waiting.getByRole('listitem').nth(0)).toContainText('Glucose 111 mg/dL');
  await expect(waiting.getByRole('listitem').nth(1)).toContainText('Glucose 122 mg/dL');
  await expect(waiting).toContainText('Waiting for a connection');
  await expect(page.getByRole('status').filter({ hasText: 'waiting to be sent' })).toHaveText('2 readings waiting to be sent');
  // The navigation tells it too, wherever the user is (the bar of this viewport).
  const readingsLink = page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Readings', exact: true }).filter({ visible: true });
  await expect(readingsLink).toHaveAccessibleDescription('2 not sent yet');
  await expectNoSeriousAccessibilityViolations(page);

  // Kept on the device: reloaded offline (the service worker serves the app), the page still lists them.
  await page.reload();
  await expect(waiting.getByRole('listitem')).toHaveCount(2);

  await context.setOffline(false);
  await expect(waiting).toHaveCount(0);
  await expect(page.getByRole('row', { name: /111/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /122/ })).toBeVisible();
  await expect(readingsLink).not.toHaveAttribute('aria-describedby');
  expect(await storedValues(page)).toEqual([111, 122]);

  // Nothing is sent again later: a reload and another `online` send no reading at all.
  const sentAgain: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/readings') sentAgain.push(request.url());
  });
  await page.reload();
  await expect(page.getByRole('row', { name: /122/ })).toBeVisible();
  await context.setOffline(true);
  await context.setOffline(false);
  // `online` starts a send at once; proving that none goes needs a moment to pass.
  await page.waitForTimeout(1_500);
  expect(sentAgain).toEqual([]);
  expect(await storedValues(page)).toEqual([111, 122]);
});

test('an answer lost on the way: the reading is sent again under the same key and stored once', async ({ page }) => {
  await registerSignedIn(page);
  await openSection(page, 'Readings');

  const keys: (string | null)[] = [];
  await page.route('**/api/readings', async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    keys.push(await route.request().headerValue('idempotency-key'));
    // The first request reaches the API, which stores the reading; its answer never arrives.
    if (keys.length === 1) {
      await route.fetch();
      return route.abort('connectionreset');
    }
    return route.fallback();
  });
  await logGlucose(page, '133');
  await expect(page.getByRole('status').filter({ hasText: 'No connection' })).toBeVisible();
  // The outbox tries again by itself after a short wait, with the key made when Save was pressed.
  await expect(page.getByRole('row', { name: /133/ })).toBeVisible({ timeout: 15_000 });
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(keys[1]).toBe(keys[0]);
  expect(await storedValues(page)).toEqual([133]);
});

test('after one visit online, the app opens offline from the service worker and shows the last figures as of their time', async ({ page, context }) => {
  await registerSignedIn(page);
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Figures for the last 14 days/ })).toBeVisible();
  await expect.poll(() => appShellCached(page), { timeout: 20_000 }).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Offline — as of' })).toContainText(/Offline — as of \d{1,2}:\d{2}\s?[AP]M\./);
  await expect(page.getByRole('heading', { name: /^Figures for the last 14 days/ })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Back online, the page fetches the period afresh and the notice goes.
  await context.setOffline(false);
  await expect(page.getByRole('status').filter({ hasText: 'Offline — as of' })).toHaveCount(0);
});

test('the app is installable: a linked, valid web manifest with 192 and 512 px icons and a maskable one', async ({ page }) => {
  await page.goto('/login');
  const href = (await page.locator('link[rel="manifest"]').getAttribute('href')) ?? '';
  expect(href).not.toBe('');
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', '#005cbb');
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveCount(1);

  const manifestUrl = new URL(href, page.url()).href;
  const response = await page.request.get(manifestUrl);
  expect(response.ok()).toBe(true);
  expect(response.headers()['content-type']).toContain('application/manifest+json');
  const manifest = (await response.json()) as { name: string; short_name: string; start_url: string; display: string; icons: { src: string; sizes: string; type: string; purpose?: string }[] };
  expect(manifest).toMatchObject({ name: 'GlucoDiary', short_name: 'GlucoDiary', start_url: '/', display: 'standalone' });
  for (const size of ['192x192', '512x512']) expect(manifest.icons.some((icon) => icon.sizes === size && icon.type === 'image/png'), size).toBe(true);
  expect(manifest.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
  for (const icon of manifest.icons) {
    const image = await page.request.get(new URL(icon.src, manifestUrl).href);
    expect(image.ok(), icon.src).toBe(true);
    expect(image.headers()['content-type'], icon.src).toBe(icon.type);
  }

  // The worker and its manifest are always checked for a newer version (never cached as immutable).
  for (const file of ['/ngsw-worker.js', '/ngsw.json']) {
    const served = await page.request.get(file);
    expect(served.ok(), file).toBe(true);
    expect(served.headers()['cache-control'], file).toBe('no-cache');
  }
});
