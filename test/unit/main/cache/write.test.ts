import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Scope } from '../../../../main/cache/index.ts';
import { comment, issue, testCache, type TestCache } from './fixtures.ts';

let t: TestCache;
beforeEach(() => {
  t = testCache();
});
afterEach(() => t.cleanup());

describe('upsertIssues', () => {
  it('inserts, then dedupes by version: older never overwrites newer', () => {
    const first = t.cache.upsertIssues(
      [issue('Q-1', { version: 2, lastCommentUpdatedAt: 5 }), issue('Q-2')],
      'assigned',
    );
    expect(first).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });
    expect(first.insertedKeys).toEqual(['Q-1', 'Q-2']);
    expect(first.commentsChanged).toEqual(['Q-1']);

    const older = t.cache.upsertIssues([issue('Q-1', { version: 1, summary: 'old' })], 'assigned');
    expect(older).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    expect(t.cache.getIssue('Q-1')?.summary).toBe('Issue Q-1');

    const same = t.cache.upsertIssues(
      [issue('Q-1', { version: 2, lastCommentUpdatedAt: 5 })],
      'assigned',
    );
    expect(same).toMatchObject({ unchanged: 1, updated: 0, commentsChanged: [] });

    const newer = t.cache.upsertIssues(
      [issue('Q-1', { version: 3, summary: 'new', lastCommentUpdatedAt: 9 })],
      'assigned',
    );
    expect(newer).toMatchObject({ updated: 1, updatedKeys: ['Q-1'], commentsChanged: ['Q-1'] });
    const stored = t.cache.getIssue('Q-1');
    expect(stored?.summary).toBe('new');
    expect(stored?.raw.customField).toBe('custom Q-1');
    expect(stored?.version).toBe(3);
  });

  it('rewrites an equally fresh copy only with `rewrite`, reporting it as relocalized', () => {
    const en = (init = {}) => issue('Q-1', { version: 2, updatedAt: 10, status: 'open', ...init });
    t.cache.upsertIssues([en()], 'assigned');
    const ru = issue('Q-1', { version: 2, updatedAt: 10, status: 'open' });
    const russian: typeof ru = {
      ...ru,
      status: { id: 'open', key: 'open', display: 'Открыт' },
      priority: { id: 'normal', key: 'normal', display: 'Средний' },
    };

    const plain = t.cache.upsertIssues([russian], 'assigned');
    expect(plain).toMatchObject({ unchanged: 1, updated: 0, relocalized: 0 });
    expect(t.cache.getIssue('Q-1')?.statusDisplay).toBe('Open');

    const rewritten = t.cache.upsertIssues([russian], 'followed', { rewrite: true });
    expect(rewritten).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 0,
      relocalized: 1,
      relocalizedKeys: ['Q-1'],
      updatedKeys: [],
      commentsChanged: [],
    });
    const stored = t.cache.getIssue('Q-1');
    expect(stored?.statusDisplay).toBe('Открыт');
    expect(stored?.priorityDisplay).toBe('Средний');
    expect(stored?.version).toBe(2);
    expect([...(stored?.scopes ?? [])].sort()).toEqual(['assigned', 'followed']);
  });

  it('never lets an older copy overwrite a newer one, even with `rewrite`', () => {
    t.cache.upsertIssues([issue('Q-1', { version: 3, summary: 'three' })], 'assigned');
    const older = t.cache.upsertIssues(
      [issue('Q-1', { version: 2, summary: 'two', status: 'closed' })],
      'assigned',
      { rewrite: true },
    );
    expect(older).toMatchObject({ unchanged: 1, updated: 0, relocalized: 0 });
    expect(t.cache.getIssue('Q-1')).toMatchObject({ summary: 'three', version: 3 });

    // Same version but an older updatedAt is older too.
    t.cache.upsertIssues([issue('Q-2', { version: 1, updatedAt: 20 })], 'assigned');
    const stale = t.cache.upsertIssues(
      [issue('Q-2', { version: 1, updatedAt: 10, summary: 'stale' })],
      'assigned',
      { rewrite: true },
    );
    expect(stale).toMatchObject({ unchanged: 1, relocalized: 0 });
    expect(t.cache.getIssue('Q-2')?.summary).toBe('Issue Q-2');

    // A newer copy under `rewrite` is an ordinary update, not a relocalization.
    const newer = t.cache.upsertIssues([issue('Q-1', { version: 4 })], 'assigned', {
      rewrite: true,
    });
    expect(newer).toMatchObject({ updated: 1, updatedKeys: ['Q-1'], relocalized: 0 });
  });

  it('keeps the newest copy when a batch repeats a key', () => {
    const result = t.cache.upsertIssues(
      [
        issue('Q-1', { version: 3, summary: 'three' }),
        issue('Q-1', { version: 5, summary: 'five' }),
        issue('Q-1', { version: 4, summary: 'four' }),
      ],
      'assigned',
    );
    expect(result.inserted).toBe(1);
    expect(t.cache.getIssue('Q-1')?.summary).toBe('five');
  });

  it('treats a newer lastCommentUpdatedAt at the same version as a change', () => {
    t.cache.upsertIssues([issue('Q-1', { lastCommentUpdatedAt: 1 })], 'assigned');
    const result = t.cache.upsertIssues([issue('Q-1', { lastCommentUpdatedAt: 2 })], 'assigned');
    expect(result).toMatchObject({ updated: 1, commentsChanged: ['Q-1'] });
  });

  it('adds scope memberships even for unchanged issues', () => {
    t.cache.upsertIssues([issue('Q-1')], 'assigned');
    t.cache.upsertIssues([issue('Q-1')], 'followed');
    expect(t.cache.getIssue('Q-1')?.scopes).toEqual(['assigned', 'followed']);
    expect(t.cache.counts().scopes).toEqual({ assigned: 1, followed: 1 });
  });

  it('rejects an unknown scope', () => {
    expect(() => t.cache.upsertIssues([issue('Q-1')], 'mine' as Scope)).toThrow(
      /unknown cache scope/,
    );
  });

  it('follows a move: a known id under a new key renames the issue in place', () => {
    t.cache.upsertIssues([issue('OLD-1', { id: 'x1', version: 1 })], 'assigned');
    t.cache.replaceComments('OLD-1', [comment('c1', 'hello')]);
    const result = t.cache.upsertIssues(
      [issue('NEW-7', { id: 'x1', version: 2, aliases: ['OLD-1'] })],
      'assigned',
    );
    expect(result.renamed).toEqual([{ from: 'OLD-1', to: 'NEW-7' }]);
    expect(result.updated).toBe(1);
    expect(t.cache.getIssue('OLD-1')?.key).toBe('NEW-7');
    expect(t.cache.listComments('NEW-7').map((c) => c.id)).toEqual(['c1']);
    expect(t.cache.counts().issues).toBe(1);
  });
});

