/**
 * Schema V2 (changelog table, inbox done/snoozed, facets index) on a file written by V1: the data
 * stays, the new columns take their defaults, and the changelog round-trips.
 */
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../main/cache/db.ts';
import { openCache, SCHEMA_VERSION } from '../../../../main/cache/index.ts';
import { migrate, MIGRATIONS } from '../../../../main/cache/schema.ts';
import { createLogger } from '../../../../main/log/index.ts';
import { comment, issue, tempDir } from './fixtures.ts';

const log = createLogger({ sinks: [] });
let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

describe('migration V1 → V2', () => {
  it('keeps the issues, comments and inbox of an existing V1 file', () => {
    const dir = tempDir();
    cleanup = dir.cleanup;
    const file = path.join(dir.dir, 'cache.sqlite');
    const db = openDatabase(file);
    expect(migrate(db, MIGRATIONS.slice(0, 1))).toEqual({ from: 0, to: 1 });
    db.exec(`INSERT INTO issues (key, id, queue, key_num, summary, status_key, cached_at)
               VALUES ('Q-1', 'id1', 'Q', 1, 'Kept summary', 'open', 5);
             INSERT INTO issue_raw (rid, raw) VALUES (1, '{"key":"Q-1","id":"id1"}');
             INSERT INTO comments (issue_key, id, text, created_at, raw)
               VALUES ('Q-1', 'c1', 'kept comment', 7, '{"id":"c1"}');
             INSERT INTO inbox (id, issue_key, kind, created_at, read, payload)
               VALUES ('n1', 'Q-1', 'assigned', 9, 1, '{"summary":"Kept summary"}'),
                      ('n2', 'Q-1', 'comment', 10, 0, '{}');`);
    db.close();

    const { cache } = openCache({ file, log });
    try {
      expect(SCHEMA_VERSION).toBe(2);
      expect(cache.schemaVersion).toBe(2);
      expect(cache.getIssue('Q-1')).toMatchObject({ summary: 'Kept summary', statusKey: 'open' });
      expect(cache.listComments('Q-1').map((c) => c.text)).toEqual(['kept comment']);
      expect(cache.listInbox().map((e) => [e.id, e.read, e.done, e.snoozedUntil])).toEqual([
        ['n2', false, false, null],
        ['n1', true, false, null],
      ]);
      expect(cache.unreadInbox()).toBe(1);
      expect(cache.facets().queues).toEqual([{ key: 'Q', display: 'Q', count: 1 }]);
    } finally {
      cache.close();
    }
  });

  it('stores an issue changelog, replaces it whole, and drops it with the issue', () => {
    const dir = tempDir();
    cleanup = dir.cleanup;
    const file = path.join(dir.dir, 'cache.sqlite');
    const { cache } = openCache({ file, log });
    try {
      const entry = (id: string, at: number) => ({
        id,
        updatedAt: at,
        type: 'IssueUpdated',
        fields: [],
        raw: {
          id,
          type: 'IssueUpdated',
          fields: [{ field: { id: 'summary' }, from: 'a', to: 'b' }],
        },
      });
      expect(cache.replaceChangelog('Q-1', [entry('x', 1)])).toBe(false);
      cache.upsertIssues([issue('Q-1')], 'opened');
      cache.replaceComments('Q-1', [comment('c1', 'hello')]);
      expect(cache.replaceChangelog('Q-1', [entry('b', 20), entry('a', 10)])).toBe(true);
      expect(cache.listChangelog('Q-1').map((row) => [row.id, row.at])).toEqual([
        ['a', 10],
        ['b', 20],
      ]);
      expect(cache.listChangelog('Q-1')[0]?.raw).toMatchObject({ type: 'IssueUpdated' });
      cache.replaceChangelog('Q-1', [entry('c', 30)]);
      expect(cache.listChangelog('Q-1').map((row) => row.id)).toEqual(['c']);
      cache.removeFromScope('opened', []);
      expect(cache.listChangelog('Q-1')).toEqual([]);
    } finally {
      cache.close();
    }
    // The rows went with the issue (foreign key), not just out of reach of its key.
    const db = new DatabaseSync(file);
    try {
      expect(db.prepare('SELECT count(*) AS n FROM changelog').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
