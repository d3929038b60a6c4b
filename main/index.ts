/**
 * The Electron entry, bundled to out/main/index.js. It sets the process-wide security posture,
 * builds the Electron platform and hands it to the same core the Node host runs (createApp).
 * Startup is a function over the Electron modules so tests can run it against a fake 'electron'.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
} from 'electron';
import type * as Electron from 'electron';
import { createApp, type TrackerApp } from './app.ts';
import { validateOAuthBase } from './auth/index.ts';
import { deepLinkFromArgv, parseDeepLink } from './deep-link.ts';
import {
  createLogger,
  createRotatingFileSink,
  createStreamSink,
  type LogSink,
  type RootLogger,
} from './log/index.ts';
import type { Logger } from './log/types.ts';
import { createElectronDesktop, type ElectronDesktop } from './platform/electron-desktop.ts';
import { createElectronPlatform, createOpenExternal } from './platform/electron-platform.ts';
import { createElectronUpdaterPort } from './platform/electron-updater.ts';
import type { ElectronPlatform } from './platform/electron-platform.ts';
import { hardenApp } from './platform/hardening.ts';
import { createLinkDelivery, registerProtocolClient } from './platform/link-delivery.ts';
import { APP_ORIGIN, handleAppProtocol, registerAppScheme } from './platform/protocol.ts';
import { acquireSingleInstance, revealWindow } from './platform/single-instance.ts';
import { createMainWindow } from './platform/window.ts';
import { createWindowRegistry, type WindowRegistry } from './platform/window-registry.ts';

/** Windows' AppUserModelID; must match electron-builder's appId for notifications and the taskbar. */
export const APP_USER_MODEL_ID = 'ru.tracker.desktop';

/** The Electron modules the entry uses. */
export type ElectronModules = Pick<
  typeof Electron,
  | 'app'
  | 'BrowserWindow'
  | 'ipcMain'
  | 'Menu'
  | 'nativeImage'
  | 'net'
  | 'Notification'
  | 'powerMonitor'
  | 'protocol'
  | 'safeStorage'
  | 'session'
  | 'shell'
  | 'Tray'
>;

/** The process fields the entry uses; injectable so tests keep their own error handlers. */
export type MainProcess = Pick<
  NodeJS.Process,
  'argv' | 'platform' | 'arch' | 'versions' | 'on' | 'env' | 'execPath'
> & {
  /** Set by Electron when run as `electron .` (development): the OS must relaunch it with args. */
  readonly defaultApp?: boolean;
  /** The packaged app's resources folder (app.asar, app-update.yml). */
  readonly resourcesPath?: string;
  readonly stderr: { write(chunk: string): unknown };
};

/** What a started app holds; returned for diagnostics and tests. */
export interface MainHandle {
  readonly core: TrackerApp;
  readonly platform: ElectronPlatform;
  readonly registry: WindowRegistry;
  readonly desktop: ElectronDesktop;
  readonly log: Logger;
  /** The current main window, or null when it was closed (macOS keeps running without one). */
  mainWindow(): Electron.BrowserWindow | null;
}

const bundleDir = new URL('.', import.meta.url);
/** The preload bundle next to out/main: out/preload/index.cjs. */
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', bundleDir));
/** The renderer build: out/renderer. */
const rendererRoot = fileURLToPath(new URL('../renderer', bundleDir));

/** The origin of a configured OAuth server (TRACKER_OAUTH_BASE), which the browser may open. */
function oauthOrigins(env: NodeJS.ProcessEnv): string[] {
  const base = env.TRACKER_OAUTH_BASE;
  if (!base) return [];
  try {
    return [new URL(validateOAuthBase(base)).origin];
  } catch {
    return [];
  }
}

/** Logs crashes instead of dying; the logger redacts whatever the error carries. */
function installProcessGuards(proc: MainProcess, log: () => Logger): void {
  proc.on('uncaughtException', (error) => log().error('uncaught exception', { error }));
  proc.on('unhandledRejection', (reason) => log().error('unhandled rejection', { error: reason }));
}

