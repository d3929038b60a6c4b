import type { AppInfo } from '../preload/contract.ts';
import { AppError, isAppError } from './errors.ts';
import { createEventEmitter, type EventEmitter } from './ipc/events.ts';
import type { InvokeHandlers } from './ipc/handlers.ts';
import { createRouter, type Router } from './ipc/router.ts';
import type { Logger } from './log/types.ts';
import type { Platform } from './platform/types.ts';
import { createWorkspaceData, type WorkspaceData } from './library/data.ts';
import { createAttachmentImages } from './library/images.ts';
import { createInboxService } from './library/inbox.ts';
import { createLibraryService } from './library/service.ts';
import { createNotifyService } from './notify/service.ts';
import { startSession } from './session/bootstrap.ts';
import { authHandlers } from './session/handlers.ts';
import type { SessionService } from './session/service.ts';
import { openSettingsStore } from './settings/store.ts';
import {
  apiLanguageOf,
  createUserSettings,
  syncConfigOf,
  type UserSettingsStore,
} from './settings/user-settings.ts';
import type { DemoOptions } from './workspace/demo.ts';
import { createUpdateService } from './update/update-service.ts';
import { createWorkspaceService, type WorkspaceService } from './workspace/service.ts';

/** Settings of one app instance that do not come from the host. */
export interface AppConfig {
  readonly log: Logger;
  /** Validate IPC responses and events against the contract (dev and tests). */
  readonly strictContract?: boolean;
  /** Open the demo workspace instead of the user's account. */
  readonly demo?: boolean;
  /** How the demo workspace is seeded (the Node test host adds the hostile-content corpus). */
  readonly demoOptions?: Pick<DemoOptions, 'hostileCorpus'>;
  /** Quits the app (the tray's Quit item); absent, the item does nothing. */
  readonly quit?: () => void;
}

/** A running core; `dispose` unregisters everything it registered. */
export interface TrackerApp {
  readonly router: Router;
  readonly events: EventEmitter;
  readonly workspace: WorkspaceService;
  /** The open workspace's cache and sync. */
  readonly data: WorkspaceData;
  /** The session, once its secret store and remembered account are loaded. */
  readonly session: Promise<SessionService>;
  /** The user's settings (available before sign-in). */
  readonly settings: UserSettingsStore;
  /** The app.info answer, also used by the hosts for diagnostics. */
  info(): AppInfo;
  /** Stops everything; resolves once servers and timers are closed. */
  dispose(): Promise<void>;
}

/**
 * The composition root both hosts call: wires the services below to the platform and registers the
 * IPC handlers. Everything here runs in plain Node.
 */
