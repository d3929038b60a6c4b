/** The offline cache (main process only): open one per account with {@link openCache}. */
export { openCache } from './open.ts';
export type { CacheRecovery, OpenCacheOptions, OpenCacheResult, RecoveryReason } from './open.ts';
export type { TrackerCache } from './cache.ts';
export type { ReplaceCommentsResult } from './activity-write.ts';
export type { DictionaryRow, UserRow } from './dictionaries.ts';
export type { FacetCount, FacetCounts } from './facets.ts';
export { INBOX_KINDS, INBOX_LIST_LIMIT } from './inbox.ts';
export type { InboxAction, InboxKind, InboxRow, NewInboxEntry } from './inbox.ts';
export type { ChangelogRow } from './read.ts';
export { summaryRowOf } from './rows.ts';
export type { SalvageReport } from './salvage.ts';
export type { MetaValue } from './sync-state.ts';
export { SCHEMA_VERSION } from './schema.ts';
export { parseQuery, tokenize, stem, indexTerms } from './text.ts';
export type { ParsedQuery, QueryTerm, Token } from './text.ts';
export { assertScope, FIXED_SCOPES, HIGHLIGHT_END, HIGHLIGHT_START, isScope } from './types.ts';
export type {
  AttachmentRow,
  CacheCounts,
  CommentRow,
  IssueDetail,
  IssueFilters,
  IssueRow,
  IssueState,
  ListQuery,
  ListResult,
  RemoveFromScopeResult,
  Scope,
  SearchHit,
  SearchQuery,
  SnippetField,
  SortField,
  UpsertOptions,
  UpsertResult,
  Watermark,
  WatermarkPatch,
} from './types.ts';

/** The file name of the cache inside an account's cache folder (`accountCacheDir`). */
export const CACHE_FILE_NAME = 'cache.sqlite';