/**
 * Starts the app. Resolves with the running app, or null when another instance owns the lock (this
 * one then quits) or startup failed (logged, then quit).
 */
export async function main(
  electron: ElectronModules,
  proc: MainProcess = process,
): Promise<MainHandle | null> {
  const { app: electronApp } = electron;
  // Before anything can show a notification or a taskbar entry (Windows groups by this id).
  electronApp.setAppUserModelId(APP_USER_MODEL_ID);
  electronApp.enableSandbox();
  // Development and the smoke tests run against a throwaway profile; a packaged app never moves it.
  const userDataOverride = proc.env.TRACKER_USER_DATA;
  if (userDataOverride && !electronApp.isPackaged) {
    electronApp.setPath('userData', path.resolve(userDataOverride));
  }
  registerAppScheme(electron.protocol);

  const stderrSink = createStreamSink(proc.stderr);
  let log: RootLogger = createLogger({ sinks: [stderrSink], bindings: { phase: 'boot' } });
  installProcessGuards(proc, () => log);

  let mainWindow: Electron.BrowserWindow | null = null;
  let openWindow: ((hidden?: boolean) => Electron.BrowserWindow) | null = null;

  const showWindow = () => {
    if (!revealWindow(mainWindow) && openWindow) revealWindow(openWindow());
  };
  const links = createLinkDelivery({ log: () => log, showWindow });

  const acquired = acquireSingleInstance(electronApp, (argv) => {
    log.info('second instance started', { args: argv.length });
    const link = deepLinkFromArgv(argv);
    if (link) links.open(link, 'second-instance');
    else {
      log.debug('second instance without a deep link');
      showWindow();
    }
  });
  if (!acquired) return null;

  registerProtocolClient(electronApp, proc, log);
  // macOS delivers links (also the one that launched the app) as 'open-url', possibly before ready.
  electronApp.on('open-url', (event, url) => {
    event.preventDefault();
    links.open(parseDeepLink(url), 'open-url');
  });
  // Windows and Linux pass the link that launched the app on the command line.
  const launchLink = deepLinkFromArgv(proc.argv.slice(1));
  if (launchLink) links.hold(launchLink);

  electronApp.on('window-all-closed', () => {
    // macOS apps stay in the dock (and the tray keeps syncing) until the user quits.
    if (proc.platform !== 'darwin') electronApp.quit();
  });

  await electronApp.whenReady();
  try {
    const sinks: LogSink[] = [createRotatingFileSink({ dir: electronApp.getPath('logs') })];
    if (!electronApp.isPackaged) sinks.push(stderrSink);
    const rootLog = createLogger({ sinks });
    log = rootLog;

    const defaultSession = electron.session.defaultSession;
    const extraOrigins = oauthOrigins(proc.env);
    const openExternal = createOpenExternal(
      electron.shell,
      log.child({ scope: 'links' }),
      extraOrigins,
    );
    // The default session only exists once ready; hardening precedes every window either way.
    hardenApp(electronApp, defaultSession, log.child({ scope: 'security' }), {
      appOrigin: APP_ORIGIN,
      openExternal,
    });
    handleAppProtocol(defaultSession, rendererRoot);

    const registry = createWindowRegistry({
      onSendError: (error) => log.warn('event send failed', { error }),
    });
    // The user's close-to-tray choice, read from the core's settings once it exists.
    let closeToTrayWanted = () => false;
    const desktop = createElectronDesktop({
      app: electronApp,
      Notification: electron.Notification,
      Tray: electron.Tray,
      Menu: electron.Menu,
      nativeImage: electron.nativeImage,
      getWindow: () => mainWindow,
      openWindow: () => openWindow?.() ?? null,
      log: log.child({ scope: 'desktop' }),
      process: proc,
    });
    const platform = createElectronPlatform({
      app: electronApp,
      ipcMain: electron.ipcMain,
      net: electron.net,
      shell: electron.shell,
      powerMonitor: electron.powerMonitor,
      registry,
      log,
      process: proc,
      safeStorage: electron.safeStorage,
      env: proc.env,
      extraOrigins,
      desktop,
      updater: createElectronUpdaterPort({
        // Loaded only by a packaged app's first check: electron-updater requires electron itself.
        load: () => import('./platform/auto-updater.ts').then((module) => module.autoUpdater()),
        isPackaged: electronApp.isPackaged,
        version: electronApp.getVersion(),
        platform: proc.platform,
        execPath: proc.execPath,
        env: proc.env,
        resourcesPath: proc.resourcesPath ?? '',
        readFile: (file) => readFileSync(file, 'utf8'),
        log: log.child({ scope: 'updater' }),
        beforeRestart: () => {
          desktop.setCloseToTray(false);
          return () => desktop.setCloseToTray(closeToTrayWanted());
        },
      }),
    });
    const core = createApp(platform, {
      log,
      demo: proc.argv.includes('--demo'),
      // The tray's Quit: a real quit, past close-to-tray (before-quit tells the shell so).
      quit: () => electronApp.quit(),
    });

    links.connect((link) => core.events.emit('app.navigate', { to: link.to, key: link.key }));

    // Close-to-tray is a host concern: the host follows the user's setting, the core never sees it.
    closeToTrayWanted = () => core.settings.get().desktop.closeToTray;
    desktop.setCloseToTray(closeToTrayWanted());
    // The login item names this executable: re-assert it, since an update or a moved AppImage
    // changes the path. Only ever re-added while the setting is on, never created behind it (and
    // the desktop shell leaves development runs alone).
    if (core.settings.get().desktop.startAtLogin) {
      desktop
        .setStartAtLogin(true)
        .catch((error: unknown) => log.warn('start at login not re-applied', { error }));
    }
    const stopFollowingSettings = core.settings.onChange((next) =>
      desktop.setCloseToTray(next.desktop.closeToTray),
    );

    openWindow = (hidden = false) => {
      const window = createMainWindow({
        BrowserWindow: electron.BrowserWindow,
        preloadPath,
        isPackaged: electronApp.isPackaged,
        registry,
        log: log.child({ scope: 'window' }),
        startHidden: hidden,
      });
      window.once('closed', () => {
        if (mainWindow !== window) return;
        mainWindow = null;
        links.rendererLoading();
      });
      window.webContents.on('did-finish-load', () => {
        if (mainWindow === window) links.rendererLoaded();
      });
      desktop.attachWindow(window);
      mainWindow = window;
      links.rendererLoading();
      return window;
    };
    // Started at login: the window is created (the renderer syncs and counts) but stays hidden,
    // unless a deep link launched the app.
    openWindow(desktop.launchedAtLogin && !links.pending);

    electronApp.on('activate', () => {
      // macOS: clicking the dock icon with no window open brings one back.
      if (openWindow && electron.BrowserWindow.getAllWindows().length === 0) openWindow();
    });

    let disposed = false;
    electronApp.on('before-quit', () => {
      if (disposed) return;
      disposed = true;
      // The demo emulator closes asynchronously; the process exit ends it either way.
      core.dispose().catch((error: unknown) => rootLog.warn('core dispose failed', { error }));
      stopFollowingSettings();
      desktop.dispose();
      platform.dispose();
      rootLog.info('core stopped');
      rootLog.flush();
    });
    electronApp.on('will-quit', () => rootLog.close());

    return { core, platform, registry, desktop, log, mainWindow: () => mainWindow };
  } catch (error) {
    log.error('startup failed', { error });
    electronApp.quit();
    return null;
  }
}

/** The running app's startup; awaited by tests, ignored by Electron. */
export const started: Promise<MainHandle | null> = main({
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
});
