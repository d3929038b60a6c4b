/**
 * The virtualized issue list in a real browser: with 10,000 rows only about a screenful of row
 * elements exists at the top, the middle and the bottom, and the rows drawn are the ones the
 * scroll position calls for. Runs the bench page (bench/list-render, built with the harness);
 * behaviour only, nothing here is timed.
 */
import { expect, test } from '@playwright/test';
import type { RowSnapshot } from '../../bench/list-render/api.ts';
import { serveBenchList, type BenchListServer } from '../../bench/list-render/serve.ts';

const TOTAL = 10_000;
let server: BenchListServer;

test.beforeAll(async () => {
  server = await serveBenchList();
});

test.afterAll(async () => {
  await server?.close();
});

/** The rows a snapshot should hold: the visible ones plus the overscan, clamped to the list. */
function expectWindow(snapshot: RowSnapshot): void {
  const { scrollTop, viewportHeight, rowHeight, overscan, rows } = snapshot;
  const first = Math.floor(scrollTop / rowHeight);
  const lastVisible = Math.min(TOTAL - 1, Math.ceil((scrollTop + viewportHeight) / rowHeight) - 1);
  const indexes = rows.map((row) => row.rowIndex - 2);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.length).toBeLessThanOrEqual(100);
  // Consecutive rows covering every visible one, with no more than the overscan around them.
  expect(indexes).toEqual(indexes.map((_, i) => (indexes[0] ?? 0) + i));
  expect(indexes[0]).toBeLessThanOrEqual(first);
  expect(indexes[0]).toBeGreaterThanOrEqual(Math.max(0, first - overscan));
  expect(indexes.at(-1)).toBeGreaterThanOrEqual(lastVisible);
  expect(indexes.at(-1)).toBeLessThanOrEqual(Math.min(TOTAL - 1, lastVisible + overscan + 1));
  // Every row element shows its own issue (the synthetic key of row i ends in `-${i + 1}`).
  for (const row of rows) expect(row.key).toMatch(new RegExp(`-${row.rowIndex - 1}$`));
}

test('10,000 rows: a screenful of row elements at the top, middle and bottom, matching the scroll', async ({
  page,
}) => {
  await page.goto(server.url);
  await expect(page.locator('html')).toHaveAttribute('data-bench-ready', 'true');
  await page.evaluate((total) => window.listBench.firstScreen(total), TOTAL);

  const grid = page.getByRole('grid', { name: 'Issues' });
  await expect(grid).toHaveAttribute('aria-rowcount', String(TOTAL + 1));
  const rows = grid.getByTestId('issue-row');
  await expect(rows.first()).toHaveAttribute('data-key', /-1$/);
  expectWindow(await page.evaluate(() => window.listBench.snapshot()));

  const viewport = grid.locator('.viewport');
  const maxScroll = await viewport.evaluate((el) => el.scrollHeight - el.clientHeight);
  const positions = [
    Math.round(maxScroll / 2),
    maxScroll,
    0,
    Math.round(maxScroll * 0.9),
    Math.round(maxScroll * 0.1),
    maxScroll,
  ];
  for (const top of positions) {
    const snapshot = await page.evaluate((y) => window.listBench.scrollTo(y), top);
    expect(snapshot.scrollTop).toBeCloseTo(top, 0);
    expectWindow(snapshot);
    // The row drawn at the top of the viewport is the one the scroll position calls for.
    const firstVisible = Math.floor(top / snapshot.rowHeight) + 1;
    const box = (await viewport.boundingBox())!;
    const hit = await page.evaluate(
      ({ x, y }) =>
        document.elementFromPoint(x, y)?.closest('[role="row"]')?.getAttribute('aria-rowindex'),
      {
        x: box.x + 20,
        y: box.y + (firstVisible * snapshot.rowHeight + snapshot.rowHeight / 2 - top),
      },
    );
    expect(Number(hit)).toBe(firstVisible + 2);
  }
  // At the bottom the last issue is rendered.
  await expect(rows.last()).toHaveAttribute('data-key', new RegExp(`-${TOTAL}$`));
  await expect(rows.last()).toHaveAttribute('aria-rowindex', String(TOTAL + 1));
  await expect(page.locator('[role="row"]')).toHaveCount(
    await page.evaluate(() => window.listBench.snapshot().rows.length + 1),
  );
});
