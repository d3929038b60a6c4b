/**
 * Scroll searches: the first call opens a snapshot, `scrollId` walks it, the last page closes it,
 * `_clear` releases it early, and `keys`/`queue` cannot scroll.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../../../main/emulator/server.ts';
import {
  client,
  emulatorOptions,
  expectError,
  keysOf,
  links,
  manualClock,
  obj,
  sortKeys,
  type Call,
  type ManualClock,
  type Reply,
} from './client.ts';

let emulator: Emulator;
let call: Call;
let clock: ManualClock;

beforeAll(async () => {
  clock = manualClock();
  emulator = await startEmulator(emulatorOptions(clock));
  call = client(emulator);
});
afterAll(() => emulator.close());

const QUERY = { query: 'Resolution: empty() "Sort by": Updated DESC' };

function matching(): string[] {
  return emulator.store
    .allIssues()
    .filter((issue) => issue.resolutionKey === null)
    .map((issue) => issue.key);
}

function start(params: string, body: unknown = QUERY): Promise<Reply> {
  return call(`/issues/_search?${params}`, { method: 'POST', body });
}

function proceed(scrollId: string, body: unknown = QUERY): Promise<Reply> {
  return call(`/issues/_search?scrollId=${encodeURIComponent(scrollId)}&scrollTTLMillis=60000`, {
    method: 'POST',
    body,
  });
}

describe('scroll', () => {
  it('opens with X-Scroll-Id, X-Scroll-Token, X-Total-Count and first/next links', async () => {
    const first = await start('scrollType=sorted&perScroll=40&scrollTTLMillis=60000');
    expect(first.status, first.text).toBe(200);
    expect(keysOf(first)).toHaveLength(40);
    expect(first.headers.get('x-total-count')).toBe(String(matching().length));
    const scrollId = first.headers.get('x-scroll-id');
    const token = first.headers.get('x-scroll-token');
    expect(scrollId).toBeTruthy();
    expect(token).toBeTruthy();
    const rels = links(first);
    const firstLink = new URL(rels.get('first') ?? '');
    expect(firstLink.origin).toBe(emulator.apiBase);
    expect(firstLink.searchParams.get('scrollType')).toBe('sorted');
    const next = new URL(rels.get('next') ?? '');
    expect(next.pathname).toBe('/v3/issues/_search');
    expect(next.searchParams.get('scrollId')).toBe(scrollId);
    expect(next.searchParams.get('scrollToken')).toBe(token);
    expect(next.searchParams.has('scrollType')).toBe(false);
    expect(next.searchParams.has('perScroll')).toBe(false);
    expect(emulator.search.clearScrolls([scrollId ?? ''])).toBe(1);
  });

  it('walks the whole result set exactly once, sorted, and closes on the last page', async () => {
    const open = emulator.search.openScrolls();
    let reply = await start('scrollType=sorted&perScroll=30&scrollTTLMillis=60000');
    const seen = keysOf(reply);
    let pages = 1;
    expect(emulator.search.openScrolls()).toBe(open + 1);
    for (let id = reply.headers.get('x-scroll-id'); id; id = reply.headers.get('x-scroll-id')) {
      reply = await proceed(id);
      expect(reply.status, reply.text).toBe(200);
      expect(reply.headers.get('x-total-count')).toBe(String(matching().length));
      seen.push(...keysOf(reply));
      pages++;
    }
    const all = matching();
    expect(pages).toBe(Math.ceil(all.length / 30));
    expect(seen).toHaveLength(all.length);
    expect(sortKeys(seen)).toEqual(sortKeys(all));
    const times = seen.map((key) => emulator.store.getIssue(key)?.updatedAt ?? 0);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // The last page: no scroll id, token or next link; the scroll is gone.
    expect(reply.headers.get('x-scroll-token')).toBeNull();
    expect(links(reply).has('next')).toBe(false);
    expect(links(reply).has('first')).toBe(true);
    expect(emulator.search.openScrolls()).toBe(open);
  });

  it('follows the next link of each page', async () => {
    let reply = await start('scrollType=unsorted&perScroll=100', { filter: { queue: 'SUPPORT' } });
    const seen = keysOf(reply);
    for (let next = links(reply).get('next'); next; next = links(reply).get('next')) {
      reply = await call(next, { method: 'POST', body: { filter: { queue: 'SUPPORT' } } });
      seen.push(...keysOf(reply));
    }
    const want = emulator.store
      .allIssues()
      .filter((i) => i.queueKey === 'SUPPORT')
      .map((i) => i.key);
    expect(sortKeys(seen)).toEqual(sortKeys(want));
    expect(seen).toHaveLength(want.length);
  });

  it('fits a small result set in one page without a scroll id', async () => {
    const reply = await start('scrollType=sorted&perScroll=1000', { query: 'Queue: DOCS' });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-scroll-id')).toBeNull();
    expect(keysOf(reply)).toHaveLength(
      emulator.store.allIssues().filter((i) => i.queueKey === 'DOCS').length,
    );
  });

  it('refuses to scroll keys or queue searches, and unknown scroll types', async () => {
    expectError(await start('scrollType=sorted&perScroll=10', { keys: ['DESK-1', 'DESK-2'] }), 400);
    expectError(await start('scrollType=unsorted', { queue: 'DESK' }), 400);
    expectError(await start('scrollType=sideways', { query: 'Queue: DESK' }), 400);
    expectError(await start('scrollType=sorted&perScroll=0', { query: 'Queue: DESK' }), 400);
  });

  it('refuses unsupported queries when opening a scroll', async () => {
    expectError(await start('scrollType=sorted', { query: 'Status: changed(to: open)' }), 400);
  });

  it('_clear releases the scroll; continuing it afterwards is a 404', async () => {
    const reply = await start('scrollType=sorted&perScroll=10');
    const scrollId = reply.headers.get('x-scroll-id') ?? '';
    const token = reply.headers.get('x-scroll-token') ?? '';
    const open = emulator.search.openScrolls();
    const cleared = await call('/system/search/scroll/_clear', {
      method: 'POST',
      body: { [scrollId]: token },
    });
    expect(cleared.status).toBe(200);
    expect(emulator.search.openScrolls()).toBe(open - 1);
    expectError(await proceed(scrollId), 404);
    // Unknown ids are ignored.
    const again = await call('/system/search/scroll/_clear', {
      method: 'POST',
      body: { [scrollId]: token, nosuch: 'x' },
    });
    expect(again.status).toBe(200);
  });

  it('expires after its TTL', async () => {
    const reply = await start('scrollType=sorted&perScroll=10&scrollTTLMillis=60000');
    const scrollId = reply.headers.get('x-scroll-id') ?? '';
    clock.now += 30_000;
    expect((await proceed(scrollId)).status).toBe(200);
    clock.now += 61_000;
    expectError(await proceed(scrollId), 404);
  });

  it('is a snapshot: issues created after it started do not appear', async () => {
    const body = { query: 'Queue: DOCS' };
    const first = await start('scrollType=sorted&perScroll=3', body);
    const total = Number(first.headers.get('x-total-count'));
    const seen = keysOf(first);
    const created = await call('/issues', {
      method: 'POST',
      body: { queue: 'DOCS', summary: 'Created while scrolling' },
    });
    expect(created.status).toBe(201);
    const newKey = String(obj(created.body).key);
    let reply = first;
    for (let id = reply.headers.get('x-scroll-id'); id; id = reply.headers.get('x-scroll-id')) {
      reply = await proceed(id, body);
      expect(reply.headers.get('x-total-count')).toBe(String(total));
      seen.push(...keysOf(reply));
    }
    expect(seen).toHaveLength(total);
    expect(seen).not.toContain(newKey);
    // A new search sees it.
    const fresh = await call('/issues/_search', { method: 'POST', body });
    expect(keysOf(fresh)).toContain(newKey);
  });

  it('answers 404 for an unknown scroll id', async () => {
    expectError(await proceed('no-such-scroll'), 404);
  });
});
