import { describe, expect, it } from 'vitest';
import { issueJson, json, makeClient } from './helpers.ts';

const BASE = 'https://api.tracker.yandex.net';

function pageOf(n: number, size: number) {
  return Array.from({ length: size }, (_, i) => issueJson(i + 1 + (n - 1) * size));
}

describe('seekable lists', () => {
  it('POST _search follows next, re-sending method and body, and exposes the totals', async () => {
    const body = { filter: { queue: 'TEST', assignee: 'empty()' }, order: '+status' };
    const { client, calls } = makeClient((call) => {
      const page = Number(call.url.searchParams.get('page') ?? '1');
      const links = [`<${BASE}/v3/issues/_search?{&page}>; rel="seek"`];
      if (page < 3)
        links.unshift(`<${BASE}/v3/issues/_search?perPage=2&page=${page + 1}>; rel="next"`);
      const items = [1, 2].map((i) => (page - 1) * 2 + i).filter((n) => n <= 5);
      return json(
        items.map((n) => issueJson(n)),
        200,
        {
          link: links.join(', '),
          'x-total-count': '5',
          'x-total-pages': '3',
        },
      );
    });
    const pages = [];
    for await (const page of client.issues.search(body, { perPage: 2, expand: ['transitions'] })) {
      pages.push(page);
    }
    expect(pages.map((p) => [p.page, p.items.length, p.totalCount, p.totalPages])).toEqual([
      [1, 2, 5, 3],
      [2, 2, 5, 3],
      [3, 1, 5, 3],
    ]);
    expect(pages.flatMap((p) => p.items.map((i) => i.key))).toEqual([
      'TEST-1',
      'TEST-2',
      'TEST-3',
      'TEST-4',
      'TEST-5',
    ]);
    expect(calls.map((c) => c.method)).toEqual(['POST', 'POST', 'POST']);
    expect(calls.every((c) => JSON.stringify(c.json) === JSON.stringify(body))).toBe(true);
    // The next link drops expand; the client puts it back. Every request stays on the base host.
    expect(calls.map((c) => c.url.href)).toEqual([
      'https://tracker.test/v3/issues/_search?expand=transitions&perPage=2',
      'https://tracker.test/v3/issues/_search?perPage=2&page=2&expand=transitions',
      'https://tracker.test/v3/issues/_search?perPage=2&page=3&expand=transitions',
    ]);
  });

  it('items() and toArray() walk across pages; breaking stops the requests', async () => {
    const { client, calls } = makeClient((call) => {
      const page = Number(call.url.searchParams.get('page') ?? '1');
      return json(pageOf(page, 2), 200, {
        link: `<${BASE}/v3/queues/?page=${page + 1}>; rel="next"`,
        'x-total-count': '1000',
      });
    });
    const keys: string[] = [];
    for await (const issue of client.issues.search({ queue: 'TEST' }).items()) {
      keys.push(issue.key);
      if (keys.length === 3) break;
    }
    expect(keys).toEqual(['TEST-1', 'TEST-2', 'TEST-3']);
    expect(calls).toHaveLength(2);
    const first5 = await client.issues.search({ queue: 'TEST' }).toArray(5);
    expect(first5).toHaveLength(5);
  });

  it('without a Link header, pages on while X-Total-Pages says there is more', async () => {
    const { client, calls } = makeClient((call) => {
      const page = Number(call.url.searchParams.get('page') ?? '1');
      return json(page <= 3 ? [{ id: page, key: `Q${page}` }] : [], 200, {
        'x-total-count': '3',
        'x-total-pages': '3',
      });
    });
    const queues = await client.queues.list({ perPage: 1, expand: ['projects'] }).toArray();
    expect(queues.map((q) => q.key)).toEqual(['Q1', 'Q2', 'Q3']);
    expect(calls.map((c) => c.url.search)).toEqual([
      '?expand=projects&perPage=1',
      '?expand=projects&perPage=1&page=2',
      '?expand=projects&perPage=1&page=3',
    ]);
  });

  it('jumps with the seek template when there is no next link', async () => {
    const { client, calls } = makeClient((call) => {
      const page = Number(call.url.searchParams.get('page') ?? '1');
      return json([{ uid: page }], 200, {
        link: `<${BASE}/v3/users?perPage=1{&page}>; rel="seek"`,
        'x-total-pages': '2',
      });
    });
    const users = await client.users.list({ perPage: 1 }).toArray();
    expect(users.map((u) => u.id)).toEqual(['1', '2']);
    expect(calls[1]?.url.href).toBe('https://tracker.test/v3/users?perPage=1&page=2');
  });

  it('starts at a given page and stops on a next link that repeats itself', async () => {
    const { client, calls } = makeClient(() =>
      json([{ uid: 1 }], 200, { link: `<${BASE}/v3/users?page=3>; rel="next"` }),
    );
    const pages = [];
    for await (const page of client.users.list({ page: 2 })) pages.push(page.page);
    expect(pages).toEqual([2, 3]);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.url.searchParams.get('page')).toBe('2');
  });
});

describe('cursor lists', () => {
  it('comments follow the next link only, without totals', async () => {
    const { client, calls } = makeClient((call) => {
      const after = call.url.searchParams.get('id');
      if (after === null) {
        return json([{ id: 1 }, { id: 2 }], 200, {
          link: `<${BASE}/v3/issues/A-1/comments?id=2&perPage=2>; rel="next", <${BASE}/v3/issues/A-1/comments?perPage=2>; rel="first"`,
        });
      }
      return json([{ id: 3 }], 200, {
        link: `<${BASE}/v3/issues/A-1/comments?perPage=2>; rel="first"`,
      });
    });
    const pages = [];
    for await (const page of client.comments.list('A-1', { perPage: 2, expand: ['html'] })) {
      pages.push(page);
    }
    expect(pages.map((p) => p.items.map((c) => c.id))).toEqual([['1', '2'], ['3']]);
    expect(pages[0]?.totalCount).toBeUndefined();
    expect(calls.map((c) => c.url.search)).toEqual([
      '?expand=html&perPage=2',
      '?id=2&perPage=2&expand=html',
    ]);
  });

  it('without a Link header, a full page continues from the last id', async () => {
    const { client, calls } = makeClient((call) => {
      // Changelog ids are strings (hex in reality); `c<n>` keeps the fake readable.
      const after = Number((call.url.searchParams.get('id') ?? 'c0').slice(1));
      const ids = [after + 1, after + 2, after + 3].filter((n) => n <= 5);
      return json(
        ids.map((id) => ({ id: `c${id}`, type: 'IssueUpdated' })),
        200,
      );
    });
    const entries = await client.changelog
      .list('A-1', { perPage: 3, type: 'IssueUpdated' })
      .toArray();
    expect(entries.map((e) => e.id)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.url.searchParams.get('id')).toBe('c3');
    expect(calls[1]?.url.searchParams.get('type')).toBe('IssueUpdated');
  });

  it('stops when the server ignores the cursor and repeats the page', async () => {
    const { client, calls } = makeClient(() =>
      json(Array.from({ length: 50 }, (_, i) => ({ id: i }))),
    );
    const links = await client.links.list('A-1').toArray();
    expect(links).toHaveLength(50);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.url.searchParams.get('id')).toBe('49');
  });

  it('worklog: a short page is the last one', async () => {
    const { client, calls } = makeClient(() => json([{ id: 1, duration: 'PT1H' }]));
    expect(await client.worklog.list('A-1').toArray()).toHaveLength(1);
    expect(calls).toHaveLength(1);
  });
});