export function createApp(platform: Platform, config: AppConfig): TrackerApp {
  const log = config.log;
  const strict = config.strictContract ?? !platform.identity.isPackaged;
  const events = createEventEmitter(platform.renderers, log.child({ scope: 'events' }), strict);
  const disposers: Array<() => void> = [];

  function info(): AppInfo {
    const { identity, runtime } = platform;
    return {
      name: identity.name,
      version: identity.version,
      host: platform.host,
      platform: runtime.platform,
      arch: runtime.arch,
      locale: identity.locale,
      versions: { ...runtime.versions },
      online: platform.network.isOnline(),
    };
  }

  // Opened here, not with the session: settings must answer before sign-in and without a session.
  const settingsFile = openSettingsStore(platform.paths.userData, log);
  const settings = createUserSettings(settingsFile, log.child({ scope: 'settings' }));
  // Read at every request (and every sync run), so a language change applies at once.
  const language = () => apiLanguageOf(settings.get(), platform.identity.locale);
  // Created before the data holder (whose commits it hears); reaches the data lazily.
  const notifier = createNotifyService({
    desktop: platform.desktop,
    cache: () => data.cache(),
    events,
    settings,
    language,
    log,
    syncNow: () => void data.syncNow(),
    syncStatus: () => data.status(),
    quit: config.quit,
  });
  const data: WorkspaceData = createWorkspaceData({
    userData: platform.paths.userData,
    events,
    log,
    online: () => platform.network.isOnline(),
    // Read at every sync run, so a change applies to the next run of the open workspace and to
    // every workspace attached later.
    syncConfig: () => syncConfigOf(settings.get()),
    language,
    onSyncCommit: (commit, cache) => notifier.onSyncCommit(commit, cache),
    onStatus: (status) => notifier.syncStatusChanged(status),
  });
  disposers.push(
    settings.onChange((next, previous) => {
      events.emit('settings.changed', next);
      data.syncConfigChanged({
        scopes:
          JSON.stringify([next.sync.scopes, next.pinnedQueues]) !==
          JSON.stringify([previous.sync.scopes, previous.pinnedQueues]),
        interval: next.sync.intervalMinutes !== previous.sync.intervalMinutes,
      });
      // Names in the cache are in the old language: a sync now re-fetches them in the new one.
      if (
        apiLanguageOf(next, platform.identity.locale) !==
        apiLanguageOf(previous, platform.identity.locale)
      ) {
        data.languageChanged();
      }
      notifier.settingsChanged(next, previous);
    }),
  );
  let attachGeneration = 0;
  const workspace = createWorkspaceService({
    events,
    log,
    demo: { fetch: platform.fetch, language, ...config.demoOptions },
    onAttach: (client, cacheKey) => {
      // Notifications need to know who "me" is; fetched alongside the first sync, whose commits
      // wait for it (see the notifier's setMe).
      notifier.setMe(null);
      const generation = ++attachGeneration;
      if (client && cacheKey) {
        client
          .myself()
          .then((user) => {
            // A later attach (another account, sign-out) owns "me" now.
            if (generation === attachGeneration) {
              notifier.setMe({ id: user.id, login: user.login ?? '' });
            }
          })
          .catch((error: unknown) => log.warn('notify: the signed-in user is unknown', { error }));
      }
      const attached = client && cacheKey ? data.attach(client, cacheKey) : data.detach();
      return attached.then(() => notifier.refresh());
    },
  });
  const library = createLibraryService({
    cache: () => data.cache(),
    client: () => workspace.client(),
    online: () => platform.network.isOnline(),
    events,
    log,
  });
  const images = createAttachmentImages({
    cache: () => data.cache(),
    client: () => workspace.client(),
    online: () => platform.network.isOnline(),
    log,
  });
  const inbox = createInboxService({
    cache: () => data.cache(),
    events,
    onChanged: () => notifier.inboxChanged(),
  });

  const updates = createUpdateService({
    port: platform.updater,
    emit: (status) => events.emit('update.changed', status),
    online: () => platform.network.isOnline(),
    // eng-disable OPEN_EXTERNAL_JS_CHECK: the platform's allowlist decides (github.com releases)
    openExternal: (url) => platform.openExternal(url),
    log: log.child({ scope: 'update' }),
  });
  disposers.push(() => updates.dispose());

  const session = startSession({
    platform,
    events,
    log,
    workspace,
    language,
    settings: settingsFile,
  });
  // A failed start (unreadable data folder) is logged; auth calls then answer with its error.
  session.catch((error: unknown) => log.error('session failed to start', { error }));

  const handlers = {
    ...authHandlers(session),
    'app.info': () => info(),
    'workspace.state': () => workspace.state(),
    'workspace.openDemo': () => workspace.openDemo(),
    'workspace.close': () => workspace.close(),
    'issues.list': (request) => library.list(request),
    'issues.search': (request) => library.search(request),
    'issues.get': ({ key }) => library.get(key),
    'comments.list': ({ key }) => library.comments(key),
    'issues.facets': ({ scope }) => library.facets(scope),
    'issues.extras': ({ key }) => library.extras(key),
    'issues.query': (request) => library.query(request),
    'attachments.image': ({ key, id }) => images.image(key, id),
    'queues.list': () => library.queues(),
    'sync.status': () => data.status(),
    'sync.now': () => data.syncNow(),
    'settings.get': () => settings.get(),
    'settings.update': (patch) => settings.update(patch),
    'app.openExternal': async ({ url }) => {
      try {
        // eng-disable OPEN_EXTERNAL_JS_CHECK: the platform's allowlist decides, refusing with E_FORBIDDEN
        await platform.openExternal(url);
      } catch (error) {
        if (isAppError(error)) throw error;
        log.warn('the system browser could not open a link', { error });
        throw new AppError('E_UNAVAILABLE', 'The link could not be opened in the browser.');
      }
      return { opened: true };
    },
    'inbox.list': () => inbox.list(),
    'inbox.update': (request) => inbox.update(request),
    'update.status': () => updates.status(),
    'update.check': () => updates.check(),
    'update.install': () => updates.install(),
    'update.openReleasePage': () => updates.openReleasePage(),
  } satisfies InvokeHandlers;

  const router = createRouter({
    ipc: platform.ipc,
    appOrigin: platform.appOrigin,
    senders: platform.senders,
    handlers,
    log,
    validateResponses: strict,
  });
  disposers.push(() => router.dispose());

  disposers.push(
    platform.network.onChange((online) => {
      log.info('network state changed', { online });
      data.setOnline(online);
      updates.networkChanged(online);
      events.emit('app.online', { online, changedAt: Date.now() });
    }),
  );

  // Sync pauses while the machine sleeps, runs on wake, and on focus after a long quiet gap.
  disposers.push(platform.lifecycle.onSuspend(() => data.suspend()));
  disposers.push(
    platform.lifecycle.onResume(() => {
      data.resume();
      updates.resumed();
    }),
  );
  disposers.push(platform.lifecycle.onWindowFocus(() => data.focus()));
  disposers.push(() => notifier.dispose());
  notifier.refresh();

  log.info('core started', { host: platform.host, version: platform.identity.version });
  if (config.demo) void workspace.openDemo();
  updates.start();

  return {
    router,
    events,
    workspace,
    data,
    session,
    settings,
    info,
    async dispose() {
      for (const dispose of disposers.splice(0).reverse()) dispose();
      await session.then((s) => s.dispose()).catch(() => undefined);
      await workspace.dispose();
      await data.detach();
    },
  };
}
