import { expect, test } from '@playwright/test';
import { expectNoSeriousAccessibilityViolations } from '../helpers/accessibility';
import { newAccount, register, signIn } from '../helpers/accounts';
import { accessTokenOf } from '../helpers/readings';

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

    await laptopPage.getByRole('link', { name: 'Sessions' }).click();
    const devices = laptopPage.getByRole('list', { name: 'Signed-in devices' });
    await expect(devices.getByRole('listitem')).toHaveCount(2);
    await expect(devices).toContainText('(this device)');
    await expectNoSeriousAccessibilityViolations(laptopPage);
    await laptopPage.getByRole('button', { name: 'Sign out Safari on iOS' }).click();
    await expect(laptopPage.getByText('That device is signed out.')).toBeVisible();
    await expect(devices.getByRole('listitem')).toHaveCount(1);

    // The phone's next action is refused, and the phone says why.
    await phonePage.getByRole('link', { name: 'Readings' }).click();
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

test('an access token that expired is renewed silently with the refresh token', async ({ page }) => {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);
  // Make this tab's access token unusable, as if it had expired while the laptop slept.
  await page.evaluate(() => {
    const session = JSON.parse(localStorage.getItem('glucodiary.session') ?? '{}');
    localStorage.setItem('glucodiary.session', JSON.stringify({ ...session, accessToken: `${session.accessToken}x` }));
  });
  await page.reload();
  await page.getByRole('link', { name: 'Readings' }).click();
  await expect(page.getByRole('heading', { name: 'Your readings' })).toBeVisible();
  await expect(page.getByText('No readings yet')).toBeVisible();
  const renewed = await accessTokenOf(page);
  expect(renewed.endsWith('x')).toBe(false);
});
