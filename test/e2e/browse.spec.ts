/**
 * The everyday journey through the issue browser, end to end: the real renderer, preload, router,
 * session, cache and sync in the Node host, the emulator as Tracker. Sign in with a token, wait for
 * the first sync, browse the views, search in Russian and English, read an issue's markup, work by
 * keyboard alone, lose the server and keep working from the cache, then switch theme and language.
 * Screenshots of the list and the issue, light and dark, English and Russian, land in
 * test-results/screenshots/.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import type { IssueRecord } from '../../main/emulator/model.ts';
import type { Emulator } from '../../main/emulator/server.ts';
import { signInWithToken, useEmulatorSession } from './emulator-session.ts';

const SHOTS = 'test-results/screenshots';

const session = useEmulatorSession({ issues: 400, seed: 11 });

/** Issues assigned to the emulator's demo user: what the "Assigned to me" view syncs. */
function assignedToMe(emulator: Emulator): IssueRecord[] {
  const me = emulator.store.user(emulator.login);
  return emulator.store.allIssues().filter((issue) => issue.assigneeUid === me?.uid);
}

/** An assigned issue whose summary matches `word`. */
function assignedWith(emulator: Emulator, word: RegExp): IssueRecord {
  const found = assignedToMe(emulator).find((issue) => word.test(issue.summary));
  if (!found) throw new Error(`the seeded world has no assigned issue matching ${word}`);
  return found;
}

/** The list's data rows (the header row excluded). */
function rows(page: Page) {
  return page
    .getByRole('grid')
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell') });
}

/** Types into the search box and waits for the popup to offer what it found. */
async function search(page: Page, text: string): Promise<void> {
  const box = page.locator('[data-search-input]');
  await box.fill(text);
  await expect(page.getByTestId('search-option').first()).toBeVisible();
}

