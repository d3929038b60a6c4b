import { defineConfig } from '@playwright/test';
import { findElectronBinary, missingElectronHelp } from './test/electron/electron-binary.ts';

const binary = findElectronBinary();
if (!binary.found) {
  // The list reporter shows a skip without its reason; say why, once, up front.
  console.warn(`Skipping the Electron smoke tests.\n${missingElectronHelp(binary.reason)}\n`);
}

/**
 * Smoke tests of the real Electron app (Playwright `_electron`). They launch the built out/main
 * themselves and skip with instructions when the Electron binary is not installed; no browser is
 * launched and no web server is started.
 */
export default defineConfig({
  testDir: 'test/electron',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/electron',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
