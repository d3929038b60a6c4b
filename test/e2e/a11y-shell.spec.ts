/**
 * Automated accessibility checks (axe-core, WCAG 2.1 A/AA) of the shell's screens in the light and
 * the dark colour scheme: the sign-in screen a new user sees, and the demo workspace. Axe catches
 * only part of WCAG (names, roles, contrast, structure); keyboard and screen-reader journeys are
 * tested elsewhere.
 */
import { expectNoAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} scheme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme });
    });

    test.afterEach(async ({ page }) => {
      // The checks above ran in the intended scheme: the OS preference reached the page and no
      // theme setting pinned the other one.
      const applied = await page.evaluate(() => ({
        dark: matchMedia('(prefers-color-scheme: dark)').matches,
        theme: document.documentElement.dataset.theme ?? null,
      }));
      expect(applied.dark).toBe(colorScheme === 'dark');
      expect([null, colorScheme]).toContain(applied.theme);
    });

    test('the sign-in screen has no axe violations', async ({ page, harness }) => {
      await page.goto(harness.url);
      await expect(page.getByTestId('signin')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Open the demo workspace' })).toBeEnabled();
      await expectNoAxeViolations(page, { label: `the sign-in screen (${colorScheme})` });
    });

    test('the demo workspace has no axe violations', async ({ page, harness }) => {
      await page.goto(harness.url);
      await page.getByRole('button', { name: 'Open the demo workspace' }).click();
      // The workspace replaces the sign-in screen; then wait until nothing is loading any more
      // (the workspace's layout is still changing, so no component-specific test ids here).
      await expect(page.getByTestId('signin')).toHaveCount(0, { timeout: 15_000 });
      await expect(page.getByRole('main')).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 15_000 });
      await expectNoAxeViolations(page, { label: `the demo workspace (${colorScheme})` });
    });
  });
}
