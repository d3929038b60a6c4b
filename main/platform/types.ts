/**
 * What a host supplies to the core. The Electron host builds it from Electron's modules
 * (main/platform/electron-platform.ts); the Node host (test/harness) builds it from plain Node.
 * This file imports nothing from electron so the core can be type-checked and run without it.
 */
import type { IpcMainLike, RendererSink, SenderRegistry } from '../ipc/types.ts';
import type { Unsubscribe } from '../../preload/contract.ts';
import type { SafeStorageLike } from '../secrets/index.ts';
import type { UpdaterPort } from '../update/types.ts';
import type { DesktopShell } from './desktop.ts';

/** Name, version and locale of the running app. */
export interface AppIdentity {
  readonly name: string;
  readonly version: string;
  /** BCP 47 locale of the OS UI, e.g. `ru-RU`. */
  readonly locale: string;
  readonly isPackaged: boolean;
}

/** The runtime the core runs in. */
export interface RuntimeInfo {
  readonly platform: string;
  readonly arch: string;
  readonly versions: {
    readonly node: string;
    readonly electron?: string;
    readonly chrome?: string;
  };
}

/** Folders the core may write to. */
export interface AppPaths {
  /** Per-user data: settings, caches, databases. */
  readonly userData: string;
  /** Log files. */
  readonly logs: string;
}

/** Network reachability as the OS reports it. */
export interface NetworkMonitor {
  isOnline(): boolean;
  /** Calls `listener` with the new state whenever it changes. */
  onChange(listener: (online: boolean) => void): Unsubscribe;
}

/** Machine and window events background work follows (sleep, wake, a window gaining focus). */
export interface LifecycleEvents {
  onSuspend(listener: () => void): Unsubscribe;
  onResume(listener: () => void): Unsubscribe;
  onWindowFocus(listener: () => void): Unsubscribe;
}

/** Everything that differs between the Electron app and the Node host. */
export interface Platform {
  readonly host: 'electron' | 'web';
  readonly identity: AppIdentity;
  readonly runtime: RuntimeInfo;
  readonly paths: AppPaths;
  /** Origin of the app's own pages; IPC from any other origin is refused. */
  readonly appOrigin: string;
  readonly ipc: IpcMainLike;
  readonly senders: SenderRegistry;
  readonly renderers: RendererSink;
  readonly network: NetworkMonitor;
  readonly lifecycle: LifecycleEvents;
  /** HTTP for every outgoing request (Electron's net.fetch in the app: proxies, OS certificates). */
  readonly fetch: typeof globalThis.fetch;
  /** Opens an allowlisted https URL in the user's browser. */
  openExternal(url: string): Promise<void>;
  /** The OS encryption for secrets (Electron's safeStorage); null keeps secrets in memory. */
  readonly safeStorage: SafeStorageLike | null;
  /** Environment the app reads its overrides from (TRACKER_CLIENT_ID, TRACKER_API_BASE, …). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** A name for this machine, shown in the user's Yandex ID device list. */
  readonly deviceName: string;
  /** Notifications, tray, badge, window focus and start at login. */
  readonly desktop: DesktopShell;
  /** The app's self-update mechanism (electron-updater when packaged; none in development). */
  readonly updater: UpdaterPort;
}
