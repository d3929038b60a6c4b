/**
 * Hostile content, end to end: the demo workspace seeded with the hostile-content corpus
 * (main/emulator/hostile.ts: one `HOSTILE-n` issue per script-injection or remote-load payload, the
 * payload in its summary, description and one comment). The journey reads the list, then opens
 * every hostile issue the way a user does (typing its key in the search box) and checks, after each
 * one has rendered its description and comment, that no script ran (`window.__pwned`, no dialog,
 * no inline handler or `javascript:` URL left in the DOM, no CSP violation), and that no request
 * left for a host other than the app's own. Last, it clicks an external link to the evil host and
 * checks main's allowlist refused it calmly, without the page navigating.
 */
import type { Page, Request } from '@playwright/test';
import { test as base, expect } from '@playwright/test';
import {
  EVIL_HOST,
  PWNED_GLOBAL,
  hostileIssues,
  hostileSummary,
} from '../../main/emulator/hostile.ts';
import { createLogger, createMemorySink } from '../../main/log/index.ts';
import { startHarness, type Harness } from '../harness/server.ts';
import { repoRoot } from './fixtures.ts';

/** What the page did that it should not have (or that the report should show). */
interface Watch {
  /** Requests to anything but the harness origin (data: and blob: aside); all were aborted. */
  readonly remote: string[];
  /** Dialogs the page opened (all dismissed). */
  readonly dialogs: string[];
  /** Uncaught page errors and console errors, for the report. */
  readonly errors: string[];
}

