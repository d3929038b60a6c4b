/**
 * The browser flow against oidc-provider (a certified authorization server nobody here wrote): the
 * code exchange with PKCE, the RFC 9207 `iss` check, refresh rotation and a wrong verifier.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isOAuthError, type OAuthError } from '../../../../main/auth/errors.ts';
import { signInWithBrowser } from '../../../../main/auth/loopback-flow.ts';
import type { FetchLike } from '../../../../main/auth/oauth-client.ts';
import { refreshTokens } from '../../../../main/auth/refresh.ts';
import { errorTexts, expectNoSecrets, testConfig, testLog } from './helpers.ts';
import { oidcBrowser, startOidc, type Oidc } from './oidc-harness.ts';
let oidc: Oidc;
beforeEach(async () => {
  oidc = await startOidc();
});
afterEach(async () => {
  await oidc.close();
});

function oidcConfig(issuer: string, overrides: { issuer?: string } = {}) {
  return testConfig(issuer, {
    endpoints: {
      authorize: '/auth',
      token: '/token',
      deviceCode: '/device/auth',
      revoke: '/token/revocation',
    },
    scopes: ['openid', 'offline_access'],
    issuer: overrides.issuer ?? issuer,
  });
}

describe('browser sign-in against oidc-provider', () => {
  it('exchanges the code with PKCE and checks iss', async () => {
    const browser = oidcBrowser();
    const { log, text } = testLog();
    const config = oidcConfig(oidc.issuer);
    const tokens = await signInWithBrowser({
      config,
      fetch,
      openExternal: browser.openExternal,
      log,
      language: 'en',
      timeoutMs: 10_000,
    });
    expect(browser.seen.error).toBeUndefined();
    expect(browser.seen.callbackStatus).toBe(200);
    // RFC 9207: the callback carried iss, and it matched the configured issuer.
    expect(browser.seen.iss).toBe(oidc.issuer);
    expect(tokens.accessToken.length).toBeGreaterThan(10);
    expect(tokens.expiresAt).toBeGreaterThan(Date.now());
    expect(tokens.scope?.split(' ')).toContain('openid');
    // offline_access without prompt=consent is dropped by oidc-provider, so no refresh token here.
    expectNoSecrets([text()], [tokens.accessToken, tokens.refreshToken]);
  });

  it('refreshes with rotation; the old refresh token is then refused', async () => {
    // offline_access needs prompt=consent in oidc-provider before it issues a refresh token.
    const browser = oidcBrowser({ prompt: 'consent' });
    const { log, text } = testLog();
    const config = oidcConfig(oidc.issuer);
    const first = await signInWithBrowser({
      config,
      fetch,
      openExternal: browser.openExternal,
      log,
      language: 'ru',
      timeoutMs: 10_000,
    });
    expect(first.refreshToken).toBeDefined();
    const second = await refreshTokens(first.refreshToken ?? '', { config, fetch, log });
    expect(second.refreshToken).toBeDefined();
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    const replay = await refreshTokens(first.refreshToken ?? '', { config, fetch, log }).catch(
      (e: unknown) => e,
    );
    expect(isOAuthError(replay, 'invalid_grant')).toBe(true);
    expectNoSecrets(
      [text(), ...errorTexts(replay)],
      [first.accessToken, first.refreshToken, second.accessToken, second.refreshToken],
    );
  });

  it('is refused with invalid_grant when the verifier is wrong', async () => {
    const browser = oidcBrowser();
    const { log, text } = testLog();
    let sentVerifier: string | null = null;
    const tampering: FetchLike = (url, init) => {
      const body = new URLSearchParams(String(init.body));
      if (body.get('grant_type') === 'authorization_code') {
        sentVerifier = body.get('code_verifier');
        body.set('code_verifier', randomBytes(32).toString('base64url'));
      }
      return fetch(url, { ...init, body: body.toString() });
    };
    const error = await signInWithBrowser({
      config: oidcConfig(oidc.issuer),
      fetch: tampering,
      openExternal: browser.openExternal,
      log,
      language: 'en',
      timeoutMs: 10_000,
    }).catch((e: unknown) => e);
    expect(isOAuthError(error, 'invalid_grant')).toBe(true);
    expect((error as OAuthError).code).toBe('E_UNAUTHORIZED');
    expect((error as OAuthError).status).toBe(400);
    expect(sentVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expectNoSecrets([...errorTexts(error), text()], [sentVerifier ?? undefined]);
  });

  it('fails closed when iss names another server (mix-up defence)', async () => {
    const browser = oidcBrowser();
    const { log } = testLog();
    const error = await signInWithBrowser({
      config: oidcConfig(oidc.issuer, { issuer: 'https://oauth.yandex.ru' }),
      fetch,
      openExternal: browser.openExternal,
      log,
      language: 'en',
      timeoutMs: 10_000,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'AuthError',
      reason: 'issuer_mismatch',
      code: 'E_FORBIDDEN',
    });
    expect(browser.seen.iss).toBe(oidc.issuer);
  });

  it('refuses a refresh token it never issued', async () => {
    const { log } = testLog();
    const error = await refreshTokens('not-a-real-refresh-token', {
      config: oidcConfig(oidc.issuer),
      fetch,
      log,
    }).catch((e: unknown) => e);
    expect(isOAuthError(error, 'invalid_grant')).toBe(true);
  });
});
