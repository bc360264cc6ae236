import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

let created = 0;

export function newAccount() {
  created += 1;
  return {
    displayName: `E2E Person ${created}`,
    email: `e2e-${Date.now()}-${created}@example.test`,
    password: 'a long enough password',
  };
}

type Account = ReturnType<typeof newAccount>;

/**
 * Registers through the form. The server of the suite sends no mail, so registering signs the new
 * account in: the page ends on its dashboard, loaded. `origin`: another origin than the suite's
 * base URL (e.g. a LAN host name).
 */
export async function register(page: Page, account: Account, origin = '') {
  await page.goto(`${origin}/register`);
  await page.getByLabel('Your name').fill(account.displayName);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await landSignedIn(page, () => page.getByRole('button', { name: 'Create account' }).click());
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** Signs in on the sign-in page the page shows; a page signed in as the account already (as `register` leaves it) stays as it is. */
export async function signIn(page: Page, account: Account) {
  if (await isSignedInAs(page, account)) return;
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await landSignedIn(page, () => page.getByRole('button', { name: 'Sign in' }).click());
}

/** Does what signs in, then waits until the page it lands on has loaded. */
async function landSignedIn(page: Page, action: () => Promise<void>) {
  // The live stream (GET /api/live) is never idle: held back while the landing page loads, then let through.
  await page.route('**/api/live', (route) => route.abort('aborted'));
  await action();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  // The landing page has finished loading, so nothing in flight races what a test does next.
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await page.unroute('**/api/live');
}

/** Whether the app in the page is signed in as the account (what it keeps of the session names the user). */
async function isSignedInAs(page: Page, account: Account): Promise<boolean> {
  if (!(await page.getByRole('button', { name: 'Sign out' }).isVisible())) return false;
  const stored = await page.evaluate(() => localStorage.getItem('glucodiary.session'));
  return (JSON.parse(stored ?? 'null') as { user?: { email?: string } } | null)?.user?.email === account.email;
}
