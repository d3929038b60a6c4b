/**
 * Journeys against a real (emulated) Tracker account: a fresh emulator and Node host per test, the
 * core's log attached when a test fails, and the token sign-in a user would do by hand.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../main/emulator/server.ts';
import { createLogger, createMemorySink } from '../../main/log/index.ts';
import { startHarness, type Harness } from '../harness/server.ts';
import { repoRoot } from './fixtures.ts';

/** The running pair of one test; read it inside the test, after `beforeEach` has run. */
export interface EmulatorSession {
  readonly emulator: Emulator;
  readonly harness: Harness;
}

/**
 * Registers `beforeEach`/`afterEach` hooks that start an emulator seeded with `options` and a Node
 * host pointed at it; returns a getter for the current pair.
 */
export function useEmulatorSession(options: EmulatorOptions): () => EmulatorSession {
  let current: EmulatorSession | undefined;
  const sink = createMemorySink({ maxLines: 50_000 });

  test.beforeEach(async () => {
    sink.clear();
    const emulator = await startEmulator(options);
    const harness = await startHarness({
      root: repoRoot,
      log: createLogger({ level: 'debug', sinks: [sink] }),
      locale: 'en-US',
      env: { TRACKER_API_BASE: emulator.apiBase },
    });
    current = { emulator, harness };
  });

  test.afterEach(async ({ page: _page }, testInfo) => {
    await current?.harness.close();
    await current?.emulator.close().catch(() => undefined);
    current = undefined;
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('core.log', { body: sink.text(), contentType: 'text/plain' });
    }
  });

  return () => {
    if (!current) throw new Error('the emulator session exists only while a test runs');
    return current;
  };
}

/** Signs in by pasting the emulator's demo token, as a user would, and waits for the account. */
export async function signInWithToken(page: Page, session: EmulatorSession): Promise<void> {
  await page.goto(session.harness.url);
  await page.getByTestId('signin-token-section').locator('summary').click();
  await page.getByTestId('signin-token').fill(session.emulator.token);
  await page.getByTestId('signin-org').fill(session.emulator.org.id);
  await page.getByTestId('signin-token-submit').click();
  await expect(page.getByTestId('account-menu')).toBeVisible({ timeout: 20_000 });
}
