import { expect, test, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { expectNoSeriousAccessibilityViolations } from '../helpers/accessibility';
import { newAccount, register, signIn } from '../helpers/accounts';
import { openSection } from '../helpers/navigation';

/**
 * A new account adds a device in Settings; the Nightscout URL shown, and what an uploader makes
 * of it: the user part is the secret, sent as its SHA-1 in `api-secret` (xDrip+).
 */
async function accountWithDevice(page: Page, name: string) {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);
  await openSection(page, 'Settings');
  await page.getByLabel('Device name').fill(name);
  await page.getByRole('button', { name: 'Add device' }).click();
  const url = await page.getByLabel('Nightscout URL for the app').inputValue();
  // The URL, the secret and the QR code fit a phone: nothing makes the page scroll sideways.
  const viewportWidth = page.viewportSize()?.width ?? 0;
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewportWidth);
  expect(url).toMatch(/^https?:\/\/[A-Za-z0-9_-]{32,}@[^/]+\/api\/v1\/$/);
  const { username, origin } = new URL(url);
  return { origin, apiSecret: createHash('sha1').update(decodeURIComponent(username)).digest('hex') };
}

test('a device added in Settings uploads readings with its Nightscout URL, they show in the diary, and a revoke stops it', async ({ page }) => {
  const { origin, apiSecret } = await accountWithDevice(page, 'xDrip+ on my phone');
  await expectNoSeriousAccessibilityViolations(page);
  const date = Date.now() - 2 * 60_000;
  const upload = await page.request.post(`${origin}/api/v1/entries`, {
    headers: { 'api-secret': apiSecret },
    data: [{ type: 'sgv', sgv: 187, date, dateString: new Date(date).toISOString(), direction: 'FortyFiveUp', device: 'xDrip-DexcomG7' }],
  });
  expect(upload.status()).toBe(200);

  await page.getByRole('link', { name: 'Readings' }).click();
  await expect(page.getByRole('row', { name: /187/ })).toBeVisible();

  await openSection(page, 'Settings');
  await expect(page.getByRole('list', { name: 'Your devices' })).toContainText('xDrip+ on my phone');
  // Revoking is asked about once more in the page (no browser pop-up): keeping it changes nothing.
  await page.getByRole('button', { name: 'Revoke xDrip+ on my phone' }).click();
  const question = page.getByRole('group', { name: /^Revoke xDrip\+ on my phone\?/ });
  await question.getByRole('button', { name: 'Keep it' }).click();
  await expect(page.getByRole('list', { name: 'Your devices' })).toContainText('xDrip+ on my phone');
  await page.getByRole('button', { name: 'Revoke xDrip+ on my phone' }).click();
  await expectNoSeriousAccessibilityViolations(page);
  await question.getByRole('button', { name: 'Revoke it' }).click();
  await expect(page.getByText('xDrip+ on my phone is revoked')).toBeVisible();
  const refused = await page.request.post(`${origin}/api/v1/entries`, { headers: { 'api-secret': apiSecret }, data: [{ sgv: 120, date: Date.now() - 60_000 }] });
  expect(refused.status()).toBe(401);
});

test("a sensor app's readings, treatments and status show as they arrive: the arrow and age on the dashboard, the day's doses and device events, the app's status", async ({ page }) => {
  const { origin, apiSecret } = await accountWithDevice(page, 'Loop');
  // The QR code of the URL is drawn in the page and shown whole.
  const qr = page.getByRole('img', { name: 'QR code of the Nightscout URL for the app' });
  await expect(qr).toBeVisible();
  expect(await qr.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);

  const headers = { 'api-secret': apiSecret };
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const uploads = [
    page.request.post(`${origin}/api/v1/entries`, { headers, data: [{ type: 'sgv', sgv: 154, date: Date.now() - 3 * 60_000, direction: 'SingleDown' }] }),
    page.request.post(`${origin}/api/v1/treatments`, {
      headers,
      data: [
        { eventType: 'Correction Bolus', created_at: minutesAgo(20), timestamp: minutesAgo(20), insulin: 1.5, insulinType: 'fiasp', enteredBy: 'loop://iPhone' },
        { eventType: 'Temp Basal', created_at: minutesAgo(20), timestamp: minutesAgo(20), rate: 0, absolute: 0, duration: 30, reason: 'suspend', temp: 'absolute' },
      ],
    }),
    page.request.post(`${origin}/api/v1/devicestatus`, {
      headers,
      data: [{ device: 'loop://iPhone', created_at: minutesAgo(1), uploader: { battery: 77 }, pump: { reservoir: 88.5 }, loop: { iob: { iob: 1.4 } } }],
    }),
  ];
  for (const response of await Promise.all(uploads)) expect(response.status()).toBe(200);

  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('img', { name: 'falling' })).toHaveText('↓');
  await expect(page.getByText(/^[34] min ago$/)).toBeVisible();

  // The day of the dose in the zone the account was registered in (the browser's): at 00:10 it is yesterday.
  const day = await page.evaluate((instant) => new Date(instant).toLocaleDateString('en-CA', { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone }), minutesAgo(20));
  await page.goto(`/day/${day}`);
  await expect(page.locator('ol.entries')).toContainText('1.5 U');
  const fromApps = page.getByRole('region', { name: 'From your apps' });
  await expect(fromApps).toContainText('Temp Basal 0 U/h for 30 min · suspend');
  await expectNoSeriousAccessibilityViolations(page);

  await openSection(page, 'Settings');
  await expect(page.getByRole('list', { name: 'Your devices' })).toContainText('phone battery 77 % · reservoir 88.5 U · 1.4 U insulin on board');
});
