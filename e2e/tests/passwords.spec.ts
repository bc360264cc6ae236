import { expect, test } from '@playwright/test';
import { expectNoSeriousAccessibilityViolations } from '../helpers/accessibility';
import { newAccount, register, signIn } from '../helpers/accounts';
import { openSection } from '../helpers/navigation';

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
  await expect(page).toHaveURL(/\/dashboard$/);
});

test('the password is changed in Settings → Security, which Sessions points to; the old password no longer signs in', async ({ page }) => {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);

  await openSection(page, 'Sessions');
  await page.getByRole('link', { name: 'Settings → Security' }).click();
  await expect(page).toHaveURL(/\/settings#security$/);
  const form = page.getByRole('form', { name: 'Change password' });
  await expect(form).toBeInViewport();
  await form.getByLabel('Current password').fill(account.password);
  await form.getByLabel('New password').fill('an entirely new passphrase here');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('status')).toHaveText('Password changed. Your other devices are signed out.');
  await expectNoSeriousAccessibilityViolations(page);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('wrong');
  await signIn(page, { ...account, password: 'an entirely new passphrase here' });
});
