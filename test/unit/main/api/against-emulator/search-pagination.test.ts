/**
 * Page-paginated search through the real client against the emulator: every selector, totals from
 * the headers, Link `next` following with the body re-sent, sticky `expand`, starting pages, and
 * `searchAll`'s choice between pages and scroll below the 10,000 mark (via `threshold`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issue, Page, SearchSelector } from '../../../../../main/api/index.ts';
import { connect, requestsTo, type Connected, type Emulator } from './helpers.ts';
import { startEmulator } from '../../../../../main/emulator/server.ts';

let emulator: Emulator;
let api: Connected;

beforeAll(async () => {
  emulator = await startEmulator({ issues: 2500, seed: 3 });
  api = connect(emulator, { language: () => 'en' });
});

afterAll(async () => {
  await emulator.close();
});

/** What the emulator selects for a body, in result order. */
function expectedKeys(body: SearchSelector): string[] {
  return emulator.search
    .select({ ...body }, emulator.store.demoUid)
    .issues.map((issue) => issue.key);
}

async function pagesOf(selector: SearchSelector, perPage: number): Promise<Page<Issue>[]> {
  const pages: Page<Issue>[] = [];
  for await (const page of api.client.issues.search(selector, { perPage })) pages.push(page);
  return pages;
}

function searchCalls() {
  return requestsTo(api.sent, 'issues/_search', 'POST');
}

describe('search pages', () => {
  it('a query with sorting: every page in order, totals from the headers', async () => {
    const selector = { query: 'Resolution: empty() "Sort by": Updated DESC, Key ASC' };
    const expected = expectedKeys(selector);
    expect(expected.length).toBeGreaterThan(250);
    const callsBefore = searchCalls().length;
    const pages = await pagesOf(selector, 100);
    expect(pages).toHaveLength(Math.ceil(expected.length / 100));
    expect(pages.map((p) => p.page)).toEqual(pages.map((_, i) => i + 1));
    for (const page of pages) {
      expect(page.totalCount).toBe(expected.length);
      expect(page.totalPages).toBe(pages.length);
      expect(page.perPage).toBe(100);
    }
    expect(pages.flatMap((p) => p.items.map((i) => i.key))).toEqual(expected);
    // `next` is followed with the same POST body.
    const calls = searchCalls().slice(callsBefore);
    expect(calls).toHaveLength(pages.length);
    expect(calls.map((c) => c.url.searchParams.get('page') ?? '1')).toEqual(
      pages.map((p) => String(p.page)),
    );
  });

  it('a filter with order', async () => {
    const queue = emulator.store.queues()[0]?.key ?? '';
    const selector = { filter: { queue }, order: '-updated' };
    const expected = expectedKeys(selector);
    const issues = await api.client.issues.search(selector, { perPage: 250 }).toArray();
    expect(issues.map((i) => i.key)).toEqual(expected);
    const updated = issues.map((i) => i.updatedAt ?? 0);
    expect([...updated].sort((a, b) => b - a)).toEqual(updated);
  });

  it('a queue, sorted by key', async () => {
    const queue = emulator.store.queues()[1]?.key ?? '';
    const issues = await api.client.issues.search({ queue }, { perPage: 100 }).toArray();
    const stored = emulator.store.allIssues().filter((i) => i.queueKey === queue);
    expect(issues).toHaveLength(stored.length);
    expect(issues.map((i) => i.key)).toEqual(expectedKeys({ queue }));
    expect(issues.every((i) => i.queue?.key === queue)).toBe(true);
  });

  it('keys, one or several', async () => {
    const keys = emulator.store
      .allIssues()
      .slice(100, 105)
      .map((i) => i.key);
    const several = await api.client.issues.search({ keys }).toArray();
    expect(several.map((i) => i.key)).toEqual(keys);
    const one = await api.client.issues.search({ keys: keys[0] ?? '' }).toArray();
    expect(one.map((i) => i.key)).toEqual(keys.slice(0, 1));
  });

  it('a saved filter by id', async () => {
    const saved = emulator.store.filters()[0];
    if (!saved) throw new Error('no saved filters');
    const issues = await api.client.issues.search({ filterId: saved.id }).toArray();
    expect(issues.map((i) => i.key)).toEqual(expectedKeys({ filterId: saved.id }));
  });

  it('re-sends expand on every page although `next` drops it', async () => {
    const selector = { query: 'Resolution: empty()' };
    const callsBefore = searchCalls().length;
    const pages = await (async () => {
      const out: Page<Issue>[] = [];
      for await (const page of api.client.issues.search(selector, {
        perPage: 200,
        expand: ['transitions'],
      })) {
        out.push(page);
        if (out.length === 3) break;
      }
      return out;
    })();
    expect(pages).toHaveLength(3);
    for (const issue of pages.flatMap((p) => p.items)) {
      expect(issue.transitions?.map((t) => t.id)).toEqual(
        emulator.store.transitions(issue.key).map((t) => t.id),
      );
    }
    for (const call of searchCalls().slice(callsBefore)) {
      expect(call.url.searchParams.get('expand')).toBe('transitions');
    }
  });

  it('starts from a given page and stops after the first when asked', async () => {
    const selector = { query: 'Resolution: empty() "Sort by": Key ASC' };
    const expected = expectedKeys(selector);
    const fromThird = await api.client.issues.search(selector, { perPage: 100, page: 3 }).toArray();
    expect(fromThird.map((i) => i.key)).toEqual(expected.slice(200));
    const callsBefore = searchCalls().length;
    const first = await api.client.issues.search(selector, { perPage: 50 }).first();
    expect(first?.items.map((i) => i.key)).toEqual(expected.slice(0, 50));
    expect(searchCalls().length - callsBefore).toBe(1);
  });

  it('an empty result is one empty page', async () => {
    const pages = await pagesOf({ query: 'Summary: "no issue is called like this 1f2e3d"' }, 50);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ items: [], totalCount: 0 });
  });
});

