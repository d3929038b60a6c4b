import { EventEmitter } from 'node:events';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  createElectronUpdaterPort,
  updateKindOf,
  type AppUpdaterLike,
} from '../../../../main/platform/electron-updater.ts';
import { createRecordingLogger } from '../../../fakes/logger.ts';

/** An autoUpdater stand-in: an emitter with electron-updater's calls. */
function fakeAutoUpdater(available: string | null) {
  const emitter = new EventEmitter();
  const updater = Object.assign(emitter, {
    autoDownload: true,
    autoInstallOnAppQuit: false,
    logger: null as AppUpdaterLike['logger'],
    checkForUpdates: vi.fn(async () => ({
      isUpdateAvailable: available !== null,
      updateInfo: { version: available ?? '1.0.0' },
    })),
    downloadUpdate: vi.fn(async () => {
      emitter.emit('download-progress', { percent: 40 });
      emitter.emit('download-progress', { percent: 100 });
      return ['/tmp/update'];
    }),
    quitAndInstall: vi.fn(),
  });
  return updater satisfies AppUpdaterLike;
}

function port(
  options: {
    available?: string | null;
    config?: string | null;
    beforeRestart?: () => () => void;
    restartGraceMs?: number;
  } = {},
) {
  const updater = fakeAutoUpdater(options.available ?? null);
  const load = vi.fn(async () => updater);
  const reads: string[] = [];
  const log = createRecordingLogger();
  const created = createElectronUpdaterPort({
    load,
    isPackaged: true,
    version: '1.0.0',
    platform: 'win32',
    execPath: path.join('opt', 'app', 'tracker-desktop.exe'),
    env: {},
    resourcesPath: path.join('opt', 'app', 'resources'),
    readFile: (file) => {
      reads.push(file);
      if (options.config === null) throw new Error('ENOENT');
      return options.config ?? 'provider: github\nowner: o\nrepo: r\n';
    },
    log,
    beforeRestart: options.beforeRestart,
    restartGraceMs: options.restartGraceMs,
  });
  return { created, updater, load, reads, log };
}

describe('updateKindOf', () => {
  const base = {
    isPackaged: true,
    env: {},
    execPath: '/opt/app/tracker-desktop',
    systemPackage: false,
  };
  const appImage = { APPIMAGE: '/home/u/Tracker.AppImage', APPDIR: '/tmp/.mount_tr1' };

  it('self-updates NSIS, macOS and our own AppImage; a system package goes by hand; dev not at all', () => {
    expect(updateKindOf({ ...base, platform: 'win32' })).toBe('self');
    expect(updateKindOf({ ...base, platform: 'darwin' })).toBe('self');
    expect(
      updateKindOf({
        ...base,
        platform: 'linux',
        env: appImage,
        execPath: '/tmp/.mount_tr1/tracker-desktop',
      }),
    ).toBe('self');
    expect(updateKindOf({ ...base, platform: 'linux', systemPackage: true })).toBe('manual');
    expect(updateKindOf({ ...base, platform: 'linux' })).toBe('manual');
    expect(updateKindOf({ ...base, isPackaged: false, platform: 'win32' })).toBe('none');
    expect(updateKindOf({ ...base, platform: 'freebsd' })).toBe('none');
  });

  it('does not take an APPIMAGE inherited from another AppImage for its own', () => {
    // A deb install started from a terminal that runs inside some other AppImage.
    expect(updateKindOf({ ...base, platform: 'linux', env: appImage })).toBe('manual');
    expect(
      updateKindOf({
        ...base,
        platform: 'linux',
        env: appImage,
        execPath: '/tmp/.mount_tr1/tracker-desktop',
        systemPackage: true,
      }),
    ).toBe('manual');
  });
});

describe('createElectronUpdaterPort', () => {
  it('loads electron-updater only on the first check and sets it to download on request', async () => {
    const { created, updater, load } = port();
    expect(load).not.toHaveBeenCalled();
    await expect(created.check()).resolves.toBeNull();
    await created.check();
    expect(load).toHaveBeenCalledTimes(1);
    expect(updater.autoDownload).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(updater.logger).not.toBeNull();
  });

  it('reports the newer version a check finds', async () => {
    const { created } = port({ available: '1.1.0' });
    await expect(created.check()).resolves.toEqual({ version: '1.1.0' });
  });

  it('forwards download progress and stops listening afterwards', async () => {
    const { created, updater } = port({ available: '1.1.0' });
    const progress: number[] = [];
    await created.download((percent) => progress.push(percent));
    expect(progress).toEqual([40, 100]);
    expect(updater.listenerCount('download-progress')).toBe(0);
  });

  it('logs updater errors instead of letting the emitter throw them', async () => {
    const { created, updater, log } = port();
    await created.check();
    expect(() => updater.emit('error', new Error('sha512 checksum mismatch'))).not.toThrow();
    expect(log.records.some((r) => r.message === 'updater error')).toBe(true);
  });

  it('restarts into the update visibly and relaunches, after the restart hook', async () => {
    const order: string[] = [];
    const { created, updater } = port({
      beforeRestart: () => {
        order.push('beforeRestart');
        return () => order.push('undo');
      },
      restartGraceMs: 5,
    });
    updater.quitAndInstall.mockImplementation(() => void order.push('quitAndInstall'));
    // The fake never quits: after the grace period the restart counts as failed and is undone.
    await expect(created.quitAndInstall()).rejects.toThrow('still running');
    expect(updater.quitAndInstall).toHaveBeenCalledWith(false, true);
    expect(order).toEqual(['beforeRestart', 'quitAndInstall', 'undo']);
  });

  it('cancels a proxy login instead of leaving the request hanging', async () => {
    const { created, updater, log } = port();
    await created.check();
    const callback = vi.fn();
    updater.emit('login', { isProxy: true }, callback);
    expect(callback).toHaveBeenCalledWith();
    expect(log.records.some((r) => r.message.includes('proxy asks for credentials'))).toBe(true);
  });

  it('treats a Linux install with resources/package-type as a system package', () => {
    const make = (files: string[]) =>
      createElectronUpdaterPort({
        load: async () => fakeAutoUpdater(null),
        isPackaged: true,
        version: '1.0.0',
        platform: 'linux',
        execPath: '/tmp/.mount_tr1/tracker-desktop',
        env: { APPIMAGE: '/home/u/Tracker.AppImage', APPDIR: '/tmp/.mount_tr1' },
        resourcesPath: '/tmp/.mount_tr1/resources',
        readFile: (file) => {
          if (!files.includes(path.basename(file))) throw new Error('ENOENT');
          return 'deb';
        },
        log: createRecordingLogger(),
      });
    expect(make([]).kind).toBe('self');
    expect(make(['package-type']).kind).toBe('manual');
  });

  it('reads the release page from app-update.yml once', () => {
    const { created, reads } = port();
    expect(created.releasePage('1.1.0')).toBe('https://github.com/o/r/releases/tag/v1.1.0');
    expect(created.releasePage('1.2.0')).toBe('https://github.com/o/r/releases/tag/v1.2.0');
    expect(reads).toEqual([path.join('opt', 'app', 'resources', 'app-update.yml')]);
  });

  it('offers no release page without app-update.yml', () => {
    const { created, log } = port({ config: null });
    expect(created.releasePage('1.1.0')).toBeNull();
    expect(log.records.some((r) => r.message === 'no release feed configuration')).toBe(true);
  });
});
