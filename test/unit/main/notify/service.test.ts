/**
 * The notification service over a real cache and the cache's sync store: committed pages become
 * inbox entries and notifications (or stay silent), clicks route and mark read, and the tray and
 * badge follow the unread count, the sync status and the pause.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Issue } from '../../../../main/api/index.ts';
import type { TrackerCache } from '../../../../main/cache/index.ts';
import type { EventEmitter } from '../../../../main/ipc/events.ts';
import { cacheSyncStore } from '../../../../main/library/cache-sync-store.ts';
import type { SyncCommitChanges } from '../../../../main/library/commit-changes.ts';
import { createNotifyService, type NotifyService } from '../../../../main/notify/service.ts';
import { trayState } from '../../../../main/notify/tray.ts';
import type { SyncStore } from '../../../../main/sync/index.ts';
import {
  DEFAULT_USER_SETTINGS,
  type EventChannel,
  type EventPayload,
  type SyncStatus,
  type UserSettings,
} from '../../../../preload/contract.ts';
import { createFakeDesktop, type FakeDesktop } from '../../../fakes/desktop.ts';
import { createRecordingLogger } from '../../../fakes/logger.ts';
import { issue, testCache, type TestCache } from '../cache/fixtures.ts';

const NOW = Date.UTC(2026, 5, 10, 12, 0); // a Wednesday noon, UTC
const ME = { id: 'me', login: 'me' };
const IDLE: SyncStatus = { state: 'idle', online: true, lastSuccessAt: NOW };

const opened: TestCache[] = [];
afterEach(() => {
  for (const t of opened.splice(0)) t.cleanup();
});

interface Rig {
  readonly t: TestCache;
  cache: TrackerCache;
  readonly desktop: FakeDesktop;
  readonly events: Array<[string, unknown]>;
  readonly settings: { value: UserSettings };
  readonly syncs: number[];
  readonly quits: number[];
  readonly commits: SyncCommitChanges[];
  service: NotifyService;
  store: SyncStore;
  /** Commits a page of `assigned` issues (the first one completes the scope's first pass). */
  commit(issues: readonly Issue[], options?: { first?: boolean; rewrite?: boolean }): void;
  /** A new service on the reopened cache, as after a restart. */
  restart(): void;
}

function rig(init: { settings?: Partial<UserSettings['notifications']>; me?: boolean } = {}): Rig {
  const t = testCache(() => NOW);
  opened.push(t);
  const desktop = createFakeDesktop();
  const events: Array<[string, unknown]> = [];
  const emitter: EventEmitter = {
    emit<E extends EventChannel>(channel: E, payload: EventPayload<E>) {
      events.push([channel, payload]);
    },
  };
  const settings = {
    value: {
      ...DEFAULT_USER_SETTINGS,
      notifications: { ...DEFAULT_USER_SETTINGS.notifications, ...init.settings },
    } as UserSettings,
  };
  let watermark = 0;
  const r: Rig = {
    t,
    cache: t.cache,
    desktop,
    events,
    settings,
    syncs: [],
    quits: [],
    commits: [],
    service: undefined as unknown as NotifyService,
    store: undefined as unknown as SyncStore,
    commit(issues, options = {}) {
      watermark = Math.max(watermark, ...issues.map((i) => i.updatedAt ?? 0));
      r.store.commitPage({
        scope: 'assigned',
        issues,
        watermark: { updatedAt: watermark, complete: true },
        ...(options.rewrite ? { rewrite: true } : {}),
      });
    },
    restart() {
      r.service.dispose();
      r.cache.close();
      r.cache = t.open().cache;
      build();
    },
  };
  function build(): void {
    const service = createNotifyService({
      desktop,
      cache: () => r.cache,
      events: emitter,
      settings: {
        get: () => settings.value,
        update(patch) {
          const previous = settings.value;
          settings.value = { ...previous, ...patch } as UserSettings;
          service.settingsChanged(settings.value, previous);
          return settings.value;
        },
      },
      language: () => 'en',
      log: createRecordingLogger(),
      syncNow: () => void r.syncs.push(1),
      syncStatus: () => IDLE,
      quit: () => void r.quits.push(1),
      now: () => NOW,
      timeZone: 'UTC',
    });
    if (init.me !== false) service.setMe(ME);
    const cache = r.cache;
    r.service = service;
    r.store = cacheSyncStore(cache, {
      now: () => NOW,
      onCommit: (commit) => {
        r.commits.push(commit);
        return service.onSyncCommit(commit, cache);
      },
    });
  }
  build();
  return r;
}

