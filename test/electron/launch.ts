/**
 * Launching the built app for the smoke tests: the Electron binary found without
 * `require('electron')`, a throwaway profile per launch (TRACKER_USER_DATA), a fixed UI language,
 * and a teardown that quits the app, removes the profile and attaches the main process's output
 * when the test failed.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, _electron as electron } from '@playwright/test';
import type { ElectronApplication, Page } from '@playwright/test';
import {
  REPO_ROOT,
  electronEnv,
  findElectronBinary,
  missingElectronHelp,
} from './electron-binary.ts';

/** The main bundle `npm run build` writes. */
export const APP_ENTRY = path.join(REPO_ROOT, 'out', 'main', 'index.js');

/** The page the main window loads (main/platform/protocol.ts). */
export const APP_URL = 'app://app/index.html';

/**
 * Why the smoke tests cannot run here, or null when they can: the Electron binary is missing (with
 * how to get it), or the app has not been built.
 */
export function smokeSkipReason(): string | null {
  const binary = findElectronBinary();
  if (!binary.found) return missingElectronHelp(binary.reason);
  if (!existsSync(APP_ENTRY)) return 'out/main/index.js is missing: run `npm run build` first';
  return null;
}

/** A running app with its own profile. */
export interface LaunchedApp {
  readonly app: ElectronApplication;
  /** The main window, loaded past `domcontentloaded`. */
  readonly page: Page;
  /** The throwaway userData folder the app runs against. */
  readonly userData: string;
}

/** How a smoke test launches the app. */
export interface LaunchOptions {
  /** Extra command-line arguments after the entry, e.g. `['--demo']`. */
  readonly args?: readonly string[];
}

/**
 * Electron switches every launch gets. `--lang=en-US` fixes `navigator.languages`, from which the
 * renderer picks its language on a fresh profile (renderer/src/lib/i18n), so the page is English
 * whatever the machine's locale. Chromium refuses to start as root on Linux unless its sandbox is
 * off (`--no-sandbox`), as in a root CI container; as any other user the sandbox stays on.
 */
export function baseSwitches(
  platform: NodeJS.Platform = process.platform,
  uid: number | undefined = process.getuid?.(),
): string[] {
  const switches = ['--lang=en-US'];
  if (platform === 'linux' && uid === 0) switches.push('--no-sandbox');
  return switches;
}

/**
 * The launch environment: the caller's, minus ELECTRON_RUN_AS_NODE (electronEnv) and minus any
 * TRACKER_* variable of the developer's shell (another API base, OAuth server or profile), plus
 * the throwaway profile.
 */
function launchEnv(userData: string): Record<string, string> {
  const env = electronEnv();
  for (const key of Object.keys(env)) {
    if (key.startsWith('TRACKER_')) delete env[key];
  }
  env.TRACKER_USER_DATA = userData;
  return env;
}

/** How long a quit may take before the process is killed (the demo emulator closes async). */
const CLOSE_TIMEOUT_MS = 15_000;

/** Quits the app through Playwright; kills the process if it is still running after that. */
async function closeApp(app: ElectronApplication): Promise<void> {
  const child = app.process();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
  });
  try {
    await Promise.race([app.close().catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/**
 * The `launchApp` fixture: starts `out/main/index.js` in Electron with a fresh profile. Every app
 * it started is closed after the test and its profile removed, whether the test passed or not.
 */
export const test = base.extend<{ launchApp: (options?: LaunchOptions) => Promise<LaunchedApp> }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the fixtures argument
  launchApp: async ({}, use, testInfo) => {
    const started: { app: ElectronApplication | null; userData: string; output: string[] }[] = [];
    await use(async (options = {}) => {
      const binary = findElectronBinary();
      if (!binary.found) throw new Error(missingElectronHelp(binary.reason));
      const userData = mkdtempSync(path.join(os.tmpdir(), 'tracker-smoke-'));
      const record = { app: null as ElectronApplication | null, userData, output: [] as string[] };
      started.push(record);
      const app = await electron.launch({
        // Without executablePath Playwright would require('electron'), which downloads the binary.
        executablePath: binary.path,
        args: [path.relative(REPO_ROOT, APP_ENTRY), ...baseSwitches(), ...(options.args ?? [])],
        cwd: REPO_ROOT,
        env: launchEnv(userData),
      });
      record.app = app;
      // Unpackaged, main logs to stderr too: kept for the report when the test fails.
      app.process().stdout?.on('data', (chunk: Buffer) => record.output.push(String(chunk)));
      app.process().stderr?.on('data', (chunk: Buffer) => record.output.push(String(chunk)));
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      return { app, page, userData };
    });
    for (const [index, record] of started.entries()) {
      if (record.app) await closeApp(record.app);
      if (testInfo.status !== testInfo.expectedStatus && record.output.length > 0) {
        await testInfo.attach(`electron-${index + 1}.log`, {
          body: record.output.join(''),
          contentType: 'text/plain',
        });
      }
      rmSync(record.userData, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    }
  },
});

export { expect } from '@playwright/test';
