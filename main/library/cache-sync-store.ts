/**
 * The sync engine's storage port over the SQLite cache: each port call is one cache transaction,
 * so a page of issues, their comments and the scope's watermark land together or not at all.
 */
import type { Scope, TrackerCache } from '../cache/index.ts';
import type { Logger } from '../log/types.ts';
import type { IssueChange } from '../notify/events.ts';
import type {
  CommitPage,
  CommitResult,
  IssueState,
  SyncMeta,
  SyncStore,
  Watermark,
} from '../sync/index.ts';
import {
  addedComment,
  snapshotOfIssue,
  snapshotOfRow,
  type SyncCommitChanges,
  type SyncCommitHook,
} from './commit-changes.ts';

/** Options of {@link cacheSyncStore}. */
export interface CacheSyncStoreOptions {
  /** Stamps a completed first pass. */
  readonly now?: () => number;
  /** Told about every committed page's changes (see {@link SyncCommitHook}). */
  readonly onCommit?: SyncCommitHook;
  /**
   * True while the run is catching up after the cache was rebuilt: its changes are not news even
   * where a scope's watermark survived.
   */
  readonly catchingUp?: () => boolean;
  /** Where a failing hook is reported; a hook never fails a commit. */
  readonly log?: Logger;
}

const META = 'sync';
/** The language the cached issues were fetched in (a string; absent in caches from before). */
const LANGUAGE = 'language';

/**
 * Adapts a cache to {@link SyncStore}. `options` may be a clock (stamps a completed first pass), as
 * before the notification hook existed.
 */
export function cacheSyncStore(
  cache: TrackerCache,
  options: (() => number) | CacheSyncStoreOptions = {},
): SyncStore {
  const opts: CacheSyncStoreOptions = typeof options === 'function' ? { now: options } : options;
  const now = opts.now ?? Date.now;

  /** The page's changes: `before` read now, so call it before the upsert. One query per page. */
  function readBefore(page: CommitPage): Map<string, IssueChange['before']> {
    const rows = cache.issueRows(page.issues.map((issue) => issue.key));
    const before = new Map<string, IssueChange['before']>();
    for (const [key, row] of rows) before.set(key, snapshotOfRow(row));
    return before;
  }

  /** Comment ids held before the write, for the issues whose comments the page replaces. */
  function heldComments(page: CommitPage): Map<string, Set<string>> {
    const held = new Map<string, Set<string>>();
    for (const key of page.comments?.keys() ?? []) {
      held.set(key, new Set(cache.listComments(key).map((c) => c.id)));
    }
    return held;
  }

  function changesOf(
    page: CommitPage,
    changed: readonly string[],
    before: Map<string, IssueChange['before']>,
    held: Map<string, Set<string>>,
  ): IssueChange[] {
    const changedSet = new Set(changed);
    return page.issues
      .filter((issue) => changedSet.has(issue.key))
      .map((issue) => {
        const previous = before.get(issue.key);
        const known = held.get(issue.key);
        // Only an issue whose comments were held can have "added" ones: a first fetch of an
        // issue's comments brings its whole history, which is not news.
        const comments =
          previous !== undefined && known !== undefined && known.size > 0
            ? (page.comments?.get(issue.key) ?? [])
                .filter((c) => !known.has(c.id))
                .map(addedComment)
            : [];
        return { before: previous, after: snapshotOfIssue(issue), comments };
      });
  }

  return {
    getWatermark(scope): Watermark | undefined {
      const mark = cache.getWatermark(scope);
      if (!mark || mark.updatedAt === undefined) return undefined;
      return { updatedAt: mark.updatedAt, complete: mark.lastFullSyncAt !== undefined };
    },
    commitPage(page: CommitPage): CommitResult {
      let afterCommit: (() => void) | undefined;
      const committed = cache.transaction(() => {
        const hook = opts.onCommit;
        // A scope without a completed first pass, a relocalizing page or a rebuilt cache: every
        // issue looks new, so nothing of it is news (read before this page moves the watermark).
        const stored = cache.getWatermark(page.scope);
        const first =
          stored?.lastFullSyncAt === undefined ||
          page.rewrite === true ||
          opts.catchingUp?.() === true;
        const before = hook ? readBefore(page) : new Map<string, IssueChange['before']>();
        const held = hook && !first ? heldComments(page) : new Map<string, Set<string>>();
        const result = cache.upsertIssues(
          page.issues,
          page.scope as Scope,
          page.rewrite === true ? { rewrite: true } : {},
        );
        for (const [key, comments] of page.comments ?? []) cache.replaceComments(key, comments);
        cache.setWatermark(page.scope, {
          updatedAt: page.watermark.updatedAt,
          ...(page.watermark.complete ? { lastFullSyncAt: now() } : {}),
        });
        const changed = [...result.insertedKeys, ...result.updatedKeys];
        if (hook && changed.length > 0) {
          const commit: SyncCommitChanges = {
            scope: page.scope,
            run: first ? 'first' : 'incremental',
            changes: changesOf(page, changed, before, held),
          };
          try {
            afterCommit = hook(commit) ?? undefined;
          } catch (error) {
            // Notifications are a courtesy: a failing producer must never lose a page of issues.
            opts.log?.error('sync commit hook failed', { error, scope: page.scope });
          }
        }
        return { changed, relocalized: result.relocalizedKeys };
      });
      if (afterCommit) {
        try {
          afterCommit();
        } catch (error) {
          opts.log?.error('sync after-commit hook failed', { error, scope: page.scope });
        }
      }
      return committed;
    },
    issueState(keys): ReadonlyMap<string, IssueState> {
      const out = new Map<string, IssueState>();
      for (const [key, state] of cache.issueState(keys)) {
        // The cache keeps only the issue's comment time: an issue stored without its comments
        // must report none held, or the engine would never fetch them.
        const held =
          state.lastCommentUpdatedAt !== undefined && cache.listComments(key).length > 0
            ? state.lastCommentUpdatedAt
            : undefined;
        out.set(key, { version: state.version, lastCommentUpdatedAt: held });
      }
      return out;
    },
    scopeKeys: (scope) => cache.scopeKeys(scope),
    removeFromScope: (scope, keep) => cache.removeFromScope(scope as Scope, [...keep]).removed,
    renameIssue(oldKey, newKey) {
      cache.renameIssue(oldKey, newKey);
    },
    knownScopes: () => cache.knownScopes(),
    forgetScope: (scope) => cache.forgetScope(scope as Scope).removed,
    getSyncMeta(): SyncMeta {
      const meta = cache.getMeta(META);
      if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) return {};
      const read = (name: string) =>
        typeof meta[name] === 'number' ? (meta[name] as number) : undefined;
      const lastSuccessAt = read('lastSuccessAt');
      const lastReconcileAt = read('lastReconcileAt');
      const language = cache.getMeta(LANGUAGE);
      return {
        ...(lastSuccessAt !== undefined ? { lastSuccessAt } : {}),
        ...(lastReconcileAt !== undefined ? { lastReconcileAt } : {}),
        ...(typeof language === 'string' ? { language } : {}),
      };
    },
    setSyncMeta(patch) {
      cache.transaction(() => {
        const { language, ...merged } = { ...this.getSyncMeta(), ...patch };
        cache.setMeta(META, { ...merged });
        if (language !== undefined) cache.setMeta(LANGUAGE, language);
      });
    },
  };
}
