import { describe, expect, it, vi } from 'vitest';
import { buildBridge, type IpcRendererLike } from '../../../preload/build-bridge.ts';
import { actualBridgeShape, expectedBridgeShape } from '../../fakes/contract-shape.ts';

type Listener = (event: unknown, payload: unknown) => void;

function fakeIpc() {
  const listeners = new Map<string, Set<Listener>>();
  const ipc = {
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({
      ok: true,
      data: { channel, args },
    })),
    on: vi.fn((channel: string, listener: Listener) => {
      (listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel))?.add(listener);
    }),
    removeListener: vi.fn((channel: string, listener: Listener) => {
      listeners.get(channel)?.delete(listener);
    }),
  } satisfies IpcRendererLike;
  const emit = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? [])
      listener({ sender: 'ipcRenderer!' }, payload);
  };
  return { ipc, emit, listeners };
}

describe('buildBridge', () => {
  it('exposes one method per invoke channel and one onX per event, nothing else', () => {
    const bridge = buildBridge(fakeIpc().ipc) as unknown as Record<string, Record<string, unknown>>;
    expect(actualBridgeShape(bridge)).toEqual(expectedBridgeShape());
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.isFrozen(bridge.app)).toBe(true);
    expect('invoke' in bridge).toBe(false);
  });

  it('maps a method to its prefixed channel with exactly one argument', async () => {
    const { ipc } = fakeIpc();
    const bridge = buildBridge(ipc);
    await bridge.app.info();
    expect(ipc.invoke).toHaveBeenCalledWith('tracker:app.info', undefined);
    expect(ipc.invoke.mock.calls[0]).toHaveLength(2);
  });

  it('turns a rejected invoke (no handler, crashed main) into E_UNAVAILABLE', async () => {
    const { ipc } = fakeIpc();
    ipc.invoke.mockRejectedValueOnce(new Error("No handler registered for 'tracker:app.info'"));
    await expect(buildBridge(ipc).app.info()).resolves.toMatchObject({
      ok: false,
      error: { code: 'E_UNAVAILABLE' },
    });
  });

  it('passes listeners only the payload and unsubscribes exactly its own listener', () => {
    const { ipc, emit, listeners } = fakeIpc();
    const bridge = buildBridge(ipc);
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = bridge.app.onOnline(first);
    bridge.app.onOnline(second);
    emit('tracker:app.online', { online: false, changedAt: 1 });
    expect(first).toHaveBeenCalledWith({ online: false, changedAt: 1 });
    expect(first.mock.calls[0]).toHaveLength(1);
    stopFirst();
    stopFirst();
    emit('tracker:app.online', { online: true, changedAt: 2 });
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(2);
    expect(listeners.get('tracker:app.online')?.size).toBe(1);
    expect(ipc.removeListener).toHaveBeenCalledTimes(1);
  });

  it('refuses a non-function listener', () => {
    const bridge = buildBridge(fakeIpc().ipc);
    expect(() => bridge.app.onOnline('nope' as unknown as () => void)).toThrow(TypeError);
  });
});
