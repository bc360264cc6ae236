import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectNoSeriousAccessibilityViolations } from '../helpers/accessibility';
import { newAccount, register, signIn } from '../helpers/accounts';
import { accessTokenOf } from '../helpers/readings';

const fixture = (name: string) => join(__dirname, '..', 'fixtures', name);

async function chooseFile(page: Page, name: string) {
  await page.getByLabel('CSV file to import').setInputFiles(fixture(name));
}

test('import LibreView and Dexcom exports with a preview, re-import adds nothing, export downloads a CSV', async ({ page }) => {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);
  await page.getByRole('link', { name: 'Import & export' }).click();
  await expect(page.getByRole('heading', { name: 'Import and export' })).toBeVisible();
  await expectNoSeriousAccessibilityViolations(page);

  // LibreView: the format is recognised and the file previewed before anything is stored.
  const before = await page.request.get('/api/stats?from=2026-11-01T00:00:00Z&to=2026-11-30T23:59:59Z', {
    headers: { authorization: `Bearer ${await accessTokenOf(page)}` },
  });
  expect(await before.json()).toMatchObject({ count: 0 });
  await chooseFile(page, 'libreview-mgdl.csv');
  const preview = page.getByRole('region', { name: 'Preview', exact: true });
  await expect(preview).toContainText('LibreView (FreeStyle Libre)');
  await expect(preview.getByRole('status')).toHaveText(
    '13 rows read, 8 new readings to import, 2 rows rejected, 3 rows skipped (not glucose readings).',
  );
  const firstReadings = preview.getByRole('table', { name: 'First readings in the file' });
  await expect(firstReadings.getByRole('row')).toHaveCount(9);
  const rejected = preview.getByRole('table', { name: 'Rows that cannot be imported' });
  await expect(rejected.getByRole('row', { name: /11 no glucose value/ })).toBeVisible();
  await expect(rejected.getByRole('row', { name: /12 value "abc" is not a number/ })).toBeVisible();
  await expectNoSeriousAccessibilityViolations(page);

  await page.getByRole('button', { name: 'Import 8 readings' }).click();
  await expect(page.getByText('Imported 8 readings into your diary.')).toBeVisible();

  // The same file again: everything is already there, nothing can be added twice.
  await chooseFile(page, 'libreview-mgdl.csv');
  await expect(preview.getByRole('status')).toContainText('0 new readings to import, 8 readings already in your diary');
  await expect(page.getByRole('button', { name: 'Import 0 readings' })).toBeDisabled();
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Dexcom Clarity: Low/High rows are rejected with their line numbers.
  await chooseFile(page, 'dexcom-clarity.csv');
  await expect(preview).toContainText('Dexcom Clarity');
  await expect(rejected.getByRole('row', { name: /14 value "High"/ })).toBeVisible();
  await expect(rejected.getByRole('row', { name: /15 value "Low"/ })).toBeVisible();
  await page.getByRole('button', { name: 'Import 6 readings' }).click();
  await expect(page.getByText('Imported 6 readings into your diary.')).toBeVisible();

  // The statistics of the files' period now count every imported reading.
  const token = await accessTokenOf(page);
  const stats = await page.request.get('/api/stats?from=2026-11-01T00:00:00Z&to=2026-11-30T23:59:59Z', {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(await stats.json()).toMatchObject({ count: 14 });

  // The readings are in the diary.
  await page.getByRole('link', { name: 'Readings' }).click();
  await expect(page.getByRole('row', { name: /124/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /131/ })).toBeVisible();

  // Export: a dated CSV with every reading, in GlucoDiary's own columns.
  await page.getByRole('link', { name: 'Import & export' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^glucodiary-readings-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8').trim().split('\r\n');
  expect(csv[0]).toBe('takenAt,value,unit,context,note');
  expect(csv).toHaveLength(15);
});

test('a generic CSV is imported after naming its columns', async ({ page }) => {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);
  await page.goto('/import');
  await chooseFile(page, 'generic-meter.csv');
  const preview = page.getByRole('region', { name: 'Preview', exact: true });
  await expect(preview).toContainText('Other CSV (map the columns)');
  // The columns are suggested from the header; the person confirms them.
  await expect(page.getByRole('combobox', { name: 'Date and time column' })).toContainText('When');
  await expect(page.getByRole('combobox', { name: 'Glucose value column' })).toContainText('Glucose (mmol/L)');
  await expectNoSeriousAccessibilityViolations(page);
  await page.getByRole('button', { name: 'Preview with these columns' }).click();
  await expect(preview.getByRole('status')).toContainText('4 new readings to import, 1 row rejected');
  await page.getByRole('button', { name: 'Import 4 readings' }).click();
  await expect(page.getByText('Imported 4 readings into your diary.')).toBeVisible();
});

test("a refused download shows the server's reason, not a generic failure", async ({ page }) => {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);
  // The answer a busy server gives; the browser receives the download's error as a Blob.
  await page.route('**/api/readings/export?*', (route) =>
    route.fulfill({
      status: 429,
      json: { statusCode: 429, error: 'Too Many Requests', code: 'RATE_LIMITED', message: 'Too many exports; try again in a minute.' },
    }),
  );
  await page.getByRole('link', { name: 'Import & export' }).click();
  await page.getByRole('button', { name: 'Download JSON' }).click();
  await expect(page.getByRole('alert')).toHaveText('Too many exports; try again in a minute.');
});
