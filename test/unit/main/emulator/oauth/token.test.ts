import { afterEach, describe, expect, it } from 'vitest';
import { DESKTOP, WEB, basic, consent, get, pkce, postForm, startOAuth } from './harness.ts';
import type { Harness } from './harness.ts';

let h: Harness;
afterEach(async () => {
  await h.close();
});

/** Logs in through the consent page; returns the token response. */
async function login(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const { verifier, challenge } = pkce();
  const target = await consent(h, {
    client_id: DESKTOP.clientId,
    redirect_uri: 'http://127.0.0.1:50000/callback',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  });
  const res = await postForm(`${h.base}/token`, {
    grant_type: 'authorization_code',
    code: target.searchParams.get('code') ?? '',
    client_id: DESKTOP.clientId,
    code_verifier: verifier,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, string>;
}

async function call(path: string, params: Record<string, string>) {
  const res = await postForm(`${h.base}${path}`, params);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('refresh_token grant', () => {
  it('rotates the refresh token; the old one is rejected', async () => {
    h = await startOAuth();
    const first = await login();
    const refresh = (token: string) =>
      call('/token', {
        grant_type: 'refresh_token',
        refresh_token: token,
        client_id: DESKTOP.clientId,
      });
    const second = await refresh(first.refresh_token ?? '');
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      token_type: 'bearer',
      scope: 'tracker:read tracker:write',
    });
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect(second.body.access_token).not.toBe(first.access_token);
    const replay = await refresh(first.refresh_token ?? '');
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');
    expect((await refresh(String(second.body.refresh_token))).status).toBe(200);
    const missing = await call('/token', {
      grant_type: 'refresh_token',
      client_id: DESKTOP.clientId,
    });
    expect(missing.body.error).toBe('invalid_request');
  });

  it('refuses a refresh token of another client', async () => {
    h = await startOAuth();
    const tokens = await login();
    const res = await postForm(
      `${h.base}/token`,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' },
      { Authorization: basic(WEB.clientId, WEB.clientSecret) },
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
  });
});

describe('/revoke_token', () => {
  it('revokes a device token, which then stops authenticating', async () => {
    h = await startOAuth();
    const tokens = await login({ device_id: 'install-42', device_name: 'Laptop' });
    const access = tokens.access_token ?? '';
    expect(h.tokens.authenticate(`OAuth ${access}`)).toMatchObject({ uid: 1001 });
    const res = await call('/revoke_token', { access_token: access, client_id: DESKTOP.clientId });
    expect(res).toEqual({ status: 200, body: { status: 'ok' } });
    expect(h.tokens.authenticate(`OAuth ${access}`)).toEqual({ error: 'revoked' });
    const refreshed = await call('/token', {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token ?? '',
      client_id: DESKTOP.clientId,
    });
    expect(refreshed.body.error).toBe('invalid_grant');
  });

  it('refuses tokens issued without a device_id', async () => {
    h = await startOAuth();
    const tokens = await login();
    const res = await call('/revoke_token', {
      access_token: tokens.access_token ?? '',
      client_id: DESKTOP.clientId,
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('unsupported_token_type');
    expect(h.tokens.authenticate(`OAuth ${tokens.access_token ?? ''}`)).toMatchObject({
      uid: 1001,
    });
  });

  it('validates the request', async () => {
    h = await startOAuth();
    expect((await call('/revoke_token', { client_id: DESKTOP.clientId })).body.error).toBe(
      'invalid_request',
    );
    const wrongSecret = await call('/revoke_token', {
      access_token: 'y0_x',
      client_id: WEB.clientId,
      client_secret: 'bad',
    });
    expect(wrongSecret.status).toBe(401);
  });
});

describe('token endpoint plumbing', () => {
  it('rejects unknown grants, bad bodies and wrong methods', async () => {
    h = await startOAuth();
    const unknown = await call('/token', { grant_type: 'password', client_id: DESKTOP.clientId });
    expect(unknown).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
    const none = await call('/token', { client_id: DESKTOP.clientId });
    expect(none.body.error).toBe('invalid_request');
    const noClient = await call('/token', { grant_type: 'refresh_token', refresh_token: 'x' });
    expect(noClient.body.error).toBe('invalid_request');

    const json = await fetch(`${h.base}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(400);

    const duplicate = await fetch(`${h.base}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token&client_id=a&client_id=b',
    });
    expect(duplicate.status).toBe(400);

    const huge = await fetch(`${h.base}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `grant_type=refresh_token&refresh_token=${'a'.repeat(70 * 1024)}`,
    });
    expect(huge.status).toBe(413);

    // Chunked, so the cap is enforced while reading rather than from Content-Length.
    const chunk = new TextEncoder().encode(`grant_type=refresh_token&x=${'a'.repeat(16 * 1024)}`);
    const streamed = await fetch(`${h.base}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 5; i += 1) controller.enqueue(chunk);
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);

    const wrongMethod = await get(`${h.base}/token`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect(wrongMethod.headers.get('cache-control')).toBe('no-store');
  });

  it('handles only its own paths', async () => {
    h = await startOAuth();
    expect((await get(`${h.base}/nope`)).status).toBe(404);
    expect((await get(`${h.origin}/authorize`)).status).toBe(404);
    expect((await get(`${h.origin}/oauthx/authorize`)).status).toBe(404);
  });

  it('refuses a malformed Basic header', async () => {
    h = await startOAuth();
    const res = await postForm(
      `${h.base}/token`,
      { grant_type: 'refresh_token', refresh_token: 'x', client_id: DESKTOP.clientId },
      { Authorization: 'Basic !!!' },
    );
    expect(res.status).toBe(401);
  });
});
