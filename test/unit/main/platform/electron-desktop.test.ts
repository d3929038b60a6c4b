import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { autostartEntry, autostartPath } from '../../../../main/platform/autostart.ts';
import type { TrayActions, TrayModel } from '../../../../main/platform/desktop.ts';
import {
  MAX_KEPT_NOTIFICATIONS,
  createElectronDesktop,
  type ElectronDesktopDeps,
} from '../../../../main/platform/electron-desktop.ts';
import { encodePng } from '../../../../main/platform/png.ts';
import { overlayLabel, trayIconPngs } from '../../../../main/platform/tray-icons.ts';
import * as electron from '../../../fakes/electron.ts';
import { createRecordingLogger } from '../../../fakes/logger.ts';

const { fake } = electron;
type MenuItem = Electron.MenuItemConstructorOptions;

const labels = {
  open: 'Открыть',
  recent: 'Последние задачи',
  syncNow: 'Синхронизировать',
  pauseHour: 'Пауза на час',
  pauseTomorrow: 'Пауза до завтра',
  resume: 'Возобновить',
  quit: 'Выйти',
};

function model(over: Partial<TrayModel> = {}): TrayModel {
  return {
    state: 'normal',
    unread: 0,
    tooltip: 'Tracker Desktop',
    recent: Array.from({ length: 12 }, (_, i) => ({
      key: `Q-${i + 1}`,
      summary: `Issue ${i + 1}`,
    })),
    paused: false,
    labels,
    ...over,
  };
}

function recordingActions() {
  const calls: string[] = [];
  const actions: TrayActions = {
    open: () => calls.push('open'),
    openIssue: (key) => calls.push(`issue:${key}`),
    syncNow: () => calls.push('sync'),
    pause: (until) => calls.push(`pause:${until}`),
    quit: () => calls.push('quit'),
  };
  return { calls, actions };
}

function build(
  platform = 'linux',
  over: { argv?: string[]; env?: Record<string, string>; window?: boolean } = {},
) {
  const log = createRecordingLogger();
  let window: electron.FakeBrowserWindow | null =
    over.window === false ? null : new electron.BrowserWindow();
  const opened: electron.FakeBrowserWindow[] = [];
  const desktop = createElectronDesktop({
    app: electron.app,
    Notification: electron.Notification,
    Tray: electron.Tray,
    Menu: electron.Menu,
    nativeImage: electron.nativeImage,
    getWindow: () => window,
    openWindow: () => {
      window = new electron.BrowserWindow();
      opened.push(window);
      return window;
    },
    log,
    process: {
      platform,
      argv: over.argv ?? ['/opt/app'],
      execPath: '/opt/Tracker Desktop/tracker-desktop',
      env: over.env ?? {},
    },
  } as unknown as ElectronDesktopDeps);
  return { desktop, log, window: () => window, opened };
}

const items = (tray: electron.FakeTray) => tray.menu!.items;
const labelsOf = (list: readonly MenuItem[]) => list.map((item) => item.label ?? `--${item.type}`);
const clickItem = (item: MenuItem | undefined) => (item!.click as unknown as () => void)();

beforeEach(() => electron.resetFakeElectron());
afterEach(() => electron.resetFakeElectron());

