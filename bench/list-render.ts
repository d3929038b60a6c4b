/**
 * List-render benchmark: the real IssueList (bench/list-render/, built into out/bench-list/ by
 * `node scripts/build.ts harness`) in Debian's Chromium driven by Playwright, over 10,000 and
 * 50,000 synthetic issues held in memory. Target: with 10,000 issues the first screen of rows is
 * painted within 100 ms of the data arriving, and no more than about 100 row elements are in the
 * DOM at any scroll position.
 *
 * Per list size it measures
 * - first screen: the loader's first answer is held until the placeholders are painted, then
 *   released; the page marks the release and times (a) until the rows are in the DOM and (b) until
 *   the frame holding them has been rendered (rAF + posted message, see main.ts). "cold" loads a
 *   fresh page for every sample; "warm" remounts the list in an already used page;
 * - scrolling: one step per frame through the whole list (a sweep of at most 400 steps), middle,
 *   bottom, top and 100 random jumps; the most row elements in the DOM after any step, the time
 *   from the scroll event until the new rows are laid out, and until the frame has been rendered
 *   (the frame's main-thread cost; the budget at 60 Hz is 16.7 ms); every step also checks that
 *   the rows drawn at the top and bottom of the viewport are the ones the scroll position calls for.
 *
 * A measurement, never a pass/fail test: `node bench/list-render.ts` (after the build) prints a
 * table and writes bench/results/list-render.json under the working directory.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../test/e2e/chromium.ts';
import type { FirstScreenSample, ScrollRun } from './list-render/api.ts';
import { serveBenchList } from './list-render/serve.ts';
import { isEntryPoint, summarize, type Summary } from './stats.ts';

/** Options of {@link runListRenderBench}. */
export interface ListRenderBenchOptions {
  /** List sizes; default 10,000 and 50,000. */
  readonly sizes?: readonly number[];
  /** Fresh page loads per size, one cold sample each; default 15. */
  readonly coldRounds?: number;
  /** Remounts after each cold sample, one warm sample each; default 4. */
  readonly warmRounds?: number;
  /** Scroll runs per size; default 3. */
  readonly scrollRounds?: number;
  /** Folder for list-render.json; default `bench/results`, '' skips writing. */
  readonly resultsDir?: string;
  readonly print?: (line: string) => void;
}

/** One measured case, in the format of the other bench results. */
export interface ListRenderCase {
  readonly name: string;
  readonly unit: 'ms' | 'rows';
  readonly summary: Summary;
  /** Which statistic the target applies to (and the README reports). */
  readonly statistic: 'median' | 'p95' | 'max';
  readonly target?: number;
  readonly meetsTarget?: boolean;
  readonly detail?: Record<string, number | string>;
}

/** What the bench found. */
export interface ListRenderBenchResult {
  readonly measuredAt: string;
  readonly machine: Record<string, string | number>;
  readonly cases: ListRenderCase[];
}

const FIRST_SCREEN_TARGET_MS = 100;
const MAX_ROWS_TARGET = 100;

function makeCase(
  name: string,
  unit: ListRenderCase['unit'],
  samples: number[],
  statistic: ListRenderCase['statistic'],
  target?: number,
  detail?: Record<string, number | string>,
): ListRenderCase {
  const summary = summarize(samples);
  const value = statistic === 'max' ? summary.max : summary[statistic];
  return {
    name,
    unit,
    summary,
    statistic,
    ...(target === undefined ? {} : { target, meetsTarget: value <= target }),
    ...(detail ? { detail } : {}),
  };
}

async function openPage(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset['benchReady'] === 'true');
}

