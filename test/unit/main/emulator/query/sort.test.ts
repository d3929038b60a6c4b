import { describe, expect, it } from 'vitest';
import type { IssueRecord } from '../../../../../main/emulator/model.ts';
import { compareKeys, compileQuery } from '../../../../../main/emulator/query/index.ts';
import type { QueryContext } from '../../../../../main/emulator/query/index.ts';
import { ISSUES, USERS, context, run } from './fixture.ts';

function keys(query: string, ctx: QueryContext = context()): string[] {
  return run(compileQuery(query, ctx));
}

describe('compareKeys', () => {
  it('orders by queue, then by number', () => {
    const sorted = ['TREK-10', 'DEMO-2', 'TREK-9', 'TREKX-1', 'TREK-1', 'DEMO-10', 'A-5'].sort(
      compareKeys,
    );
    expect(sorted).toEqual(['A-5', 'DEMO-2', 'DEMO-10', 'TREK-1', 'TREK-9', 'TREK-10', 'TREKX-1']);
    expect(compareKeys('TREK-1', 'TREK-1')).toBe(0);
    expect(compareKeys('ODD', 'ODD-x')).not.toBe(0);
  });
});

describe('sorting', () => {
  it('defaults to key order (queue, then number) and reports sorted=false', () => {
    const search = compileQuery('Queue: TREK, DEMO', context());
    expect(search.sorted).toBe(false);
    expect(search.order).toEqual([]);
    expect(run(search)).toEqual(['DEMO-1', 'DEMO-2', 'TREK-1', 'TREK-2', 'TREK-10']);
  });

  it('sorts by one or more keys, ASC by default', () => {
    expect(keys('"Sort by": Updated DESC')).toEqual([
      'DEMO-2',
      'TREK-1',
      'TREK-10',
      'TREK-2',
      'DEMO-1',
    ]);
    expect(keys('"Sort By": Created')).toEqual(['DEMO-1', 'TREK-1', 'TREK-2', 'TREK-10', 'DEMO-2']);
    expect(keys('"Sort by": Key DESC')).toEqual([
      'TREK-10',
      'TREK-2',
      'TREK-1',
      'DEMO-2',
      'DEMO-1',
    ]);
    const search = compileQuery('"Sort by": Status ASC, Priority DESC', context());
    expect(search.sorted).toBe(true);
    expect(search.order).toEqual([
      { field: 'status', direction: 'asc' },
      { field: 'priority', direction: 'desc' },
    ]);
    expect(run(search)).toEqual(['DEMO-1', 'TREK-1', 'TREK-2', 'TREK-10', 'DEMO-2']);
  });

  it('sorts users by display name with the unassigned last, ties by key', () => {
    expect(keys('"Sort by": Assignee')).toEqual([
      'TREK-1',
      'TREK-10',
      'TREK-2',
      'DEMO-2',
      'DEMO-1',
    ]);
    expect(keys('"Sort by": Assignee DESC')).toEqual([
      'DEMO-1',
      'DEMO-2',
      'TREK-2',
      'TREK-1',
      'TREK-10',
    ]);
  });

  it('sorts by summary with a collator', () => {
    expect(keys('Queue: TREK "Sort by": Summary')).toEqual(['TREK-10', 'TREK-1', 'TREK-2']);
  });

  it('combines a condition with Updated ASC, as incremental sync does', () => {
    expect(keys('Updated: >= "2024-05-01 10:00:00" "Sort by": Updated ASC')).toEqual([
      'TREK-2',
      'TREK-10',
      'TREK-1',
      'DEMO-2',
    ]);
  });
});

describe('sorting options', () => {
  it('uses Russian display names when the context asks for them', () => {
    const users = USERS.map((u) =>
      u.login === 'ivan' ? { ...u, display: { en: 'Ivan Petrov', ru: 'Агата Петрова' } } : u,
    );
    const ctx = context({ users, language: 'ru' });
    expect(keys('Assignee: notEmpty() "Sort by": Assignee', ctx)).toEqual([
      'DEMO-2',
      'TREK-1',
      'TREK-10',
      'TREK-2',
    ]);
  });

  it('sorts types by name and resolutions by order, empty last', () => {
    expect(keys('"Sort by": Type, Key DESC')).toEqual([
      'TREK-10',
      'TREK-1',
      'DEMO-2',
      'TREK-2',
      'DEMO-1',
    ]);
    expect(keys('"Sort by": Resolution')).toEqual([
      'TREK-10',
      'DEMO-2',
      'DEMO-1',
      'TREK-1',
      'TREK-2',
    ]);
  });

  it('is total: every fixture pair compares consistently', () => {
    const search = compileQuery('"Sort by": Priority', context());
    for (const a of ISSUES) {
      for (const b of ISSUES) {
        const ab = search.compare(a as IssueRecord, b);
        expect(Math.sign(ab)).toBe(-Math.sign(search.compare(b, a)) || 0);
        if (a !== b) expect(ab).not.toBe(0);
      }
    }
  });
});
