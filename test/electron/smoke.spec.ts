/**
 * Smoke tests of the real desktop app: the built out/main/index.js in Electron, each test with a
 * throwaway profile (TRACKER_USER_DATA) and the UI in English (`--lang=en-US`). They check the
 * window loads app:// with the preload bridge and without Node, that a new user sees the sign-in
 * screen, and that the demo workspace (a local Tracker emulator in main) opens and lists issues,
 * from the sign-in screen and with `--demo`.
 *
 * Run with `npm run test:electron` (builds, then runs this config). They need the Electron binary
 * (`npx electron --version` downloads it once) and skip with that instruction when it is missing,
 * or with "run npm run build first" when out/main/index.js is. On Linux without a display, run
 * them under Xvfb: `xvfb-run -a npm run test:electron`. As root on Linux (CI containers) the app
 * gets `--no-sandbox`, without which Chromium refuses to start (see launch.ts); if Chromium stops
 * at "The SUID sandbox helper binary was found, but is not configured correctly", the
 * node_modules/electron/dist/chrome-sandbox helper needs `chown root` and `chmod 4755`.
 *
 * The selectors are the test ids and roles the Chromium journeys in test/e2e use, so a change to
 * the screens breaks both suites the same way.
 */
import type { Page } from '@playwright/test';
import { APP_URL, expect, smokeSkipReason, test } from './launch.ts';

const skipReason = smokeSkipReason();
test.skip(skipReason !== null, skipReason ?? '');

/** Opening the demo workspace starts the emulator in main and syncs it: generous, as in test/e2e. */
const SYNC_TIMEOUT = 30_000;

/** The issue list shows real rows (not loading placeholders) once the first sync has filled it. */
async function expectIssuesListed(page: Page): Promise<void> {
  await expect(page.getByTestId('signin')).toHaveCount(0, { timeout: SYNC_TIMEOUT });
  await expect(page.getByTestId('issues-view')).toBeVisible({ timeout: SYNC_TIMEOUT });
  const list = page.getByTestId('issue-list');
  await expect(list).toHaveAttribute('role', 'grid');
  const rows = list.getByTestId('issue-row');
  await expect(rows.first()).toBeVisible({ timeout: SYNC_TIMEOUT });
  expect(await rows.count()).toBeGreaterThan(0);
  await expect(rows.first()).toHaveAttribute('data-key', /^[A-Z][A-Z0-9]*-\d+$/);
  // The header counts what the view holds: a positive number, whatever its formatting.
  await expect(page.getByTestId('issues-total')).toHaveText(/^[1-9]/);
}

test('the main window loads app:// with the preload bridge and no Node', async ({ launchApp }) => {
  const { page } = await launchApp();
  await expect(page).toHaveURL(APP_URL);
  await expect(page.getByTestId('app-info')).toBeVisible();
  const globals = await page.evaluate(() => {
    const scope = globalThis as { tracker?: unknown; require?: unknown; process?: unknown };
    return {
      tracker: typeof scope.tracker,
      require: typeof scope.require,
      process: typeof scope.process,
    };
  });
  expect(globals).toEqual({ tracker: 'object', require: 'undefined', process: 'undefined' });
});

test('a fresh profile shows the sign-in screen in English', async ({ launchApp }) => {
  const { page } = await launchApp();
  const signIn = page.getByTestId('signin');
  await expect(signIn).toBeVisible({ timeout: 15_000 });
  await expect(signIn).toHaveAttribute('data-status', 'signedOut');
  // --lang=en-US reached navigator.languages and the renderer chose English from it.
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const openDemo = signIn.getByTestId('workspace-open-demo');
  await expect(openDemo).toBeEnabled();
  await expect(openDemo).toHaveAccessibleName('Open the demo workspace');
  await expect(page.getByTestId('issue-list')).toHaveCount(0);
});

test('the demo workspace opens from the sign-in screen and lists issues', async ({ launchApp }) => {
  test.setTimeout(120_000);
  const { page } = await launchApp();
  const openDemo = page.getByRole('button', { name: 'Open the demo workspace' });
  await expect(openDemo).toBeEnabled({ timeout: 15_000 });
  await expect(openDemo).toHaveAttribute('data-testid', 'workspace-open-demo');
  await openDemo.click();
  await expectIssuesListed(page);
});

test('--demo opens the demo workspace directly and lists issues', async ({ launchApp }) => {
  test.setTimeout(120_000);
  const { page } = await launchApp({ args: ['--demo'] });
  await expectIssuesListed(page);
});
