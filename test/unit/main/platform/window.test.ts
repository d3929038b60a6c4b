import { beforeEach, describe, expect, it } from 'vitest';
import { createMainWindow, type MainWindowDeps } from '../../../../main/platform/window.ts';
import { createWindowRegistry } from '../../../../main/platform/window-registry.ts';
import * as electron from '../../../fakes/electron.ts';
import { createRecordingLogger } from '../../../fakes/logger.ts';

function open(startHidden?: boolean) {
  const registry = createWindowRegistry();
  const window = createMainWindow({
    BrowserWindow: electron.BrowserWindow as unknown as MainWindowDeps['BrowserWindow'],
    preloadPath: '/app/preload.cjs',
    isPackaged: true,
    registry,
    log: createRecordingLogger(),
    ...(startHidden === undefined ? {} : { startHidden }),
  });
  return { window: window as unknown as electron.FakeBrowserWindow, registry };
}

beforeEach(() => electron.resetFakeElectron());

describe('createMainWindow', () => {
  it('is created hidden and shown once ready to show', () => {
    const { window, registry } = open();
    expect(window.options.show).toBe(false);
    expect(registry.size()).toBe(1);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('stays hidden when the app was started at login', () => {
    const { window } = open(true);
    window.emit('ready-to-show');
    expect(window.visible).toBe(false);
    expect(window.loadedUrls).toHaveLength(1);
  });
});
