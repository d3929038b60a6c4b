/**
 * The app's self-update policy over a host's {@link UpdaterPort}: check shortly after start and every
 * six hours (again on wake or reconnect when a check is due), download in the background, then
 * offer a restart; an installation that cannot update itself, or a download that failed, offers
 * the release page instead. Failed background checks stay quiet: logged and kept for the settings
 * page, never a dialog, since proxies and offline laptops make them routine.
 */
import type { UpdateManualReason, UpdateStatus } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../log/types.ts';
import type { UpdaterPort } from './types.ts';

/** How often a running app looks for a new version. */
export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60_000;
/** The first check waits this long, so it does not compete with startup and the first sync. */
export const FIRST_CHECK_DELAY_MS = 15_000;
/** A check still unanswered after this has failed (a proxy can hold a request open forever). */
export const CHECK_TIMEOUT_MS = 2 * 60_000;
/** A download that reports no progress for this long has failed. */
export const DOWNLOAD_STALL_MS = 5 * 60_000;

/** Timer functions; injectable for tests. */
export interface UpdateTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/** What the update service works with. */
export interface UpdateServiceOptions {
  readonly port: UpdaterPort;
  /** Tells the renderers (the `update.changed` event). */
  readonly emit: (status: UpdateStatus) => void;
  readonly online: () => boolean;
  /** Opens an allowlisted URL in the system browser. */
  readonly openExternal: (url: string) => Promise<void>;
  readonly log: Logger;
  readonly timers?: UpdateTimers;
  readonly intervalMs?: number;
  readonly firstDelayMs?: number;
  readonly checkTimeoutMs?: number;
  readonly downloadStallMs?: number;
}

/** The running update service. */
export interface UpdateService {
  status(): UpdateStatus;
  /** Starts the schedule (the first check follows after a short delay). */
  start(): void;
  /** Checks now unless a check, download or restart is already under way; answers at once. */
  check(): UpdateStatus;
  /** Quits and installs the downloaded version; E_BAD_REQUEST unless one is ready. */
  install(): { restarting: boolean };
  /** Opens the available version's release page; E_BAD_REQUEST when there is none to open. */
  openReleasePage(): Promise<{ opened: boolean }>;
  /** The network came back (true) or went away; a check missed while offline runs now. */
  networkChanged(online: boolean): void;
  /** The machine woke up; timers may have slept through a due check. */
  resumed(): void;
  dispose(): void;
}

