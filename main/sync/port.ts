/**
 * The storage the sync engine needs, and nothing more: the cache implements it with an adapter
 * (node:sqlite is synchronous, so is this port), tests with {@link MemorySyncStore}. Every method
 * is one transaction; `commitPage` in particular writes issues, comments and the scope's watermark
 * together, which is what makes a crash at any moment resumable from the last committed page.
 */
import type { Comment, Issue } from '../api/parse/types.ts';

/**
 * A sync scope: `assigned`, `followed`, `authored`, `summoned`, `favorites`, `opened`, or
 * `queue:<KEY>` for a pinned queue. An issue may belong to several scopes at once.
 */
export type ScopeId = string;

/** How far a scope has synced. */
export interface Watermark {
  /** The greatest `updatedAt` (server time, epoch ms) among the scope's committed issues; 0 when none. */
  readonly updatedAt: number;
  /**
   * Whether the scope's first full pass has finished. Until then its changes are not news (the
   * notifier stays quiet), and an interrupted first pass resumes from `updatedAt`.
   */
  readonly complete: boolean;
}

/** What the engine needs to know about a stored issue to skip work. */
export interface IssueState {
  readonly version: number | undefined;
  /**
   * The issue's `lastCommentUpdatedAt` as of the comments held; undefined when none are held (an
   * issue stored without its comments, e.g. by a single-issue refresh, must report undefined). The
   * engine fetches the comments whenever this differs from the server's value.
   */
  readonly lastCommentUpdatedAt: number | undefined;
}

/** One page of a scope, applied atomically by {@link SyncStore.commitPage}. */
export interface CommitPage {
  readonly scope: ScopeId;
  /**
   * Issues to upsert and to mark as members of `scope`. An issue whose stored `version` is equal or
   * newer keeps its stored data (it still becomes a member): pages overlap on purpose.
   */
  readonly issues: readonly Issue[];
  /** Replaces the stored comments of these issue keys (only keys of issues in this page). */
  readonly comments?: ReadonlyMap<string, readonly Comment[]>;
  /** The scope's new watermark, stored as given (the engine never moves it backwards). */
  readonly watermark: Watermark;
  /**
   * A relocalizing run (the UI language changed since the cache was filled): an issue whose stored
   * copy is exactly as fresh is rewritten too, since its display names are in the old language.
   * An older copy still never replaces a newer one.
   */
  readonly rewrite?: boolean;
}

/** What a commit changed. */
export interface CommitResult {
  /** Keys whose stored data was inserted or replaced by a newer version. */
  readonly changed: readonly string[];
  /**
   * Keys rewritten at the same version by a `rewrite` commit: only their display names (language)
   * changed, so they are not news. Absent or empty without `rewrite`.
   */
  readonly relocalized?: readonly string[];
}

/** Bookkeeping of the engine that survives restarts. */
export interface SyncMeta {
  /** Epoch ms (local clock) of the last run that finished without error. */
  readonly lastSuccessAt?: number;
  /** Epoch ms (local clock) of the last run that reconciled every scope. */
  readonly lastReconcileAt?: number;
  /**
   * The language (Accept-Language) the stored issues were fetched in; undefined for a cache from
   * before it was recorded, which adopts the current language without a re-fetch.
   */
  readonly language?: string;
}

/** The engine's view of the cache. All methods are synchronous and each is one transaction. */
export interface SyncStore {
  /** The scope's watermark; undefined before its first committed page. */
  getWatermark(scope: ScopeId): Watermark | undefined;
  /** Upserts a page of issues (ignoring older versions), their comments and the watermark, atomically. */
  commitPage(page: CommitPage): CommitResult;
  /** Stored state of those keys that are stored (missing keys are absent from the map). */
  issueState(keys: readonly string[]): ReadonlyMap<string, IssueState>;
  /** Keys of the scope's members. */
  scopeKeys(scope: ScopeId): readonly string[];
  /**
   * Drops from `scope` every member not in `keepKeys`; returns the dropped keys. An issue left in
   * no scope is deleted with its comments, so the cache holds exactly the union of the scopes.
   */
  removeFromScope(scope: ScopeId, keepKeys: ReadonlySet<string>): readonly string[];
  /**
   * Re-keys a moved issue: data, comments and scope memberships move from `oldKey` to `newKey`.
   * When both exist, the `oldKey` row is dropped and its memberships merge into `newKey`'s.
   */
  renameIssue(oldKey: string, newKey: string): void;
  /** Scopes with a watermark or members, so scopes no longer configured can be forgotten. */
  knownScopes(): readonly ScopeId[];
  /** Removes the scope (watermark and memberships, as `removeFromScope` with nothing kept). */
  forgetScope(scope: ScopeId): readonly string[];
  getSyncMeta(): SyncMeta;
  /** Merges the given fields into the stored meta. */
  setSyncMeta(meta: Partial<SyncMeta>): void;
}
