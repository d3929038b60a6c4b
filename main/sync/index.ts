/**
 * Incremental sync of the user's issues into the cache, and the scheduler that decides when it runs.
 * The cache plugs in through the {@link SyncStore} port; see README.md for the recipe.
 */
export {
  configuredScopes,
  DEFAULT_SYNC_CONFIG,
  resolveSyncConfig,
  scopeQuery,
  type ScopeName,
  type SyncConfig,
} from './config.ts';
export {
  createSyncEngine,
  type ScopeReport,
  type SyncEngine,
  type SyncEngineOptions,
  type SyncRunOptions,
  type SyncRunResult,
} from './engine.ts';
export { MemorySyncStore } from './memory-store.ts';
export type { CommitEvent, SyncApi } from './page.ts';
export type { SyncProgress } from './pass.ts';
export type {
  CommitPage,
  CommitResult,
  IssueState,
  ScopeId,
  SyncMeta,
  SyncStore,
  Watermark,
} from './port.ts';
export { formatQueryDate, keysQuery, passQuery } from './query.ts';
export {
  createSyncScheduler,
  systemSchedulerClock,
  type SchedulerClock,
  type SyncRunContext,
  type SyncScheduler,
  type SyncSchedulerOptions,
  type SyncTrigger,
} from './scheduler.ts';
