/** The repository object the app holds: every read and write of the cache, bound to one file. */
import type {
  Attachment,
  ChangelogEntry,
  Comment,
  Issue,
  JsonObject,
  Link,
  Priority,
  Queue,
  Status,
  User,
} from '../api/index.ts';
import * as activity from './activity-write.ts';
import type { ReplaceCommentsResult } from './activity-write.ts';
import type { CacheContext } from './context.ts';
import { flushIndex } from './fts.ts';
import * as dictionaries from './dictionaries.ts';
import { facetCounts, type FacetCounts } from './facets.ts';
import * as inbox from './inbox.ts';
import type { InboxAction, InboxRow, NewInboxEntry } from './inbox.ts';
import type { DictionaryRow, UserRow } from './dictionaries.ts';
import * as issues from './issues-write.ts';
import * as read from './read.ts';
import type { ChangelogRow } from './read.ts';
import { schemaVersion } from './schema.ts';
import { search } from './search.ts';
import * as syncState from './sync-state.ts';
import type { MetaValue } from './sync-state.ts';
import type {
  AttachmentRow,
  CacheCounts,
  CommentRow,
  IssueDetail,
  IssueRow,
  IssueState,
  ListQuery,
  ListResult,
  RemoveFromScopeResult,
  Scope,
  SearchHit,
  SearchQuery,
  UpsertOptions,
  UpsertResult,
  Watermark,
  WatermarkPatch,
} from './types.ts';

/**
 * The offline cache of one account. Every method is synchronous and short (node:sqlite is
 * synchronous); each write method is one transaction, and {@link TrackerCache.transaction} groups
 * several into one (e.g. a page of issues and the watermark after it).
 */
export interface TrackerCache {
  /** The database file. */
  readonly file: string;
  /** The schema version of the open file. */
  readonly schemaVersion: number;
  /** Runs `fn` (synchronous) in one transaction; nested calls become savepoints. */
  transaction<T>(fn: () => T): T;

  /**
   * Upserts issues into a scope; older versions never overwrite newer ones, and the same version
   * is left alone unless `options.rewrite` (a relocalizing sync).
   */
  upsertIssues(issues: readonly Issue[], scope: Scope, options?: UpsertOptions): UpsertResult;
  /** Replaces an issue's comments (by key or alias) and re-indexes them for search. */
  replaceComments(issueKey: string, comments: readonly Comment[]): ReplaceCommentsResult;
  /** Replaces an issue's links; false when the issue is not cached. */
  replaceLinks(issueKey: string, links: readonly Link[]): boolean;
  /** Replaces an issue's attachment metadata; false when the issue is not cached. */
  replaceAttachments(issueKey: string, attachments: readonly Attachment[]): boolean;
  /** Replaces an issue's changelog; false when the issue is not cached. */
  replaceChangelog(issueKey: string, entries: readonly ChangelogEntry[]): boolean;
  /** Stores users; returns rows changed. */
  upsertUsers(users: readonly User[]): number;
  /** Stores queues; returns rows changed. */
  upsertQueues(queues: readonly Queue[]): number;
  /** Stores statuses; returns rows changed. */
  upsertStatuses(statuses: readonly Status[]): number;
  /** Stores priorities (and re-sorts issues by their order); returns rows changed. */
  upsertPriorities(priorities: readonly Priority[]): number;
  /** Drops `scope` from issues not in `keysStillInScope`; deletes issues left in no scope. */
  removeFromScope(scope: Scope, keysStillInScope: readonly string[]): RemoveFromScopeResult;
  /** Renames a moved issue; the old key stays reachable as an alias. False if unknown. */
  renameIssue(oldKey: string, newKey: string): boolean;

  /** The sync position of a scope, or undefined before its first sync. */
  getWatermark(scope: string): Watermark | undefined;
  /** Changes the given fields of a scope's sync position. */
  setWatermark(scope: string, patch: WatermarkPatch): Watermark;
  /** Forgets a scope's sync position; true if there was one. */
  clearWatermark(scope: string): boolean;
  /** Every scope's sync position. */
  listWatermarks(): Watermark[];
  /** Keys of the issues in a scope, sorted. */
  scopeKeys(scope: string): string[];
  /** Scopes with a watermark or members. */
  knownScopes(): string[];
  /** Empties a scope (deleting issues left in none) and forgets its watermark. */
  forgetScope(scope: Scope): RemoveFromScopeResult;
  /** A named JSON value (the sync engine's bookkeeping), or undefined. */
  getMeta(name: string): MetaValue | undefined;
  /** Stores a named JSON value. */
  setMeta(name: string, value: MetaValue): void;

