/**
 * The sync engine's storage port over the SQLite cache: each port call is one cache transaction,
 * so a page of issues, their comments and the scope's watermark land together or not at all.
 */
import type { Scope, TrackerCache } from '../cache/index.ts';
import type {
  CommitPage,
  CommitResult,
  IssueState,
  SyncMeta,
  SyncStore,
  Watermark,
} from '../sync/index.ts';

const META = 'sync';
/** The language the cached issues were fetched in (a string; absent in caches from before). */
const LANGUAGE = 'language';

/** Adapts a cache to {@link SyncStore}; `now` stamps a completed first pass. */
export function cacheSyncStore(cache: TrackerCache, now: () => number = Date.now): SyncStore {
  return {
    getWatermark(scope): Watermark | undefined {
      const mark = cache.getWatermark(scope);
      if (!mark || mark.updatedAt === undefined) return undefined;
      return { updatedAt: mark.updatedAt, complete: mark.lastFullSyncAt !== undefined };
    },
    commitPage(page: CommitPage): CommitResult {
      return cache.transaction(() => {
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
        return {
          changed: [...result.insertedKeys, ...result.updatedKeys],
          relocalized: result.relocalizedKeys,
        };
      });
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
