import { describe, expect, it } from 'vitest';
import { IssueListState } from '../../../../../renderer/src/lib/list/issue-list.svelte.ts';
import { createFakeLoader } from './fake-issues.ts';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('IssueListState', () => {
  it('loads the first page before the total is known, then pages on demand', async () => {
    const fake = createFakeLoader(50_000);
    const list = new IssueListState(fake.load);
    expect(list.total).toBe(0);
    expect(list.rowAt(0)).toBeUndefined();
    await list.ensure(0, 0);
    expect(fake.requests).toEqual([
      { offset: 0, limit: 100, sort: { field: 'updated', direction: 'desc' } },
    ]);
    expect(list.loaded).toBe(true);
    expect(list.total).toBe(50_000);
    expect(list.rowAt(0)?.key).toBe('D-1');
    await list.ensure(90, 210);
    expect(fake.requests.map((r) => r.offset)).toEqual([0, 100, 200]);
    expect(list.rowAt(205)?.key).toBe('D-206');
    expect(list.rowAt(300)).toBeUndefined();
  });

  it('does not fetch beyond the total', async () => {
    const fake = createFakeLoader(150);
    const list = new IssueListState(fake.load);
    await list.ensure(0, 10);
    await list.ensure(0, 1000);
    expect(fake.requests.map((r) => r.offset)).toEqual([0, 100]);
  });

  it('deduplicates pages already in flight', async () => {
    const fake = createFakeLoader(1000, { manual: true });
    const list = new IssueListState(fake.load);
    const first = list.ensure(0, 50);
    const second = list.ensure(10, 60);
    expect(fake.requests).toHaveLength(1);
    fake.flush();
    await Promise.all([first, second]);
    expect(list.rowAt(49)?.key).toBe('D-50');
    await list.ensure(0, 50);
    expect(fake.requests).toHaveLength(1);
  });

  it('keeps memory bounded while scrolling through 50,000 rows', async () => {
    const fake = createFakeLoader(50_000);
    const list = new IssueListState(fake.load, { pageSize: 100, maxPages: 6 });
    for (let start = 0; start < 50_000; start += 700) {
      await list.ensure(start, start + 40);
      expect(list.cachedPages).toBeLessThanOrEqual(6);
    }
    await list.ensure(49_980, 50_000);
    expect(list.rowAt(49_999)?.key).toBe('D-50000');
  });

  it('a sort change drops the pages, refetches the window and ignores stale answers', async () => {
    const fake = createFakeLoader(1000, { manual: true });
    const list = new IssueListState(fake.load, { sort: { field: 'key', direction: 'desc' } });
    const first = list.ensure(0, 30);
    fake.answer();
    await first;
    expect(list.rowAt(0)?.key).toBe('D-1');
    void list.ensure(200, 230);
    expect(fake.pending.map((p) => p.request.offset)).toEqual([200]);

    list.toggleSort('key');
    expect(list.sort).toEqual({ field: 'key', direction: 'asc' });
    expect(list.rowAt(0)).toBeUndefined();
    // The window is refetched with the new sort.
    expect(fake.pending.map((p) => [p.request.offset, p.request.sort.direction])).toEqual([
      [200, 'desc'],
      [200, 'asc'],
    ]);
    fake.answer(0); // the stale desc page
    await settle();
    expect(list.rowAt(200)).toBeUndefined();
    fake.answer(0);
    await settle();
    expect(list.rowAt(200)?.key).toBe('Q-201');

    list.toggleSort('summary');
    expect(list.sort).toEqual({ field: 'summary', direction: 'asc' });
    list.sort = { field: 'summary', direction: 'asc' };
    expect(fake.requests.at(-1)?.sort).toEqual({ field: 'summary', direction: 'asc' });
  });

  it('reload refetches with the same sort and records failures', async () => {
    const fake = createFakeLoader(500, { manual: true });
    const list = new IssueListState(fake.load);
    const first = list.ensure(0, 20);
    fake.fail(0);
    await first;
    expect(list.error).toBeInstanceOf(Error);
    expect(list.loaded).toBe(false);
    const again = list.reload();
    expect(fake.pending).toHaveLength(1);
    fake.flush();
    await again;
    expect(list.error).toBeUndefined();
    expect(list.rowAt(0)?.key).toBe('D-1');
    expect(fake.requests).toHaveLength(2);
  });

  it('keeps the selection within the list', async () => {
    const fake = createFakeLoader(30);
    const list = new IssueListState(fake.load);
    expect(list.select(3)).toBe(-1);
    expect(list.moveSelection(1)).toBe(-1);
    await list.ensure(0, 30);
    expect(list.selectedIndex).toBe(-1);
    expect(list.moveSelection(1)).toBe(0);
    expect(list.moveSelection(-1)).toBe(0);
    expect(list.moveSelection(10)).toBe(10);
    expect(list.selected?.key).toBe('D-11');
    expect(list.moveSelection(100)).toBe(29);
    expect(list.select(-5)).toBe(0);
    list.selectedIndex = -1;
    expect(list.moveSelection(-1)).toBe(29);
  });
});
