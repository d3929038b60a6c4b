/** Public shapes of the offline cache: the rows it returns, the queries and results of its API. */
import type { JsonObject } from '../api/index.ts';

/**
 * A sync scope: one of the user's views an issue was fetched for. `queue:KEY` is a pinned queue,
 * `opened` an issue the user opened directly (kept so it stays readable offline).
 */
export type Scope =
  'assigned' | 'followed' | 'authored' | 'summoned' | 'favorites' | 'opened' | `queue:${string}`;

/** The fixed scopes (everything but `queue:KEY`). */
export const FIXED_SCOPES = [
  'assigned',
  'followed',
  'authored',
  'summoned',
  'favorites',
  'opened',
] as const;

/** Whether `value` names a scope. */
export function isScope(value: string): value is Scope {
  return (FIXED_SCOPES as readonly string[]).includes(value) || /^queue:[A-Za-z0-9_]+$/.test(value);
}

/** Throws on a scope name outside the {@link Scope} set (a typo would strand issues forever). */
export function assertScope(scope: string): asserts scope is Scope {
  if (!isScope(scope)) throw new RangeError(`unknown cache scope: ${scope}`);
}

/** An issue as the list shows it (no raw JSON). A missing value is `undefined`. */
export interface IssueRow {
  readonly key: string;
  readonly id: string;
  /** The queue key (`QUEUE` of `QUEUE-12`). */
  readonly queue: string;
  readonly summary: string;
  readonly statusKey: string | undefined;
  readonly statusDisplay: string | undefined;
  readonly priorityKey: string | undefined;
  readonly priorityDisplay: string | undefined;
  /** The priority's `order` from the priorities dictionary (higher is more urgent in Tracker). */
  readonly priorityOrder: number | undefined;
  readonly typeKey: string | undefined;
  readonly typeDisplay: string | undefined;
  readonly assigneeId: string | undefined;
  readonly assigneeLogin: string | undefined;
  readonly assigneeDisplay: string | undefined;
  readonly authorId: string | undefined;
  readonly authorDisplay: string | undefined;
  readonly resolutionKey: string | undefined;
  readonly resolutionDisplay: string | undefined;
  /** Epoch ms. */
  readonly createdAt: number | undefined;
  /** Epoch ms. */
  readonly updatedAt: number | undefined;
  readonly version: number | undefined;
  /** Epoch ms. */
  readonly lastCommentUpdatedAt: number | undefined;
  /** Old keys of a moved issue. */
  readonly aliases: readonly string[];
}

/** One issue with everything the cache holds about it. */
export interface IssueDetail extends IssueRow {
  readonly description: string | undefined;
  /** The issue exactly as the API sent it (custom and local fields live here). */
  readonly raw: JsonObject;
  /** Scopes the issue belongs to. */
  readonly scopes: readonly string[];
  /** When the cache last wrote this issue (epoch ms). */
  readonly cachedAt: number;
}

/** A cached comment. */
export interface CommentRow {
  readonly id: string;
  readonly issueKey: string;
  readonly authorId: string | undefined;
  readonly authorDisplay: string | undefined;
  readonly text: string;
  readonly createdAt: number | undefined;
  readonly updatedAt: number | undefined;
  readonly raw: JsonObject;
}

/** Attachment metadata (the file itself is never cached here). */
export interface AttachmentRow {
  readonly id: string;
  readonly issueKey: string;
  readonly name: string | undefined;
  readonly size: number | undefined;
  readonly mimetype: string | undefined;
  readonly createdAt: number | undefined;
  readonly raw: JsonObject;
}

/** Filters shared by {@link ListQuery} and {@link SearchQuery}; all given ones must hold. */
export interface IssueFilters {
  /** Only issues of this scope; default (and `'all'`): every cached issue. */
  readonly scope?: Scope | 'all';
  /** Queue keys. */
  readonly queues?: readonly string[];
  /** Status keys. */
  readonly statuses?: readonly string[];
  /** Assignee ids or logins; `null` stands for "unassigned". */
  readonly assignees?: readonly (string | null)[];
  /** Updated at or after this instant (epoch ms). */
  readonly updatedFrom?: number;
  /** Updated at or before this instant (epoch ms). */
  readonly updatedTo?: number;
}

/** Columns the list can be sorted by. */
export type SortField = 'key' | 'summary' | 'status' | 'priority' | 'assignee' | 'updated';

