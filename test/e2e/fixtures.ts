import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';
import { createLogger, createMemorySink } from '../../main/log/index.ts';
import { startHarness, type Harness } from '../harness/server.ts';

/** Repository root, where out/ lives. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Journeys get a fresh Node host per test; its log is attached to the report when a test fails. */
export const test = base.extend<{ harness: Harness }>({
  harness: async ({ page: _page }, use, testInfo) => {
    const sink = createMemorySink();
    const log = createLogger({ level: 'debug', sinks: [sink] });
    const harness = await startHarness({ root: repoRoot, log, locale: 'en-US' });
    await use(harness);
    await harness.close();
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('core.log', { body: sink.lines.join(''), contentType: 'text/plain' });
    }
  },
});

export { expect };
