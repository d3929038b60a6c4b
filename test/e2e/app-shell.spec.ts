import { expectedBridgeShape } from '../fakes/contract-shape.ts';
import { expect, test } from './fixtures.ts';

test('app.info travels through the real preload, router and core into the shell', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  const panel = page.getByTestId('app-info');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('app-version')).toContainText(harness.app.info().version);
  await expect(page.getByTestId('app-host')).toContainText(/browser|web/i);
  await expect(page.getByTestId('online-state')).toContainText(/online/i);
  await page.screenshot({ path: 'test-results/screenshots/app-info.png', fullPage: true });
});

test('window.tracker exposes exactly the contract, frozen, and nothing of Node or Electron', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await expect(page.getByTestId('app-info')).toBeVisible();
  const exposed = await page.evaluate(() => {
    const tracker = (window as unknown as { tracker: Record<string, Record<string, unknown>> })
      .tracker;
    const shape: Record<string, string[]> = {};
    for (const ns of Object.keys(tracker)) shape[ns] = Object.keys(tracker[ns] ?? {}).sort();
    const globals = window as unknown as Record<string, unknown>;
    return {
      shape,
      frozen: Object.isFrozen(tracker) && Object.values(tracker).every((ns) => Object.isFrozen(ns)),
      overwritable: (() => {
        try {
          globals.tracker = {};
        } catch {
          /* strict-mode assignment to a read-only global throws */
        }
        return globals.tracker !== tracker;
      })(),
      leaks: ['require', 'process', 'ipcRenderer', 'electron', 'module', 'Buffer'].filter(
        (name) => name in globals,
      ),
    };
  });
  expect(exposed.shape).toEqual(expectedBridgeShape());
  expect(exposed.frozen).toBe(true);
  expect(exposed.overwritable).toBe(false);
  expect(exposed.leaks).toEqual([]);
});

test('the online event reaches the status bar and back', async ({ page, harness }) => {
  await page.goto(harness.url);
  const state = page.getByTestId('online-state');
  await expect(state).toContainText(/online/i);
  harness.platform.setOnline(false);
  await expect(state).toContainText(/offline/i);
  harness.platform.setOnline(true);
  await expect(state).not.toContainText(/offline/i);
});

test('the page runs under the strict CSP: no inline script, no remote fetch', async ({
  page,
  harness,
}) => {
  const response = await page.goto(harness.url);
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("default-src 'none'");
  await expect(page.getByTestId('app-info')).toBeVisible();
  const result = await page.evaluate(async () => {
    const marker = window as unknown as { inlineRan?: boolean };
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true';
    document.head.append(script);
    const fetched = await fetch('https://api.tracker.yandex.net/v3/myself').then(
      () => true,
      () => false,
    );
    return { inlineRan: marker.inlineRan === true, fetched };
  });
  expect(result).toEqual({ inlineRan: false, fetched: false });
});
