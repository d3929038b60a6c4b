import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { noUpdates } from '../../../../main/update/types.ts';
import { AppError } from '../../../../main/errors.ts';
import {
  NETWORK_POLL_MS,
  createElectronPlatform,
  describeUrl,
} from '../../../../main/platform/electron-platform.ts';
import type { DesktopShell } from '../../../../main/platform/desktop.ts';
import { createWindowRegistry } from '../../../../main/platform/window-registry.ts';
import * as electron from '../../../fakes/electron.ts';
import { createRecordingLogger } from '../../../fakes/logger.ts';

const { fake } = electron;

const desktop: DesktopShell = {
  notify: () => undefined,
  setTray: () => undefined,
  setBadge: () => undefined,
  focusWindow: () => undefined,
  setStartAtLogin: () => Promise.resolve(),
  launchedAtLogin: false,
};

function build() {
  const log = createRecordingLogger();
  const registry = createWindowRegistry();
  const platform = createElectronPlatform({
    app: electron.app,
    ipcMain: electron.ipcMain,
    net: electron.net,
    shell: electron.shell,
    powerMonitor: electron.powerMonitor,
    registry,
    log,
    safeStorage: null,
    env: {},
    desktop,
    updater: noUpdates('1.0.0'),
    process: {
      platform: 'linux',
      arch: 'x64',
      versions: { node: '24.21.0', electron: '45.5.0', chrome: '142.0' } as NodeJS.ProcessVersions,
    },
  });
  return { platform, registry, log };
}

beforeEach(() => electron.resetFakeElectron());
afterEach(() => {
  vi.useRealTimers();
  electron.resetFakeElectron();
});

describe('createElectronPlatform', () => {
  it('describes the Electron host', () => {
    const { platform } = build();
    expect(platform.host).toBe('electron');
    expect(platform.appOrigin).toBe('app://app');
    expect(platform.identity).toEqual({
      name: 'Tracker Desktop',
      version: '0.1.0',
      locale: 'ru-RU',
      isPackaged: false,
    });
    expect(platform.runtime).toEqual({
      platform: 'linux',
      arch: 'x64',
      versions: { node: '24.21.0', electron: '45.5.0', chrome: '142.0' },
    });
    expect(platform.paths.userData).toMatch(/userData$/);
    expect(platform.paths.logs).toMatch(/logs$/);
  });

  it('registers IPC handlers on ipcMain and removes them', async () => {
    const { platform } = build();
    const seen: unknown[] = [];
    platform.ipc.handle('tracker:x', async (event, ...args) => {
      seen.push(event.sender.id, ...args);
      return 'answer';
    });
    const sender = fake.createWebContents();
    await expect(fake.invokeMain('tracker:x', sender, 'app://app/', 42)).resolves.toBe('answer');
    expect(seen).toEqual([sender.id, 42]);
    platform.ipc.removeHandler('tracker:x');
    expect(fake.handlers.has('tracker:x')).toBe(false);
  });

  it('fetches through net.fetch, URL objects included', async () => {
    const { platform } = build();
    const response = await platform.fetch(new URL('https://api.tracker.yandex.net/v3/myself'), {
      method: 'GET',
    });
    expect(response.status).toBe(204);
    expect(fake.fetchCalls).toEqual([
      { input: 'https://api.tracker.yandex.net/v3/myself', init: { method: 'GET' } },
    ]);
  });

  it('trusts and broadcasts to the registry windows only', () => {
    const { platform, registry } = build();
    const ours = fake.createWebContents();
    const stranger = fake.createWebContents();
    registry.add(ours);
    expect(platform.senders.isTrusted(ours.id)).toBe(true);
    expect(platform.senders.isTrusted(stranger.id)).toBe(false);
    platform.renderers.broadcast('tracker:app.online', { online: true });
    expect(ours.sent).toEqual([{ channel: 'tracker:app.online', args: [{ online: true }] }]);
    expect(stranger.sent).toEqual([]);
  });
});

