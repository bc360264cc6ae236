import { expect, test } from '@playwright/test';
import { expectNoSeriousAccessibilityViolations } from '../helpers/accessibility';
import { newAccount, register, signIn } from '../helpers/accounts';
import { openSection } from '../helpers/navigation';
import { accessTokenOf, addReadings } from '../helpers/readings';

test('German in Settings: the app speaks German and writes "7,2 mmol/l" and German dates, on every load after', async ({ page }) => {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await openSection(page, 'Settings');
  await page.getByRole('radio', { name: 'mmol/L' }).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();

  await page.getByRole('combobox', { name: 'Language' }).click();
  await page.getByRole('option', { name: 'Deutsch' }).click();
  await page.getByRole('combobox', { name: 'Numbers and dates' }).click();
  await page.getByRole('option', { name: 'German (Germany)' }).click();
  await expect(page.getByText('7,2 mmol/L ·')).toBeVisible();
  await page.getByRole('button', { name: 'Save language and format' }).click();

  // Saved, the page starts afresh in German, still signed in.
  await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('heading', { name: 'Einstellungen', level: 1 })).toBeVisible();

  await addReadings(page.request, await accessTokenOf(page), [{ minutesAgo: 5, value: 7.2, unit: 'mmol/L' }]);
  await page.getByRole('navigation', { name: 'Bereiche' }).getByRole('link', { name: 'Messwerte', exact: true }).click();
  const readings = page.getByRole('table', { name: 'Ihre Messwerte' });
  const row = readings.getByRole('row').nth(1);
  await expect(row).toContainText(/7,2\s+mmol\/l/);
  await expect(row).toContainText('Im Zielbereich');
  // A German date: the day before the month, a German month and a 24-hour time ("So., 6. Dez., 14:30").
  await expect(row.getByRole('cell').first()).toHaveText(/^[A-Z][a-z]\., \d{1,2}\. [A-ZÄÖÜ][a-zä]+\.?, \d{2}:\d{2}$/);
  await expect(readings.getByRole('columnheader', { name: 'Zeitpunkt' })).toBeVisible();
  await expectNoSeriousAccessibilityViolations(page);

  // The next page load (a new tab, a refresh) is German from the start.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Ihre Messwerte' })).toContainText(/7,2\s+mmol\/l/);

  // The Day page titles the day as German writes it: "Heute, Sonntag, 6. Dezember 2026".
  await page.goto('/day');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Heute, [A-Z][a-z]+, \d{1,2}\. [A-ZÄÖÜ][a-zä]+ \d{4}$/);
  await expect(page.getByRole('heading', { name: 'Einträge', level: 2 })).toBeVisible();

  await page.goto('/import');
  await expect(page.getByRole('heading', { name: 'Import und Export', level: 1 })).toBeVisible();
  await expect(page.getByText('Noch keine Importe.')).toBeVisible();
  await expectNoSeriousAccessibilityViolations(page);
});