describe('tray', () => {
  it('is created lazily on the first setTray, with icon, tooltip and menu', () => {
    const { desktop } = build();
    expect(fake.trays).toHaveLength(0);
    expect(desktop.hasTray()).toBe(false);
    desktop.setTray(model({ tooltip: 'Tracker Desktop — 3' }), recordingActions().actions);
    expect(fake.trays).toHaveLength(1);
    expect(desktop.hasTray()).toBe(true);
    const tray = fake.trays[0]!;
    expect(tray.tooltip).toBe('Tracker Desktop — 3');
    expect(labelsOf(items(tray))).toEqual([
      'Открыть',
      '--separator',
      'Последние задачи',
      '--separator',
      'Синхронизировать',
      'Пауза на час',
      'Пауза до завтра',
      '--separator',
      'Выйти',
    ]);
  });

  it('lists the ten most recent issues, each opening its issue', () => {
    const { desktop } = build();
    const { calls, actions } = recordingActions();
    desktop.setTray(model(), actions);
    const submenu = items(fake.trays[0]!).find((item) => item.label === labels.recent)!
      .submenu as MenuItem[];
    expect(submenu).toHaveLength(10);
    expect(submenu[0]!.label).toContain('Q-1');
    expect(submenu[0]!.label).toContain('Issue 1');
    clickItem(submenu[3]);
    expect(calls).toEqual(['issue:Q-4']);
  });

  it('omits the recent section when there are none and offers Resume while paused', () => {
    const { desktop } = build();
    const { calls, actions } = recordingActions();
    desktop.setTray(model({ recent: [], paused: true }), actions);
    const menu = items(fake.trays[0]!);
    expect(labelsOf(menu)).toEqual([
      'Открыть',
      '--separator',
      'Синхронизировать',
      'Возобновить',
      '--separator',
      'Выйти',
    ]);
    clickItem(menu.find((item) => item.label === labels.resume));
    expect(calls).toEqual(['pause:resume']);
  });

  it('routes every menu item and a tray click to the latest actions', () => {
    const { desktop } = build();
    const first = recordingActions();
    const second = recordingActions();
    desktop.setTray(model(), first.actions);
    desktop.setTray(model(), second.actions);
    const menu = items(fake.trays[0]!);
    for (const label of [
      labels.open,
      labels.syncNow,
      labels.pauseHour,
      labels.pauseTomorrow,
      labels.quit,
    ]) {
      clickItem(menu.find((item) => item.label === label));
    }
    fake.trays[0]!.emit('click');
    expect(first.calls).toEqual([]);
    expect(second.calls).toEqual(['open', 'sync', 'pause:hour', 'pause:tomorrow', 'quit', 'open']);
  });

  it('rebuilds the menu only when the model changed', () => {
    const { desktop } = build();
    const { actions } = recordingActions();
    desktop.setTray(model(), actions);
    desktop.setTray(model({ state: 'unread', unread: 2, tooltip: 'two' }), actions);
    const tray = fake.trays[0]!;
    expect(tray.menus).toHaveLength(1);
    desktop.setTray(model({ paused: true }), actions);
    expect(tray.menus).toHaveLength(2);
    desktop.setTray(model({ recent: [{ key: 'Q-9', summary: 'new' }], paused: true }), actions);
    expect(tray.menus).toHaveLength(3);
    expect(fake.trays).toHaveLength(1);
  });

  it('shows one icon per state, at 1x and 2x, template images on macOS only', () => {
    const { desktop } = build();
    const { actions } = recordingActions();
    const images = new Set<unknown>();
    for (const state of ['normal', 'unread', 'offline', 'error'] as const) {
      desktop.setTray(model({ state }), actions);
      const image = fake.trays[0]!.image;
      images.add(image);
      expect(image.representations.map((r) => r.scaleFactor)).toEqual([1, 2]);
      expect(image.template).toBe(false);
    }
    expect(images.size).toBe(4);
    desktop.setTray(model({ state: 'normal' }), actions);
    expect([...images][0]).toBe(fake.trays[0]!.image);

    electron.resetFakeElectron();
    const mac = build('darwin');
    mac.desktop.setTray(model({ state: 'unread' }), actions);
    expect(fake.trays[0]!.image.template).toBe(true);
  });

  it('draws distinct 16 and 32 pixel PNGs per state', () => {
    const seen = new Set<string>();
    for (const state of ['normal', 'unread', 'offline', 'error'] as const) {
      const pngs = trayIconPngs(state, false);
      const one = pngs.byScale.get(1)!;
      const two = pngs.byScale.get(2)!;
      expect(one.subarray(1, 4).toString()).toBe('PNG');
      expect(one.readUInt32BE(16)).toBe(16);
      expect(two.readUInt32BE(16)).toBe(32);
      seen.add(one.toString('base64'));
    }
    expect(seen.size).toBe(4);
  });

  it('goes on without a tray where none can be created', () => {
    fake.trayFails = true;
    const { desktop, log } = build();
    const { actions } = recordingActions();
    expect(() => desktop.setTray(model(), actions)).not.toThrow();
    expect(() => desktop.setTray(model(), actions)).not.toThrow();
    expect(desktop.hasTray()).toBe(false);
    expect(log.records.filter((r) => r.message === 'tray unavailable')).toHaveLength(1);
  });
});

describe('badge', () => {
  it('uses app.setBadgeCount on macOS and Linux', () => {
    for (const platform of ['darwin', 'linux']) {
      electron.resetFakeElectron();
      const { desktop, window } = build(platform);
      desktop.setBadge(4);
      expect(fake.badgeCount).toBe(4);
      desktop.setBadge(0);
      expect(fake.badgeCount).toBe(0);
      expect(window()!.overlays).toEqual([]);
    }
  });

  it('sets and clears an overlay icon on Windows', () => {
    const { desktop, window } = build('win32');
    desktop.setTray(model({ tooltip: 'Tracker Desktop — 12' }), recordingActions().actions);
    desktop.setBadge(12);
    desktop.setBadge(0);
    expect(fake.badgeCount).toBeNull();
    const [set, cleared] = window()!.overlays;
    expect(set!.image!.representations.map((r) => r.scaleFactor)).toEqual([1, 2]);
    expect(set!.description).toBe('Tracker Desktop — 12');
    expect(cleared).toEqual({ image: null, description: '' });
    expect(overlayLabel(12)).toBe('9+');
    expect(overlayLabel(3)).toBe('3');
  });

  it('re-applies the overlay to a new window on Windows', () => {
    const { desktop } = build('win32', { window: false });
    desktop.setBadge(2);
    const window = new electron.BrowserWindow();
    desktop.attachWindow(window as unknown as Electron.BrowserWindow);
    expect(window.overlays).toHaveLength(1);
    expect(window.overlays[0]!.description).toBe('2');
  });
});

