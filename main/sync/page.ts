/**
 * Applying one page of search results to the store: skip what this pass already holds, follow
 * moved issues through their aliases, fetch comments only where `lastCommentUpdatedAt` moved, then
 * commit issues + comments + watermark in one transaction. A page either lands whole or not at all,
 * so a failure (or a crash) leaves the watermark at the last page that did.
 */
import { ForbiddenError, NotFoundError } from '../api/errors.ts';
import type { Comment, Issue } from '../api/parse/types.ts';
import type { CommentsApi } from '../api/resources/comments.ts';
import type { SearchApi } from '../api/resources/search.ts';
import type { Logger } from '../log/types.ts';
import type { ScopeId, SyncStore, Watermark } from './port.ts';

/** The part of the Tracker client sync uses (the real client satisfies it). */
export interface SyncApi {
  readonly issues: Pick<SearchApi, 'search' | 'searchScroll'>;
  readonly comments: Pick<CommentsApi, 'list'>;
}

/** What a commit changed, for the notifier and the renderer's `issue.changed`. */
export interface CommitEvent {
  readonly scope: ScopeId;
  /** Whether this is the scope's first full pass (its changes are not news). */
  readonly firstSync: boolean;
  /** Keys inserted or updated (real changes: news once the scope's first sync is complete). */
  readonly changed: readonly string[];
  /**
   * Keys rewritten at the same version by a relocalizing run (the UI language changed): only their
   * display names moved to the new language. Not news; never also listed in `changed`.
   */
  readonly relocalized?: readonly string[];
  /** Keys that left the scope. */
  readonly removed: readonly string[];
  /** Moved issues followed: old key → new key. */
  readonly renamed: readonly (readonly [string, string])[];
}

/** Counters of one scope's work in a run. */
export interface ScopeTally {
  fetched: number;
  readonly changed: Set<string>;
  /** Rewritten at the same version in the new language (a relocalizing run). */
  readonly relocalized: Set<string>;
  readonly removed: Set<string>;
  readonly renamed: [string, string][];
  commentRequests: number;
}

/** Shared by every page of a run. */
export interface RunContext {
  readonly api: SyncApi;
  readonly store: SyncStore;
  readonly log: Logger;
  readonly signal?: AbortSignal;
  readonly commentConcurrency: number;
  readonly onCommit?: (event: CommitEvent) => void;
}

/** The state of one scope while a run works on it. */
export interface ScopeRun {
  readonly scope: ScopeId;
  readonly firstSync: boolean;
  /** The watermark stored when the run started. */
  readonly initial: Watermark;
  /** Whether pages move the watermark (not for scopes searched in several chunks). */
  readonly advance: boolean;
  /**
   * The run relocalizes (the cache was fetched in another language): pages rewrite stored issues
   * of the same version, reported as `relocalized`.
   */
  readonly relocalize?: boolean;
  /** The greatest `updatedAt` seen so far. */
  maxUpdatedAt: number;
  /** key → version of every issue this run has committed for the scope. */
  readonly seen: Map<string, number>;
  readonly tally: ScopeTally;
}

/** Runs `task` over `items` with at most `limit` in flight; rejects on the first failure. */
async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The watermark a page of `run` commits. */
export function pageWatermark(run: ScopeRun): Watermark {
  if (!run.advance) return run.initial;
  return {
    updatedAt: Math.max(run.initial.updatedAt, run.maxUpdatedAt),
    complete: run.initial.complete,
  };
}

/** Follows moved issues: a stored key that is now an alias of a page issue is renamed to it. */
function followMoves(ctx: RunContext, run: ScopeRun, issues: readonly Issue[]): [string, string][] {
  const aliases = issues.flatMap((issue) => issue.aliases.filter((alias) => alias !== issue.key));
  if (aliases.length === 0) return [];
  const stored = ctx.store.issueState(aliases);
  const renamed: [string, string][] = [];
  for (const issue of issues) {
    for (const alias of issue.aliases) {
      if (alias === issue.key || !stored.has(alias)) continue;
      // Not atomic with the page, and need not be: if the page then fails, the issue sits under
      // its new key with older data, and the next run (same watermark) brings the new version.
      ctx.store.renameIssue(alias, issue.key);
      renamed.push([alias, issue.key]);
      ctx.log.info('sync followed a moved issue', { from: alias, to: issue.key });
    }
  }
  run.tally.renamed.push(...renamed);
  return renamed;
}

/** Applies one page of a pass (in search order). */
export async function applyPage(
  ctx: RunContext,
  run: ScopeRun,
  items: readonly Issue[],
): Promise<void> {
  run.tally.fetched += items.length;
  for (const issue of items) {
    if (issue.updatedAt !== undefined && issue.updatedAt > run.maxUpdatedAt)
      run.maxUpdatedAt = issue.updatedAt;
  }
  // Pages overlap (ties at the cursor second, the overlap window): keep only what this pass has
  // not committed at this version yet.
  const fresh = new Map<string, Issue>();
  for (const issue of items) {
    const seen = run.seen.get(issue.key);
    if (seen === undefined || (issue.version ?? 0) > seen) fresh.set(issue.key, issue);
  }
  const issues = [...fresh.values()];
  const renamed = followMoves(ctx, run, issues);
  const states = ctx.store.issueState(issues.map((issue) => issue.key));
  // The store reports the comment time its comments are from (undefined when it holds none), so
  // any difference means the held comments are stale or missing, whatever the issue's version.
  const needComments = issues.filter(
    (issue) => states.get(issue.key)?.lastCommentUpdatedAt !== issue.lastCommentUpdatedAt,
  );
  const vanished = new Set<string>();
  const comments = new Map<string, readonly Comment[]>();
  await mapLimit(needComments, ctx.commentConcurrency, async (issue) => {
    run.tally.commentRequests++;
    try {
      const list = await ctx.api.comments
        .list(issue.key, { perPage: 100, signal: ctx.signal })
        .toArray();
      comments.set(issue.key, list);
    } catch (error) {
      // Deleted or hidden since the search answered: nothing to store; reconciliation drops it.
      if (error instanceof NotFoundError || error instanceof ForbiddenError) {
        vanished.add(issue.key);
        return;
      }
      throw error;
    }
  });
  const kept = vanished.size > 0 ? issues.filter((i) => !vanished.has(i.key)) : issues;
  const watermark = pageWatermark(run);
  const stored = ctx.store.getWatermark(run.scope);
  const moved =
    stored === undefined ||
    stored.updatedAt !== watermark.updatedAt ||
    stored.complete !== watermark.complete;
  if (kept.length === 0 && !moved) return;
  const result = ctx.store.commitPage({
    scope: run.scope,
    issues: kept,
    comments,
    watermark,
    ...(run.relocalize === true ? { rewrite: true } : {}),
  });
  const { changed } = result;
  const relocalized = result.relocalized ?? [];
  for (const issue of kept) run.seen.set(issue.key, issue.version ?? 0);
  for (const key of changed) run.tally.changed.add(key);
  for (const key of relocalized) run.tally.relocalized.add(key);
  if (changed.length > 0 || renamed.length > 0 || relocalized.length > 0) {
    ctx.onCommit?.({
      scope: run.scope,
      firstSync: run.firstSync,
      changed,
      removed: [],
      renamed,
      ...(relocalized.length > 0 ? { relocalized } : {}),
    });
  }
}
