import { expect, test } from '@playwright/test';
import { expectNoSeriousAccessibilityViolations } from '../helpers/accessibility';
import { newAccount, register, signIn } from '../helpers/accounts';
import { accessTokenOf, addReadings } from '../helpers/readings';
import { openSection } from '../helpers/navigation';

test('edit a reading, delete it, and undo the delete', async ({ page }) => {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);
  await page.getByRole('link', { name: 'Readings' }).click();

  await page.getByLabel('Glucose (mg/dL)').fill('150');
  await page.getByRole('button', { name: 'Save entry' }).click();
  await expect(page.getByRole('row', { name: /150/ })).toBeVisible();

  await page.getByRole('button', { name: /^Edit reading/ }).click();
  const dialog = page.getByRole('dialog');
  // The dialog has opened once it has moved focus to its first field; typing earlier races that move.
  await expect(dialog.getByLabel('Glucose (mg/dL)')).toBeFocused();
  // Escape with a change asks first: keeping the changes leaves the dialog open.
  await dialog.getByLabel('Note (optional)').fill('half typed');
  const asked: string[] = [];
  page.once('dialog', (question) => {
    asked.push(question.message());
    void question.dismiss();
  });
  await page.keyboard.press('Escape');
  await expect.poll(() => asked).toEqual(['Discard your changes to this reading?']);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Note (optional)')).toHaveValue('half typed');
  await dialog.getByLabel('Glucose (mg/dL)').fill('165');
  await dialog.getByLabel('Note (optional)').fill('corrected');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row', { name: /165/ });
  await expect(row).toContainText('corrected');

  await page.getByRole('button', { name: /^Delete reading/ }).click();
  await expect(page.getByText('No readings yet')).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('row', { name: /165/ })).toContainText('corrected');

  // The undone reading is really stored again.
  await page.reload();
  await expect(page.getByRole('row', { name: /165/ })).toBeVisible();
});

test('one quick-log entry stores glucose, insulin and carbs together; the logbook and the Day page show them, and the Day page edits, restores and adds', async ({ page }) => {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);

  // The user's own insulins, named once in Settings, are offered when a dose is logged.
  await openSection(page, 'Settings');
  await page.getByLabel('Insulin name').fill('Fiasp');
  await page.getByRole('button', { name: 'Add insulin' }).click();
  await page.getByRole('button', { name: 'Save insulins and servings' }).click();
  await expect(page.getByText('Insulins and servings saved.')).toBeVisible();

  await page.getByRole('link', { name: 'Readings' }).click();
  await page.getByLabel('Glucose (mg/dL)').fill('182');
  await page.getByLabel('Insulin (units)').fill('4.5');
  await page.getByRole('combobox', { name: 'Insulin name (optional)' }).click();
  await page.getByRole('option', { name: 'Fiasp' }).click();
  await page.getByLabel('Carbs (g)').fill('60');
  await page.getByRole('button', { name: 'Save entry' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText('Saved the glucose reading, the insulin and the carbs.');
  await expect(page.getByRole('row', { name: /182/ })).toBeVisible();

  await page.getByRole('link', { name: 'See the day' }).click();
  await expect(page.getByRole('heading', { name: /^Today, /, level: 1 })).toBeVisible();
  const entries = page.getByRole('list', { name: 'Entries of the day' });
  await expect(entries).toContainText('Insulin 4.5 U rapid');
  await expect(entries).toContainText('Carbs 60 g');
  await expect(entries).toContainText('Glucose 182 mg/dL');

  await entries.getByRole('button', { name: /^Delete insulin/ }).click();
  await expect(entries).not.toContainText('Insulin 4.5 U');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(entries).toContainText('Insulin 4.5 U rapid');

  // The restored dose is really stored again.
  await page.reload();
  await expect(page.getByRole('list', { name: 'Entries of the day' })).toContainText('Insulin 4.5 U rapid, meal, Fiasp');

  // Any other kind of entry is added on the Day page: here 40 minutes of activity.
  await page.getByRole('button', { name: 'Add an entry…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('combobox', { name: 'What' })).toContainText('Activity');
  await dialog.getByLabel('Duration (minutes)').fill('40');
  await dialog.getByRole('button', { name: 'Add entry' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('list', { name: 'Entries of the day' })).toContainText('Activity 40 min');

  // The logbook puts the dose and the carbs in the slot of their time (its row below the reading), beside the glucose.
  await page.getByRole('link', { name: 'Logbook' }).click();
  const logbook = page.getByRole('table');
  await expect(logbook.getByRole('row').filter({ hasText: '182' })).toBeVisible();
  const slot = logbook.getByRole('cell').filter({ hasText: '4.5 U rapid' });
  await expect(slot).toContainText('60 g');
  await expect(slot.getByTitle('Insulin: 4.5 units rapid-acting.')).toBeVisible();
});

test('a keyboard user deletes readings, keeps focus in the list and undoes with Ctrl+Z', async ({ page, request }) => {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);
  await addReadings(request, await accessTokenOf(page), [
    { minutesAgo: 200, value: 111 },
    { minutesAgo: 100, value: 122 },
  ]);
  await page.getByRole('link', { name: 'Readings' }).click();
  const rows = page.getByRole('row', { name: /mg\/dL/ });
  await expect(rows).toHaveCount(2);

  // Newest first: deleting the top row leaves focus on the row that moved up.
  await page.getByRole('button', { name: /^Delete reading/ }).first().focus();
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(1);
  await expect(page.getByRole('button', { name: /^Edit reading/ })).toBeFocused();
  await expect(page.getByText(/Reading deleted\. (Ctrl\+Z|⌘Z) undoes it\./)).toBeVisible();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole('row', { name: /122/ })).toBeVisible();

  // With the list emptied, focus goes to the form, where the next reading begins.
  for (let left = 2; left > 0; left--) {
    await page.getByRole('button', { name: /^Delete reading/ }).first().focus();
    await page.keyboard.press('Enter');
    await expect(rows).toHaveCount(left - 1);
  }
  await expect(page.getByLabel('Glucose (mg/dL)')).toBeFocused();
  // In a text field Ctrl+Z is the field's own undo: no reading is sent back within a second...
  const restoring = () => page.waitForRequest((sent) => sent.method() === 'POST' && sent.url().endsWith('/api/readings'), { timeout: 1000 });
  const sentFromField = restoring().then(() => true, () => false);
  await page.keyboard.press('ControlOrMeta+z');
  expect(await sentFromField).toBe(false);
  // ...and outside it the offer still stands.
  await page.getByRole('heading', { name: 'Your readings' }).click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(rows).toHaveCount(1);
});

test('switching units changes every number shown, not the stored data', async ({ page, request }) => {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);
  await addReadings(request, await accessTokenOf(page), [
    { minutesAgo: 300, value: 90, context: 'fasting' },
    { minutesAgo: 200, value: 180, context: 'after_meal' },
    { minutesAgo: 100, value: 126, context: 'before_meal' },
  ]);
  await page.reload();
  await expect(page.getByText('126', { exact: true })).toBeVisible();
  await expect(page.locator('app-statistics-cards')).toContainText('132'); // mean of 90, 180, 126

  await openSection(page, 'Settings');
  await page.getByRole('radio', { name: 'mmol/L' }).check();
  await expect(page.getByLabel('Low')).toHaveValue('3.9');
  await expect(page.getByLabel('High')).toHaveValue('10');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();

  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByText('7.0', { exact: true })).toBeVisible(); // latest: 126 mg/dL = 7.0 mmol/L, always one decimal
  await expect(page.locator('app-statistics-cards')).toContainText('7.3'); // mean 132 mg/dL
  await page.getByRole('link', { name: 'Readings' }).click();
  await expect(page.getByRole('row', { name: /10\.0 mmol\/L/ })).toBeVisible(); // 180 mg/dL
  await expect(page.getByRole('row', { name: /5\.0 mmol\/L/ })).toBeVisible(); // 90 mg/dL

  await openSection(page, 'Settings');
  await page.getByRole('radio', { name: 'mg/dL' }).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('link', { name: 'Readings' }).click();
  await expect(page.getByRole('row', { name: /126 mg\/dL/ })).toBeVisible();
});

