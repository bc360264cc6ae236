import { expect, test } from '@playwright/test';
import { expectNoSeriousAccessibilityViolations } from '../helpers/accessibility';
import { newAccount, register, signIn } from '../helpers/accounts';
import { accessTokenOf, addReadings } from '../helpers/readings';
import { openSection } from '../helpers/navigation';

test('sensor data is a broken line beside finger-stick points, and the report shows time in ranges with the consensus goals', async ({ page, request }) => {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);
  const token = await accessTokenOf(page);
  // Two runs of 5-minute sensor readings 40 minutes apart, in every band, and two finger-sticks.
  const values = [48, 62, 110, 130, 150, 170, 200, 230, 270];
  await addReadings(request, token, [
    ...values.map((value, index) => ({ minutesAgo: 180 - index * 5, value, kind: 'sensor' as const })),
    ...values.map((value, index) => ({ minutesAgo: 100 - index * 5, value: value + 5, kind: 'sensor' as const })),
    { minutesAgo: 120, value: 140 },
    { minutesAgo: 30, value: 95 },
  ]);

  // Registering left the dashboard open from before the readings came: load it afresh.
  await page.reload();
  await expect(page.getByRole('img', { name: /^Trend chart of 18 sensor readings as a line \(broken where the sensor was silent\) and 2 finger-sticks as points/ })).toBeVisible();

  await openSection(page, 'Report');
  await expect(page.getByRole('heading', { name: /Glucose report/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Daily pattern over 24 hours: the median with the 25–75% and 5–95% bands/ })).toBeVisible();
  const figures = page.getByRole('list', { name: 'Time in ranges, with the consensus goals' });
  await expect(figures.getByRole('listitem')).toHaveText([
    /Very high\s*\d+(\.\d)?%\s*goal <5%/,
    /High\s*\d+(\.\d)?%\s*goal <25%/,
    /In range\s*\d+(\.\d)?%\s*goal >70%/,
    /Low\s*\d+(\.\d)?%\s*goal <4%/,
    /Very low\s*\d+(\.\d)?%\s*goal <1%/,
  ]);
  // The stacked column stands beside the figures, its five segments filling it.
  const column = page.locator('app-consensus-time-in-ranges .column');
  await expect(column).toBeVisible();
  const columnBox = (await column.boundingBox())!;
  const segmentHeights = await column.locator('.segment').evaluateAll((segments) => segments.map((segment) => segment.getBoundingClientRect().height));
  expect(segmentHeights).toHaveLength(5);
  expect(segmentHeights.every((height) => height > 0)).toBe(true);
  expect(Math.abs(segmentHeights.reduce((sum, height) => sum + height, 0) - (columnBox.height - 2))).toBeLessThan(2); // within its 1px border
  expect((await figures.boundingBox())!.x).toBeGreaterThan(columnBox.x + columnBox.width);
  await expectNoSeriousAccessibilityViolations(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);

  // On paper too.
  await page.emulateMedia({ media: 'print' });
  await expect(column).toBeVisible();
  await expect(figures.getByRole('listitem')).toHaveCount(5);
});