describe('openExternal', () => {
  it('opens an allowlisted https URL in the system browser', async () => {
    const { platform } = build();
    await platform.openExternal('https://tracker.yandex.ru/QUEUE-1');
    expect(fake.openedExternal).toEqual(['https://tracker.yandex.ru/QUEUE-1']);
  });

  it.each([
    ['http', 'http://tracker.yandex.ru/QUEUE-1'],
    ['javascript:', 'javascript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['a custom scheme', 'ms-settings:network'],
    ['credentials', 'https://user:secret@tracker.yandex.ru/'],
    ['a lookalike suffix', 'https://tracker.yandex.ru.evil.com/'],
    ['a lookalike prefix', 'https://eviltracker.yandex.ru/'],
    ['the host in the fragment', 'https://evil.com/#tracker.yandex.ru'],
    ['the host in the userinfo', 'https://tracker.yandex.ru@evil.com/'],
    ['a port', 'https://tracker.yandex.ru:8443/'],
    ['garbage', 'not a url'],
  ])('refuses %s and never calls shell.openExternal', async (_name, url) => {
    const { platform, log } = build();
    const attempt = platform.openExternal(url);
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
    expect(fake.openedExternal).toEqual([]);
    // Only scheme and host are logged: the rest of a refused URL may carry secrets.
    expect(JSON.stringify(log.records)).not.toContain('secret');
  });

  it('hands the core the desktop shell it was given', () => {
    expect(build().platform.desktop).toBe(desktop);
  });

  it('describes URLs by scheme and host only', () => {
    expect(describeUrl('https://u:p@x.example/path?token=1')).toEqual({
      scheme: 'https:',
      host: 'x.example',
    });
    expect(describeUrl('::')).toEqual({ scheme: 'invalid', host: '' });
  });
});

describe('network monitor', () => {
  it('reports changes found by the poll, and only changes', () => {
    vi.useFakeTimers();
    const { platform } = build();
    const seen: boolean[] = [];
    const stop = platform.network.onChange((online) => seen.push(online));
    vi.advanceTimersByTime(NETWORK_POLL_MS * 3);
    expect(seen).toEqual([]);
    fake.online = false;
    expect(platform.network.isOnline()).toBe(false);
    vi.advanceTimersByTime(NETWORK_POLL_MS);
    vi.advanceTimersByTime(NETWORK_POLL_MS * 2);
    fake.online = true;
    vi.advanceTimersByTime(NETWORK_POLL_MS);
    expect(seen).toEqual([false, true]);
    stop();
  });

  it('re-checks on resume from sleep without waiting for the poll', () => {
    vi.useFakeTimers();
    const { platform } = build();
    const seen: boolean[] = [];
    platform.network.onChange((online) => seen.push(online));
    fake.online = false;
    electron.powerMonitor.emit('resume');
    expect(seen).toEqual([false]);
  });

  it('polls only while someone listens', () => {
    vi.useFakeTimers();
    const { platform } = build();
    expect(vi.getTimerCount()).toBe(0);
    const stopA = platform.network.onChange(() => undefined);
    const stopB = platform.network.onChange(() => undefined);
    expect(vi.getTimerCount()).toBe(1);
    expect(electron.powerMonitor.listenerCount('resume')).toBe(1);
    stopA();
    stopA();
    expect(vi.getTimerCount()).toBe(1);
    stopB();
    expect(vi.getTimerCount()).toBe(0);
    expect(electron.powerMonitor.listenerCount('resume')).toBe(0);
  });

  it('stops everything on dispose', () => {
    vi.useFakeTimers();
    const { platform } = build();
    const seen: boolean[] = [];
    platform.network.onChange((online) => seen.push(online));
    platform.dispose();
    fake.online = false;
    vi.advanceTimersByTime(NETWORK_POLL_MS * 2);
    electron.powerMonitor.emit('resume');
    expect(seen).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('lifecycle events', () => {
  it('forwards sleep, wake and window focus until unsubscribed', () => {
    const { platform } = build();
    const seen: string[] = [];
    const stops = [
      platform.lifecycle.onSuspend(() => seen.push('suspend')),
      platform.lifecycle.onResume(() => seen.push('resume')),
      platform.lifecycle.onWindowFocus(() => seen.push('focus')),
    ];
    electron.powerMonitor.emit('suspend');
    electron.powerMonitor.emit('resume');
    electron.app.emit('browser-window-focus');
    for (const stop of stops) stop();
    electron.powerMonitor.emit('suspend');
    electron.app.emit('browser-window-focus');
    expect(seen).toEqual(['suspend', 'resume', 'focus']);
  });
});