const realTimers: UpdateTimers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A pending update check must not keep a quitting process alive.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/** Creates the update service; nothing happens until {@link UpdateService.start}. */
export function createUpdateService(options: UpdateServiceOptions): UpdateService {
  const { port, log } = options;
  const timers = options.timers ?? realTimers;
  const intervalMs = options.intervalMs ?? UPDATE_CHECK_INTERVAL_MS;
  const firstDelayMs = options.firstDelayMs ?? FIRST_CHECK_DELAY_MS;
  const checkTimeoutMs = options.checkTimeoutMs ?? CHECK_TIMEOUT_MS;
  const downloadStallMs = options.downloadStallMs ?? DOWNLOAD_STALL_MS;
  const currentVersion = port.currentVersion;

  let current: UpdateStatus =
    port.kind === 'none'
      ? { state: 'unsupported', currentVersion }
      : { state: 'idle', currentVersion, checkedAt: null };
  let timer: unknown = null;
  let lastCheckAt: number | null = null;
  let missedWhileOffline = false;
  let disposed = false;

  const set = (next: UpdateStatus) => {
    if (disposed) return;
    current = next;
    options.emit(next);
  };

  const schedule = (ms: number) => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = null;
      runCheck('scheduled');
    }, ms);
  };

  const busy = () =>
    current.state === 'checking' || current.state === 'downloading' || current.state === 'ready';

  const offerReleasePage = (version: string, reason: UpdateManualReason) =>
    set({
      state: 'manual',
      currentVersion,
      version,
      reason,
      releaseUrl: port.releasePage(version),
    });

  const failedCheck = (problem: 'offline' | 'failed'): UpdateStatus => ({
    state: 'idle',
    currentVersion,
    checkedAt: lastCheckAt,
    problem,
  });

  /** `work`, failed after `ms` without an answer; `touch` restarts the wait (progress). */
  function watched<T>(
    work: (touch: () => void) => Promise<T>,
    ms: number,
    what: string,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let handle: unknown = null;
      const touch = () => {
        if (handle !== null) timers.clearTimeout(handle);
        handle = timers.setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms);
      };
      touch();
      work(touch)
        .then(resolve, reject)
        .finally(() => timers.clearTimeout(handle));
    });
  }

  async function download(version: string): Promise<void> {
    let shown = -1;
    set({ state: 'downloading', currentVersion, version, percent: 0 });
    try {
      await watched(
        (touch) =>
          port.download((percent) => {
            touch();
            const whole = Math.max(0, Math.min(100, Math.floor(percent)));
            // Progress arrives many times a second; the renderer needs whole-percent steps only.
            if (whole === shown || current.state !== 'downloading') return;
            shown = whole;
            set({ state: 'downloading', currentVersion, version, percent: whole });
          }),
        downloadStallMs,
        'update download stalled',
      );
      log.info('update downloaded', { version });
      set({ state: 'ready', currentVersion, version });
    } catch (error) {
      log.warn('update download failed', { version, error });
      offerReleasePage(version, 'download-failed');
    }
  }

  function runCheck(trigger: 'scheduled' | 'user' | 'catch-up'): void {
    if (disposed || port.kind === 'none') return;
    // Keep the schedule going through a busy spell; a ready update needs no more checks.
    if (trigger !== 'user' && current.state !== 'ready') schedule(intervalMs);
    if (busy()) return;
    if (!options.online()) {
      missedWhileOffline = true;
      if (trigger === 'user') set(failedCheck('offline'));
      return;
    }
    missedWhileOffline = false;
    const before = current;
    set({ state: 'checking', currentVersion });
    watched(() => port.check(), checkTimeoutMs, 'update check')
      .then(async (found) => {
        lastCheckAt = timers.now();
        if (disposed) return;
        if (!found) {
          set({ state: 'idle', currentVersion, checkedAt: lastCheckAt });
        } else if (port.kind === 'manual') {
          log.info('update available for manual install', { version: found.version });
          offerReleasePage(found.version, 'package');
        } else {
          log.info('update available', { version: found.version });
          await download(found.version);
        }
      })
      .catch((error: unknown) => {
        log.warn('update check failed', { trigger, error });
        // A version already known stays offered; only its freshness is lost.
        set(before.state === 'manual' ? before : failedCheck('failed'));
      });
  }

  return {
    status: () => current,
    start() {
      if (port.kind === 'none' || disposed) return;
      schedule(firstDelayMs);
    },
    check() {
      runCheck('user');
      return current;
    },
    install() {
      if (current.state !== 'ready') {
        throw new AppError('E_BAD_REQUEST', 'No update has been downloaded yet.');
      }
      const { version } = current;
      log.info('restarting to install the update', { version });
      port.quitAndInstall().catch((error: unknown) => {
        log.warn('the restart into the update did not happen', { version, error });
        offerReleasePage(version, 'install-failed');
      });
      return { restarting: true };
    },
    async openReleasePage() {
      if (current.state !== 'manual' || current.releaseUrl === null) {
        throw new AppError('E_BAD_REQUEST', 'There is no release page to open.');
      }
      // eng-disable OPEN_EXTERNAL_JS_CHECK: main's own release URL, through the platform allowlist
      await options.openExternal(current.releaseUrl);
      return { opened: true };
    },
    networkChanged(online) {
      if (online && missedWhileOffline) runCheck('catch-up');
    },
    resumed() {
      if (lastCheckAt !== null && timers.now() - lastCheckAt >= intervalMs) runCheck('catch-up');
    },
    dispose() {
      disposed = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}
