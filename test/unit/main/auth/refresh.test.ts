/**
 * Refresh-token rotation against the emulator, revocation, and the single-flight helper the session
 * layer uses so concurrent callers share one refresh.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isOAuthError } from '../../../../main/auth/errors.ts';
import { createOAuthClient } from '../../../../main/auth/oauth-client.ts';
import type { FetchLike } from '../../../../main/auth/oauth-client.ts';
import { createSingleFlight, refreshTokens } from '../../../../main/auth/refresh.ts';
import type { TokenSet } from '../../../../main/auth/tokens.ts';
import { startEmulator } from '../../../../main/emulator/server.ts';
import type { Emulator } from '../../../../main/emulator/server.ts';
import { CLIENT_ID, errorTexts, expectNoSecrets, myself, testConfig, testLog } from './helpers.ts';

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(): Promise<Emulator> {
  emulator = await startEmulator({
    issues: 5,
    seed: 11,
    oauthClients: [
      {
        clientId: CLIENT_ID,
        redirectUris: ['http://127.0.0.1/callback'],
        allowAnyLoopbackPort: true,
      },
    ],
  });
  return emulator;
}

/** Tokens as if the user had signed in (device-bound, so they can be revoked). */
function signedIn(e: Emulator): TokenSet {
  const issued = e.tokens.issue({
    uid: e.store.demoUid,
    clientId: CLIENT_ID,
    scopes: ['tracker:read', 'tracker:write'],
    deviceId: 'test-install-0001',
  });
  return { accessToken: issued.accessToken, refreshToken: issued.refreshToken };
}

/** Global fetch that counts requests to /token. */
function counting(): { fetch: FetchLike; count: () => number } {
  let count = 0;
  return {
    count: () => count,
    fetch: (url, init) => {
      if (url.endsWith('/token')) count += 1;
      return fetch(url, init);
    },
  };
}

describe('refreshTokens against the emulator', () => {
  it('rotates: a new refresh token is returned and the old one stops working', async () => {
    const e = await start();
    const first = signedIn(e);
    const logs = testLog();
    const config = testConfig(e.oauthBase);
    const second = await refreshTokens(first.refreshToken ?? '', { config, fetch, log: logs.log });
    expect(second.refreshToken).toMatch(/^1:/);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.scope).toBe('tracker:read tracker:write');
    expect((await myself(e, second.accessToken)).status).toBe(200);

    const replay = await refreshTokens(first.refreshToken ?? '', {
      config,
      fetch,
      log: logs.log,
    }).catch((x: unknown) => x);
    expect(isOAuthError(replay, 'invalid_grant')).toBe(true);
    expect(replay).toMatchObject({ code: 'E_UNAUTHORIZED', status: 400 });
    const third = await refreshTokens(second.refreshToken ?? '', { config, fetch, log: logs.log });
    expect((await myself(e, third.accessToken)).status).toBe(200);
    expect(logs.sink.records().filter((r) => r.msg === 'auth: tokens refreshed')).toHaveLength(2);
    expectNoSecrets(
      [logs.text(), ...errorTexts(replay)],
      [
        first.accessToken,
        first.refreshToken,
        second.accessToken,
        second.refreshToken,
        third.accessToken,
      ],
    );
  });

  it('keeps the old refresh token when the server does not rotate', async () => {
    const stub: FetchLike = async () =>
      Response.json({
        access_token: 'y0_new_access_token_00000000000000',
        token_type: 'bearer',
        expires_in: 60,
      });
    const tokens = await refreshTokens('1:old:refresh-token', {
      config: testConfig('https://oauth.example.test'),
      fetch: stub,
      log: testLog().log,
      clock: () => 1_000,
    });
    expect(tokens).toEqual({
      accessToken: 'y0_new_access_token_00000000000000',
      refreshToken: '1:old:refresh-token',
      expiresAt: 61_000,
    });
  });
});

describe('single flight', () => {
  it('ten concurrent refreshes make one token request and share its result', async () => {
    const e = await start();
    const { refreshToken } = signedIn(e);
    const counter = counting();
    const config = testConfig(e.oauthBase);
    const refresh = createSingleFlight(() =>
      refreshTokens(refreshToken ?? '', { config, fetch: counter.fetch, log: testLog().log }),
    );
    const results = await Promise.all(Array.from({ length: 10 }, () => refresh()));
    expect(counter.count()).toBe(1);
    expect(new Set(results.map((r) => r.accessToken)).size).toBe(1);
    expect(new Set(results)).toHaveProperty('size', 1);
    // Without single flight the other nine would have replayed a rotated-out token.
    expect((await myself(e, results[0]?.accessToken ?? '')).status).toBe(200);
  });

  it('starts a new run after settling, shares failures, and survives a synchronous throw', async () => {
    let runs = 0;
    let fail = true;
    const flight = createSingleFlight(async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (fail) throw new Error('boom');
      return runs;
    });
    const failures = await Promise.allSettled([flight(), flight(), flight()]);
    expect(failures.every((f) => f.status === 'rejected')).toBe(true);
    expect(runs).toBe(1);
    fail = false;
    await expect(Promise.all([flight(), flight()])).resolves.toEqual([2, 2]);
    await expect(flight()).resolves.toBe(3);

    let calls = 0;
    const throwing = createSingleFlight<number>(() => {
      calls += 1;
      throw new Error('sync');
    });
    await expect(throwing()).rejects.toThrow('sync');
    await expect(throwing()).rejects.toThrow('sync');
    expect(calls).toBe(2);
  });
});

describe('revoke', () => {
  it('revokes a device-bound token; the token then fails against Tracker', async () => {
    const e = await start();
    const { accessToken, refreshToken } = signedIn(e);
    const logs = testLog();
    const client = createOAuthClient({ config: testConfig(e.oauthBase), fetch, log: logs.log });
    await client.revoke(accessToken);
    expect((await myself(e, accessToken)).status).toBe(401);
    const refreshed = await client.refresh(refreshToken ?? '').catch((x: unknown) => x);
    expect(isOAuthError(refreshed, 'invalid_grant')).toBe(true);
    expectNoSecrets([logs.text()], [accessToken, refreshToken]);
  });

  it('a token without a device id → unsupported_token_type (delete it locally instead)', async () => {
    const e = await start();
    const issued = e.tokens.issue({
      uid: e.store.demoUid,
      clientId: CLIENT_ID,
      scopes: ['tracker:read'],
    });
    const client = createOAuthClient({
      config: testConfig(e.oauthBase),
      fetch,
      log: testLog().log,
    });
    const error = await client.revoke(issued.accessToken).catch((x: unknown) => x);
    expect(isOAuthError(error, 'unsupported_token_type')).toBe(true);
    expect(error).toMatchObject({ code: 'E_BAD_REQUEST' });
    expectNoSecrets(errorTexts(error), [issued.accessToken]);
  });
});
