import os from 'node:os';
import path from 'node:path';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { AppError } from '../../main/errors.ts';
import type { Platform } from '../../main/platform/types.ts';
import { allowedExternalUrl } from '../../main/security/external-links.ts';
import { createDesktopRecorder, type DesktopRecorder } from './desktop-recorder.ts';
import { createScriptedUpdater, type ScriptedUpdater } from './scripted-updater.ts';
import type { WsIpcMain } from './ws-ipc.ts';
import type { UpdateKind } from '../../main/update/types.ts';

export type { DesktopRecorder, RecordedNotice } from './desktop-recorder.ts';

/** Options of the Node host's platform. */
export interface NodePlatformOptions {
  readonly appOrigin: string;
  readonly ipc: WsIpcMain;
  /** Data folder; a fresh temp folder when omitted. */
  readonly userData?: string;
  readonly locale?: string;
  readonly version?: string;
  readonly fetch?: typeof globalThis.fetch;
  /** TRACKER_* overrides the core reads (an emulator's API and OAuth bases, a client id). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** How the scripted updater installs (default `none`: the web host does not update). */
  readonly updateKind?: UpdateKind;
}

/** The Node platform plus the switches tests flip. */
export interface NodePlatform extends Platform {
  /** Simulates the OS reporting a network change. */
  setOnline(online: boolean): void;
  /** Simulates sleep, wake or a window gaining focus. */
  emitLifecycle(event: 'suspend' | 'resume' | 'focus'): void;
  /** Every URL the app asked to open in the browser, in order. */
  readonly openedUrls: readonly string[];
  /**
   * The "system browser": tests set it to drive the page (a scripted fetch, or a real Chromium tab
   * through Playwright). Unset, URLs are only recorded.
   */
  browser: ((url: string) => Promise<void>) | null;
  /** Records notifications (click them with `notices[i].click()`), the tray, badge and focus. */
  readonly desktop: DesktopRecorder;
  /** The scripted release feed (set `latest`, make checks fail) and its restarts. */
  readonly updater: ScriptedUpdater;
}

/**
 * The Node host's platform (DESIGN.md §3): global fetch, temp folders, a recorder instead of the
 * system browser, and an online flag the tests flip.
 */
export function createNodePlatform(options: NodePlatformOptions): NodePlatform {
  const userData = options.userData ?? mkdtempSync(path.join(os.tmpdir(), 'tracker-web-'));
  const logs = path.join(userData, 'logs');
  mkdirSync(logs, { recursive: true });
  let online = true;
  const networkListeners = new Set<(online: boolean) => void>();
  const openedUrls: string[] = [];
  const lifecycle = {
    suspend: new Set<() => void>(),
    resume: new Set<() => void>(),
    focus: new Set<() => void>(),
  };
  const on = (set: Set<() => void>) => (listener: () => void) => {
    set.add(listener);
    return () => void set.delete(listener);
  };

  const version = options.version ?? process.env.npm_package_version ?? '0.0.0';
  const env = options.env ?? {};
  const extraOrigins = env.TRACKER_OAUTH_BASE ? [new URL(env.TRACKER_OAUTH_BASE).origin] : [];
  const platform: NodePlatform = {
    host: 'web',
    identity: {
      name: 'Tracker Desktop',
      version,
      locale: options.locale ?? Intl.DateTimeFormat().resolvedOptions().locale,
      isPackaged: false,
    },
    runtime: {
      platform: process.platform,
      arch: process.arch,
      versions: { node: process.versions.node },
    },
    paths: { userData, logs },
    appOrigin: options.appOrigin,
    ipc: options.ipc,
    senders: options.ipc,
    renderers: options.ipc,
    network: {
      isOnline: () => online,
      onChange(listener) {
        networkListeners.add(listener);
        return () => networkListeners.delete(listener);
      },
    },
    lifecycle: {
      onSuspend: on(lifecycle.suspend),
      onResume: on(lifecycle.resume),
      onWindowFocus: on(lifecycle.focus),
    },
    emitLifecycle(event) {
      for (const listener of lifecycle[event]) listener();
    },
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    async openExternal(url) {
      const allowed = allowedExternalUrl(url, undefined, extraOrigins);
      if (!allowed) throw new AppError('E_FORBIDDEN', 'This link cannot be opened outside the app');
      openedUrls.push(allowed);
      await platform.browser?.(allowed);
    },
    safeStorage: null,
    env,
    deviceName: 'Tracker Desktop (web host)',
    browser: null,
    setOnline(next) {
      if (next === online) return;
      online = next;
      for (const listener of networkListeners) listener(online);
    },
    openedUrls,
    desktop: createDesktopRecorder(),
    updater: createScriptedUpdater({ kind: options.updateKind ?? 'none', currentVersion: version }),
  };
  return platform;
}
