/**
 * Stands in for the 'electron' module when preload/index.ts is bundled for a browser tab: the
 * contextBridge defines a frozen global, and ipcRenderer talks to the Node host over a WebSocket
 * authenticated by the session secret from the page URL.
 */
import type { ShimMessage } from './ws-ipc.ts';

type RendererListener = (event: unknown, payload: unknown) => void;

const listeners = new Map<string, Set<RendererListener>>();
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let socket: WebSocket | null = null;
let opened: Promise<WebSocket> | null = null;
let nextId = 1;

function bridgeUrl(): string {
  const session = new URLSearchParams(location.search).get('session') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/__bridge?session=${encodeURIComponent(session)}`;
}

function connect(): Promise<WebSocket> {
  if (opened) return opened;
  opened = new Promise((resolve, reject) => {
    const ws = new WebSocket(bridgeUrl());
    ws.addEventListener('open', () => {
      socket = ws;
      resolve(ws);
    });
    ws.addEventListener('message', (message) => receive(String(message.data)));
    ws.addEventListener('close', () => {
      socket = null;
      opened = null;
      for (const call of pending.values()) call.reject(new Error('bridge closed'));
      pending.clear();
      reject(new Error('bridge closed'));
      // Keep event subscriptions alive across host restarts.
      if (listeners.size > 0) setTimeout(() => void connect().catch(() => undefined), 1000);
    });
  });
  return opened;
}

function receive(text: string): void {
  let message: ShimMessage;
  try {
    message = JSON.parse(text) as ShimMessage;
  } catch {
    return;
  }
  if (message.t === 'result') {
    pending.get(message.id)?.resolve(message.result);
    pending.delete(message.id);
  } else if (message.t === 'event') {
    for (const listener of listeners.get(message.channel) ?? []) listener({}, message.payload);
  }
}

/** The subset of ipcRenderer that preload/build-bridge.ts uses. */
export const ipcRenderer = {
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const ws = socket ?? (await connect());
    const id = nextId++;
    // JSON has no undefined (it would arrive as null); Electron's structured clone keeps it, so
    // trailing undefined arguments are dropped to mean the same thing.
    while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ t: 'invoke', id, channel, args } satisfies ShimMessage));
    });
  },
  on(channel: string, listener: RendererListener): void {
    let set = listeners.get(channel);
    if (!set) listeners.set(channel, (set = new Set()));
    set.add(listener);
    void connect().catch(() => undefined);
  },
  removeListener(channel: string, listener: RendererListener): void {
    listeners.get(channel)?.delete(listener);
  },
};

/** Mirrors contextBridge.exposeInMainWorld: a read-only, non-configurable global. */
export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    Object.defineProperty(window, key, {
      value: api,
      writable: false,
      configurable: false,
      enumerable: true,
    });
  },
};
