/**
 * Launches the built app in Electron and checks the first window renders the app shell through
 * app:// with the preload bridge working. Needs `npm run build` first and the Electron binary.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import {
  REPO_ROOT,
  electronEnv,
  findElectronBinary,
  missingElectronHelp,
} from './electron-binary.ts';

const binary = findElectronBinary();
const entry = path.join(REPO_ROOT, 'out/main/index.js');

test.skip(!binary.found, binary.found ? '' : missingElectronHelp(binary.reason));

test('the main window shows the app info panel', async () => {
  test.skip(!existsSync(entry), 'out/main/index.js is missing: run `npm run build` first');
  if (!binary.found) return;
  const app = await electron.launch({
    // Without executablePath Playwright would require('electron'), which downloads the binary.
    executablePath: binary.path,
    args: ['out/main/index.js'],
    cwd: REPO_ROOT,
    env: electronEnv(),
  });
  try {
    const page = await app.firstWindow();
    expect(page.url()).toBe('app://app/index.html');
    await expect(page.locator('[data-testid="app-info"]')).toBeVisible();
    const exposed = await page.evaluate(() => typeof (globalThis as { tracker?: unknown }).tracker);
    expect(exposed).toBe('object');
    const nodeLeaked = await page.evaluate(
      () => typeof (globalThis as { require?: unknown }).require,
    );
    expect(nodeLeaked).toBe('undefined');
  } finally {
    await app.close();
  }
});
