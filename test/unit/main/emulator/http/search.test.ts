/**
 * `_search` and `_count`: the selectors (query, filter + order, keys, queue), their mixing rules,
 * query-language errors, and page pagination. Expected results come from the store itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssueRecord } from '../../../../../main/emulator/model.ts';
import { startEmulator, type Emulator } from '../../../../../main/emulator/server.ts';
import {
  client,
  emulatorOptions,
  expectError,
  keysOf,
  links,
  list,
  manualClock,
  sortKeys,
  type Call,
  type Reply,
} from './client.ts';

let emulator: Emulator;
let call: Call;
let demo: number;

beforeAll(async () => {
  emulator = await startEmulator(emulatorOptions(manualClock()));
  call = client(emulator);
  demo = emulator.store.demoUid;
});
afterAll(() => emulator.close());

const search = (body: unknown, query = '?perPage=1000') =>
  call(`/issues/_search${query}`, { method: 'POST', body });

function expected(predicate: (issue: IssueRecord) => boolean): string[] {
  return sortKeys(
    emulator.store
      .allIssues()
      .filter(predicate)
      .map((issue) => issue.key),
  );
}

/** Searches `query` and checks the result set against the store, and `_count` against both. */
async function expectQuery(query: string, predicate: (issue: IssueRecord) => boolean) {
  const reply = await search({ query });
  expect(reply.status, reply.text).toBe(200);
  const keys = keysOf(reply);
  const want = expected(predicate);
  expect(want.length, `"${query}" should match something in the seeded world`).toBeGreaterThan(0);
  expect(sortKeys(keys)).toEqual(want);
  expect(new Set(keys).size).toBe(keys.length);
  expect(reply.headers.get('x-total-count')).toBe(String(want.length));
  const count = await call('/issues/_count', { method: 'POST', body: { query } });
  expect(count.status).toBe(200);
  expect(count.body).toBe(want.length);
  return reply;
}

const fold = (text: string) => text.toLowerCase().replaceAll('ё', 'е');

describe('search by query', () => {
  it('Assignee: me()', async () => {
    await expectQuery('Assignee: me()', (i) => i.assigneeUid === demo);
  });

  it('Author: me()', async () => {
    await expectQuery('Author: me()', (i) => i.authorUid === demo);
  });

  it('Followers: me()', async () => {
    await expectQuery('Followers: me()', (i) => i.followerUids.includes(demo));
  });

  it('"Pending Reply From": me()', async () => {
    await expectQuery('"Pending Reply From": me()', (i) => i.pendingReplyUids.includes(demo));
  });

  it('Queue: X', async () => {
    await expectQuery('Queue: SYNC', (i) => i.queueKey === 'SYNC');
  });

  it('Status: by key and by display name', async () => {
    await expectQuery('Status: inProgress', (i) => i.statusKey === 'inProgress');
    await expectQuery('Status: "In progress", open', (i) =>
      ['inProgress', 'open'].includes(i.statusKey),
    );
  });

  it('Resolution: empty()', async () => {
    await expectQuery('Resolution: empty()', (i) => i.resolutionKey === null);
  });

  it('Updated: >= "date"', async () => {
    const sorted = emulator.store
      .allIssues()
      .map((i) => i.updatedAt)
      .sort((a, b) => a - b);
    const median = new Date(sorted[Math.floor(sorted.length / 2)] as number);
    const day = median.toISOString().slice(0, 10);
    const since = Date.parse(`${day}T00:00:00Z`);
    await expectQuery(`Updated: >= "${day}"`, (i) => i.updatedAt >= since);
    const stamp = `${day} 12:00:00`;
    const noon = Date.parse(`${day}T12:00:00Z`);
    await expectQuery(`Updated: >= "${stamp}"`, (i) => i.updatedAt >= noon);
  });

  it('free text in summary or description', async () => {
    const word = 'sync';
    await expectQuery(
      word,
      (i) => fold(i.summary).includes(word) || fold(i.description).includes(word),
    );
  });

  it('AND, OR, parentheses and juxtaposition', async () => {
    await expectQuery('Queue: DESK AND Resolution: empty()', (i) => {
      return i.queueKey === 'DESK' && i.resolutionKey === null;
    });
    await expectQuery('Queue: DESK Resolution: empty()', (i) => {
      return i.queueKey === 'DESK' && i.resolutionKey === null;
    });
    await expectQuery('Queue: DOCS OR Queue: INFRA', (i) => ['DOCS', 'INFRA'].includes(i.queueKey));
    await expectQuery(
      '(Followers: me() OR Assignee: me() OR Author: me()) AND Resolution: empty()',
      (i) =>
        (i.followerUids.includes(demo) || i.assigneeUid === demo || i.authorUid === demo) &&
        i.resolutionKey === null,
    );
  });

  it('"Sort by": Updated DESC orders the results', async () => {
    const reply = await expectQuery('Queue: SUPPORT "Sort by": Updated DESC', (i) => {
      return i.queueKey === 'SUPPORT';
    });
    const times = keysOf(reply).map((key) => emulator.store.getIssue(key)?.updatedAt ?? 0);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const asc = keysOf(await search({ query: 'Queue: SUPPORT "Sort by": Updated ASC' }));
    expect(asc).toEqual(keysOf(reply).reverse());
  });

  it('refuses unsupported query syntax with a 400 error body, not results', async () => {
    for (const query of [
      'Status: changed(to: open)',
      'Nonsense: 1',
      'Queue: DESK AND',
      'Status: noSuchStatus',
      '(Queue: DESK',
      'Updated: >= "not a date"',
    ]) {
      const reply = await search({ query });
      expectError(reply, 400);
      expect(Array.isArray(reply.body)).toBe(false);
      expectError(await call('/issues/_count', { method: 'POST', body: { query } }), 400);
    }
  });
});

