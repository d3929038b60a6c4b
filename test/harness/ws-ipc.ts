import type { WebSocket } from 'ws';
import type {
  InvokeEventLike,
  IpcMainLike,
  RendererSink,
  SenderRegistry,
} from '../../main/ipc/types.ts';

/** Wire messages between the web preload shim and the Node host. */
export type ShimMessage =
  | { t: 'invoke'; id: number; channel: string; args: unknown[] }
  | { t: 'result'; id: number; result: unknown }
  | { t: 'event'; channel: string; payload: unknown };

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

interface Connection {
  readonly socket: WebSocket;
  readonly frameUrl: string;
}

const MAX_ARGS = 8;

/**
 * The Node host's stand-in for ipcMain and the window registry: each WebSocket is one "webContents"
 * whose top frame shows the page origin the browser reported, so the real router and sender guard
 * run unchanged.
 */
export class WsIpcMain implements IpcMainLike, SenderRegistry, RendererSink {
  private readonly handlers = new Map<string, Listener>();
  private readonly connections = new Map<number, Connection>();
  private nextId = 1;

  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel))
      throw new Error(`a handler for ${channel} is already registered`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  isTrusted(webContentsId: number): boolean {
    return this.connections.has(webContentsId);
  }

  broadcast(channel: string, payload: unknown): void {
    const message = JSON.stringify({ t: 'event', channel, payload } satisfies ShimMessage);
    for (const { socket } of this.connections.values()) {
      if (socket.readyState === socket.OPEN) socket.send(message);
    }
  }

  /** Number of connected pages. */
  get size(): number {
    return this.connections.size;
  }

  /** Adopts an accepted socket; `origin` is the page origin from the upgrade request. */
  attach(socket: WebSocket, origin: string): void {
    const id = this.nextId++;
    this.connections.set(id, { socket, frameUrl: `${origin}/` });
    socket.on('close', () => this.connections.delete(id));
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      void this.receive(id, String(data));
    });
  }

  /** Calls a handler as if `webContentsId` had invoked it; used by tests to forge senders. */
  async invokeAs(event: InvokeEventLike, channel: string, args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (!listener) {
      return { ok: false, error: { code: 'E_UNKNOWN_CHANNEL', message: 'Unknown channel' } };
    }
    return listener(event, ...args);
  }

  private async receive(id: number, text: string): Promise<void> {
    const connection = this.connections.get(id);
    if (!connection) return;
    let message: Partial<Extract<ShimMessage, { t: 'invoke' }>>;
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (message.t !== 'invoke' || typeof message.id !== 'number') return;
    const args = Array.isArray(message.args) ? message.args.slice(0, MAX_ARGS + 1) : [];
    const event: InvokeEventLike = {
      sender: { id },
      senderFrame: { url: connection.frameUrl, parent: null },
    };
    const result =
      typeof message.channel === 'string'
        ? await this.invokeAs(event, message.channel, args.length > MAX_ARGS ? [] : args)
        : { ok: false, error: { code: 'E_BAD_REQUEST', message: 'Missing channel' } };
    if (connection.socket.readyState === connection.socket.OPEN) {
      connection.socket.send(JSON.stringify({ t: 'result', id: message.id, result }));
    }
  }
}
