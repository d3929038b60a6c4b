import { describe, expect, it } from 'vitest';
import type { IpcResult, WorkspaceState } from '../../../../../preload/contract.ts';
import { WorkspaceStore } from '../../../../../renderer/src/lib/state/workspace.svelte.ts';
import { createFakeBridge, fail, ok, WORKSPACE_READY_FIXTURE } from '../../../../fakes/bridge.ts';

const TRACKER_READY: WorkspaceState = {
  status: 'ready',
  kind: 'tracker',
  user: { login: 'maria', display: 'Мария Иванова' },
  org: { id: 'bpf3crc', kind: 'cloud' },
  counts: { assignedOpen: 1, total: 21 },
};

describe('WorkspaceStore', () => {
  it('starts in none and not busy, without calling the bridge', () => {
    const fake = createFakeBridge();
    const store = new WorkspaceStore(fake.bridge);
    expect(store.state).toEqual({ status: 'none' });
    expect(store.busy).toBe(false);
    expect(fake.calls('workspace.state')).toHaveLength(0);
  });

  it('load() takes the state main reports', async () => {
    const fake = createFakeBridge({ workspace: TRACKER_READY });
    const store = new WorkspaceStore(fake.bridge);
    const loading = store.load();
    expect(store.busy).toBe(true);
    await loading;
    expect(store.busy).toBe(false);
    expect(store.state).toEqual(TRACKER_READY);
    expect(fake.calls('workspace.state')).toEqual([undefined]);
  });

  it('openDemo() shows opening at once, then the ready state main answers', async () => {
    const fake = createFakeBridge();
    const store = new WorkspaceStore(fake.bridge);
    const release = fake.hold('workspace.openDemo');
    const opening = store.openDemo();
    expect(store.state).toEqual({ status: 'opening', kind: 'demo' });
    expect(store.busy).toBe(true);
    release();
    await opening;
    expect(store.state).toEqual(WORKSPACE_READY_FIXTURE);
    expect(store.busy).toBe(false);
    expect(fake.calls('workspace.openDemo')).toEqual([undefined]);
  });

  it('openDemo() on a ready workspace does not flash opening', async () => {
    const fake = createFakeBridge({ workspace: WORKSPACE_READY_FIXTURE });
    const store = new WorkspaceStore(fake.bridge);
    await store.load();
    const release = fake.hold('workspace.openDemo');
    const opening = store.openDemo();
    expect(store.state.status).toBe('ready');
    release();
    await opening;
    expect(store.state).toEqual(WORKSPACE_READY_FIXTURE);
  });

  it('close() goes back to none', async () => {
    const fake = createFakeBridge({ workspace: WORKSPACE_READY_FIXTURE });
    const store = new WorkspaceStore(fake.bridge);
    await store.load();
    await store.close();
    expect(store.state).toEqual({ status: 'none' });
    expect(fake.calls('workspace.close')).toHaveLength(1);
  });

  it('a failed openDemo() becomes an error state without throwing, and a retry recovers', async () => {
    const fake = createFakeBridge({
      handlers: { 'workspace.openDemo': () => fail('E_INTERNAL', 'emulator did not start') },
    });
    const store = new WorkspaceStore(fake.bridge);
    await expect(store.openDemo()).resolves.toBeUndefined();
    expect(store.state).toEqual({
      status: 'error',
      error: { code: 'E_INTERNAL', message: 'emulator did not start' },
    });
    expect(store.busy).toBe(false);

    fake.setHandler('workspace.openDemo', () => ok(WORKSPACE_READY_FIXTURE));
    await store.openDemo();
    expect(store.state).toEqual(WORKSPACE_READY_FIXTURE);
  });

  it('failures of load() and close() become error states too', async () => {
    const fake = createFakeBridge({
      handlers: {
        'workspace.state': () => fail('E_UNAVAILABLE', 'core down'),
        'workspace.close': () => fail('E_INTERNAL', 'stuck'),
      },
    });
    const store = new WorkspaceStore(fake.bridge);
    await store.load();
    expect(store.state).toEqual({
      status: 'error',
      error: { code: 'E_UNAVAILABLE', message: 'core down' },
    });
    await store.close();
    expect(store.state).toEqual({
      status: 'error',
      error: { code: 'E_INTERNAL', message: 'stuck' },
    });
  });

  it('a call that never gets an answer becomes the error the bridge reports', async () => {
    const fake = createFakeBridge({
      handlers: {
        'workspace.state': (): Promise<IpcResult<WorkspaceState>> =>
          Promise.reject(new Error('socket closed')),
      },
    });
    const store = new WorkspaceStore(fake.bridge);
    await store.load();
    expect(store.state.status === 'error' && store.state.error.code).toBe('E_UNAVAILABLE');
  });

  it('an unexpected exception becomes E_INTERNAL rather than escaping', async () => {
    const store = new WorkspaceStore(() => {
      throw new Error('bridge exploded');
    });
    await store.close();
    expect(store.state).toEqual({
      status: 'error',
      error: { code: 'E_INTERNAL', message: 'bridge exploded' },
    });
  });

  it('becomes an E_UNAVAILABLE error, not an exception, when there is no bridge', async () => {
    const store = new WorkspaceStore();
    expect(() => store.start()).not.toThrow();
    expect(store.state.status).toBe('error');
    await store.openDemo();
    expect(store.state.status === 'error' && store.state.error.code).toBe('E_UNAVAILABLE');
    expect(store.busy).toBe(false);
  });

  it('follows workspace.changed events after start()', () => {
    const fake = createFakeBridge();
    const store = new WorkspaceStore(fake.bridge);
    store.start();
    fake.emit('workspace.changed', { status: 'opening', kind: 'demo' });
    expect(store.state).toEqual({ status: 'opening', kind: 'demo' });
    fake.emit('workspace.changed', TRACKER_READY);
    expect(store.state).toEqual(TRACKER_READY);
    fake.emit('workspace.changed', { status: 'none' });
    expect(store.state).toEqual({ status: 'none' });
  });

  it('sees the opening event main sends while openDemo() is in flight', async () => {
    const fake = createFakeBridge();
    const store = new WorkspaceStore(fake.bridge);
    store.start();
    const seen: string[] = [];
    const stop = fake.bridge.workspace.onChanged((state) => seen.push(state.status));
    await store.openDemo();
    stop();
    expect(seen).toEqual(['opening', 'ready']);
    expect(store.state).toEqual(WORKSPACE_READY_FIXTURE);
  });

  it('start() twice keeps one subscription; dispose() releases it and stops updates', () => {
    const fake = createFakeBridge();
    const store = new WorkspaceStore(fake.bridge);
    store.start();
    const stop = store.start();
    expect(fake.listenerCount('workspace.changed')).toBe(1);
    stop();
    expect(fake.listenerCount('workspace.changed')).toBe(0);
    store.dispose();
    fake.emit('workspace.changed', TRACKER_READY);
    expect(store.state).toEqual({ status: 'none' });
  });

  it('looks the bridge up lazily through a source function', async () => {
    const fake = createFakeBridge({ workspace: TRACKER_READY });
    let lookups = 0;
    const store = new WorkspaceStore(() => {
      lookups += 1;
      return fake.bridge;
    });
    expect(lookups).toBe(0);
    await store.load();
    expect(lookups).toBe(1);
    expect(store.state).toEqual(TRACKER_READY);
  });
});
