import { afterEach, describe, expect, it } from 'vitest';
import { DESKTOP, formAction, get, hiddenFields, postForm, startOAuth } from './harness.ts';
import type { Harness } from './harness.ts';

let h: Harness;
afterEach(async () => {
  await h.close();
});

interface DeviceCode {
  device_code: string;
  user_code: string;
  verification_url: string;
  interval: number;
  expires_in: number;
}

async function startDevice(extra: Record<string, string> = {}): Promise<DeviceCode> {
  const res = await postForm(`${h.base}/device/code`, {
    client_id: DESKTOP.clientId,
    device_id: 'tv-000001',
    device_name: 'Living room',
    ...extra,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as DeviceCode;
}

async function poll(deviceCode: string, params: Record<string, string> = {}) {
  const res = await postForm(`${h.base}/token`, {
    grant_type: 'device_code',
    code: deviceCode,
    client_id: DESKTOP.clientId,
    ...params,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const SECOND = 1000;

describe('device flow', () => {
  it('answers pending, slow_down, then the token after approval', async () => {
    h = await startOAuth();
    const grant = await startDevice();
    expect(grant).toEqual({
      device_code: expect.stringMatching(/^[0-9a-f]{32}$/),
      user_code: expect.stringMatching(/^\d{7}$/),
      verification_url: `${h.base}/device`,
      interval: 5,
      expires_in: 300,
    });
    expect(h.handler.pendingAuthorizations()).toBe(1);

    expect(await poll(grant.device_code)).toEqual({
      status: 400,
      body: {
        error: 'authorization_pending',
        error_description: 'User has not yet authorized your application',
      },
    });
    h.clock.advance(2 * SECOND);
    expect((await poll(grant.device_code)).body.error).toBe('slow_down');
    h.clock.advance(5 * SECOND);
    expect((await poll(grant.device_code)).body.error).toBe('authorization_pending');

    expect(h.handler.approveDevice(grant.user_code)).toBe(true);
    expect(h.handler.approveDevice(grant.user_code)).toBe(false);
    expect(h.handler.pendingAuthorizations()).toBe(0);
    h.clock.advance(5 * SECOND);
    const done = await poll(grant.device_code);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ token_type: 'bearer', expires_in: 31536000 });
    const access = String(done.body.access_token);
    expect(h.tokens.authenticate(`OAuth ${access}`)).toMatchObject({ uid: 1001 });

    h.clock.advance(5 * SECOND);
    expect((await poll(grant.device_code)).body.error).toBe('invalid_grant');
    // device_id was given, so the token is revocable.
    const revoke = await postForm(`${h.base}/revoke_token`, {
      access_token: access,
      client_id: DESKTOP.clientId,
    });
    expect(await revoke.json()).toEqual({ status: 'ok' });
  });

  it('approves for another user when asked', async () => {
    h = await startOAuth();
    const grant = await startDevice();
    h.handler.approveDevice(grant.user_code, 1002);
    const done = await poll(grant.device_code);
    expect(h.tokens.authenticate(`OAuth ${String(done.body.access_token)}`)).toMatchObject({
      uid: 1002,
    });
  });

  it('reports expired_token after expires_in', async () => {
    h = await startOAuth();
    const grant = await startDevice();
    h.clock.advance(300 * SECOND);
    expect(h.handler.approveDevice(grant.user_code)).toBe(false);
    expect(await poll(grant.device_code)).toMatchObject({
      status: 400,
      body: { error: 'expired_token' },
    });
  });

  it('reports access_denied once denied', async () => {
    h = await startOAuth();
    const grant = await startDevice();
    expect(h.handler.denyDevice(grant.user_code)).toBe(true);
    expect((await poll(grant.device_code)).body.error).toBe('access_denied');
  });

  it('accepts the RFC 8628 grant type and parameter name', async () => {
    h = await startOAuth({ autoApprove: true });
    const grant = await startDevice();
    const res = await postForm(`${h.base}/token`, {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      device_code: grant.device_code,
      client_id: DESKTOP.clientId,
    });
    expect(res.status).toBe(200);
  });

  it('refuses another client, an unknown code and bad parameters', async () => {
    h = await startOAuth();
    const grant = await startDevice();
    const other = await postForm(`${h.base}/token`, {
      grant_type: 'device_code',
      code: grant.device_code,
      client_id: 'xss-app',
    });
    expect(((await other.json()) as { error: string }).error).toBe('invalid_grant');
    expect((await poll('deadbeef')).body.error).toBe('invalid_grant');
    expect((await poll('')).body.error).toBe('invalid_request');
    const badScope = await postForm(`${h.base}/device/code`, {
      client_id: DESKTOP.clientId,
      scope: 'cloud:admin',
    });
    expect(badScope.status).toBe(400);
    const badDevice = await postForm(`${h.base}/device/code`, {
      client_id: DESKTOP.clientId,
      device_id: 'x',
    });
    expect(badDevice.status).toBe(400);
    const badClient = await postForm(`${h.base}/device/code`, { client_id: 'ghost' });
    expect(badClient.status).toBe(401);
  });
});

describe('device page', () => {
  async function confirmPage(userCode: string, lang = 'en'): Promise<string> {
    const entry = await get(`${h.base}/device`, { 'Accept-Language': lang });
    expect(entry.status).toBe(200);
    const entryHtml = await entry.text();
    expect(entryHtml).toContain('name="user_code"');
    const res = await postForm(
      `${h.origin}${formAction(entryHtml)}`,
      { user_code: userCode },
      {
        'Accept-Language': lang,
      },
    );
    return res.text();
  }

  it('lets the user type the code and Allow', async () => {
    h = await startOAuth();
    const grant = await startDevice();
    const spaced = `${grant.user_code.slice(0, 3)} ${grant.user_code.slice(3)}`;
    const html = await confirmPage(spaced);
    expect(html).toContain('Tracker Desktop');
    expect(html).toContain('Living room');
    expect(formAction(html)).toBe('/oauth/device/decision');
    const fields = hiddenFields(html);
    const forged = await postForm(`${h.origin}${formAction(html)}`, {
      ...fields,
      csrf: 'forged',
      decision: 'allow',
    });
    expect(forged.status).toBe(400);
    const done = await postForm(`${h.origin}${formAction(html)}`, { ...fields, decision: 'allow' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Return to your device');
    const again = await postForm(`${h.origin}${formAction(html)}`, { ...fields, decision: 'deny' });
    expect(again.status).toBe(400);
    expect((await poll(grant.device_code)).status).toBe(200);
  });

  it('lets the user Deny, in Russian', async () => {
    h = await startOAuth();
    const grant = await startDevice();
    const html = await confirmPage(grant.user_code, 'ru');
    expect(html).toContain('Отклонить');
    const done = await postForm(
      `${h.origin}${formAction(html)}`,
      { ...hiddenFields(html), decision: 'deny' },
      { 'Accept-Language': 'ru' },
    );
    expect(await done.text()).toContain('Доступ запрещён');
    expect((await poll(grant.device_code)).body.error).toBe('access_denied');
  });

  it('rejects a wrong code with the entry form again', async () => {
    h = await startOAuth();
    await startDevice();
    const res = await postForm(`${h.base}/device`, { user_code: '<script>0</script>' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('wrong or has expired');
    expect(html).not.toContain('<script');
  });
});