test('sign in, first sync, browse, search, read, keyboard, offline, theme and language', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { emulator, harness } = session();
  const mine = assignedToMe(emulator);
  expect(mine.length).toBeGreaterThan(10);

  // Sign in and first sync: the list of issues assigned to me fills from the cache.
  await signInWithToken(page, session());
  const title = page.getByRole('heading', { level: 2, name: 'Assigned to me' });
  await expect(title).toBeVisible();
  await expect
    .poll(() => harness.app.data.status().lastSuccessAt, { timeout: 30_000 })
    .not.toBeNull();
  await expect(page.getByTestId('issues-total')).toHaveText(`${mine.length} issues`);
  await expect(rows(page).first()).toBeVisible();
  await expect(page.getByTestId('sync-indicator')).toContainText('Synced');

  // Browse the views from the sidebar; each shows its own heading and rows.
  const nav = page.getByRole('navigation');
  for (const name of ['Followed', 'Created by me', 'All cached issues']) {
    await nav.getByRole('button', { name: new RegExp(`^${name}`) }).click();
    await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
    await expect(rows(page).first()).toBeVisible();
  }
  await nav.getByRole('button', { name: /^Assigned to me/ }).click();
  await expect(title).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/list-light-en.png` });

  // Search in Russian and English: another word form finds the issue (the cache stems both).
  const russian = assignedWith(emulator, /Ошибка/);
  await search(page, 'ошибки');
  await expect(
    page.getByTestId('search-option').filter({ hasText: russian.key }).first(),
  ).toBeVisible();
  const english = assignedWith(emulator, /\bfails\b/);
  await search(page, 'failing');
  await expect(
    page.getByTestId('search-option').filter({ hasText: english.key }).first(),
  ).toBeVisible();
  // Enter without a highlighted hit shows all results as a list.
  await page.locator('[data-search-input]').press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: /failing/ })).toBeVisible();
  await expect(rows(page).filter({ hasText: english.key })).toHaveCount(1);

  // Open an issue by typing its key, and read its markup.
  const rich =
    mine.find((issue) => /\|.*\|/.test(issue.description) && issue.description.includes('```')) ??
    mine.find((issue) => /\|.*\|/.test(issue.description))!;
  await search(page, rich.key.toLowerCase());
  await page.locator('[data-search-input]').press('Enter');
  const issue = page.getByTestId('issue-view');
  await expect(issue.getByRole('heading', { level: 2, name: rich.summary })).toBeVisible();
  const markup = issue.getByTestId('markup').first();
  await expect(markup.locator('table').first()).toBeVisible();
  await expect(markup.locator('script')).toHaveCount(0);
  await expect(issue.getByRole('heading', { name: 'Activity' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/detail-light-en.png` });

  // Keyboard alone: back to the list, move with j, open with Enter, back with Escape.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await nav.getByRole('button', { name: /^Assigned to me/ }).focus();
  await page.keyboard.press('Enter');
  await expect(title).toBeVisible();
  const grid = page.getByRole('grid');
  await grid.focus();
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  const selected = grid.locator('[aria-selected="true"]');
  await expect(selected).toHaveCount(1);
  const selectedKey = await selected.getAttribute('data-key');
  expect(selectedKey).toMatch(/^[A-Z]+-\d+$/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('issue-view')).toBeVisible();
  await expect(page.getByTestId('issue-view')).toContainText(selectedKey!);
  await page.keyboard.press('Escape');
  await expect(title).toBeVisible();
  await expect(grid.locator('[aria-selected="true"]')).toHaveAttribute('data-key', selectedKey!);
  // The palette: Ctrl+K, a view's name, Enter.
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.type('Followed');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Followed' })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // The server goes away: sync says offline, and browsing and searching go on from the cache.
  await emulator.close();
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-indicator')).toContainText(/offline/i, { timeout: 20_000 });
  await nav.getByRole('button', { name: /^Assigned to me/ }).click();
  await expect(page.getByTestId('issues-total')).toHaveText(`${mine.length} issues`);
  await search(page, 'ошибки');
  await expect(
    page.getByTestId('search-option').filter({ hasText: russian.key }).first(),
  ).toBeVisible();
  await search(page, rich.key);
  await page.locator('[data-search-input]').press('Enter');
  await expect(markup.locator('table').first()).toBeVisible();
  await page.keyboard.press('Escape');

  // Theme and language from the settings, applied at once and kept by main.
  await nav.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('radio', { name: 'Русский' }).check();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('heading', { level: 2, name: 'Настройки' })).toBeVisible();
  await expect(page.getByTestId('settings-status')).toHaveAttribute('data-state', 'saved');
  const settings = await page.evaluate(async () => {
    const result = await window.tracker!.settings.get();
    return result.ok ? result.data : null;
  });
  expect(settings).toMatchObject({ theme: 'dark', language: 'ru' });

  await nav.getByRole('button', { name: /^Назначены мне/ }).click();
  await expect(page.getByTestId('issues-total')).toHaveText(new RegExp(`^${mine.length} задач`));
  await page.screenshot({ path: `${SHOTS}/list-dark-ru.png` });
  await search(page, rich.key);
  await page.locator('[data-search-input]').press('Enter');
  await expect(markup.locator('table').first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/detail-dark-ru.png` });
});

test('the list and the issue in both themes and both languages', async ({ page }) => {
  test.setTimeout(90_000);
  const { harness } = session();
  await page.goto(harness.url);
  await page.getByTestId('workspace-open-demo').click();
  await expect(page.getByRole('heading', { level: 2, name: 'Assigned to me' })).toBeVisible({
    timeout: 20_000,
  });
  await expect
    .poll(() => harness.app.data.status().lastSuccessAt, { timeout: 30_000 })
    .not.toBeNull();
  const key = await rows(page).first().getAttribute('data-key');
  expect(key).toMatch(/^[A-Z]+-\d+$/);

  for (const theme of ['light', 'dark'] as const) {
    for (const language of ['en', 'ru'] as const) {
      // Through the bridge, as the settings screen does; the window follows settings.changed.
      await page.evaluate((patch) => window.tracker!.settings.update(patch), { theme, language });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await page.getByRole('navigation').getByRole('button').first().focus();
      await page.keyboard.press('Escape');
      const assigned = language === 'en' ? /^Assigned to me/ : /^Назначены мне/;
      await page.getByRole('navigation').getByRole('button', { name: assigned }).click();
      await expect(rows(page).first()).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/list-${theme}-${language}.png` });

      await search(page, key!);
      await page.locator('[data-search-input]').press('Enter');
      await expect(page.getByTestId('markup').first()).toBeVisible();
      await expect(
        page.getByTestId('issue-view').getByRole('heading', { level: 3 }).first(),
      ).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/detail-${theme}-${language}.png` });
    }
  }
});
