/**
 * The behaviour every {@link SyncStore} must have, as a reusable suite: the memory store runs it
 * here, and the cache's adapter can run the same one (`syncStoreContract('sqlite', () => …)`).
 */
import { describe, expect, it } from 'vitest';
import type { Comment, Issue } from '../../../../main/api/parse/types.ts';
import type { SyncStore, Watermark } from '../../../../main/sync/port.ts';

/** A minimal parsed issue. */
export function issue(key: string, version: number, extra: Partial<Issue> = {}): Issue {
  return {
    id: `id-${key}`,
    key,
    version,
    summary: `${key} v${version}`,
    aliases: [],
    followers: [],
    sprint: [],
    tags: [],
    updatedAt: 1_700_000_000_000 + version * 1000,
    extra: {},
    raw: { key, version },
    ...extra,
  };
}

/** A minimal parsed comment. */
export function comment(id: number, text = `c${id}`): Comment {
  return {
    id: String(id),
    text,
    attachments: [],
    summonees: [],
    maillistSummonees: [],
    raw: { id, text },
  };
}

const MARK: Watermark = { updatedAt: 1_700_000_100_000, complete: false };

/** Registers the port's contract for stores made by `make` (a fresh, empty store per test). */
export function syncStoreContract(name: string, make: () => SyncStore): void {
  describe(`SyncStore contract: ${name}`, () => {
    it('commits issues, comments, membership and watermark together', () => {
      const store = make();
      expect(store.getWatermark('assigned')).toBeUndefined();
      const result = store.commitPage({
        scope: 'assigned',
        issues: [issue('A-1', 1, { lastCommentUpdatedAt: 5 }), issue('A-2', 3)],
        comments: new Map([['A-1', [comment(1), comment(2)]]]),
        watermark: MARK,
      });
      expect([...result.changed].sort()).toEqual(['A-1', 'A-2']);
      expect(store.getWatermark('assigned')).toEqual(MARK);
      expect([...store.scopeKeys('assigned')].sort()).toEqual(['A-1', 'A-2']);
      expect(store.issueState(['A-1', 'A-2', 'Z-9'])).toEqual(
        new Map([
          ['A-1', { version: 1, lastCommentUpdatedAt: 5 }],
          ['A-2', { version: 3, lastCommentUpdatedAt: undefined }],
        ]),
      );
    });

    it('reports the comment time of the comments it holds, not of the issue', () => {
      const store = make();
      store.commitPage({
        scope: 'assigned',
        issues: [issue('A-1', 1, { lastCommentUpdatedAt: 5 })],
        watermark: MARK,
      });
      expect(store.issueState(['A-1']).get('A-1')?.lastCommentUpdatedAt).toBeUndefined();
      store.commitPage({
        scope: 'assigned',
        issues: [issue('A-1', 1, { lastCommentUpdatedAt: 5 })],
        comments: new Map([['A-1', [comment(1)]]]),
        watermark: MARK,
      });
      expect(store.issueState(['A-1']).get('A-1')?.lastCommentUpdatedAt).toBe(5);
      // A newer version without comments (its comment time did not move) keeps them.
      store.commitPage({
        scope: 'assigned',
        issues: [issue('A-1', 2, { lastCommentUpdatedAt: 5 })],
        watermark: MARK,
      });
      expect(store.issueState(['A-1']).get('A-1')).toEqual({ version: 2, lastCommentUpdatedAt: 5 });
    });

    it('ignores equal and older versions but still records membership', () => {
      const store = make();
      store.commitPage({ scope: 'assigned', issues: [issue('A-1', 4)], watermark: MARK });
      const again = store.commitPage({
        scope: 'followed',
        issues: [issue('A-1', 4), issue('A-1', 2)],
        watermark: { updatedAt: 1, complete: true },
      });
      expect(again.changed).toEqual([]);
      expect(store.issueState(['A-1']).get('A-1')?.version).toBe(4);
      expect(store.scopeKeys('followed')).toEqual(['A-1']);
      expect(store.getWatermark('followed')).toEqual({ updatedAt: 1, complete: true });
      const newer = store.commitPage({
        scope: 'followed',
        issues: [issue('A-1', 5)],
        watermark: MARK,
      });
      expect(newer.changed).toEqual(['A-1']);
    });

    it('drops members not kept and deletes issues left in no scope', () => {
      const store = make();
      store.commitPage({
        scope: 'assigned',
        issues: [issue('A-1', 1), issue('A-2', 1), issue('A-3', 1)],
        watermark: MARK,
      });
      store.commitPage({ scope: 'followed', issues: [issue('A-2', 1)], watermark: MARK });
      const dropped = store.removeFromScope('assigned', new Set(['A-1']));
      expect([...dropped].sort()).toEqual(['A-2', 'A-3']);
      expect(store.scopeKeys('assigned')).toEqual(['A-1']);
      expect(store.issueState(['A-1', 'A-2', 'A-3']).size).toBe(2);
      expect(store.issueState(['A-3']).size).toBe(0);
      expect(store.getWatermark('assigned')).toEqual(MARK);
    });

    it('renames an issue with its comments and memberships, merging into an existing key', () => {
      const store = make();
      store.commitPage({
        scope: 'assigned',
        issues: [issue('OLD-1', 2, { lastCommentUpdatedAt: 9 }), issue('OLD-2', 1)],
        comments: new Map([['OLD-1', [comment(7)]]]),
        watermark: MARK,
      });
      store.commitPage({ scope: 'queue:NEW', issues: [issue('NEW-2', 5)], watermark: MARK });
      store.renameIssue('OLD-1', 'NEW-1');
      store.renameIssue('OLD-2', 'NEW-2');
      expect(store.issueState(['OLD-1', 'OLD-2']).size).toBe(0);
      expect(store.issueState(['NEW-1']).get('NEW-1')).toEqual({
        version: 2,
        lastCommentUpdatedAt: 9,
      });
      expect(store.issueState(['NEW-2']).get('NEW-2')?.version).toBe(5);
      expect([...store.scopeKeys('assigned')].sort()).toEqual(['NEW-1', 'NEW-2']);
      expect(store.scopeKeys('queue:NEW')).toEqual(['NEW-2']);
      const moved = store.commitPage({
        scope: 'assigned',
        issues: [issue('NEW-1', 3, { aliases: ['OLD-1'] })],
        watermark: MARK,
      });
      expect(moved.changed).toEqual(['NEW-1']);
    });

    it('lists and forgets scopes', () => {
      const store = make();
      store.commitPage({ scope: 'assigned', issues: [issue('A-1', 1)], watermark: MARK });
      store.commitPage({
        scope: 'queue:Q',
        issues: [issue('A-1', 1), issue('Q-1', 1)],
        watermark: MARK,
      });
      store.commitPage({
        scope: 'opened',
        issues: [],
        watermark: { updatedAt: 0, complete: true },
      });
      expect([...store.knownScopes()].sort()).toEqual(['assigned', 'opened', 'queue:Q']);
      expect([...store.forgetScope('queue:Q')].sort()).toEqual(['A-1', 'Q-1']);
      expect([...store.knownScopes()].sort()).toEqual(['assigned', 'opened']);
      expect(store.getWatermark('queue:Q')).toBeUndefined();
      expect(store.issueState(['A-1', 'Q-1']).size).toBe(1);
    });

    it('merges sync meta', () => {
      const store = make();
      expect(store.getSyncMeta()).toEqual({});
      store.setSyncMeta({ lastSuccessAt: 5 });
      store.setSyncMeta({ lastReconcileAt: 3 });
      store.setSyncMeta({ lastSuccessAt: 8 });
      expect(store.getSyncMeta()).toEqual({ lastSuccessAt: 8, lastReconcileAt: 3 });
      store.setSyncMeta({ language: 'en' });
      store.setSyncMeta({ lastSuccessAt: 9 });
      expect(store.getSyncMeta()).toEqual({ lastSuccessAt: 9, lastReconcileAt: 3, language: 'en' });
      store.setSyncMeta({ language: 'ru' });
      expect(store.getSyncMeta().language).toBe('ru');
    });

    it('rewrites a same-version issue only on a rewrite commit, reporting it as relocalized', () => {
      const store = make();
      const en = issue('A-1', 2, { status: { id: 's', key: 'open', display: 'Open' } });
      const ru = issue('A-1', 2, { status: { id: 's', key: 'open', display: 'Открыт' } });
      store.commitPage({ scope: 'assigned', issues: [en, issue('A-2', 3)], watermark: MARK });
      const plain = store.commitPage({ scope: 'assigned', issues: [ru], watermark: MARK });
      expect(plain.changed).toEqual([]);
      expect(plain.relocalized ?? []).toEqual([]);
      const rewritten = store.commitPage({
        scope: 'assigned',
        issues: [ru, issue('A-2', 2), issue('A-3', 1)],
        watermark: MARK,
        rewrite: true,
      });
      // A-2 v2 is older than the stored v3: never written, even on a rewrite commit.
      expect(rewritten.changed).toEqual(['A-3']);
      expect(rewritten.relocalized).toEqual(['A-1']);
      expect(store.issueState(['A-1', 'A-2']).get('A-2')?.version).toBe(3);
    });
  });
}
