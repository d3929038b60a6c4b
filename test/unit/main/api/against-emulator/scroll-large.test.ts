/**
 * More than 10,000 issues (the mark where the service wants scroll instead of pages) through the
 * real client against one 12,000-issue emulator: page-by-page search, scroll, `searchAll`'s choice,
 * and that scrolls are released on early exit and abort but not left behind on a natural end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AbortedError,
  type Issue,
  type Page,
  type ScrollPage,
} from '../../../../../main/api/index.ts';
import { startEmulator } from '../../../../../main/emulator/server.ts';
import { apiFailure, connect, requestsTo, type Connected, type Emulator } from './helpers.ts';

const ISSUES = 12_000;
/** Selects every issue: an empty filter. */
const EVERYTHING = { filter: {} } as const;

let emulator: Emulator;
let api: Connected;
let allIds: Set<string>;

beforeAll(async () => {
  emulator = await startEmulator({ issues: ISSUES, seed: 1 });
  api = connect(emulator);
  allIds = new Set(emulator.store.allIssues().map((i) => i.id));
}, 30_000);

afterAll(async () => {
  await emulator.close();
});

function searchCalls() {
  return requestsTo(api.sent, 'issues/_search', 'POST');
}

function clearCalls() {
  return requestsTo(api.sent, 'system/search/scroll/_clear', 'POST');
}

/** Ids seen across pages; fails on a repeat. */
function collectOnce(pages: readonly Page<Issue>[]): Set<string> {
  const seen = new Set<string>();
  for (const issue of pages.flatMap((p) => p.items)) {
    if (seen.has(issue.id)) throw new Error(`issue ${issue.key} came twice`);
    seen.add(issue.id);
  }
  return seen;
}

it('the world is large enough', async () => {
  expect(allIds.size).toBe(ISSUES);
  expect(await api.client.issues.count(EVERYTHING)).toBe(ISSUES);
});

describe('pages past 10,000', () => {
  it('yields every issue exactly once, with totals from the headers', async () => {
    const before = searchCalls().length;
    const pages: Page<Issue>[] = [];
    for await (const page of api.client.issues.search(EVERYTHING, { perPage: 1000 })) {
      pages.push(page);
    }
    expect(pages).toHaveLength(ISSUES / 1000);
    for (const page of pages) {
      expect(page.totalCount).toBe(ISSUES);
      expect(page.totalPages).toBe(ISSUES / 1000);
      expect(page.items).toHaveLength(1000);
    }
    expect(collectOnce(pages)).toEqual(allIds);
    expect(searchCalls().length - before).toBe(ISSUES / 1000);
  }, 30_000);
});

