/**
 * The scheduler driving the real engine against the emulator, wired as the app does: status with
 * progress while the first sync runs, offline after a network failure, back to idle after
 * "sync now", and stop aborting a run in flight.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_FAULTS } from '../../../../main/emulator/http/faults.ts';
import { createSyncEngine } from '../../../../main/sync/engine.ts';
import { MemorySyncStore } from '../../../../main/sync/memory-store.ts';
import { createSyncScheduler } from '../../../../main/sync/scheduler.ts';
import type { SyncStatus } from '../../../../preload/contract.ts';
import {
  connect,
  entries,
  expected,
  FakeClock,
  held,
  quietLog,
  startWorld,
  type World,
} from './helpers.ts';

let world: World;

beforeAll(async () => {
  world = await startWorld({ issues: 500, seed: 2 });
});

afterAll(async () => {
  await world.emulator.close();
});

function wire() {
  const store = new MemorySyncStore();
  const engine = createSyncEngine({
    api: connect(world.emulator).client,
    store,
    config: { scopes: ['assigned', 'followed'], pageSize: 20 },
    log: quietLog(),
    now: () => world.clock.now,
  });
  const clock = new FakeClock();
  const statuses: SyncStatus[] = [];
  const scheduler = createSyncScheduler({
    clock,
    random: () => 0,
    onStatus: (s) => statuses.push(s),
    intervalMs: () => engine.config().intervalMs,
    lastSuccessAt: store.getSyncMeta().lastSuccessAt ?? null,
    run: ({ signal, progress }) => engine.run({ signal, onProgress: progress }),
  });
  return { store, clock, statuses, scheduler };
}

describe('scheduler + engine', () => {
  it('syncs with progress, goes offline on network failure, recovers on sync now', async () => {
    const { store, clock, statuses, scheduler } = wire();
    scheduler.start();
    await scheduler.whenIdle();
    expect(scheduler.status()).toEqual({
      state: 'idle',
      online: true,
      lastSuccessAt: clock.now(),
    });
    expect(entries(held(store))).toEqual(
      entries(expected(world.emulator, ['assigned', 'followed'])),
    );
    const syncing = statuses.filter((s) => s.state === 'syncing' && s.progress);
    expect(syncing.map((s) => s.progress!.scope)).toContain('assigned');
    expect(syncing.map((s) => s.progress!.scope)).toContain('followed');

    world.emulator.faults.config = { ...NO_FAULTS, reset: 1 };
    await clock.advance(60_000);
    await scheduler.whenIdle();
    expect(scheduler.status()).toMatchObject({ state: 'offline', online: false });
    expect(scheduler.status().error?.code).toBe('E_OFFLINE');

    world.emulator.faults.config = NO_FAULTS;
    expect(scheduler.syncNow().state).toBe('syncing');
    await scheduler.whenIdle();
    expect(scheduler.status()).toMatchObject({ state: 'idle', online: true });
    await scheduler.stop();
  });

  it('stop aborts a run in flight without reporting an error', async () => {
    const { scheduler, store, statuses } = wire();
    scheduler.start();
    while (!statuses.some((s) => s.progress)) await new Promise((r) => setImmediate(r));
    await scheduler.stop();
    expect(store.getWatermark('assigned')?.complete).toBe(false);
    expect(scheduler.status().state).toBe('paused');
    expect(scheduler.status().error).toBeUndefined();
    expect(store.getSyncMeta().lastSuccessAt).toBeUndefined();
  });
});
