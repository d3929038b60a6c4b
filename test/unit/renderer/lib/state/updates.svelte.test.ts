import { describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../../../../preload/contract.ts';
import { UpdateStore } from '../../../../../renderer/src/lib/state/updates.svelte.ts';
import { createFakeBridge, fail, ok } from '../../../../fakes/bridge.ts';

const READY: UpdateStatus = { state: 'ready', currentVersion: '1.0.0', version: '1.1.0' };
const MANUAL: UpdateStatus = {
  state: 'manual',
  currentVersion: '1.0.0',
  version: '1.1.0',
  reason: 'package',
  releaseUrl: 'https://github.com/o/r/releases/tag/v1.1.0',
};

async function store(status: UpdateStatus) {
  const fake = createFakeBridge({ handlers: { 'update.status': () => ok(status) } });
  const updates = new UpdateStore(fake.bridge);
  updates.start();
  await updates.load();
  return { fake, updates };
}

describe('UpdateStore', () => {
  it('loads the status and follows update.changed', async () => {
    const { fake, updates } = await store({
      state: 'idle',
      currentVersion: '1.0.0',
      checkedAt: null,
    });
    expect(updates.offer).toBeNull();
    fake.emit('update.changed', READY);
    expect(updates.status).toEqual(READY);
    expect(updates.offer).toEqual({ kind: 'restart', version: '1.1.0' });
    updates.dispose();
    fake.emit('update.changed', MANUAL);
    expect(updates.status).toEqual(READY);
  });

  it('offers the release page of a version it cannot install itself', async () => {
    const { updates } = await store(MANUAL);
    expect(updates.offer).toEqual({
      kind: 'release',
      version: '1.1.0',
      reason: 'package',
      releaseUrl: 'https://github.com/o/r/releases/tag/v1.1.0',
    });
  });

  it('puts an offer off until a newer version comes', async () => {
    const { fake, updates } = await store(READY);
    updates.dismiss();
    expect(updates.offer).toBeNull();
    fake.emit('update.changed', { ...MANUAL, version: '1.2.0' });
    expect(updates.offer).toMatchObject({ kind: 'release', version: '1.2.0' });
  });

  it('still offers the restart after "Later" on a failed download of the same version', async () => {
    const { fake, updates } = await store({ ...MANUAL, reason: 'download-failed' });
    updates.dismiss();
    expect(updates.offer).toBeNull();
    fake.emit('update.changed', READY);
    expect(updates.offer).toEqual({ kind: 'restart', version: '1.1.0' });
  });

  it('forwards check, install and the release page to main', async () => {
    const { fake, updates } = await store(READY);
    fake.setHandler('update.check', () => ok({ state: 'checking', currentVersion: '1.0.0' }));
    fake.setHandler('update.install', () => ok({ restarting: true }));
    fake.setHandler('update.openReleasePage', () => ok({ opened: true }));
    await updates.install();
    await updates.openReleasePage();
    await updates.check();
    expect(updates.status).toEqual({ state: 'checking', currentVersion: '1.0.0' });
    expect(fake.calls('update.install')).toHaveLength(1);
    expect(fake.calls('update.openReleasePage')).toHaveLength(1);
    expect(updates.error).toBeNull();
  });

  it('keeps a failed action as a typed error and clears it on the next', async () => {
    const { fake, updates } = await store(READY);
    fake.setHandler('update.install', () =>
      fail('E_BAD_REQUEST', 'No update has been downloaded yet.'),
    );
    await updates.install();
    expect(updates.error).toEqual({
      code: 'E_BAD_REQUEST',
      message: 'No update has been downloaded yet.',
    });
    fake.setHandler('update.install', () => ok({ restarting: true }));
    await updates.install();
    expect(updates.error).toBeNull();
  });
});
