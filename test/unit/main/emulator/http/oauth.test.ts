/**
 * The OAuth side as mounted on the emulator: the device flow end to end over HTTP, and the
 * authorization-code + PKCE flow with `autoApprove`; the tokens it issues work against Tracker.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENT_ID } from '../../../../../main/emulator/oauth/tokens.ts';
import { startEmulator, type Emulator } from '../../../../../main/emulator/server.ts';
import {
  client,
  emulatorOptions,
  expectError,
  manualClock,
  obj,
  type ManualClock,
} from './client.ts';

let emulator: Emulator;
let clock: ManualClock;

beforeAll(async () => {
  clock = manualClock();
  emulator = await startEmulator(emulatorOptions(clock, { issues: 30 }));
});
afterAll(() => emulator.close());

async function form(
  base: Emulator,
  path: string,
  fields: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${base.oauthBase}${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
  });
  return { status: response.status, body: obj(await response.json()) };
}

/** GET /v3/myself with `token` and the 360 org: the status and the login. */
async function whoAmI(base: Emulator, token: string): Promise<[number, unknown]> {
  const reply = await client(base, { Authorization: `OAuth ${token}` })('/myself');
  return [reply.status, reply.status === 200 ? obj(reply.body).login : undefined];
}

describe('device flow', () => {
  it('issues a code, stays pending until approved, then a token that works on /v3/myself', async () => {
    const code = await form(emulator, '/device/code', { client_id: DEMO_CLIENT_ID });
    expect(code.status).toBe(200);
    const { device_code: deviceCode, user_code: userCode } = code.body;
    expect(deviceCode).toBeTypeOf('string');
    expect(userCode).toMatch(/^\d{7}$/);
    expect(code.body.verification_url).toBe(`${emulator.oauthBase}/device`);
    expect(code.body.interval).toBeTypeOf('number');
    expect(code.body.expires_in).toBeTypeOf('number');
    const poll = () =>
      form(emulator, '/token', {
        grant_type: 'device_code',
        code: String(deviceCode),
        client_id: DEMO_CLIENT_ID,
      });

    const pending = await poll();
    expect(pending.status).toBe(400);
    expect(pending.body.error).toBe('authorization_pending');

    clock.now += Number(code.body.interval) * 1000;
    expect(emulator.oauth.approveDevice(String(userCode))).toBe(true);
    const granted = await poll();
    expect(granted.status).toBe(200);
    expect(granted.body.token_type).toBe('bearer');
    expect(granted.body.access_token).toMatch(/^y0_/);
    expect(granted.body.refresh_token).toBeTypeOf('string');
    expect(granted.body.expires_in).toBeTypeOf('number');
    expect(await whoAmI(emulator, String(granted.body.access_token))).toEqual([
      200,
      emulator.login,
    ]);

    // The refresh token gives another working access token.
    const refreshed = await form(emulator, '/token', {
      grant_type: 'refresh_token',
      refresh_token: String(granted.body.refresh_token),
      client_id: DEMO_CLIENT_ID,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.access_token).not.toBe(granted.body.access_token);
    expect((await whoAmI(emulator, String(refreshed.body.access_token)))[0]).toBe(200);
  });

  it('refuses unknown clients and device codes', async () => {
    const unknown = await form(emulator, '/device/code', { client_id: 'nobody' });
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    expect(unknown.body.error).toBe('invalid_client');
    const bogus = await form(emulator, '/token', {
      grant_type: 'device_code',
      code: 'no-such-device-code',
      client_id: DEMO_CLIENT_ID,
    });
    expect(bogus.status).toBe(400);
    expect(bogus.body.error).toBeTypeOf('string');
  });

  it('keeps OAuth and Tracker paths apart', async () => {
    expect((await fetch(`${emulator.oauthBase}/nothing`)).status).toBe(404);
    expect((await fetch(`${emulator.oauthBase}/token`)).status).toBe(405);
    // A Tracker error body for the API, never for OAuth.
    const api = await client(emulator)('/oauth/token');
    expectError(api, 404);
  });
});

describe('authorization code + PKCE with autoApprove', () => {
  let auto: Emulator;
  beforeAll(async () => {
    auto = await startEmulator(emulatorOptions(manualClock(), { issues: 20, autoApprove: true }));
  });
  afterAll(() => auto.close());

  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');

  async function authorize(redirectUri: string, state: string): Promise<URL> {
    const url = new URL(`${auto.oauthBase}/authorize`);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: DEMO_CLIENT_ID,
      redirect_uri: redirectUri,
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(302);
    return new URL(response.headers.get('location') ?? '');
  }

  it('redirects to any loopback port with code and state; the code exchanges for a token', async () => {
    const back = await authorize('http://127.0.0.1:53682/callback', 'state-1');
    expect(back.origin).toBe('http://127.0.0.1:53682');
    expect(back.pathname).toBe('/callback');
    expect(back.searchParams.get('state')).toBe('state-1');
    const code = back.searchParams.get('code') ?? '';
    expect(code).not.toBe('');

    const wrong = await form(auto, '/token', {
      grant_type: 'authorization_code',
      code,
      client_id: DEMO_CLIENT_ID,
      code_verifier: randomBytes(32).toString('base64url'),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('invalid_grant');

    const token = await form(auto, '/token', {
      grant_type: 'authorization_code',
      code,
      client_id: DEMO_CLIENT_ID,
      code_verifier: verifier,
    });
    expect(token.status).toBe(200);
    expect(await whoAmI(auto, String(token.body.access_token))).toEqual([200, auto.login]);

    // A code is single use.
    const replay = await form(auto, '/token', {
      grant_type: 'authorization_code',
      code,
      client_id: DEMO_CLIENT_ID,
      code_verifier: verifier,
    });
    expect(replay.body.error).toBe('invalid_grant');
    const other = await authorize('http://127.0.0.1:40001/callback', 'state-2');
    expect(other.port).toBe('40001');
  });

  it('does not redirect to a URI that is not registered', async () => {
    const url = new URL(`${auto.oauthBase}/authorize`);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: DEMO_CLIENT_ID,
      redirect_uri: 'http://evil.example/callback',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });
});