describe('notifications', () => {
  const notice = { title: 'Назначена задача', body: 'Q-1: Fix it', target: { issueKey: 'Q-1' } };

  it('shows title and body, audibly', () => {
    const { desktop } = build();
    desktop.notify(notice, () => undefined);
    expect(fake.notifications).toHaveLength(1);
    expect(fake.notifications[0]!.options).toEqual({
      title: notice.title,
      body: notice.body,
      silent: false,
    });
    expect(fake.notifications[0]!.shown).toBe(true);
  });

  it('a click focuses the window first, then calls onClick', () => {
    const { desktop, window } = build();
    const win = window()!;
    win.minimize();
    const order: string[] = [];
    const onClick = vi.fn(() =>
      order.push(`click visible=${win.visible} minimized=${win.minimized} focused=${win.focused}`),
    );
    desktop.notify(notice, onClick);
    fake.notifications[0]!.click();
    expect(onClick).toHaveBeenCalledOnce();
    expect(order).toEqual(['click visible=true minimized=false focused=true']);
  });

  it('opens a window to focus when there is none', () => {
    const { desktop, opened } = build('darwin', { window: false });
    desktop.notify(notice, () => undefined);
    fake.notifications[0]!.click();
    expect(opened).toHaveLength(1);
    expect(opened[0]!.visible).toBe(true);
  });

  it('keeps notifications referenced until clicked or closed, and caps the list', () => {
    const { desktop } = build();
    desktop.notify(notice, () => undefined);
    desktop.notify(notice, () => undefined);
    const [first, second] = fake.notifications;
    // Listeners are the only handle the test has on the kept set: each holds its notification.
    expect(first!.listenerCount('click')).toBe(1);
    const kept = () => desktop.keptCount();
    expect(kept()).toBe(2);
    first!.click();
    expect(kept()).toBe(1);
    second!.emit('close', electron.fakeEvent());
    expect(kept()).toBe(0);
    for (let i = 0; i < MAX_KEPT_NOTIFICATIONS + 5; i += 1) desktop.notify(notice, () => undefined);
    expect(kept()).toBe(MAX_KEPT_NOTIFICATIONS);
  });

  it('keeps a closed toast on Windows (it can still be clicked in the Action Center)', () => {
    const { desktop } = build('win32');
    desktop.notify(notice, () => undefined);
    fake.notifications[0]!.emit('close', electron.fakeEvent());
    expect(desktop.keptCount()).toBe(1);
  });

  it('does nothing where notifications are unsupported', () => {
    fake.notificationsSupported = false;
    const { desktop } = build();
    desktop.notify(notice, () => undefined);
    expect(fake.notifications).toHaveLength(0);
  });
});

describe('close to tray', () => {
  it('hides instead of closing only when on, a tray exists, and the app is not quitting', () => {
    const { desktop, window } = build();
    const win = window()!;
    desktop.attachWindow(win as unknown as Electron.BrowserWindow);
    win.show();
    desktop.setCloseToTray(true);
    win.close();
    // No tray (none shown yet, or none on this desktop): closing must really close.
    expect(win.isDestroyed()).toBe(true);

    electron.resetFakeElectron();
    const second = build();
    const w2 = second.window()!;
    second.desktop.attachWindow(w2 as unknown as Electron.BrowserWindow);
    second.desktop.setTray(model(), recordingActions().actions);
    second.desktop.setCloseToTray(true);
    w2.show();
    w2.close();
    expect(w2.isDestroyed()).toBe(false);
    expect(w2.visible).toBe(false);
    electron.app.emit('before-quit', electron.fakeEvent());
    w2.close();
    expect(w2.isDestroyed()).toBe(true);
  });

  it('closes normally when off', () => {
    const { desktop, window } = build();
    const win = window()!;
    desktop.attachWindow(win as unknown as Electron.BrowserWindow);
    desktop.setTray(model(), recordingActions().actions);
    win.close();
    expect(win.isDestroyed()).toBe(true);
  });
});

