import { expect, type Page } from '@playwright/test';

/**
 * Opens a section as a user would: its link in the sections bar, or on a phone, where only the
 * daily sections are on the bottom bar, through "More".
 */
export async function openSection(page: Page, name: string): Promise<void> {
  const sections = page.getByRole('navigation', { name: 'Sections' });
  await expect(sections).toBeVisible();
  const link = sections.getByRole('link', { name, exact: true });
  if (await link.isVisible()) return link.click();
  await page.getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name, exact: true }).click();
}
