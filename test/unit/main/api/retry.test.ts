import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY,
  RateLimitedError,
  ServerError,
  VersionConflictError,
} from '../../../../main/api/index.ts';
import { backoffDelay, parseRetryAfter } from '../../../../main/api/retry.ts';
import { type FakeClock, json, makeClient, text } from './helpers.ts';

const ISSUE = { id: 'abc', key: 'A-1', summary: 'x' };

describe('parseRetryAfter', () => {
  const now = Date.UTC(2024, 0, 2, 3, 4, 5);

  it('reads delta seconds and HTTP-dates relative to the clock', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Tue, 02 Jan 2024 03:04:17 GMT', now)).toBe(12_000);
    expect(parseRetryAfter('Tue, 02 Jan 2024 03:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    for (const bad of [null, undefined, '', '-1', '1.5', 'soon', '2024-01-02T03:04:17Z']) {
      expect(parseRetryAfter(bad, now)).toBeUndefined();
    }
  });
});

describe('backoffDelay', () => {
  it('is full jitter under a doubling ceiling capped at maxDelayMs', () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 500, maxDelayMs: 3000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 0.999999))).toEqual([
      499, 999, 1999, 2999, 2999,
    ]);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(500);
  });
});

describe('retries with a fake clock', () => {
  it('honours Retry-After in seconds on 429', async () => {
    const { client, calls, clock } = makeClient((_c, i) =>
      i === 0 ? text('', 429, { 'retry-after': '7' }) : json(ISSUE),
    );
    await expect(client.issues.get('A-1')).resolves.toMatchObject({ key: 'A-1' });
    expect(calls).toHaveLength(2);
    expect(clock.sleeps).toEqual([7000]);
  });

  it('honours Retry-After as an HTTP-date', async () => {
    const { client, clock } = makeClient((_c, i) =>
      i === 0
        ? text('', 429, { 'retry-after': new Date(Date.UTC(2024, 0, 2, 3, 4, 17)).toUTCString() })
        : json(ISSUE),
    );
    await client.issues.get('A-1');
    expect(clock.sleeps).toEqual([12_000]);
  });

  it('caps a long Retry-After at maxDelayMs', async () => {
    const { client, clock } = makeClient(
      (_c, i) => (i === 0 ? text('', 503, { 'retry-after': '45' }) : json(ISSUE)),
      { retry: { maxDelayMs: 30_000 } },
    );
    await client.issues.get('A-1');
    expect(clock.sleeps).toEqual([30_000]);
  });

  it('gives up at once with retryAfterMs when Retry-After exceeds the total budget', async () => {
    const { client, calls, clock } = makeClient(() => text('', 429, { 'retry-after': '600' }));
    const error = await client.issues.get('A-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ retryAfterMs: 600_000, status: 429, attempts: 1 });
    expect(calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('backs off exponentially with jitter, bounded by maxDelayMs and attempts', async () => {
    const { client, calls, clock } = makeClient(() => text('', 500), {
      random: () => 0.999999,
      retry: { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 1500 },
    });
    const error = await client.issues.get('A-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ attempts: 5 });
    expect(calls).toHaveLength(5);
    expect(clock.sleeps).toEqual([499, 999, 1499, 1499]);
  });

  it('uses the injected randomness for the jitter', async () => {
    const { client, clock } = makeClient(() => text('', 502), {
      random: () => 0.25,
      retry: { maxAttempts: 4, baseDelayMs: 1000 },
    });
    await client.issues.get('A-1').catch(() => undefined);
    expect(clock.sleeps).toEqual([250, 500, 1000]);
  });

  it('stops when the next wait would exceed the total budget', async () => {
    const { client, calls, clock } = makeClient(() => text('', 504), {
      random: () => 0.999999,
      retry: { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 100_000, maxTotalMs: 5000 },
    });
    await expect(client.issues.get('A-1')).rejects.toBeInstanceOf(ServerError);
    // 999 + 1999 = 2998 spent; the next wait (3999) would overrun 5000.
    expect(clock.sleeps).toEqual([999, 1999]);
    expect(calls).toHaveLength(3);
  });

  it('counts time spent in attempts against the budget', async () => {
    const holder: { clock?: FakeClock } = {};
    const { client, calls, clock } = makeClient(
      () => {
        // Each attempt takes 10 s of (fake) time.
        holder.clock?.advance(10_000);
        return text('', 503);
      },
      { retry: { maxTotalMs: 25_000 }, random: () => 0.5 },
    );
    holder.clock = clock;
    await expect(client.issues.get('A-1')).rejects.toBeInstanceOf(ServerError);
    expect(calls).toHaveLength(3);
  });

  it.each([400, 401, 403, 404, 409, 412, 422])('does not retry %i', async (status) => {
    const { client, calls, clock } = makeClient(() => json({ errorMessages: ['no'] }, status));
    await expect(client.issues.get('A-1')).rejects.toMatchObject({ status });
    expect(calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('does not retry PATCH, comment POST or DELETE on 5xx', async () => {
    const { client, calls } = makeClient(() => text('', 503));
    await expect(
      client.issues.update('A-1', { summary: 'x' }, { version: 3 }),
    ).rejects.toBeInstanceOf(ServerError);
    await expect(client.comments.create('A-1', { text: 'x' })).rejects.toBeInstanceOf(ServerError);
    await expect(client.comments.delete('A-1', 5)).rejects.toBeInstanceOf(ServerError);
    await expect(client.transitions.execute('A-1', 'close')).rejects.toBeInstanceOf(ServerError);
    expect(calls.map((c) => c.method)).toEqual(['PATCH', 'POST', 'DELETE', 'POST']);
    expect(calls[0]?.url.search).toBe('?version=3');
  });

  it('does not retry unsafe requests on network errors either', async () => {
    const { client, calls } = makeClient(() => Promise.reject(new TypeError('fetch failed')));
    await expect(
      client.worklog.create('A-1', { start: 0, duration: 'PT1H' }),
    ).rejects.toMatchObject({
      kind: 'network',
    });
    expect(calls).toHaveLength(1);
  });

  it('retries the safe POSTs: _search, _count and scroll _clear', async () => {
    const { client, calls } = makeClient((call, i) => {
      if (i % 2 === 0) return text('', 503);
      if (call.url.pathname.endsWith('_count')) return json(3);
      if (call.url.pathname.endsWith('_clear')) return text('', 200);
      return json([ISSUE]);
    });
    await client.issues.search({ query: 'x' }).toArray();
    await client.issues.count({ query: 'x' });
    await client.issues.releaseScroll({ s1: 't1' });
    expect(calls.map((c) => c.url.pathname)).toEqual([
      '/v3/issues/_search',
      '/v3/issues/_search',
      '/v3/issues/_count',
      '/v3/issues/_count',
      '/v3/system/search/scroll/_clear',
      '/v3/system/search/scroll/_clear',
    ]);
    expect(calls[1]?.json).toEqual({ query: 'x' });
  });
});

describe('create with an idempotency key', () => {
  it('retries after a 503, and recovers the issue via _findByUnique on the 409', async () => {
    const { client, calls, sink } = makeClient((call, i) => {
      if (call.url.pathname.endsWith('_findByUnique')) return json(ISSUE);
      return i === 0 ? text('Service Unavailable', 503) : json({ errorMessages: ['dup'] }, 409);
    });
    const result = await client.issues.create({ queue: 'A', summary: 'x' });
    expect(result.recovered).toBe(true);
    expect(result.issue.key).toBe('A-1');
    expect(result.unique).toMatch(/^[0-9a-f]{32}$/);
    expect(calls.map((c) => `${c.method} ${c.url.pathname}`)).toEqual([
      'POST /v3/issues/',
      'POST /v3/issues/',
      'POST /v3/issues/_findByUnique',
    ]);
    expect(calls[0]?.json).toEqual({ queue: 'A', summary: 'x', unique: result.unique });
    expect(calls[1]?.json).toEqual(calls[0]?.json);
    expect(calls[2]?.url.searchParams.get('unique')).toBe(result.unique);
    expect(sink.records().some((r) => r.msg === 'tracker issue create recovered')).toBe(true);
  });

  it('uses the caller’s unique and reports a fresh create as not recovered', async () => {
    const { client, calls } = makeClient(() => json(ISSUE, 201));
    const result = await client.issues.create({ queue: 'A', summary: 'x' }, { unique: 'my-key-1' });
    expect(result).toMatchObject({ unique: 'my-key-1', recovered: false, issue: { key: 'A-1' } });
    expect((calls[0]?.json as { unique: string }).unique).toBe('my-key-1');
  });

  it('generates a distinct key per create', async () => {
    const { client } = makeClient(() => json(ISSUE, 201));
    const a = await client.issues.create({ queue: 'A', summary: 'x' });
    const b = await client.issues.create({ queue: 'A', summary: 'x' });
    expect(a.unique).not.toBe(b.unique);
  });

  it('a 409 with nothing to recover stays a VersionConflict', async () => {
    const { client } = makeClient((call) =>
      call.url.pathname.endsWith('_findByUnique') ? text('', 404) : json({}, 409),
    );
    await expect(client.issues.create({ queue: 'A', summary: 'x' })).rejects.toBeInstanceOf(
      VersionConflictError,
    );
  });
});
