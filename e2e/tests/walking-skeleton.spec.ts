import { expect, test } from '@playwright/test';
import { newAccount, register, signIn } from '../helpers/accounts';
import { accessTokenOf } from '../helpers/readings';

test('a person registers, signs in, logs a reading, sees it, and signs out', async ({ page }) => {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);
  await page.getByRole('link', { name: 'Readings' }).click();
  await expect(page.getByText('No readings yet')).toBeVisible();

  await page.getByLabel('Glucose (mg/dL)').fill('142');
  await page.getByRole('combobox', { name: 'Meal context' }).click();
  await page.getByRole('option', { name: 'After meal' }).click();
  await page.getByLabel('Note (optional)').fill('birthday cake');
  await page.getByRole('button', { name: 'Save entry' }).click();

  const row = page.getByRole('row', { name: /142/ });
  await expect(row).toContainText('After meal');
  await expect(row).toContainText('birthday cake');

  // The reading is stored, not just shown: it is still there after a reload.
  await page.reload();
  await expect(page.getByRole('row', { name: /142/ })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  // The diary is a protected page: signed out, it sends you to sign in.
  await page.goto('/readings');
  await expect(page).toHaveURL(/\/login\?returnUrl=%2Freadings/);
  await signIn(page, account);
  await expect(page).toHaveURL(/\/readings$/);
});

test('a value outside the measurable range is refused with a clear message', async ({ page }) => {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);
  await page.getByRole('link', { name: 'Readings' }).click();
  await page.getByLabel('Glucose (mg/dL)').fill('1200');
  await page.getByRole('button', { name: 'Save entry' }).click();
  await expect(page.getByRole('alert')).toContainText('between 20 and 600 mg/dL');
  await expect(page.getByText('No readings yet')).toBeVisible();
});

test('a wrong password is refused and the page says why', async ({ page }) => {
  const account = newAccount();
  await register(page, account);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Email or password is wrong');
});

test('a token the server refuses ends the session with a clear notice', async ({ page, request }) => {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);
  const token = await accessTokenOf(page);
  // Sign the same session out behind the page's back, as another device would.
  const logout = await request.post('/api/auth/logout', { headers: { authorization: `Bearer ${token}` } });
  expect(logout.status()).toBe(204);
  await page.reload();
  await expect(page.getByText('Your session ended')).toBeVisible();
});
