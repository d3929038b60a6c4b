/**
 * Journeys of the app's self-update, in Chromium against the Node host with a scripted release
 * feed (test/harness/scripted-updater.ts) in place of electron-updater: the user checks from the
 * settings, the download runs in the background, and the banner offers a restart; an installation
 * a package manager owns (deb) gets the release page instead; the sign-in screen shows the banner
 * too.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { createLogger, createMemorySink } from '../../main/log/index.ts';
import type { UpdateKind } from '../../main/update/types.ts';
import { SCRIPTED_RELEASES } from '../harness/scripted-updater.ts';
import { startHarness, type Harness } from '../harness/server.ts';
import { expectNoAxeViolations } from './axe.ts';
import { repoRoot } from './fixtures.ts';

const test = base.extend<{ kind: UpdateKind; harness: Harness }>({
  kind: ['self', { option: true }],
  harness: async ({ kind }, use, testInfo) => {
    const sink = createMemorySink();
    const log = createLogger({ level: 'debug', sinks: [sink] });
    const harness = await startHarness({ root: repoRoot, log, locale: 'en-US', updateKind: kind });
    await use(harness);
    await harness.close();
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('core.log', { body: sink.lines.join(''), contentType: 'text/plain' });
    }
  },
});

/** Opens the demo workspace and its settings screen. */
async function openSettings(page: Page, harness: Harness) {
  await page.goto(harness.url);
  await page.getByTestId('workspace-open-demo').click();
  await expect(page.getByRole('heading', { level: 2, name: 'Assigned to me' })).toBeVisible({
    timeout: 15_000,
  });
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByTestId('settings-updates')).toBeVisible();
}

/** Publishes 9.9.0 with `failure` switched on, then checks from the settings screen. */
async function checkFromSettings(
  page: Page,
  harness: Harness,
  failure: 'failDownloads' | 'failRestart' | 'failChecks',
) {
  harness.platform.updater.latest = '9.9.0';
  harness.platform.updater[failure] = true;
  await openSettings(page, harness);
  await page.getByRole('button', { name: 'Check for updates' }).click();
}

test('a new version downloads in the background and the banner restarts into it', async ({
  page,
  harness,
}) => {
  await openSettings(page, harness);
  const state = page.getByTestId('settings-updates-state');
  await expect(state).toHaveAttribute('data-state', 'idle');
  await expect(state).toHaveText('Not checked yet.');

  // Nothing newer: the check says so and no banner appears.
  await page.getByRole('button', { name: 'Check for updates' }).click();
  await expect(state).toContainText('You have the latest version.');
  await expect(page.getByTestId('update-banner')).toHaveCount(0);

  harness.platform.updater.latest = '9.9.0';
  await page.getByRole('button', { name: 'Check for updates' }).click();
  const banner = page.getByTestId('update-banner');
  await expect(banner).toHaveAttribute('data-kind', 'restart');
  await expect(banner).toContainText('Version 9.9.0 is downloaded and ready to install.');
  await expect(state).toHaveAttribute('data-state', 'ready');
  expect(harness.platform.updater.checks).toBe(2);

  // The banner and the updates section pass axe, in both colour schemes.
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoAxeViolations(page, { label: `the update banner and settings (${colorScheme})` });
  }

  await banner.getByRole('button', { name: 'Restart to update' }).click();
  await expect.poll(() => harness.platform.updater.installs).toBe(1);
});

test('a failed download falls back to the release page, and "Later" puts the banner off', async ({
  page,
  harness,
}) => {
  await checkFromSettings(page, harness, 'failDownloads');
  const banner = page.getByTestId('update-banner');
  await expect(banner).toContainText('could not be downloaded');
  await banner.getByRole('button', { name: 'Open the release page' }).click();
  await expect.poll(() => harness.platform.openedUrls).toEqual([`${SCRIPTED_RELEASES}9.9.0`]);
  await banner.getByRole('button', { name: 'Later' }).click();
  await expect(banner).toHaveCount(0);
  // The settings still offer it.
  await expect(page.getByTestId('settings-updates-release')).toBeVisible();
});

test('a restart that does not happen offers the release page instead', async ({
  page,
  harness,
}) => {
  await checkFromSettings(page, harness, 'failRestart');
  const banner = page.getByTestId('update-banner');
  await banner.getByRole('button', { name: 'Restart to update' }).click();
  await expect(banner).toContainText('was downloaded but could not be installed');
  await expect(banner.getByRole('button', { name: 'Open the release page' })).toBeVisible();
  expect(harness.platform.updater.installs).toBe(1);
});

test('a failed check stays in the settings, not in the user’s way', async ({ page, harness }) => {
  await checkFromSettings(page, harness, 'failChecks');
  await expect(page.getByTestId('settings-updates-state')).toContainText('The last check failed');
  await expect(page.getByTestId('update-banner')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test.describe('a deb installation', () => {
  test.use({ kind: 'manual' });

  test('is sent to the release page instead of downloading, from the sign-in screen too', async ({
    page,
    harness,
  }) => {
    harness.platform.updater.latest = '9.9.0';
    await page.goto(harness.url);
    await expect(page.getByTestId('workspace-open-demo')).toBeVisible();
    // As a scheduled check would (main checks by itself and tells the window), without the wait.
    await page.evaluate(() => window.tracker!.update.check());
    const banner = page.getByTestId('update-banner');
    await expect(banner).toHaveAttribute('data-kind', 'release');
    await expect(banner).toContainText('This installation is updated from its package');
    await banner.getByRole('button', { name: 'Open the release page' }).click();
    await expect.poll(() => harness.platform.openedUrls).toEqual([`${SCRIPTED_RELEASES}9.9.0`]);
    await expect(banner.getByRole('button', { name: 'Restart to update' })).toHaveCount(0);
    await expectNoAxeViolations(page, { label: 'the release-page banner on the sign-in screen' });
  });
});

test.describe('the web host', () => {
  test.use({ kind: 'none' });

  test('says it does not update itself', async ({ page, harness }) => {
    await openSettings(page, harness);
    await expect(page.getByTestId('settings-updates-state')).toHaveAttribute(
      'data-state',
      'unsupported',
    );
    await expect(page.getByRole('button', { name: 'Check for updates' })).toHaveCount(0);
  });
});
