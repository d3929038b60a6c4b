import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../../preload/contract.ts';
import { SyncStore } from '../../../../../renderer/src/lib/state/sync.svelte.ts';
import { createFakeBridge, fail } from '../../../../fakes/bridge.ts';

const IDLE: SyncStatus = { state: 'idle', online: true, lastSuccessAt: 1_700_000_000_000 };

describe('SyncStore', () => {
  it('load() takes the status main reports', async () => {
    const fake = createFakeBridge({ sync: IDLE });
    const store = new SyncStore(fake.bridge);
    expect(store.status).toBeNull();
    const loading = store.load();
    expect(store.busy).toBe(true);
    await loading;
    expect(store.busy).toBe(false);
    expect(store.status).toEqual(IDLE);
    expect(store.canSync).toBe(true);
    expect(fake.calls('sync.status')).toEqual([undefined]);
  });

  it('follows sync.changed events after start() and stops after dispose()', () => {
    const fake = createFakeBridge({ sync: IDLE });
    const store = new SyncStore(fake.bridge);
    store.start();
    store.start();
    expect(fake.listenerCount('sync.changed')).toBe(1);
    const syncing: SyncStatus = {
      ...IDLE,
      state: 'syncing',
      progress: { scope: 'assigned', done: 1, total: 2 },
    };
    fake.emitSync(syncing);
    expect(store.status).toEqual(syncing);
    expect(store.canSync).toBe(false);
    store.dispose();
    store.dispose();
    expect(fake.listenerCount('sync.changed')).toBe(0);
    fake.emitSync(IDLE);
    expect(store.status).toEqual(syncing);
  });

  it('syncNow() calls sync.now and takes its answer', async () => {
    const fake = createFakeBridge({ sync: { ...IDLE, lastSuccessAt: null } });
    const store = new SyncStore(fake.bridge);
    await store.load();
    const release = fake.hold('sync.now');
    const syncing = store.syncNow();
    expect(store.canSync).toBe(false);
    release();
    await syncing;
    expect(fake.calls('sync.now')).toEqual([undefined]);
    expect(store.status?.state).toBe('idle');
    expect(store.status?.lastSuccessAt).toBeTypeOf('number');
    expect(store.canSync).toBe(true);
  });

  it('turns failures into an error status without throwing', async () => {
    const fake = createFakeBridge({
      sync: IDLE,
      handlers: { 'sync.now': () => fail('E_OFFLINE', 'no network') },
    });
    const store = new SyncStore(fake.bridge);
    await store.load();
    await store.syncNow();
    expect(store.status).toEqual({
      state: 'error',
      online: true,
      lastSuccessAt: IDLE.lastSuccessAt,
      error: { code: 'E_OFFLINE', message: 'no network' },
    });
  });

  it('cannot sync while signed out', async () => {
    const fake = createFakeBridge();
    const store = new SyncStore(fake.bridge);
    await store.load();
    expect(store.status?.state).toBe('signedOut');
    expect(store.canSync).toBe(false);
  });
});
