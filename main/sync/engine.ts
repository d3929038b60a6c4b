/**
 * The incremental sync engine. A run walks every configured scope: an incremental pass from the
 * scope's watermark minus the overlap, or a full pass on the first sync and when reconciliation is
 * due; a full pass ends by dropping the members the server no longer lists. A run whose language
 * differs from the one the store was fetched in relocalizes: full passes everywhere, same-version
 * issues rewritten and reported as `relocalized` (not `changed`). Plain Node: the client,
 * the store, the clock and the listeners are injected.
 */
import { TrackerApiError } from '../api/errors.ts';
import type { Logger } from '../log/types.ts';
import { configuredScopes, resolveSyncConfig, scopeQuery, type SyncConfig } from './config.ts';
import type { CommitEvent, RunContext, ScopeRun, ScopeTally, SyncApi } from './page.ts';
import { runPass, type SyncProgress } from './pass.ts';
import type { ScopeId, SyncStore, Watermark } from './port.ts';
import { chunks, keysQuery } from './query.ts';

/** Keys per `Key:` query of the `opened` scope. */
const KEYS_PER_QUERY = 100;

/** Options of {@link createSyncEngine}. */
export interface SyncEngineOptions {
  readonly api: SyncApi;
  readonly store: SyncStore;
  /** Read at the start of every run, so settings changes apply to the next one. */
  readonly config?: Partial<SyncConfig> | (() => Partial<SyncConfig>);
  readonly log: Logger;
  /** Local clock (epoch ms): reconciliation timing and `lastSuccessAt`. */
  readonly now?: () => number;
  readonly onProgress?: (progress: SyncProgress) => void;
  /** After every commit and removal: what changed (the notifier diffs from here). */
  readonly onCommit?: (event: CommitEvent) => void;
  /**
   * The language requests are sent in (the client's Accept-Language), read at the start of every
   * run. When it differs from the language the store's issues were fetched in, the run relocalizes:
   * every scope is read in full and same-version issues are rewritten (reported as `relocalized`).
   * Without it, languages are not tracked.
   */
  readonly language?: () => string;
}

/** Options of one run. */
export interface SyncRunOptions {
  readonly signal?: AbortSignal;
  /** Force (true) or skip (false) reconciliation; by default it runs when due. */
  readonly reconcile?: boolean;
  readonly onProgress?: (progress: SyncProgress) => void;
}

/** What a run did to one scope. */
export interface ScopeReport {
  readonly scope: ScopeId;
  readonly firstSync: boolean;
  /** Whether the scope was read in full (first sync, reconciliation or relocalization). */
  readonly full: boolean;
  /** Issues received from search (overlaps included). */
  readonly fetched: number;
  /** Inserted or replaced by a newer version. */
  readonly changed: readonly string[];
  /** Rewritten at the same version in the new language (only in a relocalizing run). */
  readonly relocalized: readonly string[];
  readonly removed: readonly string[];
  readonly renamed: readonly (readonly [string, string])[];
  readonly commentRequests: number;
}

/** What a run did. */
export interface SyncRunResult {
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly reconciled: boolean;
  /**
   * Set when the run relocalized the store: the language it was fetched in (`from`) differed from
   * the run's (`to`), so every scope was read in full and same-version issues were rewritten.
   */
  readonly relocalized?: { readonly from: string; readonly to: string };
  readonly scopes: readonly ScopeReport[];
}

/** The engine. */
export interface SyncEngine {
  /** One run; a call while a run is in flight joins it. Rejects when any scope failed. */
  run(options?: SyncRunOptions): Promise<SyncRunResult>;
  /** The config the next run will use. */
  config(): SyncConfig;
}

/** Failures that only concern one scope (a bad pinned queue, lost access): others go on. */
function scopeLocal(error: unknown): boolean {
  return (
    error instanceof TrackerApiError &&
    (error.kind === 'validation' || error.kind === 'not_found' || error.kind === 'forbidden')
  );
}

function newTally(): ScopeTally {
  return {
    fetched: 0,
    changed: new Set(),
    relocalized: new Set(),
    removed: new Set(),
    renamed: [],
    commentRequests: 0,
  };
}

