/**
 * An {@link UpdaterPort} for the Node host: a release feed the journeys script (the newest
 * version, a failing proxy) and a record of restarts, so the update banner and the settings page
 * can be driven end to end without electron-updater.
 */
import type { UpdateKind, UpdaterPort } from '../../main/update/types.ts';

/** How the scripted feed starts. */
export interface ScriptedUpdaterOptions {
  readonly kind: UpdateKind;
  readonly currentVersion: string;
  /** The newest version on the feed; null or the current one means "up to date". */
  readonly latest?: string | null;
}

/** The scripted port plus its switches and records. */
export interface ScriptedUpdater extends UpdaterPort {
  /** The newest version on the feed (null: nothing newer). */
  latest: string | null;
  /** While true, checks fail as behind a proxy that refuses the feed. */
  failChecks: boolean;
  /** While true, downloads fail halfway. */
  failDownloads: boolean;
  /** While true, a restart into the update leaves the app running (the installer was refused). */
  failRestart: boolean;
  /** How many checks reached the feed. */
  readonly checks: number;
  /** How many times the app asked to restart into the update. */
  readonly installs: number;
}

/** The release page the scripted feed names, like electron-builder's GitHub publish config. */
export const SCRIPTED_RELEASES =
  'https://github.com/tracker-desktop/tracker-desktop/releases/tag/v';

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

/** A feed that answers from `latest` and downloads in a few progress steps. */
export function createScriptedUpdater(options: ScriptedUpdaterOptions): ScriptedUpdater {
  let checks = 0;
  let installs = 0;
  const updater: ScriptedUpdater = {
    kind: options.kind,
    currentVersion: options.currentVersion,
    latest: options.latest ?? null,
    failChecks: false,
    failDownloads: false,
    failRestart: false,
    get checks() {
      return checks;
    },
    get installs() {
      return installs;
    },
    async check() {
      checks += 1;
      await tick();
      if (updater.failChecks) throw new Error('net::ERR_TUNNEL_CONNECTION_FAILED');
      const latest = updater.latest;
      return latest && latest !== options.currentVersion ? { version: latest } : null;
    },
    async download(onProgress) {
      for (const percent of [0, 25, 50]) {
        onProgress(percent);
        await tick();
      }
      if (updater.failDownloads) throw new Error('net::ERR_CONNECTION_RESET');
      for (const percent of [75, 100]) {
        onProgress(percent);
        await tick();
      }
    },
    async quitAndInstall() {
      installs += 1;
      await tick();
      if (updater.failRestart) throw new Error('the installer did not start');
    },
    releasePage: (version) => `${SCRIPTED_RELEASES}${version}`,
  };
  return updater;
}
