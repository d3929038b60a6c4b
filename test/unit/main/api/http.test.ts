import { describe, expect, it } from 'vitest';
import {
  AbortedError,
  ForbiddenError,
  InvalidResponseError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  TrackerApiError,
  UnauthorizedError,
  ValidationError,
  VersionConflictError,
} from '../../../../main/api/index.ts';
import { IAM_TOKEN, OAUTH_TOKEN, json, makeClient, never, text } from './helpers.ts';

const ME = { uid: 1, login: 'jdoe', display: 'J' };

describe('request headers', () => {
  it('sends OAuth, X-Org-ID, Accept-Language, User-Agent and no Content-Type on GET', async () => {
    const { client, calls } = makeClient(() => json(ME), {
      language: () => 'en',
      userAgent: 'TrackerDesktop/1.2.3',
    });
    await client.myself();
    const h = calls[0]?.headers;
    expect(calls[0]?.url.href).toBe('https://tracker.test/v3/myself');
    expect(h?.get('authorization')).toBe(`OAuth ${OAUTH_TOKEN}`);
    expect(h?.get('x-org-id')).toBe('4242');
    expect(h?.has('x-cloud-org-id')).toBe(false);
    expect(h?.get('accept-language')).toBe('en');
    expect(h?.get('user-agent')).toBe('TrackerDesktop/1.2.3');
    expect(h?.has('content-type')).toBe(false);
    expect(calls[0]?.redirect).toBe('error');
  });

  it('sends Bearer for IAM tokens and X-Cloud-Org-ID (only) for Cloud orgs', async () => {
    const { client, calls } = makeClient(() => json(ME), {
      credentials: async () => ({ kind: 'iam', token: IAM_TOKEN }),
      org: { kind: 'cloud', id: 'bpf3crucp1v2l5b4rlnk' },
      apiVersion: 'v2',
    });
    await client.myself();
    const h = calls[0]?.headers;
    expect(calls[0]?.url.pathname).toBe('/v2/myself');
    expect(h?.get('authorization')).toBe(`Bearer ${IAM_TOKEN}`);
    expect(h?.get('x-cloud-org-id')).toBe('bpf3crucp1v2l5b4rlnk');
    expect(h?.has('x-org-id')).toBe(false);
    expect(h?.has('accept-language')).toBe(false);
  });

  it('sends Content-Type: application/json with JSON bodies, and follows the UI language', async () => {
    let language: 'ru' | 'en' = 'ru';
    const { client, calls } = makeClient(() => json([]), { language: () => language });
    await client.issues.search({ query: 'Assignee: me()' }).first();
    language = 'en';
    await client.issues.search({ query: 'Assignee: me()' }).first();
    expect(calls[0]?.headers.get('content-type')).toBe('application/json');
    expect(calls[0]?.json).toEqual({ query: 'Assignee: me()' });
    expect(calls[0]?.headers.get('accept-language')).toBe('ru');
    expect(calls[1]?.headers.get('accept-language')).toBe('en');
  });

  it('reads credentials per request so a refreshed token is used', async () => {
    let token = 'y0_first-token-aaaaaaaaaaaaaaaaaaaaaaaa';
    const { client, calls } = makeClient(() => json(ME), {
      credentials: async () => ({ kind: 'oauth', token }),
    });
    await client.myself();
    token = 'y0_second-token-bbbbbbbbbbbbbbbbbbbbbbb';
    await client.myself();
    expect(calls.map((c) => c.headers.get('authorization'))).toEqual([
      'OAuth y0_first-token-aaaaaaaaaaaaaaaaaaaaaaaa',
      'OAuth y0_second-token-bbbbbbbbbbbbbbbbbbbbbbb',
    ]);
  });

  it('fails as Unauthorized without a request when no usable credential exists', async () => {
    const missing = makeClient(() => json(ME), {
      credentials: async () => {
        throw new Error('signed out');
      },
    });
    await expect(missing.client.myself()).rejects.toBeInstanceOf(UnauthorizedError);
    expect(missing.calls).toHaveLength(0);
    const malformed = makeClient(() => json(ME), {
      credentials: async () => ({ kind: 'oauth', token: 'abc\r\nX-Evil: 1' }),
    });
    const error = await malformed.client.myself().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(String(error)).not.toContain('abc');
    expect(malformed.calls).toHaveLength(0);
  });

  it('rejects bad options up front', () => {
    expect(() => makeClient(() => json(ME), { org: { kind: '360', id: '' } })).toThrow(TypeError);
    expect(() => makeClient(() => json(ME), { baseUrl: 'ftp://x' })).toThrow(TypeError);
  });
});

