import { expect, test, type Locator, type Page } from '@playwright/test';
import { newAccount, register, signIn } from '../helpers/accounts';
import { cutTimeFields, liesInside } from '../helpers/layout';
import { accessTokenOf, addReadings } from '../helpers/readings';

// A 12-hour clock, as an American phone shows times: "12/05/2026, 09:30 PM" is the longest a time field holds.
test.use({ locale: 'en-US' });

/** Sets every date-and-time field of `scope` to an evening time; then which of the page's fields cut it (cutTimeFields). */
async function cutEveningTimes(page: Page, scope: Locator): Promise<string[]> {
  const fields = scope.locator('input[type="datetime-local"]');
  await expect(fields.first()).toBeVisible();
  for (const field of await fields.all()) await field.fill('2026-12-05T21:30');
  return cutTimeFields(page);
}

async function signedInWithReading(page: Page) {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);
  await addReadings(page.request, await accessTokenOf(page), [{ minutesAgo: 60, value: 123 }]);
}

/** Opens the edit dialog of the one reading, once it has moved focus to its first field (it has opened then). */
async function openEditDialog(page: Page): Promise<Locator> {
  await page.getByRole('link', { name: 'Readings' }).click();
  await page.getByRole('button', { name: /^Edit reading/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Glucose (mg/dL)')).toBeFocused();
  return dialog;
}

/** The floating label of a dialog's first field lies inside the dialog's content, which clips what sticks out of it. */
async function expectFirstLabelWhole(dialog: Locator): Promise<void> {
  const firstLabel = dialog.locator('mat-form-field').first().locator('mat-label');
  await expect.poll(() => liesInside(firstLabel, dialog.locator('mat-dialog-content'))).toBe(true);
}

test("the dialogs show their first field's label whole", async ({ page }) => {
  await signedInWithReading(page);
  const edit = await openEditDialog(page);
  await expectFirstLabelWhole(edit);
  await edit.getByRole('button', { name: 'Cancel' }).click();
  await expect(edit).toBeHidden();

  await page.getByRole('link', { name: 'Day', exact: true }).click();
  await page.getByRole('button', { name: 'Add an entry…' }).click();
  await expectFirstLabelWhole(page.getByRole('dialog'));
});

test('every time field shows the whole time, AM or PM included: the quick log, the edit dialog, the Day page', async ({ page }) => {
  await signedInWithReading(page);
  await page.getByRole('link', { name: 'Readings' }).click();
  expect(await cutEveningTimes(page, page.getByRole('form', { name: 'Quick log' }))).toEqual([]);
  expect(await cutEveningTimes(page, await openEditDialog(page))).toEqual([]);

  await page.goto('/day');
  await page.getByRole('button', { name: 'Add an entry…' }).click();
  expect(await cutEveningTimes(page, page.getByRole('dialog'))).toEqual([]);
});

test('the floating Log action focuses the glucose value again when the quick log is already open', async ({ page }) => {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);
  const log = page.getByRole('link', { name: 'Log', exact: true });
  await log.click();
  await expect(page).toHaveURL(/\/readings#log$/);
  const glucose = page.getByRole('spinbutton', { name: /Glucose/ });
  await expect(glucose).toBeFocused();

  // The person moved on (to the note), then taps Log again on the same page.
  await page.getByLabel('Note (optional)').click();
  await expect(glucose).not.toBeFocused();
  await log.click();
  await expect(glucose).toBeFocused();
});
