import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousAccessibilityViolations } from '../helpers/accessibility';
import { newAccount, register, signIn } from '../helpers/accounts';

/** Every signed-in page, by the name of its link and a heading that shows it opened. */
const SECTIONS = [
  { name: 'Dashboard', path: '/dashboard' },
  { name: 'Day', path: '/day' },
  { name: 'Readings', path: '/readings' },
  { name: 'Logbook', path: '/logbook' },
  { name: 'Report', path: '/report' },
  { name: 'Import & export', path: '/import' },
  { name: 'Settings', path: '/settings' },
  { name: 'Sessions', path: '/sessions' },
];
const DAILY = ['Dashboard', 'Day', 'Readings', 'Logbook'];

test('every page is at most two taps away: on a phone the daily sections sit on a bottom bar and the rest under More; a desktop shows all in one bar', async ({ page }, testInfo) => {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);
  if (testInfo.project.name === 'phone') await expectPhoneNavigation(page);
  else await expectDesktopNavigation(page);
});

async function expectPhoneNavigation(page: Page) {
  const bar = page.getByRole('navigation', { name: 'Sections' });
  await expect(bar).toHaveCount(1);
  await expect(bar.getByRole('link')).toHaveText(DAILY);
  await expect(bar.getByRole('button', { name: 'More' })).toBeVisible();
  // One row that fits: nothing hidden off to the side.
  const fits = await bar.evaluate((element) => element.scrollWidth <= element.clientWidth);
  expect(fits).toBe(true);
  const box = await bar.boundingBox();
  expect(box && box.y + box.height).toBeGreaterThan(844 - 2);

  for (const section of SECTIONS) {
    await expect(bar).toBeVisible();
    // Nothing wider than the phone: a page that scrolls sideways hides part of itself and of the bar.
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `width of the page before ${section.name}`).toBeLessThanOrEqual(390);
    let taps = 0;
    const link = bar.getByRole('link', { name: section.name, exact: true });
    if (await link.isVisible()) {
      await link.click();
      taps = 1;
    } else {
      await bar.getByRole('button', { name: 'More' }).click();
      await page.getByRole('menuitem', { name: section.name, exact: true }).click();
      taps = 2;
    }
    expect(taps, section.name).toBeLessThanOrEqual(2);
    await expect(page).toHaveURL(new RegExp(`${section.path}$`));
    if (!DAILY.includes(section.name)) await expect(bar.getByRole('button', { name: 'More' })).toHaveAttribute('aria-current', 'page');
  }

  await bar.getByRole('button', { name: 'More' }).click();
  await expect(page.getByRole('menuitem')).toHaveText(['Report', 'Import & export', 'Settings', 'Sessions']);
  await expectNoSeriousAccessibilityViolations(page);
}

async function expectDesktopNavigation(page: Page) {
  const bar = page.getByRole('navigation', { name: 'Sections' });
  await expect(bar.getByRole('link')).toHaveText(SECTIONS.map((section) => section.name));
  await expect(page.getByRole('button', { name: 'More' })).toHaveCount(0);
  const box = await bar.boundingBox();
  expect(box && box.y).toBeLessThan(200);
  for (const section of SECTIONS) {
    await bar.getByRole('link', { name: section.name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${section.path}$`));
  }
}

test('the floating Log action is on every page and starts an entry at the glucose value', async ({ page }) => {
  const account = newAccount();
  await register(page, account);
  await signIn(page, account);

  for (const path of ['/dashboard', '/settings', '/readings']) {
    await page.goto(path);
    const log = page.getByRole('link', { name: 'Log', exact: true });
    await expect(log).toBeVisible();
    await log.click();
    await expect(page).toHaveURL(/\/readings#log$/);
    await expect(page.getByRole('spinbutton', { name: /Glucose/ })).toBeFocused();
  }
});