describe('search by filter, keys and queue', () => {
  it('filter + order', async () => {
    const reply = await search({
      filter: { queue: 'DESK', assignee: 'empty()' },
      order: '+status',
    });
    expect(reply.status).toBe(200);
    const keys = keysOf(reply);
    expect(sortKeys(keys)).toEqual(
      expected((i) => i.queueKey === 'DESK' && i.assigneeUid === null),
    );
    const orders = keys.map((key) => {
      const status = emulator.store.getIssue(key)?.statusKey ?? '';
      return emulator.store.status(status)?.order ?? -1;
    });
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    const desc = keysOf(
      await search({ filter: { queue: 'DESK', assignee: 'empty()' }, order: '-status' }),
    );
    const descOrders = desc.map(
      (key) => emulator.store.status(emulator.store.getIssue(key)?.statusKey ?? '')?.order ?? -1,
    );
    expect(descOrders).toEqual([...descOrders].sort((a, b) => b - a));
  });

  it('filter with me(), lists and ranges', async () => {
    const reply = await search({
      filter: { assignee: 'me()', status: ['open', 'inProgress'], created: { from: '2025-01-01' } },
    });
    expect(reply.status).toBe(200);
    const from = Date.UTC(2025, 0, 1);
    expect(sortKeys(keysOf(reply))).toEqual(
      expected(
        (i) =>
          i.assigneeUid === demo &&
          ['open', 'inProgress'].includes(i.statusKey) &&
          i.createdAt >= from,
      ),
    );
  });

  it('keys as an array keeps the given order and skips unknown keys', async () => {
    const all = emulator.store.allIssues();
    const wanted = [all[10]?.key, 'NOPE-1', all[3]?.key, all[7]?.key] as string[];
    const reply = await search({ keys: wanted });
    expect(reply.status).toBe(200);
    expect(keysOf(reply)).toEqual([wanted[0], wanted[2], wanted[3]]);
    expect(reply.headers.get('x-total-count')).toBe('3');
  });

  it('keys as a single string', async () => {
    const key = emulator.store.allIssues()[4]?.key as string;
    expect(keysOf(await search({ keys: key }))).toEqual([key]);
    expect(keysOf(await search({ keys: 'NOPE-404' }))).toEqual([]);
  });

  it('queue, sorted by key', async () => {
    const reply = await search({ queue: 'INFRA' });
    expect(reply.status).toBe(200);
    const keys = keysOf(reply);
    expect(keys).toEqual(expected((i) => i.queueKey === 'INFRA'));
    expect(keys.length).toBeGreaterThan(10);
  });

  it('the Python client body: every selector present, the unused ones null', async () => {
    const base = {
      query: null,
      filter: null,
      keys: null,
      queue: null,
      filterId: null,
      order: null,
    };
    const byQuery = await search({ ...base, query: 'Assignee: me()' });
    expect(sortKeys(keysOf(byQuery))).toEqual(expected((i) => i.assigneeUid === demo));
    const byFilter = await search({ ...base, filter: { queue: 'DOCS' }, order: ['-updated'] });
    expect(sortKeys(keysOf(byFilter))).toEqual(expected((i) => i.queueKey === 'DOCS'));
    const byKeys = await search({ ...base, keys: ['DESK-1'] });
    expect(keysOf(byKeys)).toEqual(['DESK-1']);
    const byQueue = await search({ ...base, queue: 'DOCS' });
    expect(keysOf(byQueue)).toEqual(expected((i) => i.queueKey === 'DOCS'));
    const count = await call('/issues/_count', {
      method: 'POST',
      body: { ...base, queue: 'DOCS' },
    });
    expect(count.body).toBe(keysOf(byQueue).length);
    const saved = emulator.store.filters().find((f) => f.query === '"Pending Reply From": me()');
    expect(saved).toBeDefined();
    const byFilterId = await search({ ...base, filterId: saved?.id });
    expect(sortKeys(keysOf(byFilterId))).toEqual(
      expected((i) => i.pendingReplyUids.includes(demo)),
    );
  });

  it('an empty body selects every issue', async () => {
    const reply = await search({}, '?perPage=1');
    expect(reply.headers.get('x-total-count')).toBe(String(emulator.store.allIssues().length));
    const count = await call('/issues/_count', { method: 'POST', body: {} });
    expect(count.body).toBe(emulator.store.allIssues().length);
  });

  it('refuses mixed selectors with a 400 error body', async () => {
    for (const body of [
      { keys: ['DESK-1'], query: 'Queue: DESK' },
      { queue: 'DESK', filter: { assignee: 'me()' } },
      { queue: 'DESK', keys: ['DESK-1'] },
      { keys: 'DESK-1', filterId: 101 },
    ]) {
      expectError(await search(body), 400);
      expectError(await call('/issues/_count', { method: 'POST', body }), 400);
    }
  });

  it('refuses order without filter', async () => {
    for (const body of [
      { order: '-updated' },
      { query: 'Queue: DESK', order: '-updated' },
      { keys: ['DESK-1', 'DESK-2'], order: '-updated' },
      { queue: 'DESK', order: '+key' },
    ]) {
      expectError(await search(body), 400);
    }
  });

  it('refuses malformed selector values', async () => {
    expectError(await search({ filter: ['queue', 'DESK'] }), 400);
    expectError(await search({ filter: { nosuchfield: 'x' } }), 400);
    expectError(await search({ query: 42 }), 400);
    expectError(await search({ keys: [1, 2] }), 400);
    expectError(await search({ filter: { queue: 'DESK' }, order: 'sideways' }), 400);
  });

  it('answers 404 for an unknown queue or saved filter', async () => {
    expectError(await search({ queue: 'NOSUCH' }), 404);
    expectError(await search({ filterId: 999_999 }), 404);
  });

  it('honours expand=transitions,attachments on results', async () => {
    const withFile = emulator.store
      .allIssues()
      .find((i) => emulator.store.attachments(i.key).length > 0);
    expect(withFile).toBeDefined();
    const key = withFile?.key as string;
    const plain = list((await search({ keys: [key] })).body)[0];
    expect(plain?.transitions).toBeUndefined();
    expect(plain?.attachments).toBeUndefined();
    const reply = await search({ keys: [key] }, '?expand=transitions,attachments');
    const issue = list(reply.body)[0];
    expect(list(issue?.transitions).map((t) => t.id)).toEqual(
      emulator.store.transitions(key).map((t) => t.id),
    );
    expect(list(issue?.attachments).map((a) => a.id)).toEqual(
      emulator.store.attachments(key).map((a) => String(a.id)),
    );
  });
});

