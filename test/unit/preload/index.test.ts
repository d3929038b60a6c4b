/**
 * Runs the real preload entry against the fake 'electron', wired to the real Electron entry and core
 * in the same module registry: window.tracker → ipcRenderer → ipcMain → router → createApp.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TrackerBridge } from '../../../preload/contract.ts';
import type * as FakeElectron from '../../fakes/electron.ts';

let electron: typeof FakeElectron | null = null;

async function boot() {
  vi.resetModules();
  electron = await import('../../fakes/electron.ts');
  electron.resetFakeElectron();
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const main = await import('../../../main/index.ts');
  const handle = await main.started;
  const window = electron.fake.windows[0];
  if (!handle || !window) throw new Error('main did not start');
  const { fake } = electron;
  // What Electron does between the two processes: our window's top frame invokes main.
  fake.invokeImpl = (channel, args) =>
    fake.invokeMain(channel, window.webContents, 'app://app/index.html', ...args);
  await import('../../../preload/index.ts');
  return { fake, handle, tracker: fake.exposed.tracker as TrackerBridge };
}

afterEach(() => {
  electron?.app.quit();
  electron?.resetFakeElectron();
  electron = null;
  vi.restoreAllMocks();
});

describe('preload/index.ts', () => {
  it('exposes only window.tracker, built from the contract', async () => {
    const { fake } = await boot();
    expect(Object.keys(fake.exposed)).toEqual(['tracker']);
    expect(Object.isFrozen(fake.exposed.tracker)).toBe(true);
  });

  it('answers app.info through the real router and core', async () => {
    const { tracker, fake } = await boot();
    await expect(tracker.app.info()).resolves.toMatchObject({
      ok: true,
      data: {
        host: 'electron',
        name: 'Tracker Desktop',
        versions: { node: process.versions.node },
      },
    });
    expect(fake.rendererInvokes).toEqual([{ channel: 'tracker:app.info', args: [undefined] }]);
  });

  it('delivers main events to subscribers as bare payloads until they unsubscribe', async () => {
    const { tracker, fake } = await boot();
    const seen: unknown[] = [];
    const stop = tracker.app.onOnline((payload) => seen.push(payload));
    fake.emitToRenderer('tracker:app.online', { online: false, changedAt: 3 });
    stop();
    fake.emitToRenderer('tracker:app.online', { online: true, changedAt: 4 });
    expect(seen).toEqual([{ online: false, changedAt: 3 }]);
  });
});
