import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListQuery } from '../../../../main/cache/index.ts';
import { FEW_MATCHES } from '../../../../main/cache/read.ts';
import { issue, testCache, type TestCache } from './fixtures.ts';

let t: TestCache;
const HOUR = 3_600_000;
const T0 = 1_700_000_000_000;

beforeAll(() => {
  t = testCache();
  // 30 issues in two queues; numbers chosen so natural and string order differ (2 < 10).
  const issues = Array.from({ length: 30 }, (_, i) => {
    const n = i + 1;
    return issue(`${n % 2 === 0 ? 'BETA' : 'ALPHA'}-${n}`, {
      summary: `${['Ёлка', 'apple', 'Банан', 'cherry', 'дом'][n % 5]} ${n}`,
      status: ['open', 'inProgress', 'closed'][n % 3],
      priority: ['minor', 'normal', 'critical'][n % 3],
      assignee: n % 4 === 0 ? undefined : `user${n % 4}`,
      updatedAt: T0 + n * HOUR,
    });
  });
  t.cache.upsertIssues(issues.slice(0, 20), 'assigned');
  t.cache.upsertIssues(issues.slice(15), 'followed');
  t.cache.upsertPriorities([
    { id: '1', key: 'minor', order: 1, raw: {} },
    { id: '2', key: 'normal', order: 2, raw: {} },
    { id: '3', key: 'critical', order: 3, raw: {} },
  ]);
  t.cache.upsertUsers([{ id: 'user1', login: 'anna', display: 'Anna', raw: {} }]);
});
afterAll(() => t.cleanup());

const keys = (query: ListQuery) => t.cache.listIssues(query).rows.map((row) => row.key);

