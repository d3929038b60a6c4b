import { describe, expect, it } from 'vitest';
import { SettingsSaver } from '../../../../../renderer/src/lib/state/settings-save.svelte.ts';
import { SettingsStore } from '../../../../../renderer/src/lib/state/settings.svelte.ts';
import { createFakeBridge, fail, SETTINGS_FIXTURE } from '../../../../fakes/bridge.ts';

async function setup() {
  const fake = createFakeBridge();
  const store = new SettingsStore(fake.bridge);
  await store.load();
  return { fake, store, saver: new SettingsSaver(store) };
}

describe('SettingsSaver', () => {
  it('shows a change at once and reports saving, then saved', async () => {
    const { fake, saver } = await setup();
    const release = fake.hold('settings.update');
    const saving = saver.save({ theme: 'dark' });
    expect(saver.value?.theme).toBe('dark');
    expect(saver.state).toBe('saving');
    release();
    expect(await saving).toBe(true);
    expect(saver.state).toBe('saved');
    expect(fake.calls('settings.update')).toEqual([{ theme: 'dark' }]);
  });

  it('sends quick changes in order without losing the first', async () => {
    const { fake, saver, store } = await setup();
    const release = fake.hold('settings.update');
    const first = saver.save({ theme: 'dark' });
    const second = saver.save({ language: 'ru' });
    release();
    await Promise.all([first, second]);
    expect(store.value).toMatchObject({ theme: 'dark', language: 'ru' });
    expect(fake.calls('settings.update').at(-1)).toEqual({ theme: 'dark', language: 'ru' });
  });

  it('keeps a failed change on screen and retry() sends it again', async () => {
    const { fake, saver, store } = await setup();
    fake.setHandler('settings.update', () => fail('E_UNAVAILABLE', 'down'));
    expect(await saver.save({ pinnedQueues: ['TEST'] })).toBe(false);
    expect(saver.state).toBe('error');
    expect(saver.error).toEqual({ code: 'E_UNAVAILABLE', message: 'down' });
    expect(saver.value?.pinnedQueues).toEqual(['TEST']);
    expect(store.value?.pinnedQueues).toEqual([]);
    fake.setHandler('settings.update', (patch) => {
      return { ok: true, data: { ...SETTINGS_FIXTURE, ...patch } };
    });
    expect(await saver.retry()).toBe(true);
    expect(saver.state).toBe('saved');
    expect(saver.error).toBeNull();
    expect(fake.calls('settings.update').at(-1)).toEqual({ pinnedQueues: ['TEST'] });
  });
});
