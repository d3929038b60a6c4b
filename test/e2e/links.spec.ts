/**
 * Links into the app, end to end through the real preload and router: main's `app.navigate` (what
 * a `tracker-desktop://` link or a second launch with a Tracker URL becomes, see main/index.ts)
 * opens the issue, and so does a Tracker link pasted into the window or into the search box.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** Opens the demo workspace and returns the key of the first issue in the list. */
async function openDemo(page: Page): Promise<string> {
  await page.getByTestId('workspace-open-demo').click();
  const first = page.getByTestId('issue-row').first();
  await expect(first).toBeVisible({ timeout: 15_000 });
  const key = await first.getAttribute('data-key');
  expect(key).toMatch(/^[A-Z]+-\d+$/);
  return key!;
}

/** Pastes `text` as the clipboard's plain text onto the focused element (or the page). */
async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, text);
}

test('main opens an issue in the window (a deep link or a second launch)', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  const key = await openDemo(page);
  harness.app.events.emit('app.navigate', { to: 'issue', key });
  await expect(page.getByTestId('issue-view')).toContainText(key);
});

test('a Tracker link pasted into the window or the search box opens the issue', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  const key = await openDemo(page);

  await page.locator('body').click({ position: { x: 1, y: 1 } });
  await paste(page, `  https://tracker.yandex.ru/${key.toLowerCase()}?focus=comments  `);
  await expect(page.getByTestId('issue-view')).toContainText(key);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('issue-view')).toHaveCount(0);

  // Not a Tracker link: nothing happens.
  await paste(page, `https://tracker.evil.example/${key}`);
  await expect(page.getByTestId('issue-view')).toHaveCount(0);

  // In the search box the link is typed text; Enter opens its issue like a typed key.
  const input = page.locator('[data-search-input]');
  await input.fill(`tracker-desktop://issue/${key}`);
  await input.press('Enter');
  await expect(page.getByTestId('issue-view')).toContainText(key);
});