  /** A page of the issue list with the total count. */
  listIssues(query?: ListQuery): ListResult;
  /** Full-text search with stemming, prefix matching and filters; best hits first. */
  search(query: SearchQuery): SearchHit[];
  /** One issue by key or alias, with raw JSON. */
  getIssue(keyOrAlias: string): IssueDetail | undefined;
  /** Comments of an issue, oldest first. */
  listComments(keyOrAlias: string): CommentRow[];
  /** Raw links of an issue. */
  listLinks(keyOrAlias: string): JsonObject[];
  /** Attachment metadata of an issue. */
  listAttachments(keyOrAlias: string): AttachmentRow[];
  /** Changelog entries of an issue, oldest first. */
  listChangelog(keyOrAlias: string): ChangelogRow[];
  /** Distinct queues, statuses and assignees of a view with counts, most common first. */
  facets(scope?: Scope | 'all'): FacetCounts;
  /** Version, timestamps and assignee of cached keys (unknown keys absent). */
  issueState(keys: readonly string[]): Map<string, IssueState>;
  /** The list rows of cached keys, read in one query (unknown keys absent). */
  issueRows(keys: readonly string[]): Map<string, IssueRow>;
  /** Every entry of a dictionary (for filter pickers). */
  listDictionary(kind: 'queues' | 'statuses' | 'priorities'): DictionaryRow[];
  /** Cached users by id or login. */
  getUsers(idsOrLogins: readonly string[]): UserRow[];
  /** Row counts. */
  counts(): CacheCounts;

  /** Adds inbox entries; ids already stored are left alone. Returns how many were new. */
  addInbox(entries: readonly NewInboxEntry[]): number;
  /** The newest inbox entries first (at most 500). */
  listInbox(): InboxRow[];
  /** Marks inbox entries read/unread/done/undone or snoozes them; returns rows changed. */
  updateInbox(ids: readonly string[], action: InboxAction): number;
  /** Inbox entries not read, not done and not snoozed now. */
  unreadInbox(): number;

  /**
   * Merges the search index segments and refreshes the planner statistics. Worth calling after a
   * full sync; may take a second on a large cache.
   */
  optimize(): void;
  /** Closes the file (updating planner statistics first). Later calls throw. */
  close(): void;
}

/** Builds the repository over an open, migrated database. */
export function createCache(ctx: CacheContext): TrackerCache {
  const { db } = ctx;
  db.setTransactionHooks({
    beforeCommit: () => flushIndex(ctx),
    afterRollback: () => ctx.pendingIndex.clear(),
  });
  return {
    file: db.file,
    schemaVersion: schemaVersion(db),
    transaction: (fn) => db.transaction(fn),
    upsertIssues: (list, scope, options) => issues.upsertIssues(ctx, list, scope, options),
    replaceComments: (key, list) => activity.replaceComments(ctx, key, list),
    replaceLinks: (key, list) => activity.replaceLinks(ctx, key, list),
    replaceAttachments: (key, list) => activity.replaceAttachments(ctx, key, list),
    replaceChangelog: (key, list) => activity.replaceChangelog(ctx, key, list),
    upsertUsers: (list) => dictionaries.upsertUsers(ctx, list),
    upsertQueues: (list) => dictionaries.upsertQueues(ctx, list),
    upsertStatuses: (list) => dictionaries.upsertStatuses(ctx, list),
    upsertPriorities: (list) => dictionaries.upsertPriorities(ctx, list),
    removeFromScope: (scope, keys) => issues.removeFromScope(ctx, scope, keys),
    renameIssue: (oldKey, newKey) => issues.renameIssue(ctx, oldKey, newKey),
    getWatermark: (scope) => syncState.getWatermark(ctx, scope),
    setWatermark: (scope, patch) => syncState.setWatermark(ctx, scope, patch),
    clearWatermark: (scope) => syncState.clearWatermark(ctx, scope),
    listWatermarks: () => syncState.listWatermarks(ctx),
    scopeKeys: (scope) => syncState.scopeKeys(ctx, scope),
    knownScopes: () => syncState.knownScopes(ctx),
    forgetScope: (scope) => syncState.forgetScope(ctx, scope),
    getMeta: (name) => syncState.getMeta(ctx, name),
    setMeta: (name, value) => syncState.setMeta(ctx, name, value),
    listIssues: (query) => read.listIssues(ctx, query),
    search: (query) => search(ctx, query),
    getIssue: (key) => read.getIssue(ctx, key),
    listComments: (key) => read.listComments(ctx, key),
    listLinks: (key) => read.listLinks(ctx, key),
    listAttachments: (key) => read.listAttachments(ctx, key),
    listChangelog: (key) => read.listChangelog(ctx, key),
    facets: (scope) => facetCounts(ctx, scope),
    issueState: (keys) => read.issueState(ctx, keys),
    issueRows: (keys) => read.issueRows(ctx, keys),
    listDictionary: (kind) => dictionaries.listDictionary(ctx, kind),
    getUsers: (ids) => dictionaries.getUsers(ctx, ids),
    counts: () => read.counts(ctx),
    addInbox: (entries) => inbox.addInboxEntries(ctx, entries),
    listInbox: () => inbox.listInbox(ctx),
    updateInbox: (ids, action) => inbox.updateInbox(ctx, ids, action),
    unreadInbox: () => inbox.unreadInbox(ctx),
    optimize: () => {
      db.exec(`INSERT INTO issue_fts(issue_fts) VALUES ('optimize'); PRAGMA optimize;`);
    },
    close: () => {
      try {
        db.exec('PRAGMA optimize');
      } catch (error) {
        ctx.log.warn('cache: PRAGMA optimize failed on close', { error: String(error) });
      }
      db.close();
    },
  };
}
