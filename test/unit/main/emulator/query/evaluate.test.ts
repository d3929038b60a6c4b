import { describe, expect, it } from 'vitest';
import { QueryError, compileQuery } from '../../../../../main/emulator/query/index.ts';
import type { QueryContext } from '../../../../../main/emulator/query/index.ts';
import { ISSUES, USERS, context, issue, run } from './fixture.ts';

/** Keys matching a query, in its order (key order unless it sorts). */
function keys(query: string, ctx: QueryContext = context()): string[] {
  return run(compileQuery(query, ctx));
}

function failure(query: string): QueryError {
  try {
    compileQuery(query, context());
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error(`compiled: ${query}`);
}

describe('users', () => {
  it('resolves me() to the requesting user', () => {
    expect(keys('Assignee: me()')).toEqual(['TREK-1', 'TREK-10']);
    expect(keys('Author: me()')).toEqual(['DEMO-2', 'TREK-2', 'TREK-10']);
    expect(keys('Assignee: me()', context({ meUid: 1002 }))).toEqual(['TREK-2']);
  });

  it('matches "my issues" searches', () => {
    expect(keys('Assignee: me() Resolution: empty()')).toEqual(['TREK-1']);
    expect(keys('"Pending Reply From": me()')).toEqual(['TREK-1']);
    expect(keys('Followers: me()')).toEqual(['TREK-1']);
    expect(keys('"Favorited by": me()')).toEqual(['TREK-2']);
    expect(keys('Favorites: me()')).toEqual(['TREK-2']);
    expect(
      keys('(Followers: me() OR Assignee: me() OR Author: me()) AND Resolution: empty()'),
    ).toEqual(['TREK-1', 'TREK-2']);
  });

  it('resolves users by login, login@, uid and display name in either language', () => {
    for (const value of [
      'bob',
      'BOB',
      'bob@',
      '1002',
      '"Bob Jones"',
      '"Боб Джонс"',
      '"Jones Bob"',
    ]) {
      expect(keys(`Author: ${value}`)).toEqual(['TREK-1']);
    }
    expect(keys('Автор: bob')).toEqual(['TREK-1']);
    expect(keys('Assignee: alice@')).toEqual(['TREK-1', 'TREK-10']);
    expect(keys('Assignee: alice2@')).toEqual([]);
    expect(keys('Followers: bob, ivan')).toEqual(['DEMO-1', 'TREK-1']);
    expect(keys('"Нужен ответ пользователя": alice')).toEqual(['TREK-1']);
  });

  it('supports empty() and notEmpty() on single and multi-valued user fields', () => {
    expect(keys('Assignee: empty()')).toEqual(['DEMO-1']);
    expect(keys('Assignee: notEmpty()')).toEqual(['DEMO-2', 'TREK-1', 'TREK-2', 'TREK-10']);
    expect(keys('Followers: empty()')).toEqual(['DEMO-2', 'TREK-2', 'TREK-10']);
    expect(keys('Followers: notempty()')).toEqual(['DEMO-1', 'TREK-1']);
  });

  it('accepts users given as a Map', () => {
    const users = new Map(USERS.map((u) => [u.uid, u]));
    expect(keys('Author: "Bob Jones"', context({ users }))).toEqual(['TREK-1']);
  });
});

describe('dictionaries and queues', () => {
  it('matches Resolution: empty(), unresolved(), notEmpty() and names', () => {
    expect(keys('Resolution: empty()')).toEqual(['DEMO-1', 'TREK-1', 'TREK-2']);
    expect(keys('Resolution: unresolved()')).toEqual(['DEMO-1', 'TREK-1', 'TREK-2']);
    expect(keys('Resolution: notEmpty()')).toEqual(['DEMO-2', 'TREK-10']);
    expect(keys('Resolution: "Won\'t fix"')).toEqual(['DEMO-2']);
    expect(keys('Резолюция: Решён')).toEqual(['TREK-10']);
  });

  it('matches statuses by key or localized name, in any case', () => {
    for (const value of ['open', 'Open', 'OPEN', 'Открыт', 'открыт', '1']) {
      expect(keys(`Status: ${value}`)).toEqual(['DEMO-1', 'TREK-1']);
    }
    for (const value of ['inProgress', 'inprogress', '"In Progress"', '"в работе"']) {
      expect(keys(`Статус: ${value}`)).toEqual(['TREK-2']);
    }
  });

  it('ORs multiple values and excludes negated ones', () => {
    expect(keys('Status: open, closed')).toEqual(['DEMO-1', 'DEMO-2', 'TREK-1', 'TREK-10']);
    expect(keys('Status: !closed')).toEqual(['DEMO-1', 'TREK-1', 'TREK-2']);
    expect(keys('Status: !open, !closed')).toEqual(['TREK-2']);
    expect(keys('Status: open, !open')).toEqual([]);
    expect(keys('Priority: !minor')).toEqual(['DEMO-1', 'DEMO-2', 'TREK-1', 'TREK-2']);
  });

  it('compares priorities by order', () => {
    expect(keys('Priority: > normal')).toEqual(['DEMO-1', 'TREK-2']);
    expect(keys('Priority: >= Normal')).toEqual(['DEMO-1', 'TREK-1', 'TREK-2']);
    expect(keys('Priority: < normal')).toEqual(['DEMO-2', 'TREK-10']);
    expect(keys('Priority: <= minor')).toEqual(['DEMO-2', 'TREK-10']);
    expect(keys('Priority: minor..normal')).toEqual(['TREK-1', 'TREK-10']);
    expect(keys('Приоритет: Критичный')).toEqual(['TREK-2']);
  });

  it('matches types, queues by key or name, keys with aliases, parents and tags', () => {
    expect(keys('Type: Bug')).toEqual(['DEMO-2', 'TREK-1', 'TREK-10']);
    expect(keys('Тип: Задача')).toEqual(['DEMO-1', 'TREK-2']);
    expect(keys('Queue: TREK')).toEqual(['TREK-1', 'TREK-2', 'TREK-10']);
    expect(keys('Queue: demo')).toEqual(['DEMO-1', 'DEMO-2']);
    expect(keys('Очередь: Стартрек')).toEqual(['TREK-1', 'TREK-2', 'TREK-10']);
    expect(keys('Key: TREK-10')).toEqual(['TREK-10']);
    expect(keys('Key: DEMO-3')).toEqual(['TREK-10']);
    expect(keys('Key: trek-1, DEMO-1')).toEqual(['DEMO-1', 'TREK-1']);
    expect(keys('Parent: TREK-1')).toEqual(['TREK-10']);
    expect(keys('Parent: notEmpty()')).toEqual(['TREK-10']);
    expect(keys('Tags: crash')).toEqual(['TREK-1']);
    expect(keys('Tags: demo, ui')).toEqual(['DEMO-1', 'TREK-1']);
    expect(keys('Теги: empty()')).toEqual(['DEMO-2', 'TREK-2', 'TREK-10']);
  });
});

describe('dates', () => {
  const lateMay9 = ['DEMO-2', 'TREK-1', 'TREK-10'];

  it.each([
    '2024-05-09',
    '09.05.2024',
    '05/09/2024',
    '"2024-05-09"',
    '"2024-05-09 23:00:00"',
    '"2024-05-09 23:00"',
    '"2024-05-09T23:00:00.000+0000"',
    '"2024-05-09T23:00:00Z"',
    '"2024-05-10T02:00:00.000+0300"',
    '"2024-05-10T02:00:00+03:00"',
  ])('Updated: >= %s', (date) => {
    expect(keys(`Updated: >= ${date}`)).toEqual(lateMay9);
  });

  it('treats a date as a span: equality, > and <= cover the whole day or second', () => {
    expect(keys('Updated: 2024-05-10')).toEqual(['DEMO-2', 'TREK-1']);
    expect(keys('Updated: > 2024-05-09')).toEqual(['DEMO-2', 'TREK-1']);
    expect(keys('Updated: <= 2024-05-09')).toEqual(['DEMO-1', 'TREK-2', 'TREK-10']);
    expect(keys('Updated: < 2024-05-09')).toEqual(['DEMO-1', 'TREK-2']);
    expect(keys('Updated: > "2024-05-09 23:00:00"')).toEqual(['DEMO-2', 'TREK-1']);
    expect(keys('Updated: > "2024-05-09T23:00:00.000+0000"')).toEqual(['DEMO-2', 'TREK-1']);
    expect(keys('Updated: "2024-05-09 23:00:00"')).toEqual(['TREK-10']);
  });

  it('supports inclusive ranges', () => {
    expect(keys('Created: 2024-01-01..2024-01-02')).toEqual(['TREK-1', 'TREK-2']);
    expect(keys('Создана: 31.12.2023..31.12.2023')).toEqual(['DEMO-1']);
    expect(keys('Created: !2024-01-01..2024-12-31')).toEqual(['DEMO-1']);
  });

  it('computes functions and arithmetic from the fixed now (Fri 2024-05-10 12:00 UTC)', () => {
    expect(keys('Updated: >= now() - 12h')).toEqual(['DEMO-2', 'TREK-1']);
    expect(keys('Updated: > now() - 1d')).toEqual(lateMay9);
    expect(keys('Updated: now() - 2d..now()')).toEqual(lateMay9);
    expect(keys('Updated: today()')).toEqual(['DEMO-2', 'TREK-1']);
    expect(keys('Updated: >= today() - "1w 1d"')).toEqual(lateMay9);
    expect(keys('Updated: >= today() - "1w 2d"')).toEqual([
      'DEMO-2',
      'TREK-1',
      'TREK-2',
      'TREK-10',
    ]);
    expect(keys('Updated: week()')).toEqual(lateMay9);
    expect(keys('Updated: month()')).toEqual(['DEMO-2', 'TREK-1', 'TREK-2', 'TREK-10']);
    expect(keys('Updated: quarter()')).toEqual(['DEMO-1', 'DEMO-2', 'TREK-1', 'TREK-2', 'TREK-10']);
    expect(keys('Created: month()')).toEqual([]);
    expect(keys('Created: year()')).toEqual(['DEMO-2', 'TREK-1', 'TREK-2', 'TREK-10']);
    expect(keys('"Last Comment": notEmpty()')).toEqual(['DEMO-2']);
  });
});

describe('text', () => {
  it('matches free text in summary or description, ignoring case, ё = е', () => {
    expect(keys('crash')).toEqual(['TREK-1']);
    expect(keys('CRASH')).toEqual(['TREK-1']);
    expect(keys('"login page"')).toEqual(['TREK-1']);
    expect(keys('stack trace')).toEqual(['TREK-1']);
    expect(keys('"trace stack"')).toEqual([]);
    expect(keys('ёлка')).toEqual(['DEMO-1', 'TREK-2']);
    expect(keys('ЕЛКА')).toEqual(['DEMO-1', 'TREK-2']);
    expect(keys('купить')).toEqual(['TREK-2']);
    expect(keys('crash Queue: DEMO')).toEqual([]);
  });

  it('matches Summary and Description fields separately', () => {
    expect(keys('Summary: crash')).toEqual(['TREK-1']);
    expect(keys('Summary: елка')).toEqual(['TREK-2']);
    expect(keys('Description: елка')).toEqual(['DEMO-1']);
    expect(keys('Описание: игрушки')).toEqual(['TREK-2']);
    expect(keys('Description: empty()')).toEqual(['DEMO-2', 'TREK-10']);
    expect(keys('Summary: !crash Queue: TREK')).toEqual(['TREK-2', 'TREK-10']);
  });

  it('re-folds an issue whose summary changed', () => {
    const one = issue('X-1', { summary: 'alpha' });
    const search = compileQuery('beta', context());
    expect(search.matches(one)).toBe(false);
    one.summary = 'Beta';
    expect(search.matches(one)).toBe(true);
  });
});

describe('boolean structure', () => {
  it('binds AND tighter than OR', () => {
    expect(keys('Queue: DEMO OR Status: open Priority: normal')).toEqual([
      'DEMO-1',
      'DEMO-2',
      'TREK-1',
    ]);
    expect(keys('Queue: DEMO OR Status: open AND Priority: normal')).toEqual([
      'DEMO-1',
      'DEMO-2',
      'TREK-1',
    ]);
    expect(keys('(Queue: DEMO OR Status: open) Priority: normal')).toEqual(['TREK-1']);
  });

  it('negates with NOT and !', () => {
    expect(keys('NOT Queue: TREK')).toEqual(['DEMO-1', 'DEMO-2']);
    expect(keys('!Assignee: me() Queue: TREK')).toEqual(['TREK-2']);
    expect(keys('not (Queue: TREK or Assignee: empty())')).toEqual(['DEMO-2']);
  });

  it('matches everything for an empty query', () => {
    expect(keys('')).toHaveLength(ISSUES.length);
  });
});

describe('compile errors', () => {
  it.each([
    ['Foo: bar', 'Unknown field "Foo"', 0],
    ['Queue: TREK Foo: bar', 'Unknown field "Foo"', 12],
    ['Status: bogus', 'Unknown status "bogus"', 8],
    ['Status: In Progress', 'Unknown status "In"', 8],
    ['Assignee: nobody', 'Unknown user "nobody"', 10],
    ['Queue: NOPE', 'Unknown queue "NOPE"', 7],
    ['Priority: > urgent', 'Unknown priority "urgent"', 12],
    ['Status: me()', 'me() does not apply to Status', 8],
    ['Updated: me()', 'me() does not apply to Updated', 9],
    ['Assignee: today()', 'today() does not apply to Assignee', 10],
    ['Status: > open', 'Status does not support comparisons', 8],
    ['Assignee: unresolved()', 'unresolved() applies only to Resolution', 10],
    ['Assignee: > empty()', 'empty() cannot be compared', 10],
    ['Status: open - 1d', 'Date arithmetic applies only to date fields', 8],
    ['Updated: 2024-02-30', 'Invalid date "2024-02-30"', 9],
    ['Updated: >= "yesterday"', 'Invalid date "yesterday"', 12],
    ['"Sort by": Followers', 'Cannot sort by Followers', 11],
    ['"Sort by": Foo', 'Unknown sort field "Foo"', 11],
  ])('%s', (query, message, position) => {
    const error = failure(query);
    expect(error.message).toContain(message);
    expect(error.position).toBe(position);
  });

  it('rejects the parser-level cases too', () => {
    expect(failure('Status: changed(to: "x")').position).toBe(8);
    expect(failure('(Assignee: me()').position).toBe(0);
    expect(failure('Status:').position).toBe(7);
  });

  it('uses the requesting user as given, even one missing from users', () => {
    expect(keys('Assignee: me()', context({ meUid: 424242 }))).toEqual([]);
  });
});
