import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../main/app.ts';
import type { Platform } from '../../../main/platform/types.ts';
import { invokeContract, wireName, type InvokeChannel } from '../../../preload/contract.ts';
import { FakeIpcMain, eventFrom, topFrame } from '../../fakes/ipc-main.ts';
import { createRecordingLogger } from '../../fakes/logger.ts';

function fakePlatform() {
  const ipc = new FakeIpcMain();
  const sent: Array<[string, unknown]> = [];
  const networkListeners = new Set<(online: boolean) => void>();
  let online = true;
  const platform: Platform = {
    host: 'electron',
    identity: { name: 'Tracker Desktop', version: '9.8.7', locale: 'ru-RU', isPackaged: false },
    runtime: {
      platform: 'linux',
      arch: 'x64',
      versions: { node: '24.21.0', electron: '45.5.0', chrome: '142' },
    },
    paths: { userData: mkdtempSync(path.join(os.tmpdir(), 'app-test-')), logs: os.tmpdir() },
    appOrigin: 'app://app',
    ipc,
    senders: { isTrusted: (id) => id === 1 },
    renderers: { broadcast: (channel, payload) => sent.push([channel, payload]) },
    network: {
      isOnline: () => online,
      onChange: (listener) => {
        networkListeners.add(listener);
        return () => networkListeners.delete(listener);
      },
    },
    fetch: () => Promise.reject(new Error('no network in unit tests')),
    openExternal: async () => undefined,
    safeStorage: null,
    env: {},
    deviceName: 'test',
    lifecycle: {
      onSuspend: () => () => undefined,
      onResume: () => () => undefined,
      onWindowFocus: () => () => undefined,
    },
  };
  const setOnline = (value: boolean) => {
    online = value;
    for (const listener of networkListeners) listener(value);
  };
  return { platform, ipc, sent, setOnline, networkListeners };
}

describe('createApp', () => {
  it('registers a handler for every contract channel', () => {
    const { platform, ipc } = fakePlatform();
    createApp(platform, { log: createRecordingLogger() });
    expect([...ipc.handlers.keys()].sort()).toEqual(
      (Object.keys(invokeContract) as InvokeChannel[]).map(wireName).sort(),
    );
  });

  it('answers app.info from the platform, online state included', async () => {
    const { platform, ipc, setOnline } = fakePlatform();
    createApp(platform, { log: createRecordingLogger() });
    const event = eventFrom(1, topFrame('app://app/index.html'));
    await expect(ipc.invoke(event, 'tracker:app.info')).resolves.toEqual({
      ok: true,
      data: {
        name: 'Tracker Desktop',
        version: '9.8.7',
        host: 'electron',
        platform: 'linux',
        arch: 'x64',
        locale: 'ru-RU',
        versions: { node: '24.21.0', electron: '45.5.0', chrome: '142' },
        online: true,
      },
    });
    setOnline(false);
    await expect(ipc.invoke(event, 'tracker:app.info')).resolves.toMatchObject({
      data: { online: false },
    });
  });

  it('emits app.online on network changes and stops after dispose', async () => {
    const { platform, ipc, sent, setOnline, networkListeners } = fakePlatform();
    const app = createApp(platform, { log: createRecordingLogger() });
    await app.session;
    const online = () => sent.filter(([channel]) => channel === 'tracker:app.online');
    setOnline(false);
    expect(online()).toEqual([
      ['tracker:app.online', { online: false, changedAt: expect.any(Number) }],
    ]);
    await app.dispose();
    expect(networkListeners.size).toBe(0);
    expect(ipc.handlers.size).toBe(0);
    setOnline(true);
    expect(online()).toHaveLength(1);
  });
});
