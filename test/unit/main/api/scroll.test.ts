import { describe, expect, it } from 'vitest';
import { AbortedError, NotFoundError } from '../../../../main/api/index.ts';
import { type Call, issueJson, json, makeClient, never, text } from './helpers.ts';

/** A fake scroll server over `total` generated issues; ends by omitting X-Scroll-Id. */
function scrollServer(
  total: number,
  hooks: { onPage?: (call: Call, page: number) => Response | undefined } = {},
) {
  const scrolls = new Map<string, number>();
  let created = 0;
  let pageNo = 0;
  const handler = (call: Call): Response | Promise<Response> => {
    if (call.url.pathname === '/v3/system/search/scroll/_clear') return text('', 200);
    if (call.url.pathname === '/v3/issues/_count') return json(total);
    const hooked = hooks.onPage?.(call, pageNo++);
    if (hooked) return hooked;
    let id = call.url.searchParams.get('scrollId');
    const size = Number(call.url.searchParams.get('perScroll') ?? '0');
    if (id === null) {
      id = `scroll-${++created}`;
      scrolls.set(id, 0);
      scrolls.set(`${id}:size`, size);
    }
    const from = scrolls.get(id) ?? 0;
    const perScroll = scrolls.get(`${id}:size`) ?? 100;
    const to = Math.min(total, from + perScroll);
    scrolls.set(id, to);
    const items = [];
    for (let n = from; n < to; n++) items.push(issueJson(n));
    const headers: Record<string, string> = { 'x-total-count': String(total) };
    if (to < total) {
      headers['x-scroll-id'] = id;
      headers['x-scroll-token'] = `token-of-${id}`;
      headers.link = `<https://api.tracker.yandex.net/v3/issues/_search?scrollId=${id}&scrollToken=t>; rel="next"`;
    }
    return json(items, 200, headers);
  };
  return { handler };
}

const clears = (calls: Call[]) => calls.filter((c) => c.url.pathname.endsWith('/_clear'));