/** Creates a sync engine. */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const log = options.log.child({ scope: 'sync' });
  const now = options.now ?? Date.now;
  const store = options.store;
  const readConfig = () =>
    resolveSyncConfig(typeof options.config === 'function' ? options.config() : options.config);
  let inFlight: Promise<SyncRunResult> | undefined;

  async function syncScope(
    ctx: RunContext,
    config: SyncConfig,
    scope: ScopeId,
    reconcile: boolean,
    relocalize: boolean,
    onProgress: (progress: SyncProgress) => void,
  ): Promise<ScopeReport> {
    const stored = store.getWatermark(scope);
    const initial: Watermark = stored ?? { updatedAt: 0, complete: false };
    // A first sync cut short resumes from its watermark (its pass is the reconciliation).
    const resuming = stored !== undefined && !stored.complete;
    // Relocalizing reads everything again, whatever the watermark: unchanged issues hold old names.
    const full = stored === undefined || relocalize || (reconcile && !resuming);
    const from = full ? undefined : initial.updatedAt - config.overlapMs;
    const query = scopeQuery(scope);
    // Every member of a scope is read only where it is needed: a keys scope queries them, and a
    // full pass judges who left. An incremental run of a query scope skips this read of the whole
    // scope, which dominated its cost with tens of thousands of cached issues.
    const members: ReadonlySet<string> =
      query === undefined || full ? new Set(store.scopeKeys(scope)) : new Set();
    const run: ScopeRun = {
      scope,
      firstSync: !initial.complete,
      initial,
      advance: query !== undefined,
      relocalize,
      maxUpdatedAt: 0,
      seen: new Map(),
      tally: newTally(),
    };
    const pass = { from, pageSize: config.pageSize, scrollThreshold: config.scrollThreshold };
    if (query !== undefined) {
      await runPass(ctx, run, { ...pass, query, onProgress });
    } else {
      // `opened` is a list of keys the app recorded; chunks share one watermark, which therefore
      // moves only once every chunk has been read.
      for (const keys of chunks([...members], KEYS_PER_QUERY)) {
        const keyQuery = keysQuery(keys);
        if (keyQuery !== undefined)
          await runPass(ctx, run, { ...pass, query: keyQuery, onProgress });
      }
    }
    const final: Watermark = {
      updatedAt: Math.max(initial.updatedAt, run.maxUpdatedAt),
      complete: true,
    };
    const current = store.getWatermark(scope);
    if (current?.updatedAt !== final.updatedAt || current.complete !== final.complete) {
      store.commitPage({ scope, issues: [], watermark: final });
    }
    if (full) {
      // Members that joined during the pass (an issue the user just opened) are not judged yet.
      const keep = new Set(
        store.scopeKeys(scope).filter((key) => run.seen.has(key) || !members.has(key)),
      );
      const removed = store.removeFromScope(scope, keep);
      for (const key of removed) run.tally.removed.add(key);
      if (removed.length > 0) {
        log.info('sync reconciled a scope', { scope, removed: removed.length });
        options.onCommit?.({ scope, firstSync: run.firstSync, changed: [], removed, renamed: [] });
      }
    }
    onProgress({ scope, done: run.seen.size, total: run.seen.size });
    return {
      scope,
      firstSync: run.firstSync,
      full,
      fetched: run.tally.fetched,
      changed: [...run.tally.changed],
      relocalized: [...run.tally.relocalized],
      removed: [...run.tally.removed],
      renamed: run.tally.renamed,
      commentRequests: run.tally.commentRequests,
    };
  }

  async function runOnce(runOptions: SyncRunOptions): Promise<SyncRunResult> {
    const config = readConfig();
    const startedAt = now();
    const meta = store.getSyncMeta();
    const reconcile =
      runOptions.reconcile ??
      (meta.lastReconcileAt === undefined ||
        startedAt - meta.lastReconcileAt >= config.reconcileIntervalMs);
    // The language requests go out in now vs the one the stored issues were fetched in. A store
    // that never recorded one (a cache from before) adopts the current language as it is.
    const language = options.language?.();
    const relocalizing =
      language !== undefined && meta.language !== undefined && meta.language !== language
        ? { from: meta.language, to: language }
        : undefined;
    if (language !== undefined && meta.language === undefined) store.setSyncMeta({ language });
    if (relocalizing) log.info('sync relocalizes the cache', relocalizing);
    const scopes = configuredScopes(config);
    const wanted = new Set(scopes);
    for (const scope of store.knownScopes()) {
      if (wanted.has(scope)) continue;
      const removed = store.forgetScope(scope);
      log.info('sync forgot a scope', { scope, removed: removed.length });
      options.onCommit?.({ scope, firstSync: false, changed: [], removed, renamed: [] });
    }
    const ctx: RunContext = {
      api: options.api,
      store,
      log,
      signal: runOptions.signal,
      commentConcurrency: config.commentConcurrency,
      onCommit: options.onCommit,
    };
    const onProgress = (progress: SyncProgress) => {
      options.onProgress?.(progress);
      runOptions.onProgress?.(progress);
    };
    const reports: ScopeReport[] = [];
    const failures: unknown[] = [];
    for (const scope of scopes) {
      try {
        reports.push(
          await syncScope(ctx, config, scope, reconcile, relocalizing !== undefined, onProgress),
        );
      } catch (error) {
        // Transport trouble fails the whole run (the next scope would meet it too); a scope the
        // server refuses must not keep the others from syncing.
        if (!scopeLocal(error)) throw error;
        log.warn('sync scope failed', { scope, error });
        failures.push(error);
      }
    }
    if (failures.length > 0) throw failures[0];
    const finishedAt = now();
    // The new language is recorded only once every scope has been read in it: a run that fails
    // part-way leaves the old one, so the next run relocalizes again.
    store.setSyncMeta({
      lastSuccessAt: finishedAt,
      ...(reconcile ? { lastReconcileAt: startedAt } : {}),
      ...(relocalizing ? { language: relocalizing.to } : {}),
    });
    const changed = reports.reduce((n, r) => n + r.changed.length, 0);
    log.debug('sync run done', { scopes: reports.length, changed, reconcile });
    return {
      startedAt,
      finishedAt,
      reconciled: reconcile,
      ...(relocalizing ? { relocalized: relocalizing } : {}),
      scopes: reports,
    };
  }

  return {
    run(runOptions = {}) {
      inFlight ??= runOnce(runOptions).finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    config: readConfig,
  };
}