/** A rig past its first sync: two issues, one assigned to me, one to Anna. */
function synced(init: Parameters<typeof rig>[0] = {}): Rig {
  const r = rig(init);
  r.commit([
    issue('Q-1', { assignee: 'anna', updatedAt: NOW - 5000, summary: 'Fix the login' }),
    issue('Q-2', { assignee: 'me', updatedAt: NOW - 4000 }),
  ]);
  return r;
}

/** Q-1 reassigned to me by Anna (a newer version). */
const reassigned = (n = 1, at = NOW - 1000): Issue => ({
  ...issue(`Q-${n}`, { assignee: 'me', version: 2, updatedAt: at, summary: `Fix the login ${n}` }),
  updatedBy: { id: 'anna', display: 'Anna' },
});

const inboxEvents = (r: Rig) => r.events.filter(([channel]) => channel === 'inbox.changed');

describe('notify service', () => {
  it('stays silent on the first sync, even for issues assigned to me', () => {
    const r = synced();
    expect(r.commits.map((c) => c.run)).toEqual(['first']);
    expect(r.desktop.notices).toEqual([]);
    expect(r.cache.listInbox()).toEqual([]);
    expect(r.desktop.badge).toBe(0);
  });

  it('notifies once for an issue reassigned to me, with its key and summary', () => {
    const r = synced();
    r.commit([reassigned()]);
    expect(r.commits.at(-1)?.run).toBe('incremental');
    expect(r.desktop.notices.map((n) => n.notice)).toEqual([
      { title: 'Q-1 assigned to you', body: 'Fix the login 1', target: { issueKey: 'Q-1' } },
    ]);
    expect(r.cache.listInbox()).toMatchObject([
      { kind: 'assigned', issueKey: 'Q-1', read: false, actor: 'Anna' },
    ]);
    expect(inboxEvents(r)).toEqual([['inbox.changed', { unread: 1 }]]);
    expect(r.desktop.badge).toBe(1);
    expect(r.desktop.tray?.model).toMatchObject({
      state: 'unread',
      unread: 1,
      tooltip: 'Tracker Desktop — 1 unread',
    });
  });

  it('folds more than three events of one sync into one summary that opens the inbox', () => {
    const r = synced();
    const many = [1, 3, 4, 5, 6].map((n) => reassigned(n, NOW - 1000 + n));
    r.commit(many);
    expect(r.desktop.notices).toHaveLength(1);
    expect(r.desktop.notices[0]?.notice).toMatchObject({
      title: '5 issues assigned to you',
      target: 'inbox',
    });
    expect(r.desktop.badge).toBe(5);
    r.desktop.notices[0]?.click();
    expect(r.events.at(-2)).toEqual(['app.navigate', { to: 'inbox' }]);
    expect(r.cache.unreadInbox()).toBe(0);
  });

  it('keeps events in the inbox but shows nothing while paused or in quiet hours', () => {
    const paused = synced({ settings: { pausedUntil: NOW + 60_000 } });
    paused.commit([reassigned()]);
    expect(paused.desktop.notices).toEqual([]);
    expect(paused.cache.unreadInbox()).toBe(1);
    expect(paused.desktop.tray?.model.paused).toBe(true);

    const quiet = synced({
      settings: { quietHours: { enabled: true, from: '11:00', to: '13:00' } },
    });
    quiet.commit([reassigned()]);
    expect(quiet.desktop.notices).toEqual([]);
    expect(quiet.cache.unreadInbox()).toBe(1);
    expect(quiet.desktop.badge).toBe(1);
  });

  it('never adds or shows the same change twice, also across a restart', () => {
    const r = synced();
    r.commit([reassigned()]);
    const change = r.commits.at(-1);
    if (!change) throw new Error('no commit seen');
    // The same page again (overlapping pages) changes nothing in the cache: no commit, no notice.
    r.commit([reassigned()]);
    r.restart();
    // Replayed into a new service over the reopened cache: the entry is known, nothing new.
    r.service.onSyncCommit(change, r.cache)?.();
    expect(r.desktop.notices).toHaveLength(1);
    expect(r.cache.listInbox()).toHaveLength(1);
    // Assigned away and back is a new event.
    r.commit([{ ...reassigned(), assignee: { id: 'anna' }, version: 3, updatedAt: NOW - 500 }]);
    r.commit([{ ...reassigned(), version: 4, updatedAt: NOW - 400 }]);
    expect(r.desktop.notices).toHaveLength(2);
    expect(r.cache.listInbox()).toHaveLength(2);
  });

  it('treats a relocalizing page as not news', () => {
    const r = synced();
    r.commit([reassigned()], { rewrite: true });
    expect(r.commits.at(-1)?.run).toBe('first');
    expect(r.desktop.notices).toEqual([]);
  });

  it('holds commits until the signed-in user is known, then replays them', () => {
    const r = synced({ me: false });
    r.commit([reassigned()]);
    expect(r.desktop.notices).toEqual([]);
    r.service.setMe(ME);
    expect(r.desktop.notices.map((n) => n.notice.title)).toEqual(['Q-1 assigned to you']);
  });

  it('on a click focuses the window, opens the issue and marks its entry read', () => {
    const r = synced();
    r.commit([reassigned()]);
    r.events.length = 0;
    r.desktop.notices[0]?.click();
    expect(r.desktop.focusCount).toBe(1);
    expect(r.events).toEqual([
      ['app.navigate', { to: 'issue', key: 'Q-1' }],
      ['inbox.changed', { unread: 0 }],
    ]);
    expect(r.cache.listInbox()[0]?.read).toBe(true);
    expect(r.desktop.badge).toBe(0);
    expect(r.desktop.tray?.model.state).toBe('normal');
  });

  it('lists the recent assigned issues in the tray, newest first, and acts on its menu', () => {
    const r = synced();
    r.commit([reassigned()]);
    const tray = r.desktop.tray;
    if (!tray) throw new Error('no tray');
    expect(tray.model.recent).toEqual([
      { key: 'Q-1', summary: 'Fix the login 1' },
      { key: 'Q-2', summary: 'Issue Q-2' },
    ]);
    expect(tray.model.labels.syncNow).toBe('Sync now');

    tray.actions.pause('hour');
    expect(r.settings.value.notifications.pausedUntil).toBe(NOW + 3_600_000);
    expect(r.desktop.tray?.model.paused).toBe(true);
    tray.actions.pause('tomorrow');
    expect(r.settings.value.notifications.pausedUntil).toBe(Date.UTC(2026, 5, 11, 9, 0));
    tray.actions.pause('resume');
    expect(r.settings.value.notifications.pausedUntil).toBeNull();
    expect(r.desktop.tray?.model.paused).toBe(false);
    // The other settings stay as they were.
    expect(r.settings.value.notifications.assigned).toBe(true);

    tray.actions.syncNow();
    tray.actions.quit();
    tray.actions.open();
    tray.actions.openIssue('Q-2');
    expect(r.syncs).toHaveLength(1);
    expect(r.quits).toHaveLength(1);
    expect(r.desktop.focusCount).toBe(2);
    expect(r.events.at(-1)).toEqual(['app.navigate', { to: 'issue', key: 'Q-2' }]);
  });

  it('shows offline and error on the tray, and applies start at login on change', async () => {
    const r = synced();
    r.service.syncStatusChanged({ ...IDLE, state: 'offline', online: false });
    expect(r.desktop.tray?.model.state).toBe('offline');
    r.service.syncStatusChanged({
      ...IDLE,
      state: 'error',
      error: { code: 'E_UNAVAILABLE', message: 'down' },
    });
    expect(r.desktop.tray?.model.state).toBe('error');
    expect(trayState(2, null)).toBe('unread');

    const previous = r.settings.value;
    r.service.settingsChanged(
      { ...previous, desktop: { closeToTray: false, startAtLogin: true } },
      previous,
    );
    await Promise.resolve();
    expect(r.desktop.startAtLogin).toBe(true);
  });

  it('never fails a commit when the desktop throws', () => {
    const r = synced();
    r.desktop.notify = () => {
      throw new Error('no notification server');
    };
    r.desktop.setTray = () => {
      throw new Error('no tray');
    };
    expect(() => r.commit([reassigned()])).not.toThrow();
    expect(r.cache.unreadInbox()).toBe(1);
    expect(r.cache.getIssue('Q-1')?.version).toBe(2);
  });
});