/** Runs every case, prints a report, writes the JSON results and returns the figures. */
export async function runListRenderBench(
  options: ListRenderBenchOptions = {},
): Promise<ListRenderBenchResult> {
  const print = options.print ?? ((line: string) => console.log(line));
  const sizes = options.sizes ?? [10_000, 50_000];
  const coldRounds = options.coldRounds ?? 15;
  const warmRounds = options.warmRounds ?? 4;
  const scrollRounds = options.scrollRounds ?? 3;
  const server = await serveBenchList();
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const cases: ListRenderCase[] = [];
  const version = browser.version();
  try {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      locale: 'en-US',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    print(`List-render bench: Chromium ${version}, ${cpus().length} cores, 1280x800 headless`);

    for (const total of sizes) {
      const cold: FirstScreenSample[] = [];
      const warm: FirstScreenSample[] = [];
      for (let round = 0; round < coldRounds; round++) {
        await openPage(page, server.url);
        cold.push(await page.evaluate((n) => window.listBench.firstScreen(n), total));
        for (let again = 0; again < warmRounds; again++) {
          warm.push(await page.evaluate((n) => window.listBench.firstScreen(n), total));
        }
      }
      const runs: ScrollRun[] = [];
      for (let round = 0; round < scrollRounds; round++) {
        await openPage(page, server.url);
        await page.evaluate((n) => window.listBench.firstScreen(n), total);
        runs.push(await page.evaluate((seed) => window.listBench.scrollRun({ seed }), round + 1));
      }
      if (errors.length > 0) throw new Error(`the bench page failed: ${errors.join('; ')}`);

      const rowsOnScreen = Math.max(...cold.map((sample) => sample.rows));
      const label = `${total} issues`;
      cases.push(
        makeCase(
          `first screen painted, ${label}, cold page`,
          'ms',
          cold.map((s) => s.paintMs),
          'p95',
          total <= 10_000 ? FIRST_SCREEN_TARGET_MS : undefined,
          { rowsOnFirstScreen: rowsOnScreen },
        ),
        makeCase(
          `first screen in the DOM, ${label}, cold page`,
          'ms',
          cold.map((s) => s.domMs),
          'median',
        ),
        makeCase(
          `first screen painted, ${label}, warm remount`,
          'ms',
          warm.map((s) => s.paintMs),
          'p95',
          total <= 10_000 ? FIRST_SCREEN_TARGET_MS : undefined,
        ),
        makeCase(
          `first screen in the DOM, ${label}, warm remount`,
          'ms',
          warm.map((s) => s.domMs),
          'median',
        ),
        makeCase(
          `row elements in the DOM while scrolling, ${label}`,
          'rows',
          runs.map((r) => r.maxRows),
          'max',
          MAX_ROWS_TARGET,
          {
            stepsPerRun: runs[0]?.steps ?? 0,
            maxRowsInDocument: Math.max(...runs.map((r) => r.maxRowsInDocument)),
            positionMismatches: runs.reduce((sum, r) => sum + r.mismatches, 0),
            placeholderFrames: runs.reduce((sum, r) => sum + r.placeholderFrames, 0),
            mismatchAt: runs
              .flatMap((r) => r.mismatchAt)
              .slice(0, 10)
              .join(' '),
          },
        ),
        makeCase(
          `scroll update (event to rows laid out), ${label}`,
          'ms',
          runs.flatMap((r) => r.updateMs),
          'p95',
        ),
        makeCase(
          `scroll frame (event to frame rendered), ${label}`,
          'ms',
          runs.flatMap((r) => r.frameMs),
          'p95',
          undefined,
          {
            framesOver16_7ms: runs.reduce(
              (n, r) => n + r.frameMs.filter((ms) => ms > 1000 / 60).length,
              0,
            ),
          },
        ),
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }

  print('');
  print(
    `${'case'.padEnd(62)}${'median'.padStart(9)}${'p95'.padStart(9)}${'max'.padStart(9)}${'target'.padStart(10)}`,
  );
  for (const c of cases) {
    const target = c.target === undefined ? '' : `${c.statistic} ≤ ${c.target}`;
    const digits = c.unit === 'rows' ? 0 : 1;
    print(
      `${`${c.name} (${c.unit})`.padEnd(62)}${c.summary.median.toFixed(digits).padStart(9)}${c.summary.p95.toFixed(digits).padStart(9)}${c.summary.max.toFixed(digits).padStart(9)}${target.padStart(10)}${c.meetsTarget === false ? '  (missed)' : ''}`,
    );
  }
  for (const c of cases) {
    if (c.detail) print(`  ${c.name}: ${JSON.stringify(c.detail)}`);
  }

  const result: ListRenderBenchResult = {
    measuredAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      node: process.versions.node,
      platform: process.platform,
      chromium: version,
    },
    cases,
  };
  const resultsDir = options.resultsDir ?? 'bench/results';
  if (resultsDir) {
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(
      path.join(resultsDir, 'list-render.json'),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    print(`  results written to ${resultsDir}`);
  }
  return result;
}

if (isEntryPoint(import.meta.url)) {
  await runListRenderBench();
}