describe('scroll', () => {
  it('walks all issues exactly once and leaves nothing open', async () => {
    const before = searchCalls().length;
    const pages: ScrollPage<Issue>[] = [];
    for await (const page of api.client.issues.searchScroll(EVERYTHING, { perScroll: 1000 })) {
      pages.push(page);
    }
    expect(pages).toHaveLength(ISSUES / 1000);
    expect(pages.every((p) => p.totalCount === ISSUES)).toBe(true);
    expect(collectOnce(pages)).toEqual(allIds);
    // Sorted scroll keeps the query order, which here is the search order.
    const expectedOrder = emulator.search
      .select({ filter: {} }, emulator.store.demoUid)
      .issues.map((i) => i.id);
    expect(pages.flatMap((p) => p.items.map((i) => i.id))).toEqual(expectedOrder);
    const calls = searchCalls().slice(before);
    expect(calls).toHaveLength(ISSUES / 1000);
    expect(calls[0]?.url.searchParams.get('perScroll')).toBe('1000');
    expect(calls.slice(1).every((c) => c.url.searchParams.has('scrollId'))).toBe(true);
    // The last page came without X-Scroll-Id: the server already dropped it, nothing to release.
    expect(pages.at(-1)?.scrollId).toBeUndefined();
    expect(emulator.search.openScrolls()).toBe(0);
    expect(clearCalls()).toHaveLength(0);
  }, 30_000);

  it('breaking out early releases the scroll', async () => {
    const clearsBefore = clearCalls().length;
    let seen = 0;
    for await (const page of api.client.issues.searchScroll(EVERYTHING, { perScroll: 1000 })) {
      seen += page.items.length;
      expect(emulator.search.openScrolls()).toBe(1);
      if (seen >= 3000) break;
    }
    expect(seen).toBe(3000);
    expect(emulator.search.openScrolls()).toBe(0);
    expect(clearCalls().length - clearsBefore).toBe(1);
  });

  it('toArray with a limit stops and releases', async () => {
    const issues = await api.client.issues
      .searchScroll(EVERYTHING, { perScroll: 500 })
      .toArray(700);
    expect(issues).toHaveLength(700);
    expect(emulator.search.openScrolls()).toBe(0);
  });

  it('aborting mid-iteration throws AbortedError and releases the scroll', async () => {
    const controller = new AbortController();
    const clearsBefore = clearCalls().length;
    let pages = 0;
    const iterate = async () => {
      for await (const page of api.client.issues.searchScroll(EVERYTHING, {
        perScroll: 1000,
        signal: controller.signal,
      })) {
        pages++;
        expect(page.items).toHaveLength(1000);
        if (pages === 2) controller.abort();
      }
    };
    const error = await apiFailure(iterate());
    expect(error).toBeInstanceOf(AbortedError);
    expect(pages).toBe(2);
    expect(emulator.search.openScrolls()).toBe(0);
    expect(clearCalls().length - clearsBefore).toBe(1);
  });

  it('releaseScroll frees a scroll by id', async () => {
    const response = await fetch(
      `${emulator.apiBase}/v3/issues/_search?scrollType=unsorted&perScroll=10`,
      {
        method: 'POST',
        headers: {
          Authorization: `OAuth ${emulator.token}`,
          'X-Org-ID': emulator.org.id,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(EVERYTHING),
      },
    );
    await response.arrayBuffer();
    const id = response.headers.get('x-scroll-id');
    const token = response.headers.get('x-scroll-token');
    if (!id || !token) throw new Error('the emulator sent no scroll id');
    expect(emulator.search.openScrolls()).toBe(1);
    await api.client.issues.releaseScroll({ [id]: token });
    expect(emulator.search.openScrolls()).toBe(0);
    expect(clearCalls().at(-1)?.status).toBe(200);
  });
});

describe('searchAll', () => {
  it('scrolls a result over 10,000', async () => {
    const before = searchCalls().length;
    const seen = new Set<string>();
    for await (const issue of api.client.issues.searchAll(EVERYTHING).items()) {
      expect(seen.has(issue.id)).toBe(false);
      seen.add(issue.id);
    }
    expect(seen).toEqual(allIds);
    const calls = searchCalls().slice(before);
    // perScroll defaults to the maximum in scroll mode.
    expect(calls[0]?.url.searchParams.get('scrollType')).toBe('sorted');
    expect(calls[0]?.url.searchParams.get('perScroll')).toBe('1000');
    expect(calls.filter((c) => c.url.searchParams.has('page'))).toHaveLength(0);
    expect(calls).toHaveLength(ISSUES / 1000);
    expect(emulator.search.openScrolls()).toBe(0);
  }, 30_000);

  it('leaving a scrolled searchAll early releases the scroll', async () => {
    const clearsBefore = clearCalls().length;
    const first = await api.client.issues.searchAll(EVERYTHING).first();
    expect(first?.items).toHaveLength(1000);
    expect(first?.totalCount).toBe(ISSUES);
    expect(emulator.search.openScrolls()).toBe(0);
    expect(clearCalls().length - clearsBefore).toBe(1);
  });

  it('pages a result at or below 10,000', async () => {
    const queues = emulator.store
      .queues()
      .slice(0, 3)
      .map((q) => q.key);
    const selector = { query: `Queue: ${queues.join(', ')}` };
    const expected = emulator.store.allIssues().filter((i) => queues.includes(i.queueKey));
    expect(expected.length).toBeLessThanOrEqual(10_000);
    expect(expected.length).toBeGreaterThan(1000);
    const before = searchCalls().length;
    const issues = await api.client.issues.searchAll(selector, { perPage: 1000 }).toArray();
    expect(new Set(issues.map((i) => i.id))).toEqual(new Set(expected.map((i) => i.id)));
    expect(issues).toHaveLength(expected.length);
    const calls = searchCalls().slice(before);
    expect(calls.some((c) => c.url.searchParams.has('scrollType'))).toBe(false);
    expect(calls).toHaveLength(Math.ceil(expected.length / 1000));
    expect(emulator.search.openScrolls()).toBe(0);
  }, 30_000);
});
