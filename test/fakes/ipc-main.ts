import type { FrameLike, InvokeEventLike, IpcMainLike } from '../../main/ipc/types.ts';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

/** An in-memory ipcMain: records handlers and lets tests invoke them with forged senders. */
export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();

  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`duplicate handler for ${channel}`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Invokes like ipcRenderer.invoke would, rejecting as Electron does for unknown channels. */
  invoke(event: InvokeEventLike, channel: string, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (!listener) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return listener(event, ...args);
  }
}

/** A top frame showing `url`. */
export function topFrame(url: string): FrameLike {
  return { url, parent: null };
}

/** An invoke event from webContents `id` whose sender frame is `frame`. */
export function eventFrom(id: number, frame: FrameLike | null): InvokeEventLike {
  return { sender: { id }, senderFrame: frame };
}