describe('renameIssue', () => {
  it('moves comments and scopes, keeps the old key as an alias, re-indexes the key', () => {
    t.cache.upsertIssues([issue('A-1', { summary: 'moved issue' })], 'assigned');
    t.cache.upsertIssues([issue('A-1', { summary: 'moved issue' })], 'favorites');
    t.cache.replaceComments('A-1', [comment('1', 'first'), comment('2', 'second')]);
    expect(t.cache.renameIssue('A-1', 'B-9')).toBe(true);
    const moved = t.cache.getIssue('A-1');
    expect(moved?.key).toBe('B-9');
    expect(moved?.queue).toBe('B');
    expect(moved?.aliases).toEqual(['A-1']);
    expect(moved?.raw.key).toBe('B-9');
    expect(moved?.scopes).toEqual(['assigned', 'favorites']);
    expect(t.cache.listComments('B-9')).toHaveLength(2);
    expect(t.cache.search({ text: 'B-9' }).map((h) => h.key)).toEqual(['B-9']);
    expect(t.cache.search({ text: 'A-1' }).map((h) => h.key)).toEqual(['B-9']);
    expect(t.cache.renameIssue('NOPE-1', 'X-1')).toBe(false);
  });

  it('merges into an already cached new key', () => {
    t.cache.upsertIssues([issue('A-1', { id: 'a' })], 'assigned');
    t.cache.upsertIssues([issue('C-3', { id: 'c', aliases: ['Z-9'] })], 'followed');
    expect(t.cache.renameIssue('C-3', 'A-1')).toBe(true);
    expect(t.cache.getIssue('A-1')?.scopes).toEqual(['assigned', 'followed']);
    expect(t.cache.getIssue('A-1')?.aliases).toEqual(['Z-9', 'C-3']);
    expect(t.cache.getIssue('C-3')?.key).toBe('A-1');
    expect(t.cache.getIssue('Z-9')?.key).toBe('A-1');
    expect(t.cache.search({ text: 'C-3' }).map((h) => h.key)).toEqual(['A-1']);
    expect(t.cache.counts().issues).toBe(1);
  });
});