describe('page pagination', () => {
  const query = 'Queue: SUPPORT';
  const total = () => expected((i) => i.queueKey === 'SUPPORT').length;

  async function page(params: string): Promise<Reply> {
    const reply = await search({ query }, params);
    expect(reply.status, reply.text).toBe(200);
    return reply;
  }

  it('slices by perPage/page with totals and next + seek links', async () => {
    const perPage = 25;
    const first = await page(`?perPage=${perPage}`);
    expect(keysOf(first)).toHaveLength(perPage);
    expect(first.headers.get('x-total-count')).toBe(String(total()));
    expect(first.headers.get('x-total-pages')).toBe(String(Math.ceil(total() / perPage)));
    const rels = links(first);
    const next = new URL(rels.get('next') ?? '');
    expect(next.origin).toBe(emulator.apiBase);
    expect(next.pathname).toBe('/v3/issues/_search');
    expect(next.searchParams.get('page')).toBe('2');
    expect(next.searchParams.get('perPage')).toBe(String(perPage));
    const seek = rels.get('seek') ?? '';
    expect(seek).toMatch(/\{&page\}$/);
    expect(new URL(seek.replace('{&page}', '')).searchParams.get('page')).toBeNull();
    // The seek template expands to the same page as page=N.
    const viaSeek = await call(seek.replace('{&page}', '&page=3'), {
      method: 'POST',
      body: { query },
    });
    const direct = await page(`?perPage=${perPage}&page=3`);
    expect(keysOf(viaSeek)).toEqual(keysOf(direct));
    expect(links(direct).has('next')).toBe(false);
    expect(links(direct).has('seek')).toBe(true);
  });

  it('following next to the end yields every matching issue exactly once, in order', async () => {
    const seen: string[] = [];
    let reply = await page('?perPage=7');
    let pages = 1;
    seen.push(...keysOf(reply));
    for (let url = links(reply).get('next'); url; url = links(reply).get('next')) {
      reply = await call(url, { method: 'POST', body: { query } });
      expect(reply.status).toBe(200);
      seen.push(...keysOf(reply));
      pages++;
    }
    expect(pages).toBe(Math.ceil(total() / 7));
    expect(seen).toHaveLength(total());
    expect(new Set(seen).size).toBe(total());
    expect(seen).toEqual(keysOf(await page('?perPage=1000')));
  });

  it('does not carry expand into next, and pages past the end are empty', async () => {
    const reply = await page('?perPage=5&expand=transitions');
    expect(list(reply.body)[0]?.transitions).toBeDefined();
    expect(new URL(links(reply).get('next') ?? '').searchParams.has('expand')).toBe(false);
    const beyond = await page('?perPage=50&page=99');
    expect(keysOf(beyond)).toEqual([]);
    expect(beyond.headers.get('x-total-count')).toBe(String(total()));
  });

  it('refuses junk pagination parameters', async () => {
    expectError(await search({ query }, '?perPage=0'), 400);
    expectError(await search({ query }, '?page=-1'), 400);
    expectError(await search({ query }, '?perPage=abc'), 400);
  });

  it('_count answers a bare JSON number equal to the search total', async () => {
    for (const body of [
      { query: 'Assignee: me() Resolution: empty()' },
      { filter: { queue: 'WEB' } },
      { keys: ['DESK-1', 'DESK-2', 'NOPE-9'] },
      { queue: 'MOBILE' },
    ]) {
      const count = await call('/issues/_count', { method: 'POST', body });
      expect(count.status).toBe(200);
      expect(count.text).toMatch(/^\d+$/);
      const reply = await search(body, '?perPage=1');
      expect(count.body).toBe(Number(reply.headers.get('x-total-count')));
    }
  });
});
