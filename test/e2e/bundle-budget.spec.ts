/**
 * The renderer's JavaScript budget, checked on what the window really loads: at most 250 KB gzip
 * before the first screen, and the markup renderer (markdown-it, DOMPurify, highlight.js) only
 * once an issue is opened.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from './fixtures.ts';

const BUDGET_BYTES = 250 * 1024;

/** Gzip size of a built renderer file named by its URL path. */
function gzipSize(urlPath: string): number {
  const file = path.join('out/renderer', decodeURIComponent(urlPath.replace(/^\//, '')));
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

test('the first screen loads at most 250 KB of JS, and the markup renderer only with an issue', async ({
  page,
  harness,
}) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  await page.goto(harness.url);
  await page.getByTestId('workspace-open-demo').click();
  const rows = page.getByTestId('issue-row');
  await expect(rows.first()).toBeVisible({ timeout: 20_000 });

  // The web host adds its preload script; it stands in for Electron's and is not the app's bundle.
  const initial = scripts.filter((script) => script.startsWith('/assets/'));
  expect(initial.length).toBeGreaterThan(0);
  const initialBytes = initial.reduce((sum, script) => sum + gzipSize(script), 0);
  test.info().annotations.push({
    type: 'initial JS',
    description: `${(initialBytes / 1024).toFixed(1)} KB gzip in ${initial.length} file(s)`,
  });
  expect(initialBytes).toBeLessThanOrEqual(BUDGET_BYTES);
  expect(initial.some((script) => /markup/.test(script))).toBe(false);

  await rows.first().dblclick();
  await expect(page.getByTestId('markup').first()).toBeVisible();
  const later = scripts.filter((script) => !initial.includes(script));
  expect(later.some((script) => /markup/.test(script))).toBe(true);
});