/** A page request for the issue list. */
export interface ListQuery extends IssueFilters {
  /**
   * Default `updated` descending. Ties (and `key`) order by queue then number. Missing values
   * (no assignee, no priority) sort first ascending, last descending, as SQLite orders NULL.
   */
  readonly sort?: { readonly field: SortField; readonly direction: 'asc' | 'desc' };
  /** Rows to skip; default 0. */
  readonly offset?: number;
  /** Page size; default 50, at most 1000. */
  readonly limit?: number;
}

/** A page of the issue list. */
export interface ListResult {
  readonly rows: IssueRow[];
  /** How many issues match the filters in all. */
  readonly total: number;
}

/** Where a highlighted snippet was cut from. */
export type SnippetField = 'key' | 'summary' | 'description' | 'comment';

/** A full-text query. */
export interface SearchQuery extends IssueFilters {
  readonly text: string;
  /** Hits to return, best first; default 20, at most 500. */
  readonly limit?: number;
  /** Treat the word being typed as a prefix (see parseQuery); default true. */
  readonly prefix?: boolean;
}

/** One search hit. */
export interface SearchHit extends IssueRow {
  /**
   * FTS5 bm25 score with the column weights: more negative is a better match. Hits come in this
   * order, except for a query matching at least half the cached issues (bm25 cannot tell those
   * apart): they come most recently cached first.
   */
  readonly rank: number;
  /**
   * Plain text around the first match, matched words between {@link HIGHLIGHT_START} and
   * {@link HIGHLIGHT_END}; never HTML. Cut ends carry `…`.
   */
  readonly snippet: string;
  readonly snippetField: SnippetField;
}

/** Opens a highlighted word in a snippet (STX; stripped from the source text first). */
export const HIGHLIGHT_START = '\u0002';
/** Closes a highlighted word in a snippet (ETX). */
export const HIGHLIGHT_END = '\u0003';

/** What {@link TrackerCache.upsertIssues} did. */
export interface UpsertResult {
  readonly inserted: number;
  readonly updated: number;
  /**
   * Same version rewritten because of {@link UpsertOptions.rewrite} (display names in another
   * language): not counted in `updated`, not a change of the issue.
   */
  readonly relocalized: number;
  /** Same version already cached (and not rewritten), or an older version that was ignored. */
  readonly unchanged: number;
  readonly insertedKeys: string[];
  readonly updatedKeys: string[];
  readonly relocalizedKeys: string[];
  /** Keys whose lastCommentUpdatedAt moved (or is new): their comments need fetching. */
  readonly commentsChanged: string[];
  /** Issues found under a new key for a known id (moved queues), renamed in place. */
  readonly renamed: { readonly from: string; readonly to: string }[];
}

/** Options of an issue upsert. */
export interface UpsertOptions {
  /**
   * Also rewrite an issue whose cached copy is exactly as fresh (same version, updatedAt and comment
   * time): the copy was fetched in another language, so its display names are stale. A copy older
   * than the cached one is still ignored.
   */
  readonly rewrite?: boolean;
}

/** What sync needs to decide whether an issue changed, per key. */
export interface IssueState {
  readonly key: string;
  readonly version: number | undefined;
  readonly updatedAt: number | undefined;
  readonly lastCommentUpdatedAt: number | undefined;
  readonly assigneeId: string | undefined;
}

/** The incremental-sync position of one scope. */
export interface Watermark {
  readonly scope: string;
  /** The highest issue updatedAt seen (epoch ms). */
  readonly updatedAt: number | undefined;
  /** Keys seen with exactly that updatedAt. */
  readonly keysAtWatermark: readonly string[];
  readonly lastFullSyncAt: number | undefined;
  readonly lastReconciledAt: number | undefined;
  /** When this record was last written (epoch ms). */
  readonly changedAt: number;
}

/** Fields of a watermark to change; the ones left out keep their values. */
export type WatermarkPatch = Partial<
  Pick<Watermark, 'updatedAt' | 'keysAtWatermark' | 'lastFullSyncAt' | 'lastReconciledAt'>
>;

/** Row counts, for the status bar and diagnostics. */
export interface CacheCounts {
  readonly issues: number;
  readonly comments: number;
  readonly users: number;
  readonly queues: number;
  readonly statuses: number;
  readonly priorities: number;
  readonly inbox: number;
  readonly unreadInbox: number;
  readonly outbox: number;
  /** Issues per scope. */
  readonly scopes: Readonly<Record<string, number>>;
}

/** What {@link TrackerCache.removeFromScope} did. */
export interface RemoveFromScopeResult {
  /** Keys that left the scope. */
  readonly removed: string[];
  /** Of those, the keys deleted from the cache because no scope holds them anymore. */
  readonly deleted: string[];
}
