/**
 * Adapts electron-updater's autoUpdater to the core's {@link UpdaterPort}. The module itself is
 * loaded lazily through `load` (a dynamic import in main/index.ts), only for a packaged app, so
 * development runs and tests never load it. It downloads only when asked: the core decides when,
 * and never for an installation a package manager owns (deb), which gets the release page.
 */
import path from 'node:path';
import type { Logger } from '../log/types.ts';
import { releasePageOf } from '../update/release-page.ts';
import { runningAppImage } from './app-image.ts';
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
  on(
    event: 'login',
    listener: (authInfo: unknown, callback: (username?: string, password?: string) => void) => void,
  ): unknown;
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
  /** The running executable, to tell our own AppImage from an inherited APPIMAGE. */
  readonly execPath: string;
  /** APPIMAGE and APPDIR are set by the AppImage runtime (see app-image.ts). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The packaged app's resources folder, where electron-builder writes app-update.yml. */
  readonly resourcesPath: string;
  readonly readFile: (file: string) => string;
  readonly log: Logger;
  /**
   * Runs just before the restart and returns how to undo it. macOS closes the windows before
   * 'before-quit' when installing, so a close-to-tray window would hide instead of closing and the
   * update would never install; if the app is still running after the grace period, it is undone.
   */
  readonly beforeRestart?: () => () => void;
  /** How long a restart may take before it counts as failed; default {@link RESTART_GRACE_MS}. */
  readonly restartGraceMs?: number;
}

/** A restart into an update that has not ended the process by then has failed. */
export const RESTART_GRACE_MS = 30_000;

/** The marker electron-builder writes into a deb, rpm or pacman package's resources. */
const PACKAGE_TYPE_FILE = 'package-type';

/**
 * How this installation updates: by itself (NSIS, macOS, our own AppImage), by hand (a deb or
 * another system package, which electron-builder marks with resources/package-type, or an unpacked
 * folder), or not at all (development).
 */
export function updateKindOf(
  options: Pick<ElectronUpdaterOptions, 'isPackaged' | 'platform' | 'env' | 'execPath'> & {
    readonly systemPackage: boolean;
  },
): UpdateKind {
  if (!options.isPackaged) return 'none';
  if (options.platform === 'win32' || options.platform === 'darwin') return 'self';
  if (options.platform !== 'linux') return 'none';
  if (options.systemPackage) return 'manual';
  return runningAppImage(options.env, options.execPath) ? 'self' : 'manual';
}

/** Whether a file in the resources folder exists (read through the injected reader). */
function hasResource(options: ElectronUpdaterOptions, name: string): boolean {
  try {
    options.readFile(path.join(options.resourcesPath, name));
    return true;
  } catch {
    return false;
  }
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
      loaded.on('error', (error) => log.warn('updater error', { error }));
      // A proxy asking for credentials would hold the request until someone answers: cancel it,
      // so the check fails now (the system browser and the OS proxy settings are the way out).
      loaded.on('login', (_authInfo, callback) => {
        log.warn('updater: the proxy asks for credentials; the update check fails');
        callback();
      });
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
    kind: updateKindOf({
      ...options,
      // Only a packaged Linux app has the marker; a development run reads nothing here.
      systemPackage:
        options.isPackaged &&
        options.platform === 'linux' &&
        hasResource(options, PACKAGE_TYPE_FILE),
    }),
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
    async quitAndInstall() {
      const loaded = await get();
      const undo = options.beforeRestart?.();
      // Not silent (the NSIS installer shows progress) and start the new version afterwards.
      loaded.quitAndInstall(false, true);
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, options.restartGraceMs ?? RESTART_GRACE_MS);
        // Waiting must not keep a quitting process alive.
        timer.unref?.();
      });
      undo?.();
      throw new Error('the app is still running after the restart into the update');
    },
    releasePage(version) {
      const config = releaseConfig();
      return config === null ? null : releasePageOf(config, version);
    },
  };
}