describe('the configured base is the only host', () => {
  it('follows self URLs by path and query only, keeping a proxy prefix', async () => {
    const { client, calls } = makeClient(() => json({ ok: true }), {
      baseUrl: 'http://127.0.0.1:8080/tracker/',
    });
    await client.follow('https://evil.example/v3/issues/A-1?expand=transitions');
    await client.follow('//evil.example/v3/queues/TEST');
    await client.follow('https://api.tracker.yandex.net/some/prefix/v3/users/1');
    expect(calls.map((c) => c.url.href)).toEqual([
      'http://127.0.0.1:8080/tracker/v3/issues/A-1?expand=transitions',
      'http://127.0.0.1:8080/tracker/v3/queues/TEST',
      'http://127.0.0.1:8080/tracker/v3/users/1',
    ]);
  });

  it('encodes path segments and refuses dot segments', async () => {
    const { client, calls } = makeClient(() => json({ key: 'A/1' }));
    await client.issues.get('A/1?x');
    expect(calls[0]?.url.pathname).toBe('/v3/issues/A%2F1%3Fx');
    await expect(client.issues.get('..')).rejects.toThrow(TypeError);
  });
});

describe('status → typed error', () => {
  const body = (status: number) =>
    json(
      { errors: { summary: 'Field is required' }, errorMessages: ['Nope.'], statusCode: status },
      status,
    );

  it.each([
    [401, UnauthorizedError, 'unauthorized'],
    [403, ForbiddenError, 'forbidden'],
    [404, NotFoundError, 'not_found'],
    [409, VersionConflictError, 'version_conflict'],
    [412, VersionConflictError, 'version_conflict'],
    [400, ValidationError, 'validation'],
    [422, ValidationError, 'validation'],
    [428, ValidationError, 'validation'],
    [413, TrackerApiError, 'http'],
  ] as const)('%i → %o', async (status, type, kind) => {
    const { client, calls } = makeClient(() => body(status));
    const error = await client.issues.get('A-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({
      status,
      kind,
      method: 'GET',
      path: '/v3/issues/A-1',
      errors: { summary: 'Field is required' },
      errorMessages: ['Nope.'],
    });
    expect(calls).toHaveLength(1);
  });

  it('5xx → ServerError and 429 → RateLimited once retries run out', async () => {
    const server = makeClient(() => body(503), { retry: { maxAttempts: 2 } });
    const serverError = await server.client.issues.get('A-1').catch((e: unknown) => e);
    expect(serverError).toBeInstanceOf(ServerError);
    expect(serverError).toMatchObject({
      kind: 'server',
      status: 503,
      attempts: 2,
    });
    const limited = makeClient(() => body(429), { retry: { maxAttempts: 2 } });
    const error = await limited.client.issues.get('A-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toBeInstanceOf(TrackerApiError);
  });

  it.each([
    ['HTML', '<html><body><h1>502 Bad Gateway</h1></body></html>', []],
    ['empty', '', []],
    ['truncated JSON', '{"errors":{"summary":"Fi', ['{"errors":{"summary":"Fi']],
    ['plain text', 'upstream connect error', ['upstream connect error']],
    ['a JSON string', '"just a string"', ['just a string']],
    ['a JSON array', '[1,2]', []],
  ])('parses a %s error body defensively', async (_name, raw, messages) => {
    const { client } = makeClient(() => text(raw, 404));
    const error = await client.issues.get('A-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ errors: {}, errorMessages: messages });
  });

  it('keeps what is usable from error bodies with wrong types', async () => {
    const { client } = makeClient(() =>
      json(
        {
          errors: { summary: ['too', 'short'], priority: 5, queue: { no: 1 } },
          errorMessages: 'single message',
          statusCode: 'x',
        },
        422,
      ),
    );
    const error = await client.issues.get('A-1').catch((e: unknown) => e);
    expect(error).toMatchObject({
      errors: { summary: 'too; short', priority: '5' },
      errorMessages: ['single message'],
    });
  });

  it('a 403 on the identity check hints at the other organization kind', async () => {
    const cloud = makeClient(() => text('', 403), { org: { kind: 'cloud', id: 'c1' } });
    const fromCloud = await cloud.client.myself().catch((e: unknown) => e);
    expect((fromCloud as ForbiddenError).hint).toMatch(/Yandex 360 organization/);
    const org360 = makeClient(() => json({ errorMessages: ['Organization not found'] }, 403));
    const fromIssue = await org360.client.issues.get('A-1').catch((e: unknown) => e);
    expect((fromIssue as ForbiddenError).hint).toMatch(/Yandex Cloud organization/);
    const plain = makeClient(() => json({ errorMessages: ['No access to queue'] }, 403));
    const noHint = await plain.client.issues.get('A-1').catch((e: unknown) => e);
    expect((noHint as ForbiddenError).hint).toBeUndefined();
  });
});

describe('invalid 2xx bodies', () => {
  it('a truncated JSON body is InvalidResponse, retried once for safe requests', async () => {
    const { client, calls } = makeClient(() => text('[{"id":"1","key":"A-1","summ', 200));
    const error = await client.issues.get('A-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(calls).toHaveLength(2);
  });

  it('a truncated body once, then a good one, succeeds', async () => {
    const { client, calls } = makeClient((_c, i) =>
      i === 0 ? text('{"key":"A-', 200) : json({ key: 'A-1' }),
    );
    await expect(client.issues.get('A-1')).resolves.toMatchObject({ key: 'A-1' });
    expect(calls).toHaveLength(2);
  });

  it('an unsafe request with a bad body is not repeated', async () => {
    const { client, calls } = makeClient(() => text('<html>', 201));
    await expect(client.comments.create('A-1', { text: 'hi' })).rejects.toBeInstanceOf(
      InvalidResponseError,
    );
    expect(calls).toHaveLength(1);
  });

  it('a wrong top-level shape is InvalidResponse (not retried)', async () => {
    const { client, calls } = makeClient(() => json({ not: 'a list' }));
    await expect(client.dictionaries.statuses()).rejects.toBeInstanceOf(InvalidResponseError);
    await expect(client.issues.search({ queue: 'A' }).toArray()).rejects.toBeInstanceOf(
      InvalidResponseError,
    );
    await expect(client.issues.count({ query: 'x' })).rejects.toBeInstanceOf(InvalidResponseError);
    const single = makeClient(() => json([1, 2]));
    await expect(single.client.issues.get('A-1')).rejects.toBeInstanceOf(InvalidResponseError);
    expect(calls).toHaveLength(3);
  });
});

describe('timeouts and cancellation', () => {
  it('a hung request times out as Network(timedOut) after its attempts', async () => {
    const { client, calls } = makeClient(() => never(), {
      timeoutMs: 20,
      retry: { maxAttempts: 2 },
    });
    const error = await client.issues.get('A-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ timedOut: true, status: 0, attempts: 2 });
    expect(calls).toHaveLength(2);
    expect(calls[0]?.signal?.aborted).toBe(true);
  });

  it('a connection failure is Network (not timed out) and retried', async () => {
    const failure = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    });
    const { client, calls, clock } = makeClient(() => Promise.reject(failure), {
      retry: { maxAttempts: 3 },
    });
    const error = await client.issues.get('A-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ timedOut: false });
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect(calls).toHaveLength(3);
    expect(clock.sleeps).toHaveLength(2);
  });

  it("the caller's abort gives Aborted at once, with no further attempts", async () => {
    const controller = new AbortController();
    const { client, calls } = makeClient(() => {
      setTimeout(() => controller.abort(), 5);
      return never();
    });
    const error = await client.issues
      .get('A-1', { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect(calls).toHaveLength(1);
  });

  it('an abort during the retry wait stops the retries', async () => {
    const controller = new AbortController();
    const { client, calls } = makeClient(() => text('', 503), {
      clock: {
        now: () => 0,
        sleep: (_ms, signal) =>
          new Promise((_resolve, reject) => {
            signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
            controller.abort();
          }),
      },
    });
    const error = await client.issues
      .get('A-1', { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect(calls).toHaveLength(1);
  });

  it('an already aborted signal sends nothing', async () => {
    const { client, calls } = makeClient(() => json(ME));
    await expect(client.myself({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      AbortedError,
    );
    expect(calls).toHaveLength(0);
  });
});

describe('logging', () => {
  it('writes one debug line per attempt and a warning per retry', async () => {
    const { client, sink } = makeClient((_c, i) => (i === 0 ? text('', 502) : json(ME)));
    await client.myself();
    const records = sink.records();
    expect(records.filter((r) => r.msg === 'tracker request')).toMatchObject([
      { level: 'debug', method: 'GET', path: '/v3/myself', status: 502, attempt: 1, scope: 'api' },
      { level: 'debug', method: 'GET', path: '/v3/myself', status: 200, attempt: 2 },
    ]);
    expect(records.filter((r) => r.level === 'warn')).toMatchObject([
      { msg: 'tracker request retry', reason: 'status 502', attempt: 1, delayMs: 250 },
    ]);
  });

  it('masks query values that are not known to be harmless', async () => {
    const { client, sink } = makeClient(() => json({ ok: 1 }));
    await client.follow('/v3/issues/_search?scrollId=abc&scrollToken=def&page=2');
    const line = sink.records().find((r) => r.msg === 'tracker request');
    // The logger itself also redacts `scrollToken=…`; either way no value survives.
    expect(line?.path).toMatch(/^\/v3\/issues\/_search\?scrollId=\*&scrollToken=[^&]+&page=2$/);
    expect(JSON.stringify(line)).not.toMatch(/abc|def/);
  });
});
