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

/** `origin`: another origin than the suite's base URL (e.g. a LAN host name). */
export async function register(page: Page, account: ReturnType<typeof newAccount>, origin = '') {
  await page.goto(`${origin}/register`);
  await page.getByLabel('Your name').fill(account.displayName);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Account created')).toBeVisible();
}

export async function signIn(page: Page, account: ReturnType<typeof newAccount>) {
  // The live stream (GET /api/live) is never idle: held back while the landing page loads, then let through.
  await page.route('**/api/live', (route) => route.abort('aborted'));
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  // The landing page has finished loading, so nothing in flight races what a test does next.
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await page.unroute('**/api/live');
}
