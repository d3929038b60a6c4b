/**
 * The browser sign-in end to end against the emulator's Yandex OAuth: a scripted browser loads the
 * authorize URL, answers the consent form and follows the redirect to our loopback server; the
 * tokens must then work against the emulator's Tracker API.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthConfig } from '../../../../main/auth/config.ts';
import { isOAuthError } from '../../../../main/auth/errors.ts';
import { buildAuthorizeUrl, signInWithBrowser } from '../../../../main/auth/loopback-flow.ts';
import type { FetchLike } from '../../../../main/auth/oauth-client.ts';
import { challengeFor } from '../../../../main/auth/pkce.ts';
import { startEmulator } from '../../../../main/emulator/server.ts';
import type { Emulator } from '../../../../main/emulator/server.ts';
import type { OAuthClient } from '../../../../main/emulator/oauth/server.ts';
import {
  CLIENT_ID,
  emulatorBrowser,
  errorTexts,
  expectNoSecrets,
  freePorts,
  myself,
  occupy,
  probe,
  recordingFetch,
  testConfig,
  testLog,
  until,
} from './helpers.ts';

let emulator: Emulator | undefined;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const ANY_PORT_CLIENT: OAuthClient = {
  clientId: CLIENT_ID,
  redirectUris: ['http://127.0.0.1/callback'],
  allowAnyLoopbackPort: true,
};

async function start(clients: readonly OAuthClient[] = [ANY_PORT_CLIENT]): Promise<Emulator> {
  emulator = await startEmulator({ issues: 5, seed: 7, oauthClients: clients });
  return emulator;
}

describe('browser sign-in against the emulator', () => {
  it('Allow → tokens that work against /v3/myself; nothing secret in logs or the URL', async () => {
    const e = await start();
    const browser = emulatorBrowser('allow');
    const logs = testLog();
    const recorder = recordingFetch();
    const tokens = await signInWithBrowser({
      config: testConfig(e.oauthBase, { scopes: ['tracker:read'] }),
      fetch: recorder.fetch,
      openExternal: browser.openExternal,
      log: logs.log,
      language: 'en',
      timeoutMs: 10_000,
    });
    expect(tokens.accessToken).toMatch(/^y0_/);
    expect(tokens.refreshToken).toMatch(/^1:/);
    expect(tokens.scope).toBe('tracker:read');
    expect(tokens.expiresAt).toBeGreaterThan(Date.now() + 300 * 86_400_000);
    await expect(myself(e, tokens.accessToken)).resolves.toEqual({ status: 200, login: e.login });

    // The authorize URL: PKCE S256, state, the loopback redirect and Yandex's device fields.
    const opened = new URL(browser.seen.opened[0] ?? '');
    expect(`${opened.origin}${opened.pathname}`).toBe(`${e.oauthBase}/authorize`);
    const q = opened.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe(CLIENT_ID);
    expect(q.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('device_id')).toBe('test-install-0001');
    expect(q.get('device_name')).toBe('Test laptop');
    expect(q.get('scope')).toBe('tracker:read');
    // The verifier sent to /token hashes to the challenge in the URL, and never appears in it.
    const exchange = recorder.bodies.find((b) => b.get('grant_type') === 'authorization_code');
    const verifier = exchange?.get('code_verifier') ?? '';
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(challengeFor(verifier)).toBe(q.get('code_challenge'));
    expect(opened.href).not.toContain(verifier);
    expect(exchange?.get('redirect_uri')).toBe(q.get('redirect_uri'));
    expect(exchange?.get('device_id')).toBe('test-install-0001');
    expect(exchange?.has('client_secret')).toBe(false);

    const code = new URL(browser.seen.callbackUrl ?? '').searchParams.get('code') ?? '';
    expect(code).not.toBe('');
    expect(browser.seen.callbackStatus).toBe(200);
    expectNoSecrets(
      [logs.text()],
      [tokens.accessToken, tokens.refreshToken, code, verifier, q.get('state') ?? ''],
    );
    // The server is gone once the flow is over.
    expect(await probe(Number(new URL(q.get('redirect_uri') ?? '').port))).toBe('ECONNREFUSED');
  });

  it('works with fixed, exactly registered ports and moves past a busy one', async () => {
    const [p1 = 0, p2 = 0, p3 = 0] = await freePorts(3);
    const e = await start([
      {
        clientId: CLIENT_ID,
        clientSecret: 'desktop-secret',
        redirectUris: [p1, p2, p3].map((p) => `http://127.0.0.1:${p}/callback`),
      },
    ]);
    const busy = await occupy(p1);
    cleanups.push(busy.close);
    const browser = emulatorBrowser('allow');
    const { log, text } = testLog();
    const recorder = recordingFetch();
    const tokens = await signInWithBrowser({
      config: testConfig(e.oauthBase, {
        loopbackPorts: [p1, p2, p3],
        clientSecret: 'desktop-secret',
      }),
      fetch: recorder.fetch,
      openExternal: browser.openExternal,
      log,
      language: 'ru',
      timeoutMs: 10_000,
    });
    const redirect = new URL(
      new URL(browser.seen.opened[0] ?? '').searchParams.get('redirect_uri') ?? '',
    );
    expect(Number(redirect.port)).toBe(p2);
    expect(recorder.bodies[0]?.get('client_secret')).toBe('desktop-secret');
    await expect(myself(e, tokens.accessToken)).resolves.toMatchObject({ status: 200 });
    expectNoSecrets([text()], ['desktop-secret', tokens.accessToken]);
  });

  it('an unregistered port is refused by the server, so the flow times out safely', async () => {
    const [registered = 0, other = 0] = await freePorts(2);
    const e = await start([
      { clientId: CLIENT_ID, redirectUris: [`http://127.0.0.1:${registered}/callback`] },
    ]);
    const browser = emulatorBrowser('allow');
    const error = await signInWithBrowser({
      config: testConfig(e.oauthBase, { loopbackPorts: [other] }),
      fetch,
      openExternal: browser.openExternal,
      log: testLog().log,
      language: 'en',
      timeoutMs: 300,
    }).catch((x: unknown) => x);
    expect(error).toMatchObject({ reason: 'timeout' });
    expect(await probe(other)).toBe('ECONNREFUSED');
  });

  it('Deny → a typed access_denied error', async () => {
    const e = await start();
    const browser = emulatorBrowser('deny');
    const { log } = testLog();
    const error = await signInWithBrowser({
      config: testConfig(e.oauthBase),
      fetch,
      openExternal: browser.openExternal,
      log,
      language: 'en',
      timeoutMs: 10_000,
    }).catch((x: unknown) => x);
    expect(isOAuthError(error, 'access_denied')).toBe(true);
    expect(error).toMatchObject({
      code: 'E_FORBIDDEN',
      message: 'Access was not granted in the browser.',
    });
    await until(() => browser.seen.callbackStatus !== undefined);
    expect(browser.seen.callbackStatus).toBe(200);
  });

  it('times out when the browser never comes back', async () => {
    const e = await start();
    const opened: string[] = [];
    const error = await signInWithBrowser({
      config: testConfig(e.oauthBase),
      fetch,
      openExternal: async (url) => void opened.push(url),
      log: testLog().log,
      language: 'en',
      timeoutMs: 50,
    }).catch((x: unknown) => x);
    expect(error).toMatchObject({ name: 'AuthError', reason: 'timeout' });
    const port = Number(
      new URL(new URL(opened[0] ?? '').searchParams.get('redirect_uri') ?? '').port,
    );
    expect(await probe(port)).toBe('ECONNREFUSED');
  });

  it('cancel while waiting for the browser → cancelled, server closed', async () => {
    const e = await start();
    const controller = new AbortController();
    const opened: string[] = [];
    const flow = signInWithBrowser({
      config: testConfig(e.oauthBase),
      fetch,
      openExternal: async (url) => void opened.push(url),
      log: testLog().log,
      language: 'en',
      signal: controller.signal,
    });
    await until(() => opened.length > 0);
    const port = Number(
      new URL(new URL(opened[0] ?? '').searchParams.get('redirect_uri') ?? '').port,
    );
    expect(await probe(port)).toBe('connected');
    controller.abort();
    await expect(flow).rejects.toMatchObject({ reason: 'cancelled' });
    expect(await probe(port)).toBe('ECONNREFUSED');
  });

  it('cancel during the code exchange → cancelled, nothing leaks', async () => {
    const e = await start();
    const controller = new AbortController();
    const browser = emulatorBrowser('allow');
    const logs = testLog();
    let exchangeStarted = false;
    // A token endpoint that never answers until the request is aborted.
    const stalling: FetchLike = (url, init) => {
      if (!url.endsWith('/token')) return fetch(url, init);
      exchangeStarted = true;
      return new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    };
    const flow = signInWithBrowser({
      config: testConfig(e.oauthBase),
      fetch: stalling,
      openExternal: browser.openExternal,
      log: logs.log,
      language: 'en',
      signal: controller.signal,
    });
    await until(() => exchangeStarted);
    controller.abort();
    const error = await flow.catch((x: unknown) => x);
    expect(error).toMatchObject({ name: 'AuthError', reason: 'cancelled' });
    const code = new URL(browser.seen.callbackUrl ?? '').searchParams.get('code') ?? '';
    expectNoSecrets([...errorTexts(error), logs.text()], [code]);
  });

  it('a browser that cannot be opened → browser_failed, server closed', async () => {
    const e = await start();
    let port = 0;
    const error = await signInWithBrowser({
      config: testConfig(e.oauthBase),
      fetch,
      openExternal: async (url) => {
        port = Number(new URL(new URL(url).searchParams.get('redirect_uri') ?? '').port);
        throw new Error(`no browser for ${url}`);
      },
      log: testLog().log,
      language: 'en',
    }).catch((x: unknown) => x);
    expect(error).toMatchObject({ reason: 'browser_failed', code: 'E_UNAVAILABLE' });
    expect(errorTexts(error).join(' ')).not.toContain('state=');
    expect(await probe(port)).toBe('ECONNREFUSED');
  });

  it('a code replayed after the exchange is refused by the server (invalid_grant)', async () => {
    const e = await start();
    const browser = emulatorBrowser('allow');
    const recorder = recordingFetch();
    const config: AuthConfig = testConfig(e.oauthBase);
    await signInWithBrowser({
      config,
      fetch: recorder.fetch,
      openExternal: browser.openExternal,
      log: testLog().log,
      language: 'en',
    });
    const replay = await fetch(`${e.oauthBase}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: recorder.bodies[0]?.toString() ?? '',
    });
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error: string }).error).toBe('invalid_grant');
  });
});

describe('buildAuthorizeUrl', () => {
  it('adds force_confirm only when asked and keeps the base path', () => {
    const config = testConfig('https://oauth.example.test/prefix', { forceConfirm: true });
    const url = new URL(
      buildAuthorizeUrl(config, {
        redirectUri: 'http://127.0.0.1:1/callback',
        state: 's',
        codeChallenge: 'c',
      }),
    );
    expect(url.pathname).toBe('/prefix/authorize');
    expect(url.searchParams.get('force_confirm')).toBe('yes');
    expect(url.searchParams.has('scope')).toBe(false);
  });
});

describe('an openExternal that never settles', () => {
  it('still times out and is still cancellable', async () => {
    const e = await start();
    const never = () => new Promise<void>(() => undefined);
    const timedOut = signInWithBrowser({
      config: testConfig(e.oauthBase),
      fetch,
      openExternal: never,
      log: testLog().log,
      language: 'en',
      timeoutMs: 50,
    });
    await expect(timedOut).rejects.toMatchObject({ reason: 'timeout' });
    const controller = new AbortController();
    const cancelled = signInWithBrowser({
      config: testConfig(e.oauthBase),
      fetch,
      openExternal: never,
      log: testLog().log,
      language: 'en',
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    await expect(cancelled).rejects.toMatchObject({ reason: 'cancelled' });
  });
});
