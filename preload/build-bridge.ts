import {
  eventContract,
  eventMethodName,
  invokeContract,
  splitChannel,
  wireName,
  type EventChannel,
  type InvokeChannel,
  type TrackerBridge,
} from './contract.ts';

/** The two ipcRenderer calls the bridge needs, so it can be built over a fake in tests. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

const ipcFailure = {
  ok: false,
  error: { code: 'E_UNAVAILABLE', message: 'The app core did not answer' },
} as const;

/**
 * Builds `window.tracker` from the contract: one named method per invoke channel, one `onX` per event
 * channel. Listeners receive only the payload (never the IpcRendererEvent, whose `sender` would reach
 * ipcRenderer), and every subscription returns its own unsubscribe function.
 */
export function buildBridge(ipc: IpcRendererLike): TrackerBridge {
  const namespaces: Record<string, Record<string, unknown>> = {};
  const slot = (ns: string) => (namespaces[ns] ??= {});

  for (const channel of Object.keys(invokeContract) as InvokeChannel[]) {
    const [ns, method] = splitChannel(channel);
    const wire = wireName(channel);
    slot(ns)[method] = (request?: unknown) =>
      // Exactly one argument crosses: the request, or undefined for channels without one.
      ipc.invoke(wire, request).catch(() => ipcFailure);
  }

  for (const channel of Object.keys(eventContract) as EventChannel[]) {
    const [ns] = splitChannel(channel);
    const wire = wireName(channel);
    slot(ns)[eventMethodName(channel)] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      const forward = (_event: unknown, payload: unknown) => listener(payload);
      ipc.on(wire, forward);
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        ipc.removeListener(wire, forward);
      };
    };
  }

  for (const ns of Object.keys(namespaces)) Object.freeze(namespaces[ns]);
  return Object.freeze(namespaces) as unknown as TrackerBridge;
}
