import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../../../main/app.ts';
import { AppError } from '../../../main/errors.ts';
import { allowedExternalUrl } from '../../../main/security/external-links.ts';
import type { Platform } from '../../../main/platform/types.ts';
import { invokeContract, wireName, type InvokeChannel } from '../../../preload/contract.ts';
import { createFakeDesktop } from '../../fakes/desktop.ts';
import { createScriptedUpdater, type ScriptedUpdater } from '../../harness/scripted-updater.ts';
import { FakeIpcMain, eventFrom, topFrame } from '../../fakes/ipc-main.ts';
import { createRecordingLogger } from '../../fakes/logger.ts';

function fakePlatform() {
  const ipc = new FakeIpcMain();
  const sent: Array<[string, unknown]> = [];
  const opened: string[] = [];
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
    // Like both hosts: the allowlist refuses with E_FORBIDDEN; `broken.example` fails like a
    // machine without a browser would.
    openExternal: async (url) => {
      if (url === 'https://tracker.yandex.ru/broken') throw new Error('no browser');
      const allowed = allowedExternalUrl(url);
      if (!allowed) throw new AppError('E_FORBIDDEN', 'This link cannot be opened outside the app');
      opened.push(allowed);
    },
    safeStorage: null,
    env: {},
    deviceName: 'test',
    lifecycle: {
      onSuspend: () => () => undefined,
      onResume: () => () => undefined,
      onWindowFocus: () => () => undefined,
    },
    desktop: createFakeDesktop(),
    updater: createScriptedUpdater({ kind: 'self', currentVersion: '9.8.7' }),
  };
  const setOnline = (value: boolean) => {
    online = value;
    for (const listener of networkListeners) listener(value);
  };
  return { platform, ipc, sent, setOnline, networkListeners, opened };
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

  it('opens allowlisted links only, refusing others with E_FORBIDDEN', async () => {
    const { platform, ipc, opened } = fakePlatform();
    const app = createApp(platform, { log: createRecordingLogger() });
    const event = eventFrom(1, topFrame('app://app/index.html'));
    const open = (url: string) => ipc.invoke(event, 'tracker:app.openExternal', { url });
    await expect(open('https://tracker.yandex.ru/Q-1')).resolves.toEqual({
      ok: true,
      data: { opened: true },
    });
    for (const url of [
      'http://tracker.yandex.ru/Q-1',
      'https://evil.example/',
      'javascript:alert(1)',
    ]) {
      await expect(open(url)).resolves.toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
    }
    await expect(open('https://tracker.yandex.ru/broken')).resolves.toMatchObject({
      ok: false,
      error: { code: 'E_UNAVAILABLE' },
    });
    expect(opened).toEqual(['https://tracker.yandex.ru/Q-1']);
    await app.dispose();
  });

  it('answers the update channels from the updater and emits update.changed', async () => {
    const { platform, ipc, sent } = fakePlatform();
    const updater = platform.updater as ScriptedUpdater;
    updater.latest = '9.9.0';
    const app = createApp(platform, { log: createRecordingLogger() });
    const event = eventFrom(1, topFrame('app://app/index.html'));
    await expect(ipc.invoke(event, 'tracker:update.status')).resolves.toEqual({
      ok: true,
      data: { state: 'idle', currentVersion: '9.8.7', checkedAt: null },
    });
    await expect(ipc.invoke(event, 'tracker:update.install')).resolves.toMatchObject({
      ok: false,
      error: { code: 'E_BAD_REQUEST' },
    });
    await expect(ipc.invoke(event, 'tracker:update.check')).resolves.toMatchObject({
      data: { state: 'checking' },
    });
    const updates = () => sent.filter(([channel]) => channel === 'tracker:update.changed');
    await vi.waitFor(() => expect(updates().at(-1)?.[1]).toMatchObject({ state: 'ready' }));
    expect(updates().map(([, status]) => (status as { state: string }).state)).toContain(
      'downloading',
    );
    await expect(ipc.invoke(event, 'tracker:update.install')).resolves.toEqual({
      ok: true,
      data: { restarting: true },
    });
    expect(updater.installs).toBe(1);
    await app.dispose();
  });

  it('answers settings before sign-in, persists updates and emits settings.changed', async () => {
    const { platform, ipc, sent } = fakePlatform();
    const app = createApp(platform, { log: createRecordingLogger() });
    const event = eventFrom(1, topFrame('app://app/index.html'));
    await expect(ipc.invoke(event, 'tracker:settings.get')).resolves.toMatchObject({
      ok: true,
      data: { theme: 'system', sync: { intervalMinutes: 5 } },
    });
    await expect(
      ipc.invoke(event, 'tracker:settings.update', { theme: 'dark', pinnedQueues: ['ABC'] }),
    ).resolves.toMatchObject({ ok: true, data: { theme: 'dark', pinnedQueues: ['ABC'] } });
    await expect(
      ipc.invoke(event, 'tracker:settings.update', { pinnedQueues: ['not a queue'] }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'E_BAD_REQUEST' } });
    expect(sent.filter(([channel]) => channel === 'tracker:settings.changed')).toEqual([
      [
        'tracker:settings.changed',
        expect.objectContaining({ theme: 'dark', pinnedQueues: ['ABC'] }),
      ],
    ]);
    await app.dispose();
    // The next run of the app (same data folder) reads them back.
    const again = createApp(platform, { log: createRecordingLogger() });
    await expect(ipc.invoke(event, 'tracker:settings.get')).resolves.toMatchObject({
      data: { theme: 'dark', pinnedQueues: ['ABC'] },
    });
    await again.dispose();
  });

  it('applies changed sync settings to the running sync: scopes sync now, an interval re-plans', async () => {
    const { platform, ipc } = fakePlatform();
    const app = createApp(platform, { log: createRecordingLogger() });
    const event = eventFrom(1, topFrame('app://app/index.html'));
    const changes: unknown[] = [];
    (app.data as { syncConfigChanged: (change: unknown) => void }).syncConfigChanged = (change) =>
      changes.push(change);
    const update = (patch: unknown) => ipc.invoke(event, 'tracker:settings.update', patch);
    await update({ theme: 'light' });
    await update({ pinnedQueues: ['ABC'] });
    await update({
      sync: {
        scopes: ['assigned', 'followed', 'authored', 'summoned', 'favorites'],
        intervalMinutes: 30,
      },
    });
    await update({ sync: { scopes: ['assigned'], intervalMinutes: 30 } });
    expect(changes).toEqual([
      { scopes: false, interval: false },
      { scopes: true, interval: false },
      { scopes: false, interval: true },
      { scopes: true, interval: false },
    ]);
    await app.dispose();
  });

  it('tells the data layer when the language Tracker answers in changes', async () => {
    const { platform, ipc } = fakePlatform(); // locale ru-RU
    const app = createApp(platform, { log: createRecordingLogger() });
    const event = eventFrom(1, topFrame('app://app/index.html'));
    let calls = 0;
    (app.data as { languageChanged: () => void }).languageChanged = () => calls++;
    const update = (patch: unknown) => ipc.invoke(event, 'tracker:settings.update', patch);
    await update({ language: 'ru' }); // same as the OS locale's
    expect(calls).toBe(0);
    await update({ language: 'en' });
    expect(calls).toBe(1);
    await update({ theme: 'dark' });
    expect(calls).toBe(1);
    await update({ language: 'system' });
    expect(calls).toBe(2);
    await app.dispose();
  });

  it('sends requests in the chosen language, falling back to the OS locale', async () => {
    const { platform, ipc } = fakePlatform(); // locale ru-RU
    const languages: string[] = [];
    const recording: Platform = {
      ...platform,
      fetch: (input, init) => {
        languages.push(new Headers(init?.headers).get('accept-language') ?? '');
        return globalThis.fetch(input, init);
      },
    };
    const app = createApp(recording, { log: createRecordingLogger() });
    const event = eventFrom(1, topFrame('app://app/index.html'));
    const update = (patch: unknown) => ipc.invoke(event, 'tracker:settings.update', patch);
    try {
      await update({ language: 'en' });
      await app.workspace.openDemo();
      await vi.waitFor(() => expect(languages.length).toBeGreaterThan(0), { timeout: 10_000 });
      expect(new Set(languages.map((l) => l.slice(0, 2)))).toEqual(new Set(['en']));
      // The change applies to the session at once, and a sync runs to re-fetch the names.
      languages.length = 0;
      await update({ language: 'system' });
      await vi.waitFor(() => expect(languages.some((l) => l.startsWith('ru'))).toBe(true), {
        timeout: 10_000,
      });
    } finally {
      await app.dispose();
    }
  });

  it('answers the cache-backed channels with E_UNAVAILABLE while no workspace is open', async () => {
    const { platform, ipc } = fakePlatform();
    const app = createApp(platform, { log: createRecordingLogger() });
    const event = eventFrom(1, topFrame('app://app/index.html'));
    const calls: Array<[string, unknown]> = [
      ['issues.facets', {}],
      ['issues.extras', { key: 'Q-1' }],
      ['attachments.image', { key: 'Q-1', id: '1' }],
      ['queues.list', undefined],
      ['inbox.list', undefined],
      ['inbox.update', { ids: ['a'], action: 'read' }],
    ];
    for (const [channel, request] of calls) {
      await expect(ipc.invoke(event, `tracker:${channel}`, request)).resolves.toMatchObject({
        ok: false,
        error: { code: 'E_UNAVAILABLE' },
      });
    }
    await expect(
      ipc.invoke(event, 'tracker:issues.query', { query: 'Queue: Q', limit: 5 }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'E_OFFLINE' } });
    await app.dispose();
  });
});
