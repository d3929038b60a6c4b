import { describe, it, expect } from 'vitest';
import { REDACTED, isSecretKey, redact, redactText } from '../../../../main/log/redact.ts';

// Realistic-looking but fake credentials.
const OAUTH_TOKEN = 'y0_AgAAAABkZXYtdG9rZW4tMTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1u';
const LEGACY_TOKEN = 'AQAAAAAAbcdEFGhijKLMnopQRStuvWXyz012345';
const IAM_TOKEN =
  't1.9euelZqKzs2Xk5CQnJiQkZKaxpqLl-3rnpWakJuSx8aTkcaLjJuZ7_3rnpWakJuSx8aTkcaLjJuZ.c2lnbmF0dXJl';
const JWT = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLWJ5dGVz';
const REFRESH_TOKEN =
  '1:GN686QVt0mmakDd9:A4pYuW9LGk0_UnlrMIWklkAuJkUWbq27loFekJVmSYrdfzdePBy7:A-2dHOmBxiXgajnD-kYOwQ';
const CODE_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CLIENT_SECRET = 'f3e2d1c0b9a8f3e2d1c0b9a8f3e2d1c0';

/** Serialises as the logger would, so assertions look at the final text. */
function line(value: unknown): string {
  return JSON.stringify(redact(value));
}

