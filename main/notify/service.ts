/**
 * The notification service: turns each committed sync page into inbox entries and desktop
 * notifications, routes a click to the issue (or the inbox), and keeps the tray and the badge in
 * step with the unread count, the sync status and the pause. Everything it does is a courtesy on
 * top of sync, so every entry point catches and logs instead of throwing into its caller.
 */
import type { SyncStatus, UserSettings } from '../../preload/contract.ts';
import type { TrackerCache } from '../cache/index.ts';
import type { EventEmitter } from '../ipc/events.ts';
import type { SyncCommitChanges } from '../library/commit-changes.ts';
import type { Logger } from '../log/types.ts';
import type { DesktopShell, TrayActions } from '../platform/desktop.ts';
import type { UserSettingsStore } from '../settings/user-settings.ts';
import { deriveEvents, type NotifyMe } from './events.ts';
import type { NotifyLanguage } from './messages.ts';
import {
  decideNotifications,
  isPaused,
  pauseUntil,
  type DesktopNotification,
  type PolicyOptions,
} from './policy.ts';
import { buildTrayModel } from './tray.ts';

/** How many issues the tray lists. */
export const TRAY_RECENT_LIMIT = 10;

/**
 * Commits waiting for the signed-in user to be known (fetched after sign-in, while the first sync
 * may already run); beyond this many the oldest are dropped rather than held without bound.
 */
const PENDING_LIMIT = 100;

/** What the service needs from the app. */
export interface NotifyServiceDeps {
  readonly desktop: DesktopShell;
  /** The open workspace's cache, or null. */
  readonly cache: () => TrackerCache | null;
  readonly events: EventEmitter;
  readonly settings: Pick<UserSettingsStore, 'get' | 'update'>;
  /** The language notifications and the tray are worded in, read at every use. */
  readonly language: () => NotifyLanguage;
  readonly log: Logger;
  readonly syncNow: () => void;
  /** The current sync status (offline and error show on the tray icon). */
  readonly syncStatus: () => SyncStatus | null;
  /** Quits the app (the tray's Quit); absent, the item does nothing. */
  readonly quit?: (() => void) | undefined;
  /** Epoch ms; injectable for tests. */
  readonly now?: () => number;
  /** IANA time zone of quiet hours and "until tomorrow"; default: the system's. */
  readonly timeZone?: string | undefined;
}

/** The running service. */
export interface NotifyService {
  /**
   * A sync page was committed to `cache` (called inside its transaction: the inbox entries land
   * with the issues). The returned function shows the notifications once the page is committed.
   */
  onSyncCommit(commit: SyncCommitChanges, cache: TrackerCache): (() => void) | void;
  /** The signed-in user (null when signed out); commits seen before it is known are replayed. */
  setMe(me: NotifyMe | null): void;
  /** The sync status changed. */
  syncStatusChanged(status: SyncStatus): void;
  /** The user changed inbox entries (the badge and tray follow the unread count). */
  inboxChanged(): void;
  /** The user settings changed (pause, language, start at login). */
  settingsChanged(next: UserSettings, previous: UserSettings): void;
  /** Rebuilds the tray and the badge from the current state. */
  refresh(): void;
  /** The tray's actions (also what tests drive). */
  readonly actions: TrayActions;
  /** Stops timers and forgets pending commits. */
  dispose(): void;
}

