import { afterEach, describe, expect, it } from 'vitest';
import { PAGE_CSS_HASH } from '../../../../../main/emulator/oauth/pages.ts';
import {
  DESKTOP,
  WEB,
  authorizeUrl,
  basic,
  consent,
  formAction,
  get,
  hiddenFields,
  pkce,
  postForm,
  startOAuth,
} from './harness.ts';
import type { Harness } from './harness.ts';

let h: Harness;
afterEach(async () => {
  await h.close();
});

const LOOPBACK = 'http://127.0.0.1:49152/callback';

async function exchange(params: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await postForm(
    `${h.base}/token`,
    { grant_type: 'authorization_code', ...params },
    headers,
  );
  return { res, body: (await res.json()) as Record<string, unknown> };
}

describe('authorization code + PKCE', () => {
  it('runs consent page → Allow → code and state → token', async () => {
    h = await startOAuth();
    const { verifier, challenge } = pkce();
    const state = 'st&te=1 ü';
    const page = await get(
      authorizeUrl(h, {
        client_id: DESKTOP.clientId,
        redirect_uri: LOOPBACK,
        state,
        code_challenge: challenge,
        code_challenge_method: 'S256',
        device_id: 'install-0001',
        device_name: 'Work laptop',
      }),
    );
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src ${PAGE_CSS_HASH}`);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("form-action 'self' http://127.0.0.1:49152");
    const html = await page.text();
    expect(html).toContain('Tracker Desktop');
    expect(html).toContain('Alice Liddell');
    expect(html).toContain('Read from Tracker');
    expect(html).toContain('Work laptop');
    expect(html).not.toMatch(/<script|https?:\/\/(?!127)/);
    expect(formAction(html)).toBe('/oauth/authorize/decision');
    expect(h.handler.pendingAuthorizations()).toBe(1);

    const answer = await postForm(`${h.origin}${formAction(html)}`, {
      ...hiddenFields(html),
      decision: 'allow',
    });
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(LOOPBACK);
    expect(location.searchParams.get('state')).toBe(state);
    const code = location.searchParams.get('code') ?? '';
    expect(code).not.toBe('');
    expect(h.handler.pendingAuthorizations()).toBe(0);

    const { res, body } = await exchange({
      code,
      client_id: DESKTOP.clientId,
      code_verifier: verifier,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(body).toEqual({
      token_type: 'bearer',
      access_token: expect.stringMatching(/^y0_/),
      expires_in: 31536000,
      refresh_token: expect.stringMatching(/^1:/),
      scope: 'tracker:read tracker:write',
    });
    expect(h.tokens.authenticate(`OAuth ${String(body.access_token)}`)).toMatchObject({
      uid: 1001,
    });
    // Issued with device_id, so it is revocable.
    const revoked = await postForm(`${h.base}/revoke_token`, {
      access_token: String(body.access_token),
      client_id: DESKTOP.clientId,
    });
    expect(await revoked.json()).toEqual({ status: 'ok' });
    const logged = JSON.stringify(h.logs);
    expect(logged).not.toContain(code);
    expect(logged).not.toContain(String(body.access_token));
  });

  it('speaks Russian when asked', async () => {
    h = await startOAuth();
    const res = await get(
      authorizeUrl(h, { client_id: DESKTOP.clientId, redirect_uri: LOOPBACK }),
      {
        'Accept-Language': 'ru-RU,ru;q=0.9,en;q=0.8',
      },
    );
    const html = await res.text();
    expect(html).toContain('lang="ru"');
    expect(html).toContain('Разрешить');
    expect(html).toContain('Чтение из Трекера');
  });

  it('keeps the code after a wrong verifier and refuses it once used', async () => {
    h = await startOAuth();
    const { verifier, challenge } = pkce();
    const target = await consent(h, {
      client_id: DESKTOP.clientId,
      redirect_uri: LOOPBACK,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const code = target.searchParams.get('code') ?? '';
    const wrong = await exchange({
      code,
      client_id: DESKTOP.clientId,
      code_verifier: pkce().verifier,
    });
    expect(wrong.res.status).toBe(400);
    expect(wrong.body.error).toBe('invalid_grant');
    const missing = await exchange({ code, client_id: DESKTOP.clientId });
    expect(missing.body.error).toBe('invalid_grant');
    const ok = await exchange({ code, client_id: DESKTOP.clientId, code_verifier: verifier });
    expect(ok.res.status).toBe(200);
    const reused = await exchange({ code, client_id: DESKTOP.clientId, code_verifier: verifier });
    expect(reused.res.status).toBe(400);
    expect(reused.body.error).toBe('invalid_grant');
  });

  it('expires codes after 10 minutes', async () => {
    h = await startOAuth();
    const { verifier, challenge } = pkce();
    const target = await consent(h, {
      client_id: DESKTOP.clientId,
      redirect_uri: LOOPBACK,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    h.clock.advance(10 * 60 * 1000);
    const { res, body } = await exchange({
      code: target.searchParams.get('code') ?? '',
      client_id: DESKTOP.clientId,
      code_verifier: verifier,
    });
    expect(res.status).toBe(400);
    expect(body).toEqual({ error: 'invalid_grant', error_description: 'Code has expired' });
  });

  it('binds the code to its client and redirect URI', async () => {
    h = await startOAuth();
    const { verifier, challenge } = pkce();
    const target = await consent(h, {
      client_id: DESKTOP.clientId,
      redirect_uri: LOOPBACK,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const code = target.searchParams.get('code') ?? '';
    const otherClient = await exchange(
      { code, code_verifier: verifier },
      { Authorization: basic(WEB.clientId, WEB.clientSecret) },
    );
    expect(otherClient.body.error).toBe('invalid_grant');
    const otherUri = await exchange({
      code,
      client_id: DESKTOP.clientId,
      code_verifier: verifier,
      redirect_uri: 'http://127.0.0.1:1/callback',
    });
    expect(otherUri.body.error).toBe('invalid_grant');
    const ok = await exchange({
      code,
      client_id: DESKTOP.clientId,
      code_verifier: verifier,
      redirect_uri: LOOPBACK,
    });
    expect(ok.res.status).toBe(200);
  });
});

describe('client authentication without PKCE', () => {
  async function webCode(): Promise<string> {
    const target = await consent(h, {
      client_id: WEB.clientId,
      redirect_uri: 'http://127.0.0.1:53682/callback',
    });
    return target.searchParams.get('code') ?? '';
  }

  it('accepts body credentials', async () => {
    h = await startOAuth();
    const { res } = await exchange({
      code: await webCode(),
      client_id: WEB.clientId,
      client_secret: WEB.clientSecret,
    });
    expect(res.status).toBe(200);
  });

  it('prefers Basic over body credentials', async () => {
    h = await startOAuth();
    const good = await exchange(
      { code: await webCode(), client_id: WEB.clientId, client_secret: 'wrong' },
      { Authorization: basic(WEB.clientId, WEB.clientSecret) },
    );
    expect(good.res.status).toBe(200);
    const bad = await exchange(
      { code: await webCode(), client_id: WEB.clientId, client_secret: WEB.clientSecret },
      { Authorization: basic(WEB.clientId, 'wrong') },
    );
    expect(bad.res.status).toBe(401);
    expect(bad.body.error).toBe('invalid_client');
  });

  it('requires the secret when the code has no challenge', async () => {
    h = await startOAuth();
    const code = await webCode();
    const missing = await exchange({ code, client_id: WEB.clientId });
    expect(missing.res.status).toBe(401);
    expect(missing.body.error).toBe('invalid_client');
    const wrong = await exchange({ code, client_id: WEB.clientId, client_secret: 'nope' });
    expect(wrong.res.status).toBe(401);
    const unknown = await exchange({ code, client_id: 'ghost' });
    expect(unknown.res.status).toBe(401);
    expect(unknown.body.error).toBe('invalid_client');
  });
});

describe('/authorize validation', () => {
  it('shows an error page, never a redirect, for a bad client or redirect URI', async () => {
    h = await startOAuth();
    const cases = [
      { client_id: 'ghost', redirect_uri: LOOPBACK },
      { client_id: DESKTOP.clientId, redirect_uri: 'http://evil.test/callback' },
      { client_id: DESKTOP.clientId, redirect_uri: 'http://localhost:49152/callback' },
      { client_id: DESKTOP.clientId, redirect_uri: 'http://127.0.0.1:49152/other' },
      { client_id: DESKTOP.clientId, redirect_uri: 'http://user@127.0.0.1:49152/callback' },
      { client_id: WEB.clientId, redirect_uri: 'http://127.0.0.1:53683/callback' },
      { client_id: WEB.clientId, redirect_uri: 'https://example.test:444/cb' },
    ];
    for (const params of cases) {
      const res = await get(authorizeUrl(h, { ...params, state: 'x' }));
      expect(res.status, JSON.stringify(params)).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(res.headers.get('content-type')).toContain('text/html');
    }
  });

  it('matches exact ports and lets the query differ', async () => {
    h = await startOAuth();
    const res = await get(
      authorizeUrl(h, {
        client_id: WEB.clientId,
        redirect_uri: 'https://example.test/cb?from=app',
      }),
    );
    expect(res.status).toBe(200);
  });

  it('redirects request errors to the app with the state', async () => {
    h = await startOAuth();
    const { challenge } = pkce();
    const cases: [Record<string, string>, string][] = [
      [{ code_challenge: challenge, code_challenge_method: 'plain' }, 'invalid_request'],
      [{ code_challenge: challenge }, 'invalid_request'],
      [{ code_challenge_method: 'S256' }, 'invalid_request'],
      [{ code_challenge: 'short', code_challenge_method: 'S256' }, 'invalid_request'],
      [{ device_id: 'abc' }, 'invalid_request'],
      [{ scope: 'tracker:read login:email' }, 'invalid_scope'],
      [{ response_type: 'id_token' }, 'unsupported_response_type'],
    ];
    for (const [extra, error] of cases) {
      const res = await get(
        authorizeUrl(h, {
          client_id: DESKTOP.clientId,
          redirect_uri: LOOPBACK,
          state: 's1',
          ...extra,
        }),
      );
      expect(res.status, JSON.stringify(extra)).toBe(302);
      const location = new URL(res.headers.get('location') ?? '');
      expect(location.searchParams.get('error'), JSON.stringify(extra)).toBe(error);
      expect(location.searchParams.get('state')).toBe('s1');
    }
  });

  it('answers Deny with access_denied and the state', async () => {
    h = await startOAuth();
    const target = await consent(
      h,
      { client_id: DESKTOP.clientId, redirect_uri: LOOPBACK, state: 'deny-me' },
      'deny',
    );
    expect(target.searchParams.get('error')).toBe('access_denied');
    expect(target.searchParams.get('error_description')).toBeTruthy();
    expect(target.searchParams.get('state')).toBe('deny-me');
    expect(target.searchParams.has('code')).toBe(false);
  });

  it('accepts each consent form once and only with its CSRF token', async () => {
    h = await startOAuth();
    const html = await (
      await get(authorizeUrl(h, { client_id: DESKTOP.clientId, redirect_uri: LOOPBACK }))
    ).text();
    const fields = hiddenFields(html);
    const action = `${h.origin}${formAction(html)}`;
    const forged = await postForm(action, { ...fields, csrf: 'forged', decision: 'allow' });
    expect(forged.status).toBe(400);
    expect(forged.headers.get('location')).toBeNull();
    expect((await postForm(action, { ...fields, decision: 'allow' })).status).toBe(302);
    expect((await postForm(action, { ...fields, decision: 'allow' })).status).toBe(400);
  });

  it('expires an unanswered consent page', async () => {
    h = await startOAuth();
    const html = await (
      await get(authorizeUrl(h, { client_id: DESKTOP.clientId, redirect_uri: LOOPBACK }))
    ).text();
    h.clock.advance(11 * 60 * 1000);
    expect(h.handler.pendingAuthorizations()).toBe(0);
    const res = await postForm(`${h.origin}${formAction(html)}`, {
      ...hiddenFields(html),
      decision: 'allow',
    });
    expect(res.status).toBe(400);
  });

  it('escapes the app name, the user and never echoes the state into the page', async () => {
    h = await startOAuth();
    const state = '"><script>alert("state")</script>';
    const res = await get(
      authorizeUrl(h, {
        client_id: 'xss-app',
        redirect_uri: 'http://127.0.0.1:40000/cb',
        state,
        login_hint: 'bob',
        device_name: '<img src=x onerror=alert(1)>',
      }),
    );
    const html = await res.text();
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>Builder');
    expect(html).toContain('&lt;script&gt;alert(&quot;app&quot;)&lt;/script&gt;');
    expect(html).toContain('Bob &lt;b&gt;Builder&lt;/b&gt;');
    const answer = await postForm(`${h.origin}${formAction(html)}`, {
      ...hiddenFields(html),
      decision: 'allow',
    });
    expect(new URL(answer.headers.get('location') ?? '').searchParams.get('state')).toBe(state);
  });
});

describe('autoApprove and friends', () => {
  it('redirects with a code at once, unless force_confirm=yes', async () => {
    h = await startOAuth({ autoApprove: true });
    const { verifier, challenge } = pkce();
    const params = {
      client_id: DESKTOP.clientId,
      redirect_uri: LOOPBACK,
      state: 'auto',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      login_hint: 'bob',
    };
    const res = await get(authorizeUrl(h, params));
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.searchParams.get('state')).toBe('auto');
    const { body } = await exchange({
      code: location.searchParams.get('code') ?? '',
      client_id: DESKTOP.clientId,
      code_verifier: verifier,
    });
    expect(h.tokens.authenticate(`OAuth ${String(body.access_token)}`)).toMatchObject({
      uid: 1002,
    });
    const forced = await get(authorizeUrl(h, { ...params, force_confirm: 'yes' }));
    expect(forced.status).toBe(200);
  });

  it('returns an implicit-flow token in the fragment', async () => {
    h = await startOAuth({ autoApprove: true });
    const res = await get(
      authorizeUrl(h, {
        client_id: DESKTOP.clientId,
        redirect_uri: LOOPBACK,
        response_type: 'token',
        state: 'imp',
        scope: 'tracker:read',
      }),
    );
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.search).toBe('');
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get('token_type')).toBe('bearer');
    expect(fragment.get('state')).toBe('imp');
    expect(h.tokens.authenticate(`OAuth ${fragment.get('access_token') ?? ''}`)).toEqual({
      uid: 1001,
      scopes: ['tracker:read'],
      kind: 'oauth',
    });
  });

  it('shows the code on the verification_code page', async () => {
    h = await startOAuth();
    const res = await get(`${h.base}/verification_code?code=1234567`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('1234567');
  });
});