describe('searchScroll', () => {
  it('reads more than 10,000 issues to the end and does not release a finished scroll', async () => {
    const { handler } = scrollServer(10_500);
    const { client, calls } = makeClient(handler);
    const body = { query: 'Queue: TEST "Sort by": Updated ASC' };
    let count = 0;
    let pages = 0;
    let totalCount: number | undefined;
    for await (const page of client.issues.searchScroll(body, {
      perScroll: 1000,
      ttlMs: 30_000,
      type: 'unsorted',
    })) {
      pages++;
      count += page.items.length;
      totalCount = page.totalCount;
    }
    expect(count).toBe(10_500);
    expect(pages).toBe(11);
    expect(totalCount).toBe(10_500);
    const searches = calls.filter((c) => c.url.pathname === '/v3/issues/_search');
    expect(Object.fromEntries(searches[0]?.url.searchParams ?? [])).toEqual({
      scrollType: 'unsorted',
      perScroll: '1000',
      scrollTTLMillis: '30000',
    });
    expect(Object.fromEntries(searches[1]?.url.searchParams ?? [])).toEqual({
      scrollId: 'scroll-1',
      scrollTTLMillis: '30000',
    });
    expect(searches.every((c) => JSON.stringify(c.json) === JSON.stringify(body))).toBe(true);
    expect(searches.every((c) => c.method === 'POST')).toBe(true);
    expect(clears(calls)).toHaveLength(0);
  });

  it('releases the scroll when the loop breaks early', async () => {
    const { handler } = scrollServer(5000);
    const { client, calls } = makeClient(handler);
    let seen = 0;
    for await (const page of client.issues.searchScroll(
      { filter: { queue: 'TEST' } },
      { perScroll: 1000 },
    )) {
      seen += page.items.length;
      if (seen >= 2000) break;
    }
    const [clear] = clears(calls);
    expect(clear?.method).toBe('POST');
    expect(clear?.json).toEqual({ 'scroll-1': 'token-of-scroll-1' });
    expect(calls.filter((c) => c.url.pathname === '/v3/issues/_search')).toHaveLength(2);
  });

  it('releases the scroll when items() is abandoned through toArray(limit)', async () => {
    const { handler } = scrollServer(5000);
    const { client, calls } = makeClient(handler);
    const first = await client.issues.searchScroll({ query: 'x' }, { perScroll: 100 }).toArray(150);
    expect(first).toHaveLength(150);
    expect(clears(calls)).toHaveLength(1);
  });

  it('releases the scroll on abort and surfaces Aborted', async () => {
    const controller = new AbortController();
    const { handler } = scrollServer(5000);
    const { client, calls } = makeClient((call) => {
      if (!call.url.searchParams.has('scrollId')) return handler(call);
      // The second page hangs until the caller gives up.
      setTimeout(() => controller.abort(), 1);
      return never();
    });
    const pages: number[] = [];
    const error = await (async () => {
      for await (const page of client.issues.searchScroll(
        { query: 'x' },
        { perScroll: 1000, signal: controller.signal },
      )) {
        pages.push(page.items.length);
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect(pages).toEqual([1000]);
    const [clear] = clears(calls);
    expect(clear?.json).toEqual({ 'scroll-1': 'token-of-scroll-1' });
    expect(clear?.signal?.aborted).toBe(false);
  });

  it('releases the scroll when a continuation fails, and keeps the original error', async () => {
    const { handler } = scrollServer(5000, {
      onPage: (_call, page) =>
        page === 1 ? json({ errorMessages: ['Scroll expired'] }, 404) : undefined,
    });
    const { client, calls } = makeClient(handler);
    const error = await client.issues
      .searchScroll({ query: 'x' }, { perScroll: 1000 })
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(clears(calls)).toHaveLength(1);
  });

  it('a failing release is logged, not thrown', async () => {
    const { handler } = scrollServer(5000);
    const { client, sink } = makeClient((call) =>
      call.url.pathname.endsWith('/_clear') ? text('', 500) : handler(call),
    );
    await expect(client.issues.searchScroll({ query: 'x' }).first()).resolves.toBeDefined();
    expect(sink.records().some((r) => r.msg === 'tracker scroll release failed')).toBe(true);
  });

  it('an empty result yields one empty page and needs no release', async () => {
    const { client, calls } = makeClient(() => json([], 200, { 'x-total-count': '0' }));
    const pages = [];
    for await (const page of client.issues.searchScroll({ query: 'x' })) pages.push(page);
    expect(pages).toEqual([{ items: [], index: 0, totalCount: 0, scrollId: undefined }]);
    expect(calls).toHaveLength(1);
  });

  it('clamps perScroll to the service maximum of 1000 and defaults to 100', async () => {
    const { client, calls } = makeClient(() => json([]));
    await client.issues.searchScroll({ query: 'x' }, { perScroll: 5000 }).first();
    await client.issues.searchScroll({ query: 'x' }).first();
    expect(calls.map((c) => c.url.searchParams.get('perScroll'))).toEqual(['1000', '100']);
    expect(calls[1]?.url.searchParams.get('scrollType')).toBe('sorted');
    expect(calls[1]?.url.searchParams.get('scrollTTLMillis')).toBe('60000');
  });
});

describe('searchAll', () => {
  it('pages when the count is at or under the threshold', async () => {
    const { client, calls } = makeClient((call) => {
      if (call.url.pathname.endsWith('_count')) return json(150);
      const page = Number(call.url.searchParams.get('page') ?? '1');
      const items = Array.from({ length: page === 1 ? 100 : 50 }, (_, i) =>
        issueJson((page - 1) * 100 + i),
      );
      return json(items, 200, { 'x-total-count': '150', 'x-total-pages': '2' });
    });
    const issues = await client.issues.searchAll({ query: 'x' }).toArray();
    expect(issues).toHaveLength(150);
    expect(calls.map((c) => c.url.pathname + c.url.search)).toEqual([
      '/v3/issues/_count',
      '/v3/issues/_search?perPage=100',
      '/v3/issues/_search?perPage=100&page=2',
    ]);
    expect(calls[0]?.json).toEqual({ query: 'x' });
  });

  it('scrolls when the count is above the threshold (default 10,000)', async () => {
    const { handler } = scrollServer(12_345);
    const { client, calls } = makeClient(handler);
    const issues = await client.issues.searchAll({ filter: { queue: 'TEST' } }).toArray();
    expect(issues).toHaveLength(12_345);
    const first = calls[1];
    expect(first?.url.searchParams.get('perScroll')).toBe('1000');
    expect(first?.url.searchParams.get('scrollType')).toBe('sorted');
    expect(clears(calls)).toHaveLength(0);
  });

  it('honours a custom threshold and releases a scroll it leaves early', async () => {
    const { handler } = scrollServer(300);
    const { client, calls } = makeClient(handler);
    const some = await client.issues
      .searchAll({ query: 'x' }, { threshold: 100, perScroll: 50 })
      .toArray(60);
    expect(some).toHaveLength(60);
    expect(calls[1]?.url.searchParams.get('perScroll')).toBe('50');
    expect(clears(calls)).toHaveLength(1);
  });

  it('keys and queue selectors page without counting (scroll refuses them)', async () => {
    const { client, calls } = makeClient(() => json([issueJson(1)]));
    await client.issues.searchAll({ keys: ['TEST-1'] }).toArray();
    expect(calls.map((c) => c.url.pathname)).toEqual(['/v3/issues/_search']);
    expect(calls[0]?.json).toEqual({ keys: ['TEST-1'] });
  });
});
