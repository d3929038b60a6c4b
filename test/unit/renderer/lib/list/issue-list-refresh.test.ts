import { describe, expect, it } from 'vitest';
import { IssueListState } from '../../../../../renderer/src/lib/list/issue-list.svelte.ts';
import { createFakeLoader } from './fake-issues.ts';

describe('IssueListState refresh and natural order', () => {
  it('refreshes the rows in view without dropping them first', async () => {
    const fake = createFakeLoader(500, { manual: true });
    const list = new IssueListState(fake.load, { sort: { field: 'key', direction: 'asc' } });
    const first = list.ensure(0, 50);
    fake.flush();
    await first;
    list.select(3);
    const refreshing = list.refresh();
    // The old rows stay visible while the fresh page is on its way.
    expect(list.rowAt(3)?.key).toBe('Q-4');
    expect(fake.pending).toHaveLength(1);
    fake.flush();
    await refreshing;
    expect(list.selectedIndex).toBe(3);
    expect(fake.requests).toHaveLength(2);
  });

  it('starts unsorted when asked, then sorts ascending on the first column click', async () => {
    const fake = createFakeLoader(10);
    const list = new IssueListState(fake.load, { sorted: false });
    await list.ensure(0, 10);
    expect(list.sorted).toBe(false);
    expect(fake.requests[0]?.natural).toBe(true);
    list.toggleSort('updated');
    await list.ensure(0, 10);
    expect(list.sorted).toBe(true);
    expect(list.sort).toEqual({ field: 'updated', direction: 'asc' });
    expect(fake.requests.at(-1)?.natural).toBeUndefined();
  });

  it('finds a held row by key and asks for it to be revealed', async () => {
    const fake = createFakeLoader(300);
    const list = new IssueListState(fake.load, { sort: { field: 'key', direction: 'asc' } });
    await list.ensure(0, 150);
    expect(list.indexOfKey('Q-120')).toBe(119);
    expect(list.indexOfKey('Q-299')).toBe(-1);
    list.requestReveal();
    expect(list.revealTick).toBe(1);
  });
});
