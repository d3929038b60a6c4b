/**
 * The Electron host's {@link Platform}: identity and paths from `app`, HTTP through `net.fetch`
 * (system proxy, OS certificate store), IPC over `ipcMain`, links through `shell` behind the
 * allowlist, trust decisions from the window registry, and the desktop shell it is given.
 */
import { hostname } from 'node:os';
import type { SafeStorageLike } from '../secrets/index.ts';
import type { App, IpcMain, Net, Shell } from 'electron';
import { AppError } from '../errors.ts';
import type { IpcMainLike } from '../ipc/types.ts';
import type { Logger } from '../log/types.ts';
import { allowedExternalUrl } from '../security/external-links.ts';
import { APP_ORIGIN } from './protocol.ts';
import type { UpdaterPort } from '../update/types.ts';
import type { DesktopShell } from './desktop.ts';
import type { NetworkMonitor, Platform } from './types.ts';
import type { WindowRegistry } from './window-registry.ts';

/** How often `net.isOnline()` is polled: main has no online/offline event. */
export const NETWORK_POLL_MS = 5_000;

/** The process fields the platform reads; injectable so tests need not fake a real Electron. */
export type HostProcess = Pick<NodeJS.Process, 'platform' | 'arch' | 'versions'>;

/** The powerMonitor events the network monitor uses (Electron's powerMonitor satisfies it). */
export interface PowerEvents {
  on(event: 'resume' | 'suspend', listener: () => void): unknown;
  removeListener(event: 'resume' | 'suspend', listener: () => void): unknown;
}

/** The app events window focus is read from (Electron's app satisfies it). */
export interface FocusEvents {
  on(event: 'browser-window-focus', listener: () => void): unknown;
  removeListener(event: 'browser-window-focus', listener: () => void): unknown;
}

/** What {@link createElectronPlatform} is built from. */
export interface ElectronPlatformDeps {
  readonly app: Pick<App, 'getName' | 'getVersion' | 'getLocale' | 'getPath' | 'isPackaged'> &
    Partial<FocusEvents>;
  readonly ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  readonly net: Pick<Net, 'fetch' | 'isOnline'>;
  readonly shell: Pick<Shell, 'openExternal'>;
  readonly powerMonitor: PowerEvents;
  readonly registry: WindowRegistry;
  readonly log: Logger;
  readonly process?: HostProcess;
  readonly pollMs?: number;
  /** Electron's safeStorage (async API); null when the app should keep secrets in memory. */
  readonly safeStorage: SafeStorageLike | null;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Exact origins besides the allowlist the browser may open (a configured OAuth server). */
  readonly extraOrigins?: readonly string[];
  /** Notifications, tray, badge and start at login (createElectronDesktop in the app). */
  readonly desktop: DesktopShell;
  /** electron-updater behind the core's port (createElectronUpdaterPort in the app). */
  readonly updater: UpdaterPort;
}

/** The platform plus what only its owner may call. */
export interface ElectronPlatform extends Platform {
  /** Stops the network poll and power listener. */
  dispose(): void;
}

/** Scheme and host only: a refused URL may carry credentials or tokens in its other parts. */
export function describeUrl(raw: unknown): { scheme: string; host: string } {
  try {
    const url = new URL(String(raw));
    return { scheme: url.protocol, host: url.hostname };
  } catch {
    return { scheme: 'invalid', host: '' };
  }
}

/**
 * The openExternal policy: only allowlisted https URLs reach the system browser; anything else is
 * refused with E_FORBIDDEN and never handed to the OS (which would run file:, custom schemes, …).
 */
export function createOpenExternal(
  shell: Pick<Shell, 'openExternal'>,
  log: Logger,
  extraOrigins: readonly string[] = [],
): (url: string) => Promise<void> {
  return async (url) => {
    const allowed = allowedExternalUrl(url, undefined, extraOrigins);
    if (allowed === null) {
      log.warn('refused to open external URL', describeUrl(url));
      throw new AppError('E_FORBIDDEN', 'This link cannot be opened outside the app');
    }
    // eng-disable OPEN_EXTERNAL_JS_CHECK: only an allowlisted https URL (allowedExternalUrl) gets here
    await shell.openExternal(allowed);
  };
}