describe('removeFromScope', () => {
  it('drops memberships and deletes issues left in no scope, with comments and index rows', () => {
    t.cache.upsertIssues(
      [issue('Q-1'), issue('Q-2'), issue('Q-3', { summary: 'unique zebra' })],
      'assigned',
    );
    t.cache.upsertIssues([issue('Q-2')], 'followed');
    t.cache.replaceComments('Q-3', [comment('c', 'text')]);
    const result = t.cache.removeFromScope('assigned', ['Q-1']);
    expect(result).toEqual({ removed: ['Q-2', 'Q-3'], deleted: ['Q-3'] });
    expect(t.cache.getIssue('Q-2')?.scopes).toEqual(['followed']);
    expect(t.cache.getIssue('Q-3')).toBeUndefined();
    expect(t.cache.counts()).toMatchObject({ issues: 2, comments: 0 });
    expect(t.cache.search({ text: 'zebra' })).toEqual([]);
  });

  it('counts an alias in the keep list as its issue', () => {
    t.cache.upsertIssues([issue('NEW-1', { aliases: ['OLD-1'] })], 'assigned');
    expect(t.cache.removeFromScope('assigned', ['OLD-1']).removed).toEqual([]);
  });

  it('forgetScope empties the scope and its watermark', () => {
    t.cache.upsertIssues([issue('Q-1')], 'queue:Q');
    t.cache.setWatermark('queue:Q', { updatedAt: 5 });
    expect(t.cache.knownScopes()).toEqual(['queue:Q']);
    expect(t.cache.forgetScope('queue:Q').deleted).toEqual(['Q-1']);
    expect(t.cache.knownScopes()).toEqual([]);
  });
});

describe('comments, links, attachments', () => {
  it('replaces comments wholesale and reports removals', () => {
    t.cache.upsertIssues([issue('Q-1')], 'assigned');
    t.cache.replaceComments('Q-1', [comment('1', 'a', 1), comment('2', 'b', 2)]);
    const result = t.cache.replaceComments('Q-1', [
      comment('2', 'b edited', 2),
      comment('3', 'c', 3),
    ]);
    expect(result).toEqual({ known: true, stored: 2, removed: 1 });
    expect(t.cache.listComments('Q-1').map((c) => [c.id, c.text])).toEqual([
      ['2', 'b edited'],
      ['3', 'c'],
    ]);
  });

  it('drops comments of an unknown issue with a warning', () => {
    expect(t.cache.replaceComments('NOPE-1', [comment('1', 'x')])).toEqual({
      known: false,
      stored: 0,
      removed: 0,
    });
    expect(t.sink.text()).toContain('not cached');
  });

  it('stores links and attachment metadata as raw JSON', () => {
    t.cache.upsertIssues([issue('Q-1')], 'assigned');
    expect(t.cache.replaceLinks('Q-1', [{ id: 'l1', raw: { id: 'l1', type: 'relates' } }])).toBe(
      true,
    );
    const attachment = { id: 'a1', name: 'log.txt', size: 12, raw: { id: 'a1', name: 'log.txt' } };
    expect(t.cache.replaceAttachments('Q-1', [attachment])).toBe(true);
    expect(t.cache.listLinks('Q-1')).toEqual([{ id: 'l1', type: 'relates' }]);
    expect(t.cache.listAttachments('Q-1')[0]).toMatchObject({ name: 'log.txt', size: 12 });
  });
});

