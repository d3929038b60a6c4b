/**
 * What the update service needs from a host. The Electron host adapts electron-updater to it
 * (main/platform/electron-updater.ts); the Node host scripts it for the journeys; a build that
 * cannot update itself says so with kind `none`. Nothing here imports electron.
 */

/** How an installation takes a new version. */
export type UpdateKind =
  /** Downloads and installs itself on restart (NSIS, dmg/zip, AppImage). */
  | 'self'
  /** Installed by a system package manager (deb): the user is sent to the release page. */
  | 'manual'
  /** Not updatable: a development run or the web host. */
  | 'none';

/** The host's updater. */
export interface UpdaterPort {
  readonly kind: UpdateKind;
  /** The running version. */
  readonly currentVersion: string;
  /** Asks the release feed for a newer version; resolves with it, or null when this is current. */
  check(): Promise<{ readonly version: string } | null>;
  /** Downloads the version the last check found, reporting progress from 0 to 100. */
  download(onProgress: (percent: number) => void): Promise<void>;
  /**
   * Quits the app and installs the downloaded version. Rejects when the app is still running after
   * a grace period (a missing installer, a signature the OS refused), so the user can be offered
   * another way; otherwise the process ends first.
   */
  quitAndInstall(): Promise<void>;
  /** The page a version is published on, or null when the build names no release feed. */
  releasePage(version: string): string | null;
}

/** The port of a build that never updates. */
export function noUpdates(currentVersion: string): UpdaterPort {
  const refuse = () => Promise.reject(new Error('This build does not update itself'));
  return {
    kind: 'none',
    currentVersion,
    check: refuse,
    download: refuse,
    quitAndInstall: refuse,
    releasePage: () => null,
  };
}
