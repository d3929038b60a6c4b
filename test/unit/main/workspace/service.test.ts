import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventChannel, EventPayload, WorkspaceState } from '../../../../preload/contract.ts';
import { NetworkError, type TrackerClient } from '../../../../main/api/index.ts';
import type { EventEmitter } from '../../../../main/ipc/events.ts';
import { openDemoWorkspace, type DemoOptions } from '../../../../main/workspace/demo.ts';
import {
  ASSIGNED_OPEN_QUERY,
  createWorkspaceService,
  type WorkspaceService,
} from '../../../../main/workspace/service.ts';
import { createRecordingLogger } from '../../../fakes/logger.ts';

let service: WorkspaceService | null = null;
afterEach(async () => {
  await service?.dispose();
  service = null;
});

function setup(open?: (options: DemoOptions) => ReturnType<typeof openDemoWorkspace>) {
  const emitted: WorkspaceState[] = [];
  const events: EventEmitter = {
    emit<E extends EventChannel>(channel: E, payload: EventPayload<E>) {
      if (channel === 'workspace.changed') emitted.push(payload as WorkspaceState);
    },
  };
  const opened = vi.fn((options: DemoOptions) =>
    (open ?? ((o: DemoOptions) => openDemoWorkspace({ ...o, issues: 300, activity: 0 })))(options),
  );
  service = createWorkspaceService({
    events,
    log: createRecordingLogger(),
    demo: { fetch: globalThis.fetch, language: () => 'en' },
    open: opened,
  });
  return { service, emitted, opened };
}

describe('workspace service', () => {
  it('opens the demo workspace through the real client and reports the signed-in user and counts', async () => {
    const { service, emitted } = setup();
    expect(service.state()).toEqual({ status: 'none' });
    const state = await service.openDemo();
    expect(state).toMatchObject({
      status: 'ready',
      kind: 'demo',
      user: { login: 'alex.smirnov' },
      org: { kind: '360' },
    });
    if (state.status !== 'ready') throw new Error('not ready');
    const client = service.client();
    expect(client).not.toBeNull();
    expect(state.counts.total).toBe(300);
    expect(state.counts.assignedOpen).toBe(
      await client?.issues.count({ query: ASSIGNED_OPEN_QUERY }),
    );
    expect(emitted.map((s) => s.status)).toEqual(['opening', 'ready']);
  });

  it('shares one emulator between concurrent opens and closes it again', async () => {
    const { service, opened, emitted } = setup();
    const [a, b] = await Promise.all([service.openDemo(), service.openDemo()]);
    expect(a).toBe(b);
    expect(opened).toHaveBeenCalledTimes(1);
    await expect(service.openDemo()).resolves.toBe(a);
    await expect(service.close()).resolves.toEqual({ status: 'none' });
    expect(service.client()).toBeNull();
    expect(emitted.at(-1)).toEqual({ status: 'none' });
  });

  it('turns a failure into an error state with a contract code, and can retry', async () => {
    let fail = true;
    const { service } = setup(async (options) => {
      if (fail) throw new NetworkError({ method: 'GET', path: '/v3/myself' });
      return openDemoWorkspace({ ...options, issues: 50, activity: 0 });
    });
    const failed = await service.openDemo();
    expect(failed.status).toBe('error');
    if (failed.status === 'error') expect(failed.error.code).toBe('E_OFFLINE');
    fail = false;
    await expect(service.openDemo()).resolves.toMatchObject({ status: 'ready' });
  });
});

describe('workspace service with a signed-in organization', () => {
  it('does not let an opening that a sign-out overtook land', async () => {
    const { service, emitted } = setup();
    let release: (n: number) => void = () => undefined;
    const slowCount = new Promise<number>((resolve) => (release = resolve));
    const client = { issues: { count: () => slowCount } } as unknown as TrackerClient;
    const opening = service.openTracker(
      client,
      { login: 'u', display: 'U' },
      { id: '1', kind: '360' },
    );
    expect(service.client()).toBe(client);
    await expect(service.closeTracker()).resolves.toEqual({ status: 'none' });
    release(3);
    await opening;
    expect(service.state()).toEqual({ status: 'none' });
    expect(service.client()).toBeNull();
    expect(emitted.map((s) => s.status)).not.toContain('ready');
    expect(emitted.at(-1)).toEqual({ status: 'none' });
  });

  it('leaves the demo alone when a signed-out session closes its organization', async () => {
    const { service } = setup();
    await service.openDemo();
    await expect(service.closeTracker()).resolves.toMatchObject({ status: 'ready', kind: 'demo' });
  });
});