describe('listIssues', () => {
  it('defaults to newest first, 50 per page, with the total', () => {
    const page = t.cache.listIssues();
    expect(page.total).toBe(30);
    expect(page.rows).toHaveLength(30);
    expect(page.rows[0]?.key).toBe('BETA-30');
    expect(page.rows[0]).toMatchObject({ statusKey: 'open', priorityOrder: 1, summary: 'Ёлка 30' });
  });

  it('sorts keys naturally by queue then number, both directions', () => {
    const asc = keys({ sort: { field: 'key', direction: 'asc' }, limit: 4 });
    expect(asc).toEqual(['ALPHA-1', 'ALPHA-3', 'ALPHA-5', 'ALPHA-7']);
    const desc = keys({ sort: { field: 'key', direction: 'desc' }, limit: 3 });
    expect(desc).toEqual(['BETA-30', 'BETA-28', 'BETA-26']);
  });

  it('sorts summaries case-insensitively with ё folded, Latin before Cyrillic', () => {
    const rows = t.cache.listIssues({ sort: { field: 'summary', direction: 'asc' } }).rows;
    const firstWords = [...new Set(rows.map((row) => row.summary.split(' ')[0]))];
    expect(firstWords).toEqual(['apple', 'cherry', 'Банан', 'дом', 'Ёлка']);
  });

  it('sorts by priority order, status, assignee and updated', () => {
    const byPriority = t.cache.listIssues({ sort: { field: 'priority', direction: 'desc' } });
    expect(byPriority.rows.slice(0, 10).every((row) => row.priorityKey === 'critical')).toBe(true);
    const byStatus = t.cache.listIssues({ sort: { field: 'status', direction: 'asc' } }).rows;
    expect(byStatus.map((row) => row.statusDisplay)).toEqual(
      [...byStatus.map((row) => row.statusDisplay ?? '')].sort((a, b) =>
        a.toLowerCase().localeCompare(b.toLowerCase()),
      ),
    );
    const byAssignee = t.cache.listIssues({ sort: { field: 'assignee', direction: 'desc' } }).rows;
    expect(byAssignee[0]?.assigneeId).toBe('user3');
    expect(byAssignee.at(-1)?.assigneeId).toBeUndefined();
    expect(keys({ sort: { field: 'updated', direction: 'asc' }, limit: 2 })).toEqual([
      'ALPHA-1',
      'BETA-2',
    ]);
  });

  it('pages with offset and limit; the total ignores paging', () => {
    const sort = { field: 'updated', direction: 'desc' } as const;
    const all = keys({ sort, limit: 100 });
    const pages = [0, 7, 14, 21, 28].flatMap((offset) => keys({ sort, offset, limit: 7 }));
    expect(pages).toEqual(all);
    expect(t.cache.listIssues({ sort, offset: 28, limit: 7 })).toMatchObject({ total: 30 });
    expect(t.cache.listIssues({ sort, offset: 100 })).toEqual({ rows: [], total: 30 });
  });

  it('filters by scope, queue, status, assignee (id, login, unassigned) and updated', () => {
    expect(t.cache.listIssues({ scope: 'assigned' }).total).toBe(20);
    expect(t.cache.listIssues({ scope: 'followed' }).total).toBe(15);
    expect(t.cache.listIssues({ scope: 'all' }).total).toBe(30);
    expect(t.cache.listIssues({ scope: 'favorites' }).total).toBe(0);
    expect(t.cache.listIssues({ queues: ['BETA'] }).total).toBe(15);
    expect(t.cache.listIssues({ statuses: ['open', 'closed'] }).total).toBe(20);
    expect(t.cache.listIssues({ assignees: ['user1'] }).total).toBe(8);
    expect(t.cache.listIssues({ assignees: ['anna'] }).total).toBe(8);
    expect(t.cache.listIssues({ assignees: [null] }).total).toBe(7);
    expect(t.cache.listIssues({ assignees: ['anna', null] }).total).toBe(15);
    expect(t.cache.listIssues({ updatedFrom: T0 + 25 * HOUR }).total).toBe(6);
    expect(t.cache.listIssues({ updatedTo: T0 + 2 * HOUR }).total).toBe(2);
    expect(t.cache.listIssues({ queues: [] }).total).toBe(30);
  });

  it('combines filters, and a filtered page matches filtering the whole list', () => {
    const query = {
      scope: 'assigned',
      queues: ['ALPHA'],
      statuses: ['open', 'inProgress'],
      sort: { field: 'priority', direction: 'desc' },
    } as const;
    const page = t.cache.listIssues({ ...query, limit: 3 });
    const expected = t.cache
      .listIssues({ sort: query.sort, limit: 1000 })
      .rows.filter(
        (row) =>
          row.queue === 'ALPHA' &&
          ['open', 'inProgress'].includes(row.statusKey ?? '') &&
          Number(row.key.split('-')[1]) <= 20,
      );
    expect(page.total).toBe(expected.length);
    expect(page.rows.map((row) => row.key)).toEqual(expected.slice(0, 3).map((row) => row.key));
  });

  it('gives the same pages when many rows match (the sort-index plan) as when few do', () => {
    const big = testCache();
    try {
      const many = Array.from({ length: 2400 }, (_, i) =>
        issue(`BIG-${i + 1}`, {
          updatedAt: T0 + ((i * 7919) % 2400) * HOUR,
          status: i % 10 === 0 ? 'closed' : 'open',
          priority: ['minor', 'normal'][i % 2],
        }),
      );
      big.cache.upsertIssues(many, 'queue:BIG');
      const sort = { field: 'updated', direction: 'desc' } as const;
      const everything = big.cache.listIssues({ sort, limit: 1000, offset: 0 }).rows;
      const filtered = big.cache.listIssues({
        sort,
        scope: 'queue:BIG',
        statuses: ['open'],
        offset: 40,
        limit: 25,
      });
      const expected = [
        ...everything,
        ...big.cache.listIssues({ sort, limit: 1000, offset: 1000 }).rows,
        ...big.cache.listIssues({ sort, limit: 1000, offset: 2000 }).rows,
      ].filter((row) => row.statusKey === 'open');
      expect(filtered.total).toBe(2160);
      expect(filtered.total).toBeGreaterThan(FEW_MATCHES);
      expect(filtered.rows.map((r) => r.key)).toEqual(expected.slice(40, 65).map((r) => r.key));
      const byKey = big.cache.listIssues({
        sort: { field: 'key', direction: 'desc' },
        queues: ['BIG'],
        statuses: ['open', 'closed'],
        limit: 2,
      });
      expect(byKey).toMatchObject({
        total: 2400,
        rows: [{ key: 'BIG-2400' }, { key: 'BIG-2399' }],
      });
    } finally {
      big.cleanup();
    }
  });

  it('rejects an unknown scope or sort', () => {
    expect(() => t.cache.listIssues({ scope: 'nope' as 'assigned' })).toThrow(/scope/);
    expect(() =>
      t.cache.listIssues({ sort: { field: 'bogus' as 'key', direction: 'asc' } }),
    ).toThrow(/sort/);
  });
});
