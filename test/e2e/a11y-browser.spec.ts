/**
 * Automated accessibility checks (axe-core, WCAG 2.1 A/AA) of every screen and open state of the
 * issue browser in the demo workspace, in the light and the dark colour scheme and in English and
 * Russian; then keyboard-only journeys through the sidebar, the search box, the list grid, an issue
 * and the command palette, with the focus visible at every step.
 *
 * Each scheme × language combination is one test on one page that walks {@link SCREENS} in order:
 * each entry says how to reach its screen from the one before and what shows it has settled. All
 * screens are checked before the test fails, so one run lists every violation.
 */
import type { Page } from '@playwright/test';
import { createLogger, createMemorySink } from '../../main/log/index.ts';
import { startHarness, type Harness } from '../harness/server.ts';
import { formatViolations, runAxe } from './axe.ts';
import { expect, repoRoot, test as base } from './fixtures.ts';

/**
 * A fresh Node host with the demo workspace open, its core in the language of the page (Playwright's
 * `locale` option, which the renderer reads from `navigator.languages`).
 */
const test = base.extend<{ demo: Harness }>({
  demo: async ({ locale }, use, testInfo) => {
    const sink = createMemorySink();
    const log = createLogger({ level: 'debug', sinks: [sink] });
    const harness = await startHarness({
      root: repoRoot,
      log,
      locale: locale ?? 'en-US',
      demo: true,
    });
    await use(harness);
    await harness.close();
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('core.log', { body: sink.lines.join(''), contentType: 'text/plain' });
    }
  },
});

/** Nothing on the page is loading: no busy region, no spinner. */
async function settled(page: Page): Promise<void> {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 15_000 });
  await expect(page.locator('.spinner')).toHaveCount(0, { timeout: 15_000 });
}

/** The list view shown, with its rows drawn. */
async function listShown(page: Page): Promise<void> {
  await expect(page.getByTestId('issues-view')).toBeVisible();
  await expect(page.getByTestId('issue-row').first()).toBeVisible();
  await settled(page);
}

