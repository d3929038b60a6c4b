/**
 * The OAuth HTTP client against scripted answers: request shape, defensive parsing, the error
 * mapping to contract codes, timeouts and network failures, and that no secret reaches an error
 * message or a log line whatever the server echoes back.
 */
import { describe, expect, it } from 'vitest';
import { AuthError, OAuthError, isOAuthError } from '../../../../main/auth/errors.ts';
import { createOAuthClient } from '../../../../main/auth/oauth-client.ts';
import type { FetchLike, OAuthClientOptions } from '../../../../main/auth/oauth-client.ts';
import { CLIENT_ID, errorTexts, expectNoSecrets, testConfig, testLog } from './helpers.ts';

const BASE = 'https://oauth.example.test';
const CODE = 'auth-code-secret-0123456789';
const VERIFIER = 'verifier-secret-abcdefghijklmnopqrstuvwxyz0123456';
const SECRET = 'client-secret-value-42';
const ACCESS = 'y0_AgAAAAAexampleAccessToken0123456789';
const REFRESH = '1:abcdefgh12345678:refreshsecretpart0123456789';

interface Sent {
  url: string;
  init: RequestInit;
  form: Record<string, string>;
}

function client(
  answer: (sent: Sent) => Response | Promise<Response>,
  extra: Partial<OAuthClientOptions> = {},
) {
  const sent: Sent[] = [];
  const logs = testLog();
  const fetchStub: FetchLike = async (url, init) => {
    const record = { url, init, form: Object.fromEntries(new URLSearchParams(String(init.body))) };
    sent.push(record);
    return answer(record);
  };
  const oauth = createOAuthClient({
    config: testConfig(BASE, { clientSecret: SECRET }),
    fetch: fetchStub,
    log: logs.log,
    clock: () => 1_000_000,
    ...extra,
  });
  return { oauth, sent, logs };
}

const exchange = { code: CODE, verifier: VERIFIER, redirectUri: 'http://127.0.0.1:27180/callback' };

describe('requests', () => {
  it('exchanges a code with a form-encoded POST carrying the Yandex fields', async () => {
    const { oauth, sent } = client(() =>
      Response.json({
        access_token: ACCESS,
        token_type: 'bearer',
        expires_in: 31_536_000,
        refresh_token: REFRESH,
        scope: 'tracker:read tracker:write',
      }),
    );
    const tokens = await oauth.exchangeCode(exchange);
    expect(tokens).toEqual({
      accessToken: ACCESS,
      refreshToken: REFRESH,
      expiresAt: 1_000_000 + 31_536_000_000,
      scope: 'tracker:read tracker:write',
    });
    const [request] = sent;
    expect(request?.url).toBe(`${BASE}/token`);
    expect(request?.init.method).toBe('POST');
    expect(request?.init.redirect).toBe('manual');
    expect(new Headers(request?.init.headers).get('content-type')).toBe(
      'application/x-www-form-urlencoded',
    );
    expect(request?.form).toEqual({
      grant_type: 'authorization_code',
      code: CODE,
      code_verifier: VERIFIER,
      redirect_uri: exchange.redirectUri,
      client_id: CLIENT_ID,
      client_secret: SECRET,
      device_id: 'test-install-0001',
      device_name: 'Test laptop',
    });
  });

  it('refreshes and revokes at the configured endpoints', async () => {
    const { oauth, sent } = client((s) =>
      s.url.endsWith('/revoke_token')
        ? Response.json({ status: 'ok' })
        : Response.json({ access_token: ACCESS }),
    );
    await oauth.refresh(REFRESH);
    await oauth.revoke(ACCESS);
    expect(sent.map((s) => s.url)).toEqual([`${BASE}/token`, `${BASE}/revoke_token`]);
    expect(sent[0]?.form).toEqual({
      grant_type: 'refresh_token',
      refresh_token: REFRESH,
      client_id: CLIENT_ID,
      client_secret: SECRET,
    });
    expect(sent[1]?.form).toEqual({
      access_token: ACCESS,
      client_id: CLIENT_ID,
      client_secret: SECRET,
    });
  });

  it('accepts an empty 200 from a standard revocation endpoint', async () => {
    const { oauth } = client(() => new Response('', { status: 200 }));
    await expect(oauth.revoke(ACCESS)).resolves.toBeUndefined();
  });
});

describe('parsing success answers defensively', () => {
  it.each([
    ['no access_token', { token_type: 'bearer' }],
    ['an empty access_token', { access_token: '' }],
    ['a non-string access_token', { access_token: 42 }],
    ['an access_token with spaces', { access_token: 'a b' }],
    ['a MAC token type', { access_token: ACCESS, token_type: 'mac' }],
  ])('%s → invalid_response', async (_name, body) => {
    const { oauth } = client(() => Response.json(body));
    await expect(oauth.refresh(REFRESH)).rejects.toMatchObject({
      reason: 'invalid_response',
      code: 'E_UNAVAILABLE',
    });
  });

  it('tolerates odd optional fields: string expires_in, missing scope, junk refresh_token', async () => {
    const { oauth } = client(() =>
      Response.json({
        access_token: ACCESS,
        token_type: 'Bearer',
        expires_in: '3600',
        refresh_token: 17,
        scope: '',
      }),
    );
    await expect(oauth.refresh(REFRESH)).resolves.toEqual({
      accessToken: ACCESS,
      expiresAt: 1_000_000 + 3_600_000,
    });
  });

  it.each([
    ['HTML from a gateway', () => new Response('<html>502</html>', { status: 200 })],
    ['a JSON array', () => Response.json([ACCESS])],
  ])('%s with 200 → invalid_response', async (_name, answer) => {
    const { oauth } = client(answer);
    await expect(oauth.refresh(REFRESH)).rejects.toMatchObject({ reason: 'invalid_response' });
  });

  it('a device code answer needs device_code, user_code and an http(s) verification URL', async () => {
    const { oauth } = client(() =>
      Response.json({
        device_code: 'dc',
        user_code: '123',
        verification_url: 'javascript:alert(1)',
        interval: 5,
        expires_in: 300,
      }),
    );
    await expect(oauth.requestDeviceCode()).rejects.toMatchObject({ reason: 'invalid_response' });
    const rfc = client(() =>
      Response.json({
        device_code: 'dc',
        user_code: '123',
        verification_uri: 'https://example.test/device',
        interval: 0.1,
      }),
    );
    await expect(rfc.oauth.requestDeviceCode()).resolves.toEqual({
      deviceCode: 'dc',
      userCode: '123',
      verificationUrl: 'https://example.test/device',
      interval: 1,
      expiresAt: 1_000_000 + 300_000,
    });
  });
});