describe('redactText', () => {
  it('removes a Yandex OAuth token inside a message', () => {
    const out = redactText(`loaded token ${OAUTH_TOKEN} for QUEUE-123`);
    expect(out).not.toContain(OAUTH_TOKEN);
    expect(out).not.toContain('y0_AgAAAAB');
    expect(out).toBe(`loaded token ${REDACTED} for QUEUE-123`);
  });

  it('removes legacy AQAAAA tokens, refresh tokens, IAM tokens and JWTs', () => {
    const out = redactText(`legacy=${LEGACY_TOKEN} iam ${IAM_TOKEN} id ${JWT} rt ${REFRESH_TOKEN}`);
    expect(out).toBe(`legacy=${REDACTED} iam ${REDACTED} id ${REDACTED} rt ${REDACTED}`);
    expect(out).not.toContain(LEGACY_TOKEN);
    expect(out).not.toContain('t1.9euelZq');
    expect(out).not.toContain('eyJ');
  });

  it('keeps the scheme of Authorization headers and drops the credential', () => {
    expect(redactText(`Authorization: OAuth ${OAUTH_TOKEN}`)).toBe(
      `Authorization: OAuth ${REDACTED}`,
    );
    expect(redactText('authorization: OAuth plainfaketoken')).toBe(
      `authorization: OAuth ${REDACTED}`,
    );
    expect(redactText(`Authorization: Bearer ${IAM_TOKEN}`)).toBe(
      `Authorization: Bearer ${REDACTED}`,
    );
    expect(redactText(`retrying with Bearer ${IAM_TOKEN}`)).toBe(
      `retrying with Bearer ${REDACTED}`,
    );
    expect(redactText('sent OAuth abc123def456')).toBe(`sent OAuth ${REDACTED}`);
  });

  it('leaves prose mentioning OAuth or Bearer readable', () => {
    const text = 'OAuth flow started; Bearer token missing';
    expect(redactText(text)).toBe(text);
  });

  it('redacts the code and state of an OAuth callback URL but keeps the rest', () => {
    const url = 'http://127.0.0.1:53682/callback?code=8765432&state=abc123';
    const out = redactText(`callback received: ${url}`);
    expect(out).not.toContain('8765432');
    expect(out).not.toContain('abc123');
    expect(out).toBe(
      `callback received: http://127.0.0.1:53682/callback?code=${REDACTED}&state=${REDACTED}`,
    );
  });

  it('redacts a token-endpoint form body, keeping non-secret parameters', () => {
    const body =
      `grant_type=authorization_code&code=8765432&code_verifier=${CODE_VERIFIER}` +
      `&client_id=app-client-id&client_secret=${CLIENT_SECRET}`;
    const out = redactText(body);
    for (const secret of ['8765432', CODE_VERIFIER, CLIENT_SECRET]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('grant_type=authorization_code');
    expect(out).toContain('client_id=app-client-id');
    expect(out).toContain(`code_verifier=${REDACTED}`);
  });

  it('redacts device_code, refresh_token, access_token, token and password parameters', () => {
    const out = redactText(
      'device_code=dc-42a&refresh_token=rt-1&access_token=at-1&token=t-1&password=hunter2 done',
    );
    expect(out).toBe(
      `device_code=${REDACTED}&refresh_token=${REDACTED}&access_token=${REDACTED}` +
        `&token=${REDACTED}&password=${REDACTED} done`,
    );
  });

  it('redacts tokens in a JSON response body string', () => {
    const body = JSON.stringify({
      token_type: 'bearer',
      access_token: OAUTH_TOKEN,
      expires_in: 31536000,
      refresh_token: REFRESH_TOKEN,
    });
    const out = redactText(body);
    expect(out).not.toContain(OAUTH_TOKEN);
    expect(out).not.toContain(REFRESH_TOKEN);
    expect(JSON.parse(out)).toEqual({
      token_type: 'bearer',
      access_token: REDACTED,
      expires_in: 31536000,
      refresh_token: REDACTED,
    });
  });

  it('redacts JSON nested as an escaped string inside another JSON string', () => {
    const inner = JSON.stringify({ refresh_token: REFRESH_TOKEN, issue: 'QUEUE-1' });
    const out = redactText(JSON.stringify({ body: inner }));
    expect(out).not.toContain(REFRESH_TOKEN);
    expect(JSON.parse(JSON.parse(out).body)).toEqual({ refresh_token: REDACTED, issue: 'QUEUE-1' });
  });

  it('keeps harmless error codes, statuses and secret-free URLs', () => {
    const text =
      '{"code":"E_BAD_REQUEST","status":401} code=E_UNAUTHORIZED statusCode=401 ' +
      'https://api.tracker.yandex.net/v3/issues/QUEUE-123?expand=transitions&perPage=50';
    expect(redactText(text)).toBe(text);
  });

  it('redacts passwords in URL userinfo and cookie headers', () => {
    const out = redactText('proxy https://user:pa55w0rd@proxy.local:3128/ Cookie: Session_id=3:1');
    expect(out).not.toContain('pa55w0rd');
    expect(out).not.toContain('Session_id=3:1');
    expect(out).toContain('proxy.local:3128');
  });

  it('truncates very long strings with a marker, after redacting', () => {
    const long = `${'x'.repeat(9_990)} ${OAUTH_TOKEN} ${'y'.repeat(20_000)}`;
    const out = redactText(long);
    expect(out.length).toBeLessThan(10_100);
    expect(out).toMatch(/…\[truncated \d+ chars\]$/);
    expect(out).not.toContain('y0_AgAAAAB');
  });

  it('stays fast on pathological input', () => {
    const inputs = ['a:"'.repeat(20_000), 'eyJ'.repeat(20_000), 'http://'.repeat(9_000)];
    const started = performance.now();
    for (const input of inputs) redactText(input);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('isSecretKey', () => {
  it('matches secret names regardless of case, dashes and underscores', () => {
    for (const key of [
      'token',
      'accessToken',
      'refresh_token',
      'ID-Token',
      'iamToken',
      'device_code',
      'code',
      'codeVerifier',
      'client_secret',
      'password',
      'Authorization',
      'Set-Cookie',
      'x-api-key',
      'privateKey',
      'state',
      'nonce',
    ]) {
      expect(isSecretKey(key), key).toBe(true);
    }
  });

  it('does not match harmless names that merely contain a secret word', () => {
    for (const key of ['statusCode', 'errorCode', 'syncState', 'tokenType', 'key', 'summary']) {
      expect(isSecretKey(key), key).toBe(false);
    }
  });
});

describe('redact', () => {
  it('redacts an Authorization header object', () => {
    const out = line({
      headers: { Authorization: `OAuth ${OAUTH_TOKEN}`, 'X-Org-ID': '12345' },
    });
    expect(out).not.toContain(OAUTH_TOKEN);
    expect(JSON.parse(out)).toEqual({
      headers: { Authorization: REDACTED, 'X-Org-ID': '12345' },
    });
  });

  it('redacts secrets in nested objects and arrays', () => {
    const value = {
      issue: 'QUEUE-123',
      status: 401,
      attempts: [
        { url: 'https://oauth.yandex.ru/token', tokens: { accessToken: OAUTH_TOKEN } },
        { headerPairs: [['authorization', `Bearer ${IAM_TOKEN}`]] },
        `msg with ${JWT}`,
      ],
      auth: { refresh_token: REFRESH_TOKEN, device_code: 'dc', state: 's', nonce: 'n' },
    };
    const out = line(value);
    for (const secret of [OAUTH_TOKEN, IAM_TOKEN, JWT, REFRESH_TOKEN]) {
      expect(out).not.toContain(secret);
    }
    const parsed = JSON.parse(out);
    expect(parsed.issue).toBe('QUEUE-123');
    expect(parsed.status).toBe(401);
    expect(parsed.attempts[0].url).toBe('https://oauth.yandex.ru/token');
    expect(parsed.auth).toEqual({
      refresh_token: REDACTED,
      device_code: REDACTED,
      state: REDACTED,
      nonce: REDACTED,
    });
  });

  it('keeps error-like codes and redacts authorization codes under the `code` key', () => {
    expect(redact({ code: 'E_BAD_REQUEST' })).toEqual({ code: 'E_BAD_REQUEST' });
    expect(redact({ code: 'ENOENT' })).toEqual({ code: 'ENOENT' });
    expect(redact({ code: 404 })).toEqual({ code: 404 });
    expect(redact({ code: 'invalid_grant' })).toEqual({ code: 'invalid_grant' });
    expect(redact({ code: '8765432' })).toEqual({ code: REDACTED });
    expect(redact({ code: 'aBc-123' })).toEqual({ code: REDACTED });
  });

  it('keeps null, undefined and booleans under secret keys (their absence is useful)', () => {
    expect(redact({ token: null, hasToken: true, password: undefined })).toEqual({
      token: null,
      hasToken: true,
      password: undefined,
    });
  });

  it('turns an Error into a redacted plain object, including code and cause', () => {
    const cause = Object.assign(new Error(`refresh failed for ${REFRESH_TOKEN}`), {
      code: 'E_UNAUTHORIZED',
    });
    const error = Object.assign(new Error(`request with OAuth ${OAUTH_TOKEN} failed`, { cause }), {
      code: 'E_INTERNAL',
    });
    const out = redact({ error }) as { error: Record<string, unknown> };
    const text = JSON.stringify(out);
    expect(text).not.toContain(OAUTH_TOKEN);
    expect(text).not.toContain(REFRESH_TOKEN);
    expect(out.error.name).toBe('Error');
    expect(out.error.message).toBe(`request with OAuth ${REDACTED} failed`);
    expect(out.error.code).toBe('E_INTERNAL');
    expect(out.error.stack).toEqual(expect.stringContaining(REDACTED));
    expect(out.error.cause).toMatchObject({ name: 'Error', code: 'E_UNAUTHORIZED' });
  });

  it('survives cycles and deep nesting', () => {
    const node: Record<string, unknown> = { issue: 'QUEUE-7', token: OAUTH_TOKEN };
    node.self = node;
    node.list = [node];
    let deep: Record<string, unknown> = { leaf: 'bottom' };
    for (let i = 0; i < 20; i++) deep = { next: deep };
    const out = line({ node, deep });
    expect(out).not.toContain(OAUTH_TOKEN);
    const parsed = JSON.parse(out);
    expect(parsed.node.self).toBe('[Circular]');
    expect(parsed.node.list).toEqual(['[Circular]']);
    expect(out).toContain('[MaxDepth]');
    expect(out).not.toContain('bottom');
  });

  it('renders shared (non-cyclic) references in full each time', () => {
    const shared = { key: 'QUEUE-1' };
    expect(redact({ a: shared, b: shared })).toEqual({ a: shared, b: shared });
  });

  it('makes awkward values JSON-safe', () => {
    const out = redact({
      big: 10n,
      when: new Date(0),
      url: new URL('http://127.0.0.1:53682/callback?code=8765432&state=abc123'),
      bytes: new Uint8Array(4),
      map: new Map([['accessToken', OAUTH_TOKEN]]),
      set: new Set(['QUEUE-1']),
      fn: function helper() {},
      get broken(): string {
        throw new Error('getter');
      },
    });
    expect(out).toEqual({
      big: '10n',
      when: '1970-01-01T00:00:00.000Z',
      url: `http://127.0.0.1:53682/callback?code=${REDACTED}&state=${REDACTED}`,
      bytes: '[Uint8Array 4 bytes]',
      map: { accessToken: REDACTED },
      set: ['QUEUE-1'],
      fn: '[Function helper]',
      broken: '[Unreadable]',
    });
    expect(() => JSON.stringify(out)).not.toThrow();
  });
});
