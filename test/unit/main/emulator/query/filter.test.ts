import { describe, expect, it } from 'vitest';
import {
  QueryError,
  compileFilter,
  compileQuery,
} from '../../../../../main/emulator/query/index.ts';
import { context, run } from './fixture.ts';

function keys(filter: unknown, order?: unknown): string[] {
  return run(compileFilter(filter, order, context()));
}

function failure(filter: unknown, order?: unknown): QueryError {
  try {
    compileFilter(filter, order, context());
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error(`compiled: ${JSON.stringify(filter)}`);
}

describe('filter form', () => {
  it.each<[unknown, string]>([
    [{ assignee: 'me()' }, 'Assignee: me()'],
    [{ assignee: 'empty()' }, 'Assignee: empty()'],
    [{ assignee: 'notEmpty()' }, 'Assignee: notEmpty()'],
    [{ assignee: 'me()', resolution: 'empty()' }, 'Assignee: me() Resolution: empty()'],
    [{ resolution: 'unresolved()' }, 'Resolution: unresolved()'],
    [{ queue: 'TREK', assignee: 'me()' }, 'Queue: TREK Assignee: me()'],
    [{ status: ['open', 'inProgress'] }, 'Status: open, inProgress'],
    [{ status: 'In Progress' }, 'Status: "In Progress"'],
    [{ followers: 'me()' }, 'Followers: me()'],
    [{ followers: ['bob', 'ivan'] }, 'Followers: bob, ivan'],
    [{ author: 'bob' }, 'Author: bob'],
    [{ createdBy: 'me()' }, 'Author: me()'],
    [{ assignee: 1001 }, 'Assignee: 1001'],
    [{ priority: ['blocker', 'critical'] }, 'Priority: blocker, critical'],
    [{ priority: { from: 'minor', to: 'normal' } }, 'Priority: minor..normal'],
    [{ type: 'bug' }, 'Type: bug'],
    [{ tags: 'demo' }, 'Tags: demo'],
    [{ key: ['TREK-1', 'DEMO-3'] }, 'Key: TREK-1, DEMO-3'],
    [{ parent: 'TREK-1' }, 'Parent: TREK-1'],
    [{ summary: 'crash' }, 'Summary: crash'],
    [{ created: { from: '2024-01-01', to: '2024-01-02' } }, 'Created: 2024-01-01..2024-01-02'],
    [{ createdAt: { from: '2024-01-01' } }, 'Created: >= 2024-01-01'],
    [{ updated: { to: '2024-05-01' } }, 'Updated: <= 2024-05-01'],
    [
      { updatedAt: { from: '2024-05-09T23:00:00.000+0000' } },
      'Updated: >= "2024-05-09T23:00:00.000+0000"',
    ],
    [{ updated: { from: 'today() - 1d' } }, 'Updated: >= today() - 1d'],
    [{ updated: 'today()' }, 'Updated: today()'],
    [{}, ''],
  ])('%j matches like the query %s', (filter, query) => {
    const expected = run(compileQuery(query, context()));
    expect(keys(filter)).toEqual(expected);
  });

  it('spot-checks a few results', () => {
    expect(keys({ status: ['open', 'inProgress'] })).toEqual(['DEMO-1', 'TREK-1', 'TREK-2']);
    expect(keys({ created: { from: '2024-01-01', to: '2024-01-02' } })).toEqual([
      'TREK-1',
      'TREK-2',
    ]);
    expect(keys({ key: ['TREK-1', 'DEMO-3'] })).toEqual(['TREK-1', 'TREK-10']);
  });

  it('orders with +field / -field / field, alone or in a list', () => {
    expect(keys({}, '-updated')).toEqual(['DEMO-2', 'TREK-1', 'TREK-10', 'TREK-2', 'DEMO-1']);
    expect(keys({}, '-updatedAt')).toEqual(['DEMO-2', 'TREK-1', 'TREK-10', 'TREK-2', 'DEMO-1']);
    expect(keys({}, ['+status', '-priority'])).toEqual([
      'DEMO-1',
      'TREK-1',
      'TREK-2',
      'TREK-10',
      'DEMO-2',
    ]);
    expect(keys({ queue: 'TREK' }, 'key')).toEqual(['TREK-1', 'TREK-2', 'TREK-10']);
    const search = compileFilter({ queue: 'TREK' }, ['-createdAt'], context());
    expect(search.sorted).toBe(true);
    expect(search.order).toEqual([{ field: 'created', direction: 'desc' }]);
    const unsorted = compileFilter({ queue: 'TREK' }, undefined, context());
    expect(unsorted.sorted).toBe(false);
  });

  it.each<[unknown, unknown, string]>([
    [{ foo: 'bar' }, undefined, 'filter: unknown field "foo"'],
    [{ assignee: null }, undefined, 'filter.assignee: null (use "empty()")'],
    [{ status: [] }, undefined, 'filter.status: empty list'],
    [{ status: [['open']] }, undefined, 'filter.status[0]: expected a string or a number'],
    [{ status: { from: 'open' } }, undefined, 'Status does not support ranges'],
    [{ created: { since: '2024-01-01' } }, undefined, 'unknown range key "since"'],
    [{ created: {} }, undefined, 'a range needs "from" or "to"'],
    [{ created: { from: 'yesterday' } }, undefined, 'Invalid date "yesterday" for Created'],
    [{ assignee: 'nobody' }, undefined, 'Unknown user "nobody"'],
    [{ assignee: 'bogus()' }, undefined, 'filter.assignee: Unknown function bogus()'],
    [{ status: 'changed()' }, undefined, 'changed() is not supported'],
    [{ status: true }, undefined, 'expected a string or a number, got boolean'],
    ['Queue: TREK', undefined, 'filter must be an object, got string'],
    [[], undefined, 'filter must be an object, got a nested list'],
    [null, undefined, 'filter must be an object'],
    [{}, '-foo', 'order: unknown sort field "-foo"'],
    [{}, ['+key', 5], 'order[1]: expected a string'],
    [{}, '+followers', 'Cannot sort by Followers'],
  ])('rejects %j (order %j)', (filter, order, message) => {
    const error = failure(filter, order);
    expect(error.message).toContain(message);
    expect(error.position).toBeUndefined();
  });
});