describe('start at login', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tracker-xdg-'));
    fake.isPackaged = true;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves login items alone in development, where they would start bare Electron', async () => {
    fake.isPackaged = false;
    const linux = build('linux', { env: { XDG_CONFIG_HOME: dir } });
    await linux.desktop.setStartAtLogin(true);
    expect(existsSync(path.join(dir, 'autostart'))).toBe(false);
    const win = build('win32');
    await win.desktop.setStartAtLogin(true);
    expect(fake.loginItemSettings).toBeNull();
  });

  it('writes and removes an XDG autostart entry on Linux', async () => {
    const { desktop } = build('linux', { env: { XDG_CONFIG_HOME: dir } });
    const file = path.join(dir, 'autostart', 'tracker-desktop.desktop');
    await desktop.setStartAtLogin(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('[Desktop Entry]');
    expect(text).toContain('Exec="/opt/Tracker Desktop/tracker-desktop" --hidden\n');
    expect(text).toContain('X-GNOME-Autostart-enabled=true');
    expect(text).toContain('Name=Tracker Desktop');
    await desktop.setStartAtLogin(false);
    expect(existsSync(file)).toBe(false);
    await desktop.setStartAtLogin(false);
    expect(fake.loginItemSettings).toBeNull();
  });

  it('starts an AppImage through its image file, and defaults to ~/.config', () => {
    const text = autostartEntry({
      name: 'Tracker Desktop',
      execPath: '/tmp/.mount_x/tracker-desktop',
      env: { APPIMAGE: '/home/u/Apps/Tracker.AppImage', APPDIR: '/tmp/.mount_x' },
    });
    expect(text).toContain('Exec=/home/u/Apps/Tracker.AppImage --hidden\n');
    // An APPIMAGE inherited from another AppImage (a deb install started inside one) is not ours.
    const inherited = autostartEntry({
      name: 'Tracker Desktop',
      execPath: '/opt/Tracker Desktop/tracker-desktop',
      env: { APPIMAGE: '/home/u/Apps/Other.AppImage', APPDIR: '/tmp/.mount_other' },
    });
    expect(inherited).toContain('Exec="/opt/Tracker Desktop/tracker-desktop" --hidden\n');
    expect(autostartPath({ HOME: '/home/u' })).toBe(
      '/home/u/.config/autostart/tracker-desktop.desktop',
    );
    expect(autostartPath({ HOME: '/home/u', XDG_CONFIG_HOME: 'relative' })).toBe(
      '/home/u/.config/autostart/tracker-desktop.desktop',
    );
  });

  it('applies changes one at a time, in order', async () => {
    const { desktop } = build('linux', { env: { XDG_CONFIG_HOME: dir } });
    const file = path.join(dir, 'autostart', 'tracker-desktop.desktop');
    const on = desktop.setStartAtLogin(true);
    const off = desktop.setStartAtLogin(false);
    await Promise.all([on, off]);
    expect(existsSync(file)).toBe(false);
  });

  it('leaves an unchanged macOS login item alone (setting it again notifies the user)', async () => {
    const mac = build('darwin');
    const set = vi.spyOn(electron.app, 'setLoginItemSettings');
    await mac.desktop.setStartAtLogin(true);
    await mac.desktop.setStartAtLogin(true);
    expect(set).toHaveBeenCalledTimes(1);
    await mac.desktop.setStartAtLogin(false);
    expect(set).toHaveBeenCalledTimes(2);
  });

  it('uses login items on macOS and Windows', async () => {
    const mac = build('darwin');
    await mac.desktop.setStartAtLogin(true);
    expect(fake.loginItemSettings).toEqual({ openAtLogin: true });
    const win = build('win32');
    await win.desktop.setStartAtLogin(true);
    expect(fake.loginItemSettings).toEqual({ openAtLogin: true, args: ['--hidden'] });
    await win.desktop.setStartAtLogin(false);
    expect(fake.loginItemSettings).toEqual({ openAtLogin: false, args: ['--hidden'] });
  });

  it('knows when it was launched at login', () => {
    expect(build('linux').desktop.launchedAtLogin).toBe(false);
    expect(build('linux', { argv: ['/opt/app', '--hidden'] }).desktop.launchedAtLogin).toBe(true);
    expect(build('win32', { argv: ['app.exe', '--hidden'] }).desktop.launchedAtLogin).toBe(true);
    expect(build('darwin').desktop.launchedAtLogin).toBe(false);
    fake.wasOpenedAtLogin = true;
    expect(build('darwin').desktop.launchedAtLogin).toBe(true);
    expect(build('linux').desktop.launchedAtLogin).toBe(false);
  });
});

describe('png', () => {
  it('encodes RGBA rows with a zero filter byte', () => {
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 128]);
    const png = encodePng(2, 1, rgba);
    const idatAt = png.indexOf('IDAT');
    const length = png.readUInt32BE(idatAt - 4);
    const raw = inflateSync(png.subarray(idatAt + 4, idatAt + 4 + length));
    expect([...raw]).toEqual([0, ...rgba]);
  });
});