/** Builds the service; call `refresh()` once to show the tray. */
export function createNotifyService(deps: NotifyServiceDeps): NotifyService {
  const log = deps.log.child({ scope: 'notify' });
  const now = deps.now ?? Date.now;
  let me: NotifyMe | null = null;
  let pending: { commit: SyncCommitChanges; cache: TrackerCache }[] = [];
  let syncStatus: SyncStatus | null = null;
  let pauseTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  /** Runs `work`, logging instead of throwing: nothing here may crash main. */
  function guard<T>(what: string, work: () => T): T | undefined {
    try {
      return work();
    } catch (error) {
      log.error(`notify: ${what} failed`, { error });
      return undefined;
    }
  }

  function policyOptions(): PolicyOptions {
    return {
      settings: deps.settings.get().notifications,
      language: deps.language(),
      now: now(),
      timeZone: deps.timeZone,
    };
  }

  function emitUnread(cache: TrackerCache): void {
    deps.events.emit('inbox.changed', { unread: cache.unreadInbox() });
  }

  function navigateTo(target: DesktopNotification['target']): void {
    deps.events.emit(
      'app.navigate',
      target === 'inbox' ? { to: 'inbox' } : { to: 'issue', key: target.issueKey },
    );
  }

  function clicked(notification: DesktopNotification): void {
    guard('notification click', () => {
      deps.desktop.focusWindow();
      navigateTo(notification.target);
      const cache = deps.cache();
      if (cache) {
        cache.updateInbox(notification.eventIds, { action: 'read' });
        emitUnread(cache);
      }
      refresh();
    });
  }

  /**
   * Derives, stores and decides; returns what to do once the write is committed. Only events new
   * to the inbox notify: its ids are deterministic, so a page seen twice (an overlap, a replay
   * after a restart) adds and shows nothing the second time.
   */
  function process(commit: SyncCommitChanges, cache: TrackerCache): () => void {
    if (!me) return refresh;
    const events = deriveEvents({ run: commit.run, me, changes: commit.changes });
    if (events.length === 0) return refresh;
    const options = policyOptions();
    const stored = decideNotifications(events, options).inbox;
    const fresh = stored.filter((event) => cache.addInbox([event]) === 1);
    if (fresh.length === 0) return refresh;
    const { notifications } = decideNotifications(fresh, options);
    log.info('notify: new inbox entries', { count: fresh.length, shown: notifications.length });
    return () => {
      for (const notification of notifications) {
        guard('notify', () =>
          deps.desktop.notify(
            {
              title: notification.title,
              body: notification.body,
              target: notification.target,
            },
            () => clicked(notification),
          ),
        );
      }
      guard('inbox event', () => emitUnread(cache));
      refresh();
    };
  }

  function schedulePauseEnd(pausedUntil: number | null): void {
    if (pauseTimer !== undefined) clearTimeout(pauseTimer);
    pauseTimer = undefined;
    if (disposed || pausedUntil === null) return;
    const wait = pausedUntil - now();
    // The tray's "paused" mark must go when the pause ends, without any other change happening.
    if (wait > 0 && wait < 2 ** 31 - 1) {
      pauseTimer = setTimeout(refresh, wait + 1);
      pauseTimer.unref?.();
    }
  }

  function refresh(): void {
    if (disposed) return;
    guard('tray refresh', () => {
      const cache = deps.cache();
      const unread = cache ? cache.unreadInbox() : 0;
      const recent = cache
        ? cache
            .listIssues({
              scope: 'assigned',
              sort: { field: 'updated', direction: 'desc' },
              limit: TRAY_RECENT_LIMIT,
            })
            .rows.map((row) => ({ key: row.key, summary: row.summary }))
        : [];
      const settings = deps.settings.get().notifications;
      deps.desktop.setBadge(unread);
      deps.desktop.setTray(
        buildTrayModel({
          unread,
          sync: syncStatus ?? deps.syncStatus(),
          recent,
          paused: isPaused(settings, now()),
          language: deps.language(),
        }),
        actions,
      );
      schedulePauseEnd(settings.pausedUntil);
    });
  }

  const actions: TrayActions = {
    open: () => guard('tray open', () => deps.desktop.focusWindow()),
    openIssue: (key) =>
      guard('tray open issue', () => {
        deps.desktop.focusWindow();
        navigateTo({ issueKey: key });
      }),
    syncNow: () => guard('tray sync', () => deps.syncNow()),
    pause: (until) =>
      guard('tray pause', () => {
        const current = deps.settings.get().notifications;
        const pausedUntil = until === 'resume' ? null : pauseUntil(until, now(), deps.timeZone);
        // The settings store tells its listeners, which refresh the tray.
        deps.settings.update({ notifications: { ...current, pausedUntil } });
      }),
    quit: () => guard('tray quit', () => deps.quit?.()),
  };

  return {
    actions,
    onSyncCommit(commit, cache) {
      if (!me) {
        // The user is fetched after sign-in; the first sync may commit before. Replay later.
        if (commit.run !== 'first') {
          pending.push({ commit, cache });
          if (pending.length > PENDING_LIMIT) pending = pending.slice(-PENDING_LIMIT);
        }
        return refresh;
      }
      return guard('sync commit', () => process(commit, cache)) ?? refresh;
    },
    setMe(next) {
      me = next;
      const waiting = pending;
      pending = [];
      if (!next) return;
      for (const { commit, cache } of waiting) {
        // A commit of a cache closed since (sign-out, account switch) is not replayed.
        if (cache !== deps.cache()) continue;
        guard('replayed commit', () => process(commit, cache)());
      }
    },
    syncStatusChanged(status) {
      const before = syncStatus;
      syncStatus = status;
      // Progress ticks change nothing the tray shows; only state, online and error do.
      if (
        before?.state !== status.state ||
        before.online !== status.online ||
        (before.error === undefined) !== (status.error === undefined)
      ) {
        refresh();
      }
    },
    inboxChanged: refresh,
    settingsChanged(next, previous) {
      if (next.desktop.startAtLogin !== previous.desktop.startAtLogin) {
        guard('start at login', () =>
          deps.desktop
            .setStartAtLogin(next.desktop.startAtLogin)
            .catch((error: unknown) => log.error('notify: start at login failed', { error })),
        );
      }
      refresh();
    },
    refresh,
    dispose() {
      disposed = true;
      pending = [];
      if (pauseTimer !== undefined) clearTimeout(pauseTimer);
    },
  };
}