test('the clinic report renders for print with figures, pattern and logbook', async ({ page, request }) => {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);
  await addReadings(
    request,
    await accessTokenOf(page),
    Array.from({ length: 12 }, (_, i) => ({ minutesAgo: 60 * (i * 5 + 1), value: 80 + i * 12, context: i % 2 ? 'after_meal' : 'before_meal' })),
  );
  await openSection(page, 'Report');
  await expect(page.getByRole('heading', { name: /Glucose report/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Time in ranges' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Daily pattern (AGP)' })).toBeVisible();
  await expect(page.getByRole('table')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeHidden();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.byteLength).toBeGreaterThan(10_000);
});

test('every page passes axe checks with no serious or critical violations', async ({ page, request }) => {
  await page.goto('/login');
  await expectNoSeriousAccessibilityViolations(page);
  await page.goto('/register');
  await expectNoSeriousAccessibilityViolations(page);

  const account = newAccount();
  await register(page, account);
  await signIn(page, account);
  await addReadings(request, await accessTokenOf(page), [
    { minutesAgo: 30, value: 60 },
    { minutesAgo: 90, value: 140, context: 'after_meal' },
    { minutesAgo: 150, value: 260 },
    { minutesAgo: 210, value: 100, context: 'fasting' },
    { minutesAgo: 270, value: 190 },
  ]);
  for (const [link, heading] of [
    ['Dashboard', 'Dashboard'],
    ['Day', /^Today, /],
    ['Readings', 'Your readings'],
    ['Logbook', 'Logbook'],
    ['Report', /Glucose report/],
    ['Import & export', /Import/],
    ['Settings', 'Settings'],
    ['Sessions', 'Sessions'],
  ] as const) {
    await openSection(page, link);
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    // Wide content (the logbook's table, charts) scrolls inside its own box: the page never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `width of ${link}`).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
    await expectNoSeriousAccessibilityViolations(page);
  }
});

test('the diary works with the keyboard alone', async ({ page }) => {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);

  // Reach the readings through the section navigation, by keyboard.
  await page.getByRole('link', { name: 'Readings' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Your readings' })).toBeVisible();

  // Type a value and submit with Enter; the reading is stored.
  await page.getByLabel('Glucose (mg/dL)').focus();
  await page.keyboard.type('118');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('row', { name: /118/ })).toBeVisible();

  // Open the edit dialog from the keyboard, change the value, save with Enter.
  await page.getByRole('button', { name: /^Edit reading/ }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Glucose (mg/dL)')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('121');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: /121/ })).toBeVisible();
});