describe('error answers', () => {
  it.each([
    ['invalid_grant', 400, 'E_UNAUTHORIZED'],
    ['bad_verification_code', 400, 'E_UNAUTHORIZED'],
    ['expired_token', 400, 'E_UNAUTHORIZED'],
    ['access_denied', 400, 'E_FORBIDDEN'],
    ['unauthorized_client', 400, 'E_FORBIDDEN'],
    ['invalid_client', 401, 'E_BAD_REQUEST'],
    ['invalid_scope', 400, 'E_BAD_REQUEST'],
    ['invalid_request', 400, 'E_BAD_REQUEST'],
    ['unsupported_grant_type', 400, 'E_BAD_REQUEST'],
    ['unsupported_token_type', 400, 'E_BAD_REQUEST'],
    ['authorization_pending', 400, 'E_UNAVAILABLE'],
    ['slow_down', 400, 'E_UNAVAILABLE'],
    ['something_new', 400, 'E_BAD_REQUEST'],
  ] as const)('%s (%i) → OAuthError %s', async (error, status, code) => {
    const { oauth, logs } = client(() =>
      Response.json(
        // A server that echoes the request back must not get it into our message.
        { error, error_description: `bad code ${CODE} verifier ${VERIFIER} secret ${SECRET}` },
        { status },
      ),
    );
    const failure = await oauth.exchangeCode(exchange).catch((x: unknown) => x);
    expect(failure).toBeInstanceOf(OAuthError);
    expect(failure).toMatchObject({ oauthCode: error, code, status, reason: 'oauth' });
    expectNoSecrets([...errorTexts(failure), logs.text()], [CODE, VERIFIER, SECRET]);
  });

  it('an error name that is not one is replaced', async () => {
    const { oauth } = client(() =>
      Response.json({ error: `Token ${ACCESS} is bad` }, { status: 400 }),
    );
    const failure = await oauth.refresh(REFRESH).catch((x: unknown) => x);
    expect(isOAuthError(failure, 'unknown_error')).toBe(true);
    expectNoSecrets(errorTexts(failure), [ACCESS, REFRESH]);
  });

  it.each([
    [500, 'server', 'E_UNAVAILABLE'],
    [503, 'server', 'E_UNAVAILABLE'],
    [429, 'server', 'E_UNAVAILABLE'],
    [404, 'invalid_response', 'E_UNAVAILABLE'],
    [302, 'invalid_response', 'E_UNAVAILABLE'],
  ] as const)('HTTP %i without an OAuth error → %s', async (status, reason, code) => {
    const { oauth } = client(
      () =>
        new Response(status === 302 ? null : `{"errors":{},"statusCode":${status}}`, { status }),
    );
    await expect(oauth.refresh(REFRESH)).rejects.toMatchObject({ reason, code });
  });
});

describe('no answer', () => {
  it('a network failure → E_OFFLINE; the fetch error text is not kept', async () => {
    const { oauth, logs } = client(() => {
      throw new TypeError(`fetch failed for body code=${CODE}`, {
        cause: Object.assign(new Error(`connect ECONNREFUSED ${SECRET}`), { code: 'ECONNREFUSED' }),
      });
    });
    const failure = await oauth.exchangeCode(exchange).catch((x: unknown) => x);
    expect(failure).toBeInstanceOf(AuthError);
    expect(failure).toMatchObject({ reason: 'network', code: 'E_OFFLINE' });
    expect((failure as Error).cause).toMatchObject({ message: 'ECONNREFUSED' });
    expectNoSecrets([...errorTexts(failure), logs.text()], [CODE, SECRET, VERIFIER]);
  });

  it('a server that never answers → request_timeout (E_OFFLINE) after requestTimeoutMs', async () => {
    const { oauth } = client(
      (s) =>
        new Promise<Response>((_resolve, reject) => {
          s.init.signal?.addEventListener('abort', () => reject(s.init.signal?.reason));
        }),
      { requestTimeoutMs: 30 },
    );
    const t0 = Date.now();
    await expect(oauth.refresh(REFRESH)).rejects.toMatchObject({
      reason: 'request_timeout',
      code: 'E_OFFLINE',
    });
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('the caller cancelling → cancelled, also before the request is sent', async () => {
    const controller = new AbortController();
    const { oauth, sent } = client(
      (s) =>
        new Promise<Response>((_resolve, reject) => {
          s.init.signal?.addEventListener('abort', () => reject(s.init.signal?.reason));
        }),
    );
    const pending = oauth.refresh(REFRESH, controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ reason: 'cancelled' });
    await expect(oauth.refresh(REFRESH, controller.signal)).rejects.toMatchObject({
      reason: 'cancelled',
    });
    expect(sent).toHaveLength(1);
  });
});