/** Markup constructs the renderer styles (YFM): code, tables, quotes, notes, cuts, lists, images. */
const MARKUP_KINDS = [
  /```/,
  /^\|/m,
  /^>/m,
  /\{% note/,
  /\{% cut/,
  /^\s*[-*] /m,
  /^\d+\. /m,
  /!\[/,
  /^#/m,
];

/** Of `keys`, the issue whose cached description uses the most of {@link MARKUP_KINDS}. */
function richestMarkup(harness: Harness, keys: readonly string[]): string {
  const cache = harness.app.data.cache();
  const score = (key: string) => {
    const text = cache?.getIssue(key)?.description ?? '';
    return MARKUP_KINDS.filter((kind) => kind.test(text)).length;
  };
  const best = [...keys].sort((a, b) => score(b) - score(a))[0];
  if (!best) throw new Error('no issue rows to choose from');
  return best;
}

const sidebar = (page: Page) => page.getByTestId('sidebar');

/** A screen (or an open state of one) to check, and how to get there from the previous one. */
interface Screen {
  readonly name: string;
  /** Brings the screen up and waits until it has settled. */
  reach(page: Page, harness: Harness): Promise<void>;
  /** Leaves the state so the next screen starts from a plain screen (closes a menu or dialog). */
  leave?(page: Page): Promise<void>;
}

/** The inbox entries added to the cache for the "inbox with entries" screens. */
const INBOX_ENTRIES = (now: number) =>
  (['assigned', 'summoned', 'comment', 'status'] as const).map((kind, index) => ({
    id: `a11y-${kind}`,
    kind,
    issueKey: `DESK-${index + 1}`,
    summary: `Inbox entry about ${kind}`,
    actor: 'Maria Ivanova',
    createdAt: now - index * 60_000,
  }));

/**
 * Every screen of the browser, in the order one test walks them. The app starts on the list of
 * issues assigned to the user.
 */
const SCREENS: readonly Screen[] = [
  {
    name: 'list view (assigned to me)',
    reach: listShown,
  },
  {
    name: 'a filter chip menu open',
    async reach(page) {
      await page.getByTestId('filter-bar').getByRole('button').first().click();
      await expect(page.getByTestId('filter-option').first()).toBeVisible();
    },
  },
  {
    name: 'the filter chip menu with an option checked',
    async reach(page) {
      await page.getByTestId('filter-listbox').press('Enter');
      const checked = page.locator('[data-testid="filter-option"][aria-selected="true"]');
      await expect(checked).toHaveCount(1);
      await settled(page);
    },
    async leave(page) {
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('filter-listbox')).toHaveCount(0);
    },
  },
  {
    name: 'a filter applied (the chip on, "clear" shown)',
    async reach(page) {
      await expect(page.getByTestId('filter-clear')).toBeVisible();
      await listShown(page);
    },
    async leave(page) {
      await page.getByTestId('filter-clear').click();
      await expect(page.getByTestId('filter-clear')).toHaveCount(0);
    },
  },
  {
    name: 'a selected row in the focused list grid',
    async reach(page) {
      await page.getByTestId('issue-list').focus();
      await page.keyboard.press('j');
      await expect(page.locator('[data-testid="issue-row"][aria-selected="true"]')).toHaveCount(1);
    },
  },
  {
    name: 'the search box dropdown with hits',
    async reach(page) {
      await page.locator('[data-search-input]').fill('a');
      await expect(page.getByTestId('search-option').first()).toBeVisible();
      await settled(page);
    },
  },
  {
    name: 'search results',
    async reach(page) {
      await page.getByTestId('search-show-all').click();
      await listShown(page);
    },
  },
  {
    name: 'the save-search dialog',
    async reach(page) {
      await page.getByTestId('save-search').click();
      await expect(page.getByTestId('save-search-dialog')).toBeVisible();
      await expect(page.getByTestId('save-search-name')).toBeFocused();
    },
    async leave(page) {
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('save-search-dialog')).toHaveCount(0);
    },
  },
  {
    name: 'a saved search in the sidebar, its delete confirmation open',
    async reach(page) {
      await page.getByTestId('save-search').click();
      await page.getByTestId('save-search-name').fill('Everything with an a');
      await page.getByTestId('save-search-confirm').click();
      await expect(page.getByTestId('save-search-dialog')).toHaveCount(0);
      await expect(sidebar(page).getByTestId('saved-search')).toBeVisible();
      await sidebar(page).getByTestId('saved-delete').click();
      await expect(sidebar(page).getByTestId('saved-confirm')).toBeVisible();
    },
    async leave(page) {
      await sidebar(page).getByTestId('saved-confirm-keep').click();
      await expect(sidebar(page).getByTestId('saved-confirm')).toHaveCount(0);
      await page.locator('[data-search-input]').fill('');
    },
  },
  {
    name: 'the issue detail with rendered markup, comments and activity',
    async reach(page, harness) {
      await sidebar(page).getByTestId('nav-assigned').click();
      await listShown(page);
      // Of the rows shown, open the issue whose description uses the most kinds of markup.
      const keys = await page
        .getByTestId('issue-row')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-key') ?? ''));
      const key = richestMarkup(harness, keys);
      await page.locator(`[data-testid="issue-row"][data-key="${key}"]`).dblclick();
      await expect(page.getByTestId('issue-key')).toHaveText(key);
      await expect(page.getByTestId('markup').first()).toBeVisible();
      await expect(page.getByTestId('comments')).toBeVisible();
      await expect(page.getByTestId('activity')).toBeVisible();
      await settled(page);
    },
  },
  {
    name: 'the inbox (empty)',
    async reach(page, harness) {
      expect(harness.app.data.cache()?.listInbox() ?? []).toHaveLength(0);
      await sidebar(page).getByTestId('nav-inbox').click();
      await expect(page.getByTestId('inbox-empty')).toBeVisible();
      await settled(page);
    },
  },
  {
    name: 'the inbox with entries',
    async reach(page, harness) {
      harness.app.data.cache()?.addInbox(INBOX_ENTRIES(Date.now()));
      // The inbox reloads on arrival: go away and come back.
      await sidebar(page).getByTestId('nav-assigned').click();
      await listShown(page);
      await sidebar(page).getByTestId('nav-inbox').click();
      await expect(page.getByTestId('inbox-entry')).toHaveCount(4);
      await settled(page);
    },
  },
  {
    name: 'the snooze menu',
    async reach(page) {
      await page.getByTestId('inbox-snooze').first().click();
      await expect(page.getByTestId('inbox-snooze-menu')).toBeVisible();
    },
    async leave(page) {
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('inbox-snooze-menu')).toHaveCount(0);
    },
  },
  {
    name: 'inbox entries selected (the selection bar)',
    async reach(page) {
      await page.getByTestId('inbox-entry').getByRole('checkbox').first().check();
      await expect(page.getByTestId('inbox-selection')).toBeVisible();
    },
    async leave(page) {
      await page.getByTestId('inbox-entry').getByRole('checkbox').first().uncheck();
      await expect(page.getByTestId('inbox-selection')).toHaveCount(0);
    },
  },
  {
    name: 'the settings',
    async reach(page) {
      await sidebar(page).getByTestId('nav-settings').click();
      await expect(page.getByTestId('settings')).toBeVisible();
      await expect(page.getByTestId('workspace-user')).toBeVisible();
      await settled(page);
    },
  },
  {
    name: 'the queue picker',
    async reach(page, harness) {
      // The queues come with the workspace, read from Tracker in the background.
      await expect
        .poll(() => harness.app.data.cache()?.listDictionary('queues').length ?? 0)
        .toBeGreaterThan(0);
      await page.getByTestId('pin-queue').click();
      await expect(page.getByTestId('queue-choice').first()).toBeVisible();
      await settled(page);
    },
  },
  {
    name: 'a pinned queue',
    async reach(page) {
      await page.getByTestId('queue-choice').first().click();
      await expect(page.getByTestId('queue-picker')).toHaveCount(0);
      await sidebar(page).getByTestId('nav-queue').first().click();
      await listShown(page);
    },
  },
  {
    name: 'the command palette with results',
    async reach(page) {
      await page.keyboard.press('Control+k');
      await expect(page.getByTestId('palette')).toBeVisible();
      await page.getByTestId('palette-input').fill('a');
      await expect(page.getByTestId('palette-option').first()).toBeVisible();
      await settled(page);
    },
    async leave(page) {
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('palette')).toHaveCount(0);
    },
  },
  {
    name: 'offline: the list',
    async reach(page, harness) {
      harness.platform.setOnline(false);
      await sidebar(page).getByTestId('nav-assigned').click();
      await listShown(page);
      await expect(page.getByTestId('list-offline')).toBeVisible();
    },
  },
  {
    name: 'offline: the search box dropdown',
    async reach(page) {
      await page.locator('[data-search-input]').fill('a');
      await expect(page.getByTestId('search-offline')).toBeVisible();
      await settled(page);
    },
    async leave(page) {
      await page.keyboard.press('Escape');
    },
  },
  {
    name: 'offline: the issue detail',
    async reach(page) {
      await page.getByTestId('issue-row').first().dblclick();
      await expect(page.getByTestId('issue-view')).toBeVisible();
      await settled(page);
    },
  },
];

const COMBINATIONS = [
  { colorScheme: 'light', locale: 'en-US' },
  { colorScheme: 'dark', locale: 'en-US' },
  { colorScheme: 'light', locale: 'ru-RU' },
  { colorScheme: 'dark', locale: 'ru-RU' },
] as const;

for (const { colorScheme, locale } of COMBINATIONS) {
  test.describe(`${colorScheme} scheme, ${locale}`, () => {
    test.use({ locale, colorScheme });

    test('every screen of the issue browser has no axe violations', async ({ page, demo }) => {
      test.setTimeout(120_000);
      await page.goto(demo.url);
      await expect(page.getByTestId('browser')).toBeVisible({ timeout: 15_000 });
      // The page runs in the intended scheme and language.
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(
        colorScheme === 'dark',
      );
      await expect(page.locator('html')).toHaveAttribute('lang', locale.slice(0, 2));

      const found: string[] = [];
      for (const screen of SCREENS) {
        await test.step(screen.name, async () => {
          await screen.reach(page, demo);
          const { violations } = await runAxe(page);
          if (violations.length > 0) found.push(`${screen.name}:\n${formatViolations(violations)}`);
          await screen.leave?.(page);
        });
      }
      expect(found, `axe violations (${colorScheme}, ${locale}):\n\n${found.join('\n\n')}`).toEqual(
        [],
      );
    });
  });
}

/** What the focused element is, and whether it draws a focus indicator (outline or shadow). */
async function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!(element instanceof HTMLElement) || element === document.body) return null;
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
    return {
      describe: `${element.tagName.toLowerCase()}${element.dataset.testid ? `[data-testid=${element.dataset.testid}]` : ''} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}"`,
      inSidebar: element.closest('nav') !== null,
      isSearch: element.matches('[data-search-input]'),
      isGrid: element.getAttribute('role') === 'grid',
      visible: outline || style.boxShadow !== 'none',
    };
  });
}