const test = base.extend<{ harness: Harness; watch: Watch }>({
  harness: async ({ page: _page }, use, testInfo) => {
    const sink = createMemorySink({ maxLines: 50_000 });
    const log = createLogger({ level: 'debug', sinks: [sink] });
    const harness = await startHarness({
      root: repoRoot,
      log,
      locale: 'en-US',
      demo: true,
      hostileCorpus: true,
    });
    await use(harness);
    await harness.close();
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('core.log', { body: sink.lines.join(''), contentType: 'text/plain' });
    }
  },
  watch: async ({ page, harness }, use, testInfo) => {
    const watch: Watch = { remote: [], dialogs: [], errors: [] };
    const local = (url: string): boolean =>
      url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === harness.origin;
    page.on('request', (request: Request) => {
      if (!local(request.url())) watch.remote.push(request.url());
    });
    await page.route('**/*', (route) =>
      local(route.request().url()) ? route.continue() : route.abort('blockedbyclient'),
    );
    page.on('dialog', (dialog) => {
      watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss().catch(() => undefined);
    });
    page.on('pageerror', (error) => watch.errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') watch.errors.push(`console: ${message.text()}`);
    });
    // The harness serves the page with the app's CSP; a payload the sanitizer let through would
    // show up here as a blocked inline handler, script or remote load even though CSP stopped it.
    await page.addInitScript(() => {
      const violations: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = violations;
      document.addEventListener('securitypolicyviolation', (event) => {
        violations.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sample}`);
      });
    });
    await use(watch);
    await testInfo.attach('page-watch.json', {
      body: JSON.stringify(watch, null, 2),
      contentType: 'application/json',
    });
  },
});

/** Everything in the DOM that would mean a payload got through; empty when the page is clean. */
async function domFindings(page: Page): Promise<string[]> {
  return page.evaluate((pwned) => {
    const found: string[] = [];
    if ((window as unknown as Record<string, unknown>)[pwned] !== undefined) {
      found.push(`window.${pwned} is set`);
    }
    const violations = (window as unknown as { __cspViolations?: string[] }).__cspViolations;
    // Drained, so each violation is reported once, against the issue that caused it.
    for (const violation of violations?.splice(0) ?? []) found.push(`CSP violation: ${violation}`);
    // Browsers strip tabs, newlines and leading control characters and spaces from URLs.
    const stripped = (value: string) =>
      [...value].filter((char) => char.charCodeAt(0) > 0x20).join('');
    const scriptUrl = (value: string) => /^(?:javascript|vbscript|data):/i.test(stripped(value));
    const urlAttrs = [
      'href',
      'src',
      'xlink:href',
      'action',
      'formaction',
      'data',
      'poster',
      'srcdoc',
    ];
    for (const element of document.querySelectorAll('*')) {
      for (const attr of element.attributes) {
        const name = attr.name.toLowerCase();
        const where = `<${element.tagName.toLowerCase()} ${name}="${attr.value.slice(0, 80)}">`;
        if (name.startsWith('on')) found.push(`event handler attribute ${where}`);
        if (name === 'srcdoc' || name === 'srcset') found.push(`${name} attribute ${where}`);
        if (urlAttrs.includes(name) && scriptUrl(attr.value)) {
          // Attachment images arrive as data:image/ URLs set by the app itself.
          const image = element.tagName === 'IMG' && /^data:image\//i.test(attr.value);
          if (!image) found.push(`script-capable URL ${where}`);
        }
      }
    }
    const forbidden =
      'script, iframe, frame, object, embed, base, meta, link, style, form, svg, math';
    for (const markup of document.querySelectorAll('[data-testid="markup"]')) {
      for (const element of markup.querySelectorAll(forbidden)) {
        found.push(`<${element.tagName.toLowerCase()}> inside rendered markup`);
      }
      for (const element of markup.querySelectorAll('[src], [href]')) {
        const url = element.getAttribute('src') ?? element.getAttribute('href') ?? '';
        if (/^\s*(?:https?:)?\/\/|^\s*\\\\/i.test(url) && element.tagName !== 'A') {
          found.push(`remote resource <${element.tagName.toLowerCase()} ${url}>`);
        }
      }
    }
    return found;
  }, PWNED_GLOBAL);
}

/**
 * Opens `key` as a user does: types it in the search box, which offers (and highlights) "Open KEY"
 * first, and presses Enter.
 */
async function openByKey(page: Page, key: string): Promise<void> {
  const box = page.locator('[data-search-input]');
  await box.fill(key);
  const option = page.getByTestId('search-option').first();
  await expect(option).toHaveText(`Open ${key}`);
  await box.press('Enter');
}

/**
 * Waits until the issue screen shows `summary` as its heading, with the description and the one
 * comment both rendered by the lazily loaded markup module (no plain-text fallback left).
 */
async function issueRendered(page: Page, summary: string): Promise<void> {
  await page.waitForFunction((expected) => {
    const view = document.querySelector('[data-testid="issue-view"]');
    return (
      view?.getAttribute('aria-busy') === 'false' &&
      view.querySelector('[data-screen-title]')?.textContent === expected &&
      view.querySelectorAll('[data-testid="description"] [data-testid="markup"]').length === 1 &&
      view.querySelectorAll('[data-testid="comments"] [data-testid="markup"]').length === 1 &&
      view.querySelector('[data-testid="markup-plain"]') === null
    );
  }, summary);
}

test('hostile summaries, descriptions and comments render as inert text: nothing runs, nothing is fetched', async ({
  page,
  harness,
  watch,
}) => {
  test.setTimeout(100_000);
  const corpus = hostileIssues();
  expect(corpus.length).toBeGreaterThan(0);

  await page.goto(harness.url);
  // The demo workspace opens at start and syncs in the background; the hostile issues are the
  // newest ones assigned to the demo user, so the first finished sync has them in the cache.
  await expect
    .poll(() => harness.app.data.status().lastSuccessAt, { timeout: 30_000 })
    .not.toBeNull();
  await expect(page.getByRole('heading', { level: 2, name: 'Assigned to me' })).toBeVisible();

  // The list (newest first) shows a summary with a script tag as literal text.
  const scripted = corpus.findLast(({ payload }) => hostileSummary(payload).includes('<script'))!;
  const row = page.getByRole('grid').locator(`[role="row"][data-key="${scripted.key}"]`);
  await expect(row).toContainText(hostileSummary(scripted.payload), { timeout: 15_000 });
  expect(await domFindings(page)).toEqual([]);

  const issue = page.getByTestId('issue-view');
  for (const { key, payload } of corpus) {
    await test.step(`${key} (${payload.id})`, async () => {
      const seen = { dialogs: watch.dialogs.length, remote: watch.remote.length };
      await openByKey(page, key);
      await issueRendered(page, hostileSummary(payload));
      // Soft, so one run names every payload that gets through, not just the first.
      const what = `${payload.id}: ${payload.label}`;
      expect.soft(await domFindings(page), what).toEqual([]);
      expect.soft(watch.dialogs.slice(seen.dialogs), what).toEqual([]);
      expect.soft(watch.remote.slice(seen.remote), what).toEqual([]);
    });
  }

  // An external link to the evil host: the click goes to main, whose allowlist refuses it; the
  // page neither navigates nor fetches, and says calmly that the link cannot be opened.
  const linked = corpus.find(({ payload }) => payload.id === 'md-title-breakout')!;
  await openByKey(page, linked.key);
  await issueRendered(page, hostileSummary(linked.payload));
  const link = issue.getByTestId('description').locator('a[data-external]').first();
  await expect(link).toHaveAttribute('href', new RegExp(`^https://${EVIL_HOST}/`));
  const before = page.url();
  await link.click();
  await expect(issue.getByTestId('open-error')).toHaveText(
    'This link can’t be opened from the app.',
  );
  expect(page.url()).toBe(before);
  await expect(issue.locator('[data-screen-title]')).toHaveText(hostileSummary(linked.payload));
  expect(harness.platform.openedUrls.filter((url) => url.includes(EVIL_HOST))).toEqual([]);
  expect(page.context().pages()).toHaveLength(1);

  expect(await domFindings(page)).toEqual([]);
  expect(watch.dialogs).toEqual([]);
  expect(watch.remote).toEqual([]);
  expect(watch.errors).toEqual([]);

  // And the watch is not blind: a remote image with an inline handler, planted by the test itself,
  // is seen as a request, an event handler attribute and a CSP violation.
  await page.evaluate((host) => {
    const canary = document.createElement('div');
    canary.id = 'canary';
    canary.innerHTML = `<img src="https://${host}/canary.png" onerror="window.__canary=1">`;
    document.body.append(canary);
  }, EVIL_HOST);
  await expect
    .poll(() => domFindings(page))
    .toEqual(
      expect.arrayContaining([
        expect.stringContaining('event handler attribute <img onerror="window.__canary=1">'),
        expect.stringMatching(/^CSP violation: script-src-attr/),
      ]),
    );
  await expect.poll(() => watch.remote).toEqual([`https://${EVIL_HOST}/canary.png`]);
});
