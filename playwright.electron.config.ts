import { defineConfig } from '@playwright/test';

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
