/**
 * Accessibility checks with axe-core in the page under test.
 *
 * The renderer runs under a strict CSP (`script-src 'self'`, no inline script, no eval), so axe is
 * not added as a `<script>` tag: its source is evaluated through Playwright's `page.evaluate`,
 * which goes over the DevTools protocol (Runtime.evaluate) and is not subject to the page's CSP.
 * The app's policy stays exactly as shipped; no context needs `bypassCSP`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue, Result, RunOptions } from 'axe-core';
import { expect, type Page } from '@playwright/test';

/** The rule tags checked by default: WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG21_AA_TAGS: readonly string[] = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** What {@link runAxe} and {@link expectNoAxeViolations} check. */
export interface AxeCheckOptions {
  /** CSS selectors of the parts to check; the whole document by default. */
  readonly include?: readonly string[];
  /** CSS selectors of parts to leave out. */
  readonly exclude?: readonly string[];
  /** Rule tags to run; {@link WCAG21_AA_TAGS} by default. */
  readonly tags?: readonly string[];
  /** Rule ids to switch off (say why next to the call). */
  readonly disableRules?: readonly string[];
  /** Names the checked screen in the failure message, e.g. `sign-in (dark)`. */
  readonly label?: string;
}

let axeSource: string | undefined;

function source(): string {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/** Loads axe-core into the page's main frame unless it is there already (CSP-proof, see above). */
export async function injectAxe(page: Page): Promise<void> {
  const present = await page.evaluate(() => 'axe' in window);
  if (!present) await page.evaluate(source());
}

/** Runs axe on the page (injecting it first) and returns its full results. */
export async function runAxe(page: Page, options: AxeCheckOptions = {}): Promise<AxeResults> {
  await injectAxe(page);
  const context: SelectorContext = {
    ...(options.include?.length ? { include: [...options.include] } : {}),
    exclude: [...(options.exclude ?? [])],
  };
  const runOptions: RunOptions = {
    runOnly: { type: 'tag', values: [...(options.tags ?? WCAG21_AA_TAGS)] },
    rules: Object.fromEntries((options.disableRules ?? []).map((id) => [id, { enabled: false }])),
    resultTypes: ['violations'],
  };
  return page.evaluate(
    ({ context, runOptions }) =>
      (window as unknown as { axe: AxeApi }).axe.run(context, runOptions),
    { context, runOptions },
  );
}

/** The parts of the page to check, as CSS selectors (serializable into the page). */
interface SelectorContext {
  include?: string[];
  exclude: string[];
}

/** The part of axe's global this module calls; a {@link SelectorContext} is an axe context. */
interface AxeApi {
  run(context: SelectorContext, options: RunOptions): Promise<AxeResults>;
}

const IMPACT_ORDER: readonly ImpactValue[] = ['critical', 'serious', 'moderate', 'minor'];

/** One line per failing element: rule, impact, selector, help and axe's "fix any of" summary. */
export function formatViolations(violations: readonly Result[]): string {
  const sorted = [...violations].sort(
    (a, b) =>
      IMPACT_ORDER.indexOf(a.impact ?? 'minor') - IMPACT_ORDER.indexOf(b.impact ?? 'minor') ||
      a.id.localeCompare(b.id),
  );
  const lines: string[] = [];
  for (const violation of sorted) {
    lines.push(
      `• ${violation.id} [${violation.impact ?? 'unknown'}] ${violation.help} (${violation.nodes.length} element${violation.nodes.length === 1 ? '' : 's'})`,
      `  ${violation.helpUrl}`,
    );
    for (const node of violation.nodes) {
      lines.push(`  - ${node.target.map((part) => JSON.stringify(part)).join(' >> ')}`);
      const summary = node.failureSummary?.trim();
      if (summary) lines.push(...summary.split('\n').map((line) => `      ${line.trim()}`));
    }
  }
  return lines.join('\n');
}

/**
 * Fails the test when axe finds WCAG 2.1 A/AA violations on the page as it is now, listing each
 * rule with its impact, the failing elements' selectors and how to fix them. Wait for the screen
 * to settle (e.g. `await expect(locator).toBeVisible()`) before calling it.
 */
export async function expectNoAxeViolations(
  page: Page,
  options: AxeCheckOptions = {},
): Promise<void> {
  const { violations } = await runAxe(page, options);
  const where = options.label ? ` on ${options.label}` : '';
  const count = `${violations.length} accessibility violation${violations.length === 1 ? '' : 's'}`;
  expect(violations.length, `axe found ${count}${where}:\n${formatViolations(violations)}`).toBe(0);
}
