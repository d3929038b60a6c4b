/**
 * Signing in with Yandex end to end: the real renderer, preload, router and session in the Node
 * host; the emulator as Yandex OAuth and Tracker; a Chromium tab as the system browser where the
 * user clicks Allow. Then the token must be nowhere the renderer, the log or the disk can show.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { createLogger, createMemorySink } from '../../main/log/index.ts';
import { startEmulator, type Emulator } from '../../main/emulator/server.ts';
import { startHarness, type Harness } from '../harness/server.ts';
import { repoRoot } from './fixtures.ts';

const CLIENT_ID = 'tracker-desktop-e2e';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

let emulator: Emulator;
let harness: Harness;
const sink = createMemorySink({ maxLines: 100_000 });
const issuedTokens: string[] = [];

test.beforeEach(async () => {
  emulator = await startEmulator({
    issues: 200,
    seed: 5,
    oauthClients: [
      {
        clientId: CLIENT_ID,
        name: 'Tracker Desktop',
        redirectUris: ['http://127.0.0.1/callback'],
        allowAnyLoopbackPort: true,
      },
    ],
  });
  // The core's HTTP, watched: every token Yandex (the emulator) hands out is remembered.
  const watchingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (String(input).endsWith('/oauth/token') && response.ok) {
      const body = (await response.clone().json()) as Record<string, unknown>;
      for (const key of ['access_token', 'refresh_token']) {
        if (typeof body[key] === 'string') issuedTokens.push(body[key]);
      }
    }
    return response;
  };
  harness = await startHarness({
    root: repoRoot,
    log: createLogger({ level: 'debug', sinks: [sink] }),
    locale: 'en-US',
    fetch: watchingFetch,
    env: {
      TRACKER_API_BASE: emulator.apiBase,
      TRACKER_OAUTH_BASE: emulator.oauthBase,
      TRACKER_CLIENT_ID: CLIENT_ID,
    },
  });
});

test.afterEach(async () => {
  await harness.close();
  await emulator.close();
});

test('sign in with Yandex in the browser, and the token stays in main', async ({
  page,
  context,
}) => {
  const frames: string[] = [];
  page.on('websocket', (socket) => {
    socket.on('framesent', (frame) => frames.push(String(frame.payload)));
    socket.on('framereceived', (frame) => frames.push(String(frame.payload)));
  });
  // The "system browser": a second tab where the user reads the consent page and clicks Allow.
  harness.platform.browser = async (url) => {
    const tab = await context.newPage();
    await tab.goto(url);
    await expect(tab.getByRole('heading', { name: 'Allow access' })).toBeVisible();
    await tab.getByRole('button', { name: 'Allow' }).click();
    await expect(tab.locator('body')).toContainText(/return to/i);
    await tab.screenshot({ path: 'test-results/screenshots/oauth-callback-page.png' });
    await tab.close();
  };

  await page.goto(harness.url);
  await page.getByTestId('signin-org').fill(emulator.org.id);
  await page.getByTestId('signin-browser').click();

  const login = emulator.login;
  await expect(page.getByTestId('account-menu')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByTestId('workspace-user')).toContainText(login);
  await page.screenshot({ path: 'test-results/screenshots/signed-in.png', fullPage: true });
  const session = await harness.app.session;
  expect(session.state()).toMatchObject({
    status: 'signedIn',
    user: { login },
    org: { id: emulator.org.id, kind: '360' },
  });
  expect(harness.platform.openedUrls[0]).toMatch(/\/oauth\/authorize\?/);
  expect(harness.platform.openedUrls[0]).toContain('code_challenge_method=S256');

  // The signed-in organization gets its own cache, synced in the background and read through IPC.
  await expect
    .poll(() => harness.app.data.status().lastSuccessAt, { timeout: 20_000 })
    .not.toBeNull();
  const listed = await page.evaluate(async () => {
    const tracker = (
      window as unknown as {
        tracker: {
          issues: { list(r: unknown): Promise<{ ok: boolean; data?: { total: number } }> };
        };
      }
    ).tracker;
    return tracker.issues.list({ scope: 'assigned', offset: 0, limit: 10 });
  });
  const assigned = emulator.store
    .allIssues()
    .filter((i) => i.assigneeUid === emulator.store.demoUid);
  expect(listed).toMatchObject({ ok: true, data: { total: assigned.length } });

  expect(issuedTokens.length).toBeGreaterThan(0);
  const dom = await page.content();
  const logs = sink.lines.join('');
  const disk = filesUnder(harness.platform.paths.userData).map((file) =>
    readFileSync(file, 'latin1'),
  );
  for (const token of issuedTokens) {
    expect(frames.join('\n')).not.toContain(token);
    expect(dom).not.toContain(token);
    expect(logs).not.toContain(token);
    for (const content of disk) expect(content).not.toContain(token);
  }
  expect(frames.length).toBeGreaterThan(0);
  expect(logs).toContain('signed in');
});

test('a failed browser sign-in is explained, and the demo stays available', async ({
  page,
  context,
}) => {
  harness.platform.browser = async (url) => {
    const tab = await context.newPage();
    await tab.goto(url);
    await tab.getByRole('button', { name: 'Deny' }).click();
    await tab.close();
  };
  await page.goto(harness.url);
  await page.getByTestId('signin-org').fill(emulator.org.id);
  await page.getByTestId('signin-browser').click();
  await expect(page.getByTestId('signin-error')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('workspace-open-demo')).toBeEnabled();
  const session = await harness.app.session;
  expect(session.state().status).toBe('signedOut');
});
