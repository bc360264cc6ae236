import { expect, test } from '@playwright/test';
import { newAccount } from '../helpers/accounts';

test('registering signs the new account in and opens its dashboard, which a reload keeps', async ({ page, context }) => {
  const account = newAccount();
  await page.goto('/register');
  await page.getByLabel('Your name').fill(account.displayName);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  // A session like a sign-in's: its refresh token is the HttpOnly cookie, so a reload stays signed in.
  expect((await context.cookies()).find((cookie) => cookie.name === 'glucodiary_refresh')).toMatchObject({ httpOnly: true });
  await page.reload();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});
