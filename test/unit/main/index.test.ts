/**
 * Boots the Electron entry against the fake 'electron' and checks the security posture it sets up.
 * Each test re-imports main/index.ts (and the fake) from a fresh module registry.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { invokeContract, wireName } from '../../../preload/contract.ts';
import type * as FakeElectron from '../../fakes/electron.ts';

type Fake = typeof FakeElectron.fake;
type Listener = (...args: unknown[]) => void;

let current: typeof FakeElectron | null = null;

async function boot(
  configure: (fake: Fake) => void = () => undefined,
  argv: readonly string[] = process.argv,
) {
  vi.resetModules();
  const electron = await import('../../fakes/electron.ts');
  electron.resetFakeElectron();
  configure(electron.fake);
  current = electron;

  // Keep main's crash guards and log lines out of the test worker's own process.
  const guards = new Map<string, Listener>();
  const stderr: string[] = [];
  const originalOn = process.on.bind(process);
  const onSpy = vi.spyOn(process, 'on').mockImplementation(((event: string, listener: Listener) => {
    if (event === 'uncaughtException' || event === 'unhandledRejection') {
      guards.set(event, listener);
      return process;
    }
    return originalOn(event, listener);
  }) as typeof process.on);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  });
  try {
    const argvSpy = vi.spyOn(process, 'argv', 'get').mockReturnValue([...argv]);
    const mod = await import('../../../main/index.ts');
    const handle = await mod.started;
    argvSpy.mockRestore();
    return { electron, fake: electron.fake, handle, guards, stderr };
  } finally {
    onSpy.mockRestore();
  }
}

/** Lets fire-and-forget promises (openExternal from the window.open handler) settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  // Quitting disposes the core and closes the log file before the fake deletes its temp folder.
  current?.app.quit();
  current?.resetFakeElectron();
  current = null;
  vi.restoreAllMocks();
});

describe('main/index.ts: process posture', () => {
  it('sets the AppUserModelId, the sandbox and the app scheme before ready', async () => {
    const { fake } = await boot();
    const ready = fake.calls.indexOf('app.ready');
    expect(ready).toBeGreaterThan(-1);
    expect(fake.appUserModelId).toBe('ru.tracker.desktop');
    for (const call of [
      'app.setAppUserModelId',
      'app.enableSandbox',
      'protocol.registerSchemesAsPrivileged',
      'app.requestSingleInstanceLock',
    ]) {
      const at = fake.calls.indexOf(call);
      expect(at, call).toBeGreaterThan(-1);
      expect(at, call).toBeLessThan(ready);
    }
    expect(fake.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('quits and creates nothing when another instance holds the lock', async () => {
    const { fake, handle } = await boot((fake) => {
      fake.singleInstanceLock = false;
    });
    expect(handle).toBeNull();
    expect(fake.quitCount).toBe(1);
    expect(fake.windows).toHaveLength(0);
    expect(fake.handlers.size).toBe(0);
  });

  it('brings the window back when a second instance starts', async () => {
    const { electron, fake } = await boot();
    const window = fake.windows[0]!;
    window.minimize();
    electron.app.emit('second-instance', electron.fakeEvent(), ['tracker', '--x'], '/', {});
    expect(window.isMinimized()).toBe(false);
    expect(window.isVisible()).toBe(true);
    expect(window.focused).toBe(true);
  });

  it('logs uncaught errors and rejections instead of crashing', async () => {
    const { guards, stderr } = await boot();
    const uncaught = guards.get('uncaughtException');
    const rejected = guards.get('unhandledRejection');
    expect(uncaught).toBeTypeOf('function');
    expect(rejected).toBeTypeOf('function');
    expect(() => uncaught!(new Error('boom: Authorization: OAuth y0_secretvalue'))).not.toThrow();
    expect(() => rejected!(new Error('late'))).not.toThrow();
    const text = stderr.join('');
    expect(text).toContain('uncaught exception');
    expect(text).toContain('unhandled rejection');
    expect(text).not.toContain('y0_secretvalue');
  });
});

describe('main/index.ts: the main window', () => {
  it('is created sandboxed and isolated, without Node', async () => {
    const { fake } = await boot();
    expect(fake.windows).toHaveLength(1);
    const options = fake.windows[0]!.options;
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      devTools: true,
    });
    expect(options.webPreferences?.preload).toMatch(/[/\\]preload[/\\]index\.cjs$/);
    expect(path.isAbsolute(options.webPreferences!.preload!)).toBe(true);
  });

  it('loads app://app/index.html and shows once ready to show', async () => {
    const { fake } = await boot();
    const window = fake.windows[0]!;
    expect(window.loadedUrls).toEqual(['app://app/index.html']);
    expect(window.isVisible()).toBe(false);
    window.emit('ready-to-show');
    expect(window.isVisible()).toBe(true);
  });

  it('serves app:// from the default session and 404s other hosts', async () => {
    const { fake } = await boot();
    const handler = fake.protocolHandlers.get('app');
    expect(handler).toBeTypeOf('function');
    const response = await handler!(new Request('app://evil/index.html'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('serves the app page with its CSP and security headers', async () => {
    const { fake } = await boot();
    const response = await fake.protocolHandlers.get('app')!(new Request('app://app/index.html'));
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('moves the profile to TRACKER_USER_DATA in development only', async () => {
    const profile = mkdtempSync(path.join(os.tmpdir(), 'tracker-profile-'));
    vi.stubEnv('TRACKER_USER_DATA', profile);
    try {
      const dev = await boot();
      expect(dev.fake.calls).toContain('app.setPath:userData');
      expect(dev.fake.paths.userData).toBe(profile);
      current?.app.quit();
      const packaged = await boot((f) => {
        f.isPackaged = true;
      });
      expect(packaged.fake.calls).not.toContain('app.setPath:userData');
    } finally {
      vi.unstubAllEnvs();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it('re-asserts start at login in an installed app when the setting is on', async () => {
    const xdg = mkdtempSync(path.join(os.tmpdir(), 'tracker-xdg-'));
    const entry = path.join(xdg, 'autostart', 'tracker-desktop.desktop');
    vi.stubEnv('XDG_CONFIG_HOME', xdg);
    const profiles: string[] = [];
    const withSetting = (startAtLogin: boolean) => (f: Fake) => {
      const userData = mkdtempSync(path.join(os.tmpdir(), 'tracker-profile-'));
      profiles.push(userData);
      writeFileSync(
        path.join(userData, 'settings.json'),
        JSON.stringify({ user: { desktop: { closeToTray: false, startAtLogin } } }),
      );
      f.paths.userData = userData;
      f.isPackaged = true;
    };
    try {
      await boot(withSetting(false));
      await settle();
      expect(existsSync(entry)).toBe(false);
      current?.app.quit();
      await boot(withSetting(true));
      await vi.waitFor(() => expect(existsSync(entry)).toBe(process.platform === 'linux'));
    } finally {
      vi.unstubAllEnvs();
      current?.app.quit();
      for (const dir of [xdg, ...profiles]) rmSync(dir, { recursive: true, force: true });
    }
  });

  it('recreates the window on activate when none is open, and quits when all close', async () => {
    const { electron, fake } = await boot();
    fake.windows[0]!.close();
    electron.app.emit('activate', electron.fakeEvent(), false);
    expect(fake.windows).toHaveLength(2);
    expect(fake.windows[1]!.loadedUrls).toEqual(['app://app/index.html']);
    const before = fake.quitCount;
    electron.app.emit('window-all-closed');
    expect(fake.quitCount).toBe(process.platform === 'darwin' ? before : before + 1);
  });
});

describe('main/index.ts: navigation, windows and permissions', () => {
  it('blocks navigation away from the app origin and allows it within', async () => {
    const { fake } = await boot();
    const contents = fake.windows[0]!.webContents;
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(contents.navigate('https://evil.example/', event), event).toBe(true);
      expect(contents.navigate('app://evil/index.html', event), event).toBe(true);
      expect(contents.navigate('file:///etc/passwd', event), event).toBe(true);
      expect(contents.navigate('app://app/index.html#/issues', event), event).toBe(false);
    }
  });

  it('locks webContents that were not created by us too', async () => {
    const { fake } = await boot();
    const stray = fake.createWebContents();
    expect(stray.navigate('https://evil.example/')).toBe(true);
    expect(stray.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
  });

  it('denies window.open, handing only allowlisted https URLs to the browser', async () => {
    const { fake } = await boot();
    const contents = fake.windows[0]!.webContents;
    for (const url of [
      'https://tracker.yandex.ru/QUEUE-1',
      'https://evil.example/',
      'http://tracker.yandex.ru/QUEUE-1',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://app/index.html',
    ]) {
      expect(contents.openWindow(url), url).toEqual({ action: 'deny' });
    }
    await settle();
    expect(fake.openedExternal).toEqual(['https://tracker.yandex.ru/QUEUE-1']);
  });

  it('refuses <webview>', async () => {
    const { electron, fake } = await boot();
    const event = electron.fakeEvent();
    fake.windows[0]!.webContents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('denies every permission request and check', async () => {
    const { fake } = await boot();
    const granted: boolean[] = [];
    const request = fake.permissionRequestHandler as unknown as (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
    ) => void;
    for (const permission of ['media', 'notifications', 'geolocation', 'openExternal']) {
      request(fake.windows[0]!.webContents, permission, (answer) => granted.push(answer));
    }
    expect(granted).toEqual([false, false, false, false]);
    const check = fake.permissionCheckHandler as unknown as (...args: unknown[]) => boolean;
    expect(check(null, 'clipboard-read', 'app://app', {})).toBe(false);
    const device = fake.devicePermissionHandler as unknown as (...args: unknown[]) => boolean;
    expect(device({ deviceType: 'usb', origin: 'app://app' })).toBe(false);
    expect(fake.spellCheckerEnabled).toBe(false);
  });

  it('rejects certificate errors without preventDefault (which would trust them)', async () => {
    const { electron } = await boot();
    const event = electron.fakeEvent();
    const answers: boolean[] = [];
    electron.app.emit(
      'certificate-error',
      event,
      {},
      'https://api.tracker.yandex.net/',
      'net::ERR_CERT_AUTHORITY_INVALID',
      {},
      (trusted: boolean) => answers.push(trusted),
      true,
    );
    expect(answers).toEqual([false]);
    expect(event.defaultPrevented).toBe(false);
  });
});

describe('main/index.ts: IPC', () => {
  it('registers an ipcMain handler for every contract channel', async () => {
    const { fake } = await boot();
    for (const channel of Object.keys(invokeContract) as Array<keyof typeof invokeContract>) {
      expect(fake.handlers.has(wireName(channel)), channel).toBe(true);
    }
  });

  it('answers our window and refuses foreign webContents and origins', async () => {
    const { fake } = await boot();
    const ours = fake.windows[0]!.webContents;
    const page = 'app://app/index.html';
    const answer = await fake.invokeMain(wireName('app.info'), ours, page);
    expect(answer).toMatchObject({ ok: true, data: { host: 'electron', name: 'Tracker Desktop' } });

    const stranger = fake.createWebContents();
    await expect(fake.invokeMain(wireName('app.info'), stranger, page)).resolves.toMatchObject({
      ok: false,
      error: { code: 'E_FORBIDDEN' },
    });
    await expect(
      fake.invokeMain(wireName('app.info'), ours, 'https://evil.example/'),
    ).resolves.toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
  });

  it('opens only allowlisted https links for the renderer (app.openExternal)', async () => {
    const { fake } = await boot();
    const ours = fake.windows[0]!.webContents;
    const open = (url: string) =>
      fake.invokeMain(wireName('app.openExternal'), ours, 'app://app/index.html', { url });
    await expect(open('https://tracker.yandex.ru/QUEUE-7')).resolves.toEqual({
      ok: true,
      data: { opened: true },
    });
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'tracker-desktop://x']) {
      await expect(open(url), url).resolves.toMatchObject({
        ok: false,
        error: { code: 'E_FORBIDDEN' },
      });
    }
    expect(fake.openedExternal).toEqual(['https://tracker.yandex.ru/QUEUE-7']);
  });

  it('reports updates as unsupported in development, without loading electron-updater', async () => {
    const { fake } = await boot();
    const answer = await fake.invokeMain(
      wireName('update.status'),
      fake.windows[0]!.webContents,
      'app://app/index.html',
    );
    expect(answer).toEqual({ ok: true, data: { state: 'unsupported', currentVersion: '0.1.0' } });
  });

  it('schedules update checks in a packaged app', async () => {
    const { fake } = await boot((f) => {
      f.isPackaged = true;
    });
    const answer = await fake.invokeMain(
      wireName('update.status'),
      fake.windows[0]!.webContents,
      'app://app/index.html',
    );
    expect(answer).toEqual({
      ok: true,
      data: { state: 'idle', currentVersion: '0.1.0', checkedAt: null },
    });
  });

  it('disposes the core on quit', async () => {
    const { electron, fake } = await boot();
    expect(fake.handlers.size).toBeGreaterThan(0);
    electron.app.quit();
    expect(fake.handlers.size).toBe(0);
  });

  it('stops trusting a window once it is closed', async () => {
    const { fake } = await boot();
    const window = fake.windows[0]!;
    window.close();
    await expect(
      fake.invokeMain(wireName('app.info'), window.webContents, 'app://app/index.html'),
    ).resolves.toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
  });
});

describe('main/index.ts: deep links', () => {
  /** Boots, records 'app.navigate' emissions and marks the renderer loaded. */
  async function bootWithEvents(argv?: readonly string[], load = true) {
    const booted = await boot(undefined, argv);
    const navigations: unknown[] = [];
    const events = booted.handle!.core.events;
    const emit = events.emit.bind(events);
    vi.spyOn(events, 'emit').mockImplementation(((name: string, payload: unknown) => {
      if (name === 'app.navigate') navigations.push(payload);
      return (emit as (n: string, p: unknown) => void)(name, payload);
    }) as typeof events.emit);
    if (load) booted.fake.windows[0]!.finishLoad();
    return { ...booted, navigations };
  }

  it('registers the tracker-desktop protocol', async () => {
    const { fake } = await boot();
    expect(fake.protocolClients.map((client) => client.protocol)).toEqual(['tracker-desktop']);
  });

  it('opens the issue of a link a second instance was given, focusing the window', async () => {
    const { electron, fake, navigations } = await bootWithEvents();
    const window = fake.windows[0]!;
    window.minimize();
    electron.app.secondInstance(['tracker', '--flag', 'tracker-desktop://issue/queue-7']);
    expect(navigations).toEqual([{ to: 'issue', key: 'QUEUE-7' }]);
    expect(window.isMinimized()).toBe(false);
    expect(window.isVisible()).toBe(true);
    expect(window.focused).toBe(true);
    expect(window.webContents.sent).toContainEqual({
      channel: expect.stringContaining('app.navigate'),
      args: [{ to: 'issue', key: 'QUEUE-7' }],
    });
  });

  it('opens the issue of a macOS open-url and prevents the default', async () => {
    const { electron, fake, navigations } = await bootWithEvents();
    expect(electron.app.openUrl('https://tracker.yandex.com/Q-12?focus=1#c')).toBe(true);
    expect(navigations).toEqual([{ to: 'issue', key: 'Q-12' }]);
    expect(fake.windows[0]!.focused).toBe(true);
  });

  it('ignores bad links', async () => {
    const { electron, navigations } = await bootWithEvents();
    for (const url of [
      'tracker-desktop://issue/BAD',
      'https://evil.example/Q-1',
      'https://user@tracker.yandex.ru/Q-1',
      'javascript:alert(1)',
      'tracker-desktop://issue/Q-1/../../x',
    ]) {
      expect(electron.app.openUrl(url), url).toBe(true);
      electron.app.secondInstance(['tracker', url]);
    }
    expect(navigations).toEqual([]);
  });

  it('queues a link until the renderer has loaded', async () => {
    const { electron, fake, navigations } = await bootWithEvents(undefined, false);
    electron.app.openUrl('tracker-desktop://issue/Q-1');
    electron.app.openUrl('tracker-desktop://issue/Q-2');
    expect(navigations).toEqual([]);
    fake.windows[0]!.finishLoad();
    expect(navigations).toEqual([{ to: 'issue', key: 'Q-2' }]);
    fake.windows[0]!.finishLoad();
    expect(navigations).toHaveLength(1);
  });

  it('opens the link the app was launched with once the window loads', async () => {
    const { fake, navigations } = await bootWithEvents(
      ['/opt/tracker', 'tracker-desktop://issue/START-3'],
      false,
    );
    expect(navigations).toEqual([]);
    fake.windows[0]!.finishLoad();
    expect(navigations).toEqual([{ to: 'issue', key: 'START-3' }]);
  });

  it('reopens a closed window for a link and delivers it after load', async () => {
    const { electron, fake, navigations } = await bootWithEvents();
    fake.windows[0]!.close();
    electron.app.openUrl('tracker-desktop://issue/Q-5');
    expect(fake.windows).toHaveLength(2);
    expect(navigations).toEqual([]);
    fake.windows[1]!.finishLoad();
    expect(navigations).toEqual([{ to: 'issue', key: 'Q-5' }]);
  });
});