/**
 * Watches `net.isOnline()`. It polls only while someone listens, re-checks on resume from sleep
 * (the likeliest moment for a change), and reports changes only.
 */
export function createNetworkMonitor(
  net: Pick<Net, 'isOnline'>,
  powerMonitor: PowerEvents,
  pollMs = NETWORK_POLL_MS,
): NetworkMonitor & { dispose(): void } {
  const listeners = new Set<(online: boolean) => void>();
  let last = net.isOnline();
  let timer: ReturnType<typeof setInterval> | null = null;

  function check(): void {
    const online = net.isOnline();
    if (online === last) return;
    last = online;
    for (const listener of [...listeners]) listener(online);
  }

  function start(): void {
    if (timer) return;
    last = net.isOnline();
    timer = setInterval(check, pollMs);
    // The poll alone must never keep the process alive.
    timer.unref?.();
    powerMonitor.on('resume', check);
  }

  function stop(): void {
    if (!timer) return;
    clearInterval(timer);
    timer = null;
    powerMonitor.removeListener('resume', check);
  }

  return {
    isOnline() {
      return net.isOnline();
    },
    onChange(listener) {
      listeners.add(listener);
      start();
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
    },
    dispose() {
      listeners.clear();
      stop();
    },
  };
}

/** Wraps `ipcMain` in the router's narrow interface (IpcMainInvokeEvent satisfies InvokeEventLike). */
function adaptIpcMain(ipcMain: ElectronPlatformDeps['ipcMain']): IpcMainLike {
  return {
    handle: (channel, listener) =>
      ipcMain.handle(channel, (event, ...args) => listener(event, ...args)),
    removeHandler: (channel) => ipcMain.removeHandler(channel),
  };
}

/** `net.fetch` shaped as the global fetch; it takes no URL objects, so those become strings. */
function adaptFetch(net: Pick<Net, 'fetch'>): typeof globalThis.fetch {
  return (input, init) => {
    const request = input instanceof URL ? input.href : input;
    return net.fetch(request, init);
  };
}

function subscribe<E extends string>(
  source: {
    on(event: E, listener: () => void): unknown;
    removeListener(event: E, listener: () => void): unknown;
  },
  event: E,
  listener: () => void,
): () => void {
  source.on(event, listener);
  return () => void source.removeListener(event, listener);
}

/** Builds the Electron host's platform; call after the app is ready (net and paths need it). */
export function createElectronPlatform(deps: ElectronPlatformDeps): ElectronPlatform {
  const proc = deps.process ?? process;
  const network = createNetworkMonitor(deps.net, deps.powerMonitor, deps.pollMs);
  const versions = {
    node: proc.versions.node,
    ...(proc.versions.electron ? { electron: proc.versions.electron } : {}),
    ...(proc.versions.chrome ? { chrome: proc.versions.chrome } : {}),
  };
  return {
    host: 'electron',
    identity: {
      name: deps.app.getName(),
      version: deps.app.getVersion(),
      locale: deps.app.getLocale(),
      isPackaged: deps.app.isPackaged,
    },
    runtime: { platform: proc.platform, arch: proc.arch, versions },
    paths: { userData: deps.app.getPath('userData'), logs: deps.app.getPath('logs') },
    appOrigin: APP_ORIGIN,
    ipc: adaptIpcMain(deps.ipcMain),
    senders: deps.registry,
    renderers: deps.registry,
    network,
    lifecycle: {
      onSuspend: (listener) => subscribe(deps.powerMonitor, 'suspend', listener),
      onResume: (listener) => subscribe(deps.powerMonitor, 'resume', listener),
      onWindowFocus: (listener) =>
        deps.app.on && deps.app.removeListener
          ? subscribe(deps.app as FocusEvents, 'browser-window-focus', listener)
          : () => undefined,
    },
    fetch: adaptFetch(deps.net),
    openExternal: createOpenExternal(deps.shell, deps.log, deps.extraOrigins),
    safeStorage: deps.safeStorage,
    env: deps.env,
    deviceName: `Tracker Desktop (${hostname()})`,
    desktop: deps.desktop,
    updater: deps.updater,
    dispose() {
      network.dispose();
    },
  };
}
