import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';
import { createLogger, createMemorySink } from '../../main/log/index.ts';
import { startHarness, type Harness } from '../harness/server.ts';

/** Repository root, where out/ lives. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Journeys get a fresh Node host per test, with its log lines for assertions. */
export const test = base.extend<{ harness: Harness; logLines: string[] }>({
  logLines: async ({}, use) => {
    await use([]);
  },
  harness: async ({ logLines }, use) => {
    const sink = createMemorySink();
    const log = createLogger({ level: 'debug', sinks: [sink] });
    const harness = await startHarness({ root: repoRoot, log, locale: 'en-US' });
    await use(harness);
    await harness.close();
    logLines.push(...sink.lines);
  },
});

export { expect };
