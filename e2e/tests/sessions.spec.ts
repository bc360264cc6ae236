import { expect, test } from '@playwright/test';
import { expectNoSeriousAccessibilityViolations } from '../helpers/accessibility';
import { newAccount, register, signIn } from '../helpers/accounts';
import { openSection } from '../helpers/navigation';

test('a session revoked from another device ends with a clear notice on its next action', async ({ browser }) => {
  const account = newAccount();
  const laptop = await browser.newContext();
  const phone = await browser.newContext({
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
  });
  try {
    const laptopPage = await laptop.newPage();
    const phonePage = await phone.newPage();
    await register(laptopPage, account);
    await signIn(laptopPage, account);
    await phonePage.goto('/login');
    await signIn(phonePage, account);

    await openSection(laptopPage, 'Sessions');
    const devices = laptopPage.getByRole('list', { name: 'Signed-in devices' });
    await expect(devices.getByRole('listitem')).toHaveCount(2);
    await expect(devices).toContainText('(this device)');
    await expectNoSeriousAccessibilityViolations(laptopPage);
    await laptopPage.getByRole('button', { name: 'Sign out Safari on iOS' }).click();
    await expect(laptopPage.getByText('That device is signed out.')).toBeVisible();
    await expect(devices.getByRole('listitem')).toHaveCount(1);

    // The phone's next action is refused, and the phone says why. Its live stream may be refused first
    // (at its next heartbeat): the page then signs out by itself, with the same notice.
    await phonePage.getByRole('link', { name: 'Readings' }).click({ timeout: 3000 }).catch(() => undefined);
    await expect(phonePage.getByText('Your session ended')).toBeVisible();
    await expect(phonePage).toHaveURL(/\/login\?reason=session-ended/);

    // The laptop carries on.
    await laptopPage.getByRole('link', { name: 'Dashboard' }).click();
    await expect(laptopPage.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    await expect(laptopPage.getByRole('button', { name: 'Sign out' })).toBeVisible();
  } finally {
    await laptop.close();
    await phone.close();
  }
});

test('the refresh token is an HttpOnly cookie no script sees; a reload and an expired access token are renewed through it', async ({ page, context }) => {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);

  const cookie = (await context.cookies()).find((candidate) => candidate.name === 'glucodiary_refresh');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth/refresh', secure: false });
  expect(await page.evaluate(() => document.cookie)).not.toContain('glucodiary_refresh');
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toMatch(/token|eyJ/i); // no JWT, no refresh token

  // A reload starts without any token in the page: the cookie brings the session back.
  await page.reload();
  await page.getByRole('link', { name: 'Readings' }).click();
  await expect(page.getByRole('heading', { name: 'Your readings' })).toBeVisible();
  await expect(page.getByText('No readings yet')).toBeVisible();

  // The API refuses the page's access token once, as when it expired while the laptop slept: renewed silently, and retried.
  let refusals = 0;
  await page.route((url) => url.pathname === '/api/readings', async (route) => {
    if (route.request().method() === 'GET' && refusals++ === 0) await route.fulfill({ status: 401, json: { statusCode: 401, code: 'UNAUTHORIZED', error: 'Unauthorized', message: 'expired' } });
    else await route.fallback();
  });
  const renewed = page.waitForResponse((response) => response.url().endsWith('/api/auth/refresh') && response.status() === 200);
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('link', { name: 'Readings' }).click();
  await renewed;
  await expect(page.getByText('No readings yet')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  expect(refusals).toBeGreaterThanOrEqual(2);

  // Signing out removes the cookie from the browser.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect.poll(async () => (await context.cookies()).some((candidate) => candidate.name === 'glucodiary_refresh')).toBe(false);
});
