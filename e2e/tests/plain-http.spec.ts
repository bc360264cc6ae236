import { expect, test } from '@playwright/test';
import { newAccount, register, signIn } from '../helpers/accounts';
import { LAN_HOST } from '../playwright.config';

/**
 * Tried from a phone on the LAN (`HOST=0.0.0.0`, http://<name>:<port>), the app was a blank page:
 * its CSP told the browser to upgrade every request to https, which nothing answers there.
 */
test('the app works over plain HTTP on a LAN host name: no request upgraded to https, sign-in and a reading work', async ({ page, baseURL }) => {
  const lanURL = baseURL!.replace('127.0.0.1', LAN_HOST);
  const failed: string[] = [];
  page.on('requestfailed', (request) => {
    // ERR_ABORTED is the app cancelling a request it no longer needs (a newer list load), not the network.
    const reason = request.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') failed.push(`${request.url()} ${reason}`);
  });
  const upgraded: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith('https:')) upgraded.push(request.url());
  });

  const document = await page.goto(`${lanURL}/register`);
  await expect(page.getByRole('heading', { name: 'Create your diary' })).toBeVisible();
  expect(document?.headers()['content-security-policy']).not.toContain('upgrade-insecure-requests');
  expect(document?.headers()['strict-transport-security']).toBeUndefined();

  const account = newAccount();
  await register(page, account, lanURL);
  await signIn(page, account);
  await page.getByRole('link', { name: 'Readings' }).click();
  await page.getByLabel('Glucose (mg/dL)').fill('118');
  await page.getByRole('button', { name: 'Save entry' }).click();
  await expect(page.getByRole('row', { name: /118/ })).toBeVisible();
  expect(page.url()).toContain(LAN_HOST);
  expect(upgraded).toEqual([]);
  expect(failed).toEqual([]);
});