describe('searchAll below 10,000', () => {
  it('pages at or below the threshold, scrolls above it', async () => {
    const selector = { query: 'Resolution: empty()' };
    const total = await api.client.issues.count(selector);
    expect(total).toBe(expectedKeys(selector).length);

    const before = searchCalls().length;
    const paged = await api.client.issues.searchAll(selector, { perPage: 500 }).toArray();
    const pagedCalls = searchCalls().slice(before);
    expect(pagedCalls.every((c) => !c.url.searchParams.has('scrollType'))).toBe(true);
    expect(pagedCalls).toHaveLength(Math.ceil(total / 500));
    expect(new Set(paged.map((i) => i.key)).size).toBe(total);

    const mid = searchCalls().length;
    const scrolled = await api.client.issues
      .searchAll(selector, { threshold: total - 1, perScroll: 300 })
      .toArray();
    const scrollCalls = searchCalls().slice(mid);
    expect(scrollCalls[0]?.url.searchParams.get('scrollType')).toBe('sorted');
    expect(scrollCalls[0]?.url.searchParams.get('perScroll')).toBe('300');
    expect(scrollCalls.slice(1).every((c) => c.url.searchParams.has('scrollId'))).toBe(true);
    expect(scrollCalls).toHaveLength(Math.ceil(total / 300));
    expect(scrolled.map((i) => i.key)).toEqual(paged.map((i) => i.key));
    expect(emulator.search.openScrolls()).toBe(0);
  });

  it('keys and queue selectors always page (scroll refuses them)', async () => {
    const queue = emulator.store.queues()[2]?.key ?? '';
    const before = searchCalls().length;
    const issues = await api.client.issues.searchAll({ queue }, { threshold: 1 }).toArray();
    expect(issues.map((i) => i.key)).toEqual(expectedKeys({ queue }));
    expect(
      searchCalls()
        .slice(before)
        .some((c) => c.url.searchParams.has('scrollType')),
    ).toBe(false);
    expect(requestsTo(api.sent, 'issues/_count').length).toBeGreaterThan(0);
  });
});

describe('small scrolls', () => {
  it('an unsorted scroll returns the same set', async () => {
    const selector = { filter: { queue: emulator.store.queues()[0]?.key ?? '' } };
    const expected = expectedKeys(selector).sort();
    const pages: Page<Issue>[] = [];
    for await (const page of api.client.issues.searchScroll(selector, {
      type: 'unsorted',
      perScroll: 64,
    })) {
      pages.push(page);
    }
    expect(pages[0]?.totalCount).toBe(expected.length);
    expect(pages.flatMap((p) => p.items.map((i) => i.key)).sort()).toEqual(expected);
    expect(emulator.search.openScrolls()).toBe(0);
  });

  it('a scroll re-sends expand on every call', async () => {
    const selector = { query: 'Resolution: empty() "Sort by": Key ASC' };
    const before = searchCalls().length;
    const issues = await api.client.issues
      .searchScroll(selector, { perScroll: 100, expand: ['transitions'] })
      .toArray();
    expect(issues.map((i) => i.key)).toEqual(expectedKeys(selector));
    for (const issue of issues) {
      expect(issue.transitions?.map((t) => t.id)).toEqual(
        emulator.store.transitions(issue.key).map((t) => t.id),
      );
    }
    const calls = searchCalls().slice(before);
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.every((c) => c.url.searchParams.get('expand') === 'transitions')).toBe(true);
  });

  it('a scroll with no results yields one empty page and holds nothing', async () => {
    const pages: Page<Issue>[] = [];
    for await (const page of api.client.issues.searchScroll({
      query: 'Summary: "no issue is called like this 1f2e3d"',
    })) {
      pages.push(page);
    }
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ items: [], totalCount: 0 });
    expect(emulator.search.openScrolls()).toBe(0);
  });
});
