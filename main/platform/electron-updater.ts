/**
 * Adapts electron-updater's autoUpdater to the core's {@link UpdaterPort}. The module itself is
 * loaded lazily through `load` (a dynamic import in main/index.ts), only for a packaged app, so
 * development runs and tests never load it. It downloads only when asked: the core decides when,
 * and never for an installation a package manager owns (deb), which gets the release page.
 */
import path from 'node:path';
import type { Logger } from '../log/types.ts';
import { releasePageOf } from '../update/release-page.ts';
import type { UpdateKind, UpdaterPort } from '../update/types.ts';

/** The part of electron-updater's AppUpdater this adapter uses. */
export interface AppUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  logger: {
    info(message?: unknown): void;
    warn(message?: unknown): void;
    error(message?: unknown): void;
    debug?(message: string): void;
  } | null;
  checkForUpdates(): Promise<{
    readonly isUpdateAvailable: boolean;
    readonly updateInfo: { readonly version: string };
  } | null>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'download-progress', listener: (info: { percent: number }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeListener(
    event: 'download-progress',
    listener: (info: { percent: number }) => void,
  ): unknown;
}

/** What the adapter needs to know about the running app. */
export interface ElectronUpdaterOptions {
  /** Loads electron-updater and returns its autoUpdater. */
  readonly load: () => Promise<AppUpdaterLike>;
  readonly isPackaged: boolean;
  readonly version: string;
  readonly platform: NodeJS.Platform;
  /** APPIMAGE is set by the AppImage runtime; without it a Linux install came from a package. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The packaged app's resources folder, where electron-builder writes app-update.yml. */
  readonly resourcesPath: string;
  readonly readFile: (file: string) => string;
  readonly log: Logger;
  /**
   * Runs just before the restart. macOS closes the windows before 'before-quit' when installing,
   * so a close-to-tray window would hide instead of closing and the update would never install.
   */
  readonly beforeRestart?: () => void;
}

/** How this installation updates: by itself (NSIS, macOS, AppImage), by hand (deb), or not at all. */
export function updateKindOf(
  options: Pick<ElectronUpdaterOptions, 'isPackaged' | 'platform' | 'env'>,
): UpdateKind {
  if (!options.isPackaged) return 'none';
  if (options.platform === 'win32' || options.platform === 'darwin') return 'self';
  if (options.platform === 'linux') return options.env.APPIMAGE ? 'self' : 'manual';
  return 'none';
}

/** The electron-updater port; `load` runs on the first check. */
export function createElectronUpdaterPort(options: ElectronUpdaterOptions): UpdaterPort {
  const { log } = options;
  let updater: Promise<AppUpdaterLike> | null = null;
  let updateConfig: string | null | undefined;

  const get = () => {
    updater ??= options.load().then((loaded) => {
      // The core schedules downloads; quitting with one downloaded installs it, as users expect.
      loaded.autoDownload = false;
      loaded.autoInstallOnAppQuit = true;
      loaded.logger = {
        info: (message) => log.debug('updater', { message: String(message) }),
        warn: (message) => log.warn('updater', { message: String(message) }),
        error: (message) => log.warn('updater', { message: String(message) }),
      };
      // An 'error' event without a listener would be thrown out of the emitter.
      loaded.on('error', (error) => log.warn('updater error', { error }));
      return loaded;
    });
    return updater;
  };

  const releaseConfig = (): string | null => {
    if (updateConfig !== undefined) return updateConfig;
    try {
      updateConfig = options.readFile(path.join(options.resourcesPath, 'app-update.yml'));
    } catch (error) {
      log.warn('no release feed configuration', { error });
      updateConfig = null;
    }
    return updateConfig;
  };

  return {
    kind: updateKindOf(options),
    currentVersion: options.version,
    async check() {
      const result = await (await get()).checkForUpdates();
      if (!result?.isUpdateAvailable) return null;
      return { version: result.updateInfo.version };
    },
    async download(onProgress) {
      const loaded = await get();
      const listener = (info: { percent: number }) => onProgress(info.percent);
      loaded.on('download-progress', listener);
      try {
        await loaded.downloadUpdate();
      } finally {
        loaded.removeListener('download-progress', listener);
      }
    },
    quitAndInstall() {
      void get().then((loaded) => {
        options.beforeRestart?.();
        // Not silent (the NSIS installer shows progress) and start the new version afterwards.
        loaded.quitAndInstall(false, true);
      });
    },
    releasePage(version) {
      const config = releaseConfig();
      return config === null ? null : releasePageOf(config, version);
    },
  };
}
