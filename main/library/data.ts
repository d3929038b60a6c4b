/**
 * The local data of the open workspace: its SQLite cache and the sync that keeps it fresh. Attached
 * when a workspace (an organization, or the demo) becomes ready, detached when it closes; the
 * scheduler's status is pushed as `sync.changed`, and changed issues as `issue.changed`.
 */
import path from 'node:path';
import type { SyncStatus } from '../../preload/contract.ts';
import type { TrackerClient } from '../api/index.ts';
import { CACHE_FILE_NAME, openCache, type TrackerCache } from '../cache/index.ts';
import type { EventEmitter } from '../ipc/events.ts';
import type { Logger } from '../log/types.ts';
import { accountCacheDir } from '../session/bootstrap.ts';
import type { SyncConfig } from '../sync/config.ts';
import { createSyncEngine, createSyncScheduler, type SyncScheduler } from '../sync/index.ts';
import { cacheSyncStore } from './cache-sync-store.ts';
import type { SyncCommitChanges } from './commit-changes.ts';
import { refreshDictionaries } from './dictionaries.ts';

/** At most this many `issue.changed` events per committed page; the list reloads anyway. */
const MAX_CHANGED_EVENTS = 100;

/** The open workspace's cache and sync. */
export interface WorkspaceData {
  attach(client: TrackerClient, cacheKey: string): Promise<void>;
  detach(): Promise<void>;
  cache(): TrackerCache | null;
  status(): SyncStatus;
  syncNow(): SyncStatus;
  setOnline(online: boolean): void;
  suspend(): void;
  resume(): void;
  focus(): void;
  /**
   * The sync settings changed: new scopes or pinned queues sync at once (scopes dropped are
   * forgotten by that run), a new interval re-plans the next run.
   */
  syncConfigChanged(change: { scopes: boolean; interval: boolean }): void;
  /**
   * The language requests are sent in changed: when online, a sync runs at once, and (finding the
   * cache fetched in another language) re-reads every scope so the cached names follow.
   */
  languageChanged(): void;
}

/** Builds the data holder for one app instance. */
export function createWorkspaceData(deps: {
  readonly userData: string;
  readonly events: EventEmitter;
  readonly log: Logger;
  readonly online: () => boolean;
  /** The user's part of the sync config, read at every run (default: the engine's defaults). */
  readonly syncConfig?: () => Partial<SyncConfig>;
  /**
   * The language the client's requests use (read at every run): the cache records the language
   * its issues were fetched in, and a run in another language relocalizes it.
   */
  readonly language?: () => string;
  /**
   * Told about every committed sync page of the open cache, inside its transaction (the notifier
   * writes its inbox entries there); a returned function runs once the page is committed.
   */
  readonly onSyncCommit?: (commit: SyncCommitChanges, cache: TrackerCache) => (() => void) | void;
  /** Told every sync status pushed to the renderer (the tray follows offline and error). */
  readonly onStatus?: (status: SyncStatus) => void;
}): WorkspaceData {
  const log = deps.log.child({ scope: 'data' });
  let cache: TrackerCache | null = null;
  let scheduler: SyncScheduler | null = null;
  const signedOut = (): SyncStatus => ({
    state: 'signedOut',
    online: deps.online(),
    lastSuccessAt: null,
  });

  // Attach and detach run one at a time: an overlap could close a cache a newer scheduler uses.
  let queue: Promise<void> = Promise.resolve();
  let attachedClient: TrackerClient | null = null;
  function serial(work: () => Promise<void>): Promise<void> {
    queue = queue.then(work, work);
    return queue;
  }

  function pushStatus(status: SyncStatus): void {
    deps.events.emit('sync.changed', status);
    try {
      deps.onStatus?.(status);
    } catch (error) {
      log.error('sync status listener failed', { error });
    }
  }

  async function detachNow(): Promise<void> {
    const running = scheduler;
    scheduler = null;
    await running?.stop();
    cache?.close();
    cache = null;
    attachedClient = null;
    pushStatus(signedOut());
  }

  async function attachNow(client: TrackerClient, cacheKey: string): Promise<void> {
    await detachNow();
    const opened = openCache({
      file: path.join(accountCacheDir(deps.userData, cacheKey), CACHE_FILE_NAME),
      log,
    });
    if (opened.recovered) {
      // The user is told through the sync status; a full sync rebuilds what was lost.
      log.warn('local cache was unusable and is being rebuilt', {
        reason: opened.recovered.reason,
      });
    }
    const current = opened.cache;
    cache = current;
    // After a rebuild, the first successful run only catches up: nothing it writes is news.
    let catchingUp = opened.recovered !== undefined;
    const onSyncCommit = deps.onSyncCommit;
    const store = cacheSyncStore(current, {
      log,
      catchingUp: () => catchingUp,
      ...(onSyncCommit ? { onCommit: (commit) => onSyncCommit(commit, current) } : {}),
    });
    const engine = createSyncEngine({
      api: client,
      store,
      log,
      ...(deps.syncConfig ? { config: deps.syncConfig } : {}),
      ...(deps.language ? { language: deps.language } : {}),
      onCommit: (event) => {
        // Relocalized issues did not change, but what the renderer shows of them did.
        const keys = [...event.changed, ...(event.relocalized ?? [])];
        for (const key of keys.slice(0, MAX_CHANGED_EVENTS)) {
          deps.events.emit('issue.changed', { key });
        }
      },
    });
    const recovery = opened.recovered
      ? {
          code: 'E_UNAVAILABLE' as const,
          message: 'The local cache could not be read and is being rebuilt from Tracker.',
        }
      : undefined;
    scheduler = createSyncScheduler({
      run: async ({ signal, progress }) => {
        const result = await engine.run({ signal, onProgress: progress });
        catchingUp = false;
        return result;
      },
      intervalMs: () => engine.config().intervalMs,
      lastSuccessAt: store.getSyncMeta().lastSuccessAt ?? null,
      online: deps.online(),
      log,
      onStatus: (status) =>
        pushStatus(
          recovery && status.lastSuccessAt === null ? { ...status, error: recovery } : status,
        ),
    });
    scheduler.start();
    attachedClient = client;
    loadDictionaries();
  }

  /** Fills the queue picker and the dictionary names in the background (online only). */
  function loadDictionaries(): void {
    const client = attachedClient;
    const open = cache;
    if (!client || !open || !deps.online()) return;
    void refreshDictionaries(client, open, () => cache === open, log);
  }

  return {
    attach: (client, cacheKey) => serial(() => attachNow(client, cacheKey)),
    detach: () => serial(detachNow),
    cache: () => cache,
    status: () => scheduler?.status() ?? signedOut(),
    syncNow: () => scheduler?.syncNow() ?? signedOut(),
    setOnline(online) {
      scheduler?.setOnline(online);
      if (online) loadDictionaries();
    },
    suspend: () => scheduler?.suspend(),
    resume: () => scheduler?.resume(),
    focus: () => scheduler?.focus(),
    syncConfigChanged(change) {
      // Offline, the run that follows coming back online picks the new scopes up anyway.
      if (change.scopes && deps.online()) scheduler?.syncNow();
      else if (change.interval) scheduler?.reschedule();
    },
    languageChanged() {
      // Offline, the run that follows coming back online relocalizes anyway.
      if (deps.online()) scheduler?.syncNow();
      loadDictionaries();
    },
  };
}