/** Fails unless something other than the page has the focus and draws a visible indicator. */
async function expectVisibleFocus(page: Page, step: string): Promise<void> {
  const now = await focused(page);
  expect(now, `something has the focus after ${step}`).not.toBeNull();
  expect(now?.visible, `the focus on ${now?.describe} is visible after ${step}`).toBe(true);
}

const selectedRow = (page: Page) => page.locator('[data-testid="issue-row"][aria-selected="true"]');

test.describe('keyboard only', () => {
  test('Tab reaches the sidebar, the search box and the list; j/k, Enter, Escape and Ctrl+K drive the browser', async ({
    page,
    demo,
  }) => {
    await page.goto(demo.url);
    // The first sync is over, so no reload reorders the rows under the keys pressed below.
    await expect
      .poll(() => demo.app.data.status(), { timeout: 15_000 })
      .toMatchObject({ state: 'idle', lastSuccessAt: expect.any(Number) });
    await listShown(page);

    // Tab order: the sidebar's entries, then the search box, then the list grid, each with a
    // visible focus indicator on the way.
    const reached = { sidebar: -1, search: -1, grid: -1 };
    const path: string[] = [];
    for (let step = 1; step <= 40 && reached.grid < 0; step++) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      expect(now, `Tab ${step} focuses something`).not.toBeNull();
      expect(now?.visible, `the focus on ${now?.describe} is visible after Tab ${step}`).toBe(true);
      if (now?.inSidebar && reached.sidebar < 0) reached.sidebar = step;
      if (now?.isSearch) reached.search = step;
      if (now?.isGrid) reached.grid = step;
      path.push(now?.describe ?? '');
    }
    await test.info().attach('tab-order.txt', { body: path.join('\n'), contentType: 'text/plain' });
    expect(reached.sidebar, 'Tab reaches the sidebar').toBeGreaterThan(0);
    expect(reached.search, 'Tab reaches the search box after the sidebar').toBeGreaterThan(
      reached.sidebar,
    );
    expect(reached.grid, 'Tab reaches the list grid after the search box').toBeGreaterThan(
      reached.search,
    );

    // j/k move the selection in the grid.
    const rows = page.getByTestId('issue-row');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect(selectedRow(page)).toHaveAttribute('aria-rowindex', '4');
    await page.keyboard.press('k');
    await expect(selectedRow(page)).toHaveAttribute('aria-rowindex', '3');
    await expectVisibleFocus(page, 'j/k in the grid');
    const key = await selectedRow(page).getAttribute('data-key');
    expect(key).toBe(await rows.nth(1).getAttribute('data-key'));

    // Enter opens the selected issue; Escape comes back to the list with the same row selected.
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('issue-key')).toHaveText(key ?? '');
    await settled(page);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('issues-view')).toBeVisible();
    await expect(selectedRow(page)).toHaveAttribute('data-key', key ?? '');
    // The grid has the focus back, so the list keys go on from that row.
    await expect(page.getByTestId('issue-list')).toBeFocused();
    await expectVisibleFocus(page, 'Escape from the issue');
    await page.keyboard.press('j');
    await expect(selectedRow(page)).toHaveAttribute('aria-rowindex', '4');

    // Ctrl+K opens the palette; a view's name and Enter go there.
    await page.keyboard.press('Control+k');
    await expect(page.getByTestId('palette-input')).toBeFocused();
    await expectVisibleFocus(page, 'Ctrl+K');
    await page.keyboard.type('Followed');
    await expect(page.getByTestId('palette-option').first()).toContainText('Followed');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('palette')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 2, name: 'Followed' })).toBeVisible();
    await expect(sidebar(page).getByTestId('nav-followed')).toHaveAttribute('aria-current', 'page');
    // The new screen's heading has the focus (for screen readers); j goes on into the list.
    await listShown(page);
    await page.keyboard.press('j');
    await expect(page.getByTestId('issue-list')).toBeFocused();
    await expect(selectedRow(page)).toHaveAttribute('aria-rowindex', '2');
    await expectVisibleFocus(page, 'j on the new screen');
  });
});
