/**
 * Filter facets: counts per queue, status and assignee of a view, most common first; the unassigned
 * bucket under `''`; names from the queues dictionary and the issues; the plan reads the covering
 * index instead of the table.
 */
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { Queue } from '../../../../main/api/index.ts';
import { issue, testCache, type TestCache } from './fixtures.ts';

let t: TestCache | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

function queue(key: string, name: string): Queue {
  return { id: key, key, name, issueTypes: [], raw: { key, name } };
}

function filled(): TestCache {
  const made = testCache();
  made.cache.upsertIssues(
    [
      issue('ALPHA-1', { status: 'open', assignee: 'u1', assigneeLogin: 'anna' }),
      issue('ALPHA-2', { status: 'open', assignee: 'u1', assigneeLogin: 'anna' }),
      issue('ALPHA-3', { status: 'closed', assignee: 'u2' }),
      issue('BETA-1', { status: 'open' }),
      issue('BETA-2', { status: 'inProgress', assignee: 'u3', assigneeLogin: 'boris' }),
    ],
    'assigned',
  );
  made.cache.upsertIssues(
    [
      issue('GAMMA-1', { status: 'closed' }),
      issue('GAMMA-2', { status: 'closed' }),
      issue('GAMMA-3', { status: 'closed' }),
    ],
    'followed',
  );
  made.cache.upsertQueues([queue('ALPHA', 'Alpha team'), queue('BETA', 'Beta')]);
  return made;
}

describe('facets', () => {
  it('counts every cached issue, most common first, then by name', () => {
    t = filled();
    const facets = t.cache.facets();
    expect(facets.queues).toEqual([
      { key: 'ALPHA', display: 'Alpha team', count: 3 },
      { key: 'GAMMA', display: 'GAMMA', count: 3 },
      { key: 'BETA', display: 'Beta', count: 2 },
    ]);
    expect(facets.statuses).toEqual([
      { key: 'closed', display: 'Closed', count: 4 },
      { key: 'open', display: 'Open', count: 3 },
      { key: 'inProgress', display: 'InProgress', count: 1 },
    ]);
    // Login when known, else the id; '' (displayed '') for the unassigned.
    expect(facets.assignees).toEqual([
      { key: '', display: '', count: 4 },
      { key: 'anna', display: 'U1', count: 2 },
      { key: 'u2', display: 'U2', count: 1 },
      { key: 'boris', display: 'U3', count: 1 },
    ]);
    expect(t.cache.facets('all')).toEqual(facets);
  });

  it('counts only the issues of a scope', () => {
    t = filled();
    const facets = t.cache.facets('followed');
    expect(facets.queues).toEqual([{ key: 'GAMMA', display: 'GAMMA', count: 3 }]);
    expect(facets.statuses).toEqual([{ key: 'closed', display: 'Closed', count: 3 }]);
    expect(facets.assignees).toEqual([{ key: '', display: '', count: 3 }]);
    const assigned = t.cache.facets('assigned');
    expect(assigned.queues.map((q) => [q.key, q.count])).toEqual([
      ['ALPHA', 3],
      ['BETA', 2],
    ]);
    expect(t.cache.facets('queue:NOPE')).toEqual({ queues: [], statuses: [], assignees: [] });
  });

  it('keys assignees by the login once the users dictionary supplies it', () => {
    t = filled();
    t.cache.upsertUsers([{ id: 'u2', login: 'vera', display: 'Vera', raw: { id: 'u2' } }]);
    const keys = t.cache.facets().assignees.map((a) => a.key);
    expect(keys).toContain('vera');
    expect(keys).not.toContain('u2');
  });

  it('groups the unscoped view off the covering index, without reading the table or sorting', () => {
    t = filled();
    const db = new DatabaseSync(t.file);
    try {
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT queue, status_key, assignee_id, assignee_login, count(*) AS n
           FROM issues INDEXED BY issues_facets
           GROUP BY queue, status_key, assignee_id, assignee_login`,
        )
        .all()
        .map((row) => String((row as { detail: string }).detail))
        .join('\n');
      expect(plan).toContain('COVERING INDEX issues_facets');
      expect(plan).not.toContain('TEMP B-TREE');
    } finally {
      db.close();
    }
  });
});