describe('dictionaries', () => {
  it('copies priority order and assignee login onto issues', () => {
    t.cache.upsertIssues([issue('Q-1', { priority: 'critical', assignee: 'u1' })], 'assigned');
    t.cache.upsertPriorities([{ id: 'p4', key: 'critical', name: 'Critical', order: 4, raw: {} }]);
    t.cache.upsertUsers([{ id: 'u1', login: 'ivan', display: 'Ivan', raw: { uid: 'u1' } }]);
    const row = t.cache.getIssue('Q-1');
    expect(row).toMatchObject({ priorityOrder: 4, assigneeLogin: 'ivan' });
    t.cache.upsertIssues([issue('Q-2', { priority: 'critical', assignee: 'u1' })], 'assigned');
    expect(t.cache.getIssue('Q-2')).toMatchObject({ priorityOrder: 4, assigneeLogin: 'ivan' });
    expect(t.cache.getUsers(['ivan']).map((u) => u.id)).toEqual(['u1']);
    expect(
      t.cache.upsertQueues([{ id: '1', key: 'Q', name: 'Queue', issueTypes: [], raw: {} }]),
    ).toBe(1);
    expect(
      t.cache.upsertStatuses([{ id: 's', key: 'open', name: 'Open', order: 1, raw: {} }]),
    ).toBe(1);
    expect(t.cache.listDictionary('queues').map((q) => q.key)).toEqual(['Q']);
    expect(t.cache.listDictionary('statuses')[0]).toMatchObject({ key: 'open', order: 1 });
  });
});

describe('watermarks, meta and transactions', () => {
  it('patches watermarks field by field', () => {
    expect(t.cache.getWatermark('assigned')).toBeUndefined();
    t.cache.setWatermark('assigned', { updatedAt: 10, keysAtWatermark: ['Q-1'] });
    t.cache.setWatermark('assigned', { lastFullSyncAt: 99 });
    expect(t.cache.getWatermark('assigned')).toMatchObject({
      updatedAt: 10,
      keysAtWatermark: ['Q-1'],
      lastFullSyncAt: 99,
      lastReconciledAt: undefined,
    });
    expect(t.cache.listWatermarks()).toHaveLength(1);
  });

  it('stores named JSON values', () => {
    t.cache.setMeta('sync', { lastSuccessAt: 5 });
    expect(t.cache.getMeta('sync')).toEqual({ lastSuccessAt: 5 });
  });

  it('commits a page and its watermark together, or neither', () => {
    expect(() =>
      t.cache.transaction(() => {
        t.cache.upsertIssues([issue('Q-1')], 'assigned');
        t.cache.setWatermark('assigned', { updatedAt: 1 });
        throw new Error('network dropped');
      }),
    ).toThrow('network dropped');
    expect(t.cache.counts().issues).toBe(0);
    expect(t.cache.getWatermark('assigned')).toBeUndefined();
    t.cache.transaction(() => {
      t.cache.upsertIssues([issue('Q-1')], 'assigned');
      t.cache.setWatermark('assigned', { updatedAt: 1 });
    });
    expect(t.cache.counts().issues).toBe(1);
    expect(t.cache.issueState(['Q-1', 'Q-404'])).toEqual(
      new Map([
        [
          'Q-1',
          {
            key: 'Q-1',
            version: 1,
            updatedAt: 1_700_000_000_000,
            lastCommentUpdatedAt: undefined,
            assigneeId: undefined,
          },
        ],
      ]),
    );
  });

  it('reads the list rows of many keys at once, as getIssue reads one', () => {
    t.cache.upsertIssues([issue('Q-1'), issue('Q-2')], 'assigned');
    const rows = t.cache.issueRows(['Q-2', 'Q-1', 'Q-404']);
    expect([...rows.keys()].sort()).toEqual(['Q-1', 'Q-2']);
    const { description: _d, raw: _r, scopes: _s, cachedAt: _c, ...one } = t.cache.getIssue('Q-1')!;
    expect(rows.get('Q-1')).toEqual(one);
    expect(t.cache.issueRows([]).size).toBe(0);
  });

  it('refuses an async transaction body', () => {
    expect(() => t.cache.transaction(() => Promise.resolve(1))).toThrow(/synchronous/);
    t.cache.upsertIssues([issue('Q-1')], 'assigned');
    expect(t.cache.counts().issues).toBe(1);
  });
});
