import { expect, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import { expectNoSeriousAccessibilityViolations } from '../helpers/accessibility';
import { newAccount, register, signIn } from '../helpers/accounts';

test('a device added in Settings uploads readings with its Nightscout URL, they show in the diary, and a revoke stops it', async ({ page }) => {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Device name').fill('xDrip+ on my phone');
  await page.getByRole('button', { name: 'Add device' }).click();
  const url = await page.getByLabel('Nightscout URL for the app').inputValue();
  expect(url).toMatch(/^https?:\/\/[A-Za-z0-9_-]{32,}@[^/]+\/api\/v1\/$/);
  await expectNoSeriousAccessibilityViolations(page);

  // What xDrip+ does with that URL: the user part is the secret, sent as its SHA-1 in `api-secret`.
  const { username, origin } = new URL(url);
  const apiSecret = createHash('sha1').update(decodeURIComponent(username)).digest('hex');
  const date = Date.now() - 2 * 60_000;
  const upload = await page.request.post(`${origin}/api/v1/entries`, {
    headers: { 'api-secret': apiSecret },
    data: [{ type: 'sgv', sgv: 187, date, dateString: new Date(date).toISOString(), direction: 'FortyFiveUp', device: 'xDrip-DexcomG7' }],
  });
  expect(upload.status()).toBe(200);

  await page.getByRole('link', { name: 'Readings' }).click();
  await expect(page.getByRole('row', { name: /187/ })).toBeVisible();

  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('list', { name: 'Your devices' })).toContainText('xDrip+ on my phone');
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Revoke xDrip+ on my phone' }).click();
  await expect(page.getByText('xDrip+ on my phone is revoked')).toBeVisible();
  const refused = await page.request.post(`${origin}/api/v1/entries`, { headers: { 'api-secret': apiSecret }, data: [{ sgv: 120, date: Date.now() - 60_000 }] });
  expect(refused.status()).toBe(401);
});
