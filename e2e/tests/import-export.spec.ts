import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectNoSeriousAccessibilityViolations } from '../helpers/accessibility';
import { newAccount, register, signIn } from '../helpers/accounts';
import { accessTokenOf } from '../helpers/readings';
import { openSection } from '../helpers/navigation';

const fixture = (name: string) => join(__dirname, '..', 'fixtures', name);

async function chooseFile(page: Page, name: string) {
  await page.getByLabel('CSV file to import').setInputFiles(fixture(name));
}

test('import LibreView and Dexcom exports with a preview, re-import adds nothing, export downloads a CSV', async ({ page }) => {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);
  await openSection(page, 'Import & export');
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
    '13 rows read, 8 new readings to import, 2 rows rejected, 1 row skipped (not glucose readings).',
  );
  // Its insulin and carbohydrates come along as treatments; the finger-stick's note stays the reading's.
  await expect(preview).toContainText('Also in the file: 1 insulin dose and 1 carbohydrate entry.');
  const firstReadings = preview.getByRole('table', { name: 'First readings in the file' });
  await expect(firstReadings.getByRole('row')).toHaveCount(9);
  const rejected = preview.getByRole('table', { name: 'Rows that cannot be imported' });
  await expect(rejected.getByRole('row', { name: /11 no glucose value/ })).toBeVisible();
  await expect(rejected.getByRole('row', { name: /12 value "abc" is not a number/ })).toBeVisible();
  await expectNoSeriousAccessibilityViolations(page);

  await page.getByRole('button', { name: 'Import 8 readings' }).click();
  await expect(page.getByText('Imported 8 readings into your diary. Also imported 2 treatments')).toBeVisible();

  // The same file again: everything is already there, nothing can be added twice.
  await chooseFile(page, 'libreview-mgdl.csv');
  await expect(preview.getByRole('status')).toContainText('0 new readings to import, 8 readings already in your diary');
  await expect(page.getByRole('button', { name: 'Import 0 readings' })).toBeDisabled();
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Dexcom Clarity: Low/High are imported at the sensor's limits and shown as LO/HI.
  await chooseFile(page, 'dexcom-clarity.csv');
  await expect(preview).toContainText('Dexcom Clarity');
  await expect(preview).toContainText('shown as LO and HI');
  await page.getByRole('button', { name: 'Import 8 readings' }).click();
  await expect(page.getByText('Imported 8 readings into your diary. Also imported 2 treatments')).toBeVisible();

  // The statistics of the files' period count each moment once: LibreView's scan at 07:20 sits
  // between history readings at 07:13 and 07:28 and is not counted again; its scan of 14 November is.
  const token = await accessTokenOf(page);
  const stats = await page.request.get('/api/stats?from=2026-11-01T00:00:00Z&to=2026-11-30T23:59:59Z', {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(await stats.json()).toMatchObject({ count: 15, scansNotCounted: 1, readingsUsed: { sensor: 14, fingerstick: 1 } });

  // The readings are in the diary.
  await page.getByRole('link', { name: 'Readings' }).click();
  await expect(page.getByRole('row', { name: /124/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /131/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /LO, below the sensor's range/ })).toBeVisible();

  // Export: a dated CSV with every reading, in GlucoDiary's own columns.
  await openSection(page, 'Import & export');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^glucodiary-readings-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8').trim().split('\r\n');
  expect(csv[0]).toBe('takenAt,value,unit,context,note,kind,source,beyondRange');
  expect(csv).toHaveLength(17);

  // The treatments the files brought: LibreView's dose and carbs, Clarity's carbs and dose.
  const treatmentsDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download treatments (CSV)' }).click();
  const treatments = readFileSync(await (await treatmentsDownload).path(), 'utf8').trim().split('\r\n');
  expect(treatments[0]).toBe('takenAt,type,units,insulinKind,purpose,insulinName,grams,minutes,intensity,value,unit,note,source');
  expect(treatments.slice(1).map((line) => line.split(',').slice(1, 7).join(','))).toEqual([
    'carbs,,,,,45',
    'insulin,4,rapid,,,',
    'carbs,,,,,40',
    'insulin,3.5,rapid,,,',
  ]);
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
  await openSection(page, 'Import & export');
  await page.getByRole('button', { name: 'Download JSON' }).click();
  await expect(page.getByRole('alert')).toHaveText('Too many exports; try again in a minute.');
});

/** A UK LibreView export (day first, mmol/L with decimal commas) of `count` history readings every 15 minutes from 1 January 2025. */
function ukLibreViewExport(count: number): Buffer {
  const pad = (n: number) => String(n).padStart(2, '0');
  const rows = ['Glucose Data,Generated on,01-09-2025 08:12 UTC,Generated by,Jane Smith'];
  rows.push(
    'Device,Serial Number,Device Timestamp,Record Type,Historic Glucose mmol/L,Scan Glucose mmol/L,Non-numeric Rapid-Acting Insulin,' +
      'Rapid-Acting Insulin (units),Non-numeric Food,Carbohydrates (grams),Carbohydrates (servings),Non-numeric Long-Acting Insulin,' +
      'Long-Acting Insulin (units),Notes,Strip Glucose mmol/L,Ketone mmol/L,Meal Insulin (units),Correction Insulin (units),User Change Insulin (units)',
  );
  for (let i = 0; i < count; i++) {
    const at = new Date(Date.UTC(2025, 0, 1) + i * 15 * 60_000);
    const stamp = `${pad(at.getUTCDate())}-${pad(at.getUTCMonth() + 1)}-${at.getUTCFullYear()} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;
    const value = (6 + 2.5 * Math.sin(i / 16)).toFixed(1).replace('.', ',');
    rows.push(`FreeStyle LibreLink,3f9c2a1e,${stamp},0,"${value}",,,,,,,,,,,,,,`);
  }
  return Buffer.from(rows.join('\r\n') + '\r\n');
}

test('a day-first UK export is read with its format named, committed with progress in view, and undone', async ({ page }) => {
  test.setTimeout(180_000);
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);
  await openSection(page, 'Import & export');
  await page.getByLabel('CSV file to import').setInputFiles({ name: 'LibreView UK.csv', mimeType: 'text/csv', buffer: ukLibreViewExport(20_000) });

  const preview = page.getByRole('region', { name: 'Preview', exact: true });
  await expect(preview).toContainText('LibreView (FreeStyle Libre)', { timeout: 60_000 });
  await expect(preview).toContainText('Dates read as DD-MM-YYYY HH:mm');
  await expect(preview.getByRole('status')).toContainText('20,000 new readings to import');

  const countIn = async (from: string, to: string) => {
    const stats = await page.request.get(`/api/stats?from=${from}&to=${to}`, { headers: { authorization: `Bearer ${await accessTokenOf(page)}` } });
    return ((await stats.json()) as { count: number }).count;
  };
  // 13 January is read as the 13th of January, not refused or moved to a 13th month.
  const thirteenthOfJanuary = ['2025-01-13T00:00:00Z', '2025-01-13T23:59:59Z'] as const;

  await page.getByRole('button', { name: 'Import 20,000 readings' }).click();
  const progress = page.getByRole('progressbar', { name: 'Import progress' });
  await expect(progress).toBeInViewport();
  await expect(page.getByText(/Storing [\d,]+ of 20,000 readings/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Imported 20,000 readings into your diary.')).toBeVisible({ timeout: 120_000 });
  expect(await countIn(...thirteenthOfJanuary)).toBe(96);

  await page.getByRole('button', { name: /Undo this import/ }).click();
  await page.getByRole('button', { name: 'Remove them' }).click();
  await expect(page.getByText(/Removed the 20,000 readings this import added/)).toBeVisible({ timeout: 60_000 });
  expect(await countIn(...thirteenthOfJanuary)).toBe(0);

  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByText('20,000 readings in your diary')).toBeVisible({ timeout: 60_000 });
  expect(await countIn(...thirteenthOfJanuary)).toBe(96);
});
