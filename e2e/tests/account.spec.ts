import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectNoSeriousAccessibilityViolations } from '../helpers/accessibility';
import { newAccount, register, signIn } from '../helpers/accounts';
import { openSection } from '../helpers/navigation';

test('download everything the account holds, then delete the account for good', async ({ page }) => {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);
  await page.getByRole('link', { name: 'Readings' }).click();
  await page.getByLabel('Glucose (mg/dL)').fill('137');
  await page.getByLabel('Note (optional)').fill('before the export');
  await page.getByRole('button', { name: 'Save entry' }).click();
  await expect(page.getByRole('row', { name: /137/ })).toBeVisible();

  await openSection(page, 'Settings');
  const yourData = page.getByRole('region', { name: 'Your data' });
  await expect(yourData).toBeVisible();
  await expectNoSeriousAccessibilityViolations(page);

  // The export: one dated JSON file with the profile and the reading, and no secrets.
  const downloading = page.waitForEvent('download');
  await yourData.getByRole('button', { name: 'Download everything' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^glucodiary-account-\d{4}-\d{2}-\d{2}\.json$/);
  const text = readFileSync(await download.path(), 'utf8');
  const exported = JSON.parse(text);
  expect(exported).toMatchObject({ format: 'glucodiary-account', version: 1, profile: { email: account.email } });
  expect(exported.readings).toEqual([expect.objectContaining({ valueMgdl: 137, note: 'before the export' })]);
  expect(exported.sessions.length).toBeGreaterThanOrEqual(1);
  expect(text).not.toMatch(/passwordHash|tokenHash|refreshToken/);

  // Deletion asks for the password and a typed confirmation, in a dialog that holds the focus.
  await yourData.getByRole('button', { name: 'Delete account…' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete your account?' });
  await expect(dialog.getByLabel('Your password')).toBeFocused();
  await expectNoSeriousAccessibilityViolations(page);
  await dialog.getByLabel('Your password').fill('not the password');
  await page.keyboard.press('Tab');
  await page.keyboard.type('DELETE');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toContainText('That password is not right');
  // Still signed in (a wrong password is not a refused session): the dialog stays for another try.
  await expect(dialog).toBeVisible();
  await expect(page).toHaveURL(/\/settings$/);

  await dialog.getByLabel('Your password').fill(account.password);
  await dialog.getByRole('button', { name: 'Delete account', exact: true }).click();
  await expect(page).toHaveURL(/\/login\?reason=account-deleted/);
  await expect(page.getByRole('status')).toContainText('Your account and everything in it have been deleted');
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);

  // The old credentials no longer open anything.
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Email or password is wrong');
});
