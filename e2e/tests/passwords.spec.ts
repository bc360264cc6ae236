import { expect, test } from '@playwright/test';
import { newAccount } from '../helpers/accounts';

test('a common password is refused beside the field, and a phrase is taken', async ({ page }) => {
  const account = newAccount();
  await page.goto('/register');
  await expect(page.getByText('At least 12 characters')).toBeVisible();
  await page.getByLabel('Your name').fill(account.displayName);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill('password1234');
  await page.getByRole('button', { name: 'Create account' }).click();
  // Long enough for the browser; the server knows it is one of the most used passwords.
  await expect(page.getByRole('alert')).toHaveText(/^Password is too common or too easy to guess .*; use a longer phrase of a few unrelated words\.$/);

  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Account created')).toBeVisible();
});
