import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../../../renderer/src/lib/state/settings.svelte.ts';
import { createFakeBridge, fail, SETTINGS_FIXTURE } from '../../../../fakes/bridge.ts';

describe('SettingsStore', () => {
  it('is empty until load() answers with main’s settings', async () => {
    const fake = createFakeBridge({ settings: { theme: 'dark' } });
    const store = new SettingsStore(fake.bridge);
    expect(store.value).toBeNull();
    await store.load();
    expect(store.value).toEqual({ ...SETTINGS_FIXTURE, theme: 'dark' });
    expect(store.error).toBeNull();
  });

  it('update() sends the patch, takes the answer and reports saving', async () => {
    const fake = createFakeBridge();
    const store = new SettingsStore(fake.bridge);
    await store.load();
    const saving = store.update({ language: 'ru' });
    expect(store.saving).toBe(true);
    expect(await saving).toBe(true);
    expect(store.saving).toBe(false);
    expect(fake.calls('settings.update')).toEqual([{ language: 'ru' }]);
    expect(store.value?.language).toBe('ru');
  });

  it('a failed call keeps the value and stores the error until the next success', async () => {
    const fake = createFakeBridge();
    const store = new SettingsStore(fake.bridge);
    await store.load();
    fake.setHandler('settings.update', () => fail('E_BAD_REQUEST', 'nope'));
    expect(await store.update({ theme: 'light' })).toBe(false);
    expect(store.value?.theme).toBe('system');
    expect(store.error).toEqual({ code: 'E_BAD_REQUEST', message: 'nope' });
    await store.load();
    expect(store.error).toBeNull();
  });

  it('follows settings.changed after start() and stops after dispose()', () => {
    const fake = createFakeBridge();
    const store = new SettingsStore(fake.bridge);
    store.start();
    store.start();
    expect(fake.listenerCount('settings.changed')).toBe(1);
    fake.emit('settings.changed', { ...SETTINGS_FIXTURE, theme: 'dark' });
    expect(store.value?.theme).toBe('dark');
    store.dispose();
    expect(fake.listenerCount('settings.changed')).toBe(0);
    fake.emit('settings.changed', { ...SETTINGS_FIXTURE, theme: 'light' });
    expect(store.value?.theme).toBe('dark');
  });

  it('a missing bridge becomes an error, not an exception', async () => {
    const store = new SettingsStore(() => {
      throw new Error('no bridge');
    });
    store.start();
    expect(store.error?.code).toBe('E_INTERNAL');
    expect(await store.load()).toBeUndefined();
    expect(store.value).toBeNull();
  });
});
