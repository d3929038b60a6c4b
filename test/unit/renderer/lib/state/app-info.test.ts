import { describe, expect, it } from 'vitest';
import type { AppInfo, IpcResult } from '../../../../../preload/contract.ts';
import { AppInfoState } from '../../../../../renderer/src/lib/state/app-info.svelte.ts';
import { APP_INFO_FIXTURE, createFakeBridge, fail, ok } from '../../../../fakes/bridge.ts';

describe('AppInfoState', () => {
  it('starts idle with an unknown connection', () => {
    const state = new AppInfoState(createFakeBridge().bridge);
    expect(state.status).toBe('idle');
    expect(state.info).toBeNull();
    expect(state.connection).toBe('unknown');
  });

  it('load() stores the info and takes the online state from it', async () => {
    const fake = createFakeBridge({ appInfo: { version: '9.9.9', online: false } });
    const state = new AppInfoState(fake.bridge);
    const loading = state.load();
    expect(state.status).toBe('loading');
    await loading;
    expect(state.status).toBe('ready');
    expect(state.info).toEqual({ ...APP_INFO_FIXTURE, version: '9.9.9', online: false });
    expect(state.error).toBeNull();
    expect(state.online).toBe(false);
    expect(state.connection).toBe('offline');
  });

  it('load() failing sets status error with the code and message, without throwing', async () => {
    const fake = createFakeBridge({
      appInfoError: { code: 'E_INTERNAL', message: 'core crashed' },
    });
    const state = new AppInfoState(fake.bridge);
    await state.load();
    expect(state.status).toBe('error');
    expect(state.error).toEqual({ code: 'E_INTERNAL', message: 'core crashed' });
    expect(state.info).toBeNull();
  });

  it('a retry after an error succeeds and clears the error', async () => {
    const fake = createFakeBridge({ appInfoError: { code: 'E_UNAVAILABLE', message: 'down' } });
    const state = new AppInfoState(fake.bridge);
    await state.load();
    fake.setHandler('app.info', () => ok(APP_INFO_FIXTURE));
    await state.load();
    expect(state.status).toBe('ready');
    expect(state.error).toBeNull();
    expect(fake.calls('app.info')).toHaveLength(2);
  });

  it('ignores the answer of a load that a newer load overtook', async () => {
    const fake = createFakeBridge();
    const state = new AppInfoState(fake.bridge);
    let answerFirst: (result: IpcResult<AppInfo>) => void = () => {};
    let calls = 0;
    fake.setHandler('app.info', () => {
      calls += 1;
      if (calls === 1) return new Promise((resolve) => (answerFirst = resolve));
      return ok({ ...APP_INFO_FIXTURE, version: 'second' });
    });
    const first = state.load();
    await state.load();
    answerFirst(fail('E_OFFLINE', 'stale'));
    await first;
    expect(state.status).toBe('ready');
    expect(state.error).toBeNull();
    expect(state.info?.version).toBe('second');
  });

  it('becomes an E_UNAVAILABLE error, not an exception, when there is no bridge', async () => {
    // The default source is getBridge, looked up lazily; nothing is injected or on window here.
    const state = new AppInfoState();
    expect(() => state.start()).not.toThrow();
    await state.load();
    expect(state.status).toBe('error');
    expect(state.error?.code).toBe('E_UNAVAILABLE');
  });

  it('follows app.online events after start()', async () => {
    const fake = createFakeBridge();
    const state = new AppInfoState(fake.bridge);
    state.start();
    await state.load();
    fake.emitOnline({ online: false, changedAt: 1_000 });
    expect(state.online).toBe(false);
    expect(state.connection).toBe('offline');
    expect(state.onlineChangedAt).toBe(1_000);
    expect(state.info?.online).toBe(false);
    fake.emitOnline({ online: true, changedAt: 2_000 });
    expect(state.connection).toBe('online');
  });

  it('an event before the info answer already makes the connection known', () => {
    const fake = createFakeBridge();
    const state = new AppInfoState(fake.bridge);
    state.start();
    fake.emitOnline({ online: false, changedAt: 5 });
    expect(state.connection).toBe('offline');
    expect(state.info).toBeNull();
  });

  it('subscribes once however often start() is called, and dispose() unsubscribes', () => {
    const fake = createFakeBridge();
    const state = new AppInfoState(fake.bridge);
    state.start();
    const stop = state.start();
    expect(fake.listenerCount()).toBe(1);
    stop();
    expect(fake.listenerCount()).toBe(0);
    state.dispose();
    fake.emitOnline({ online: false, changedAt: 1 });
    expect(state.connection).toBe('unknown');
  });
});
