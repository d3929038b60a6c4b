/**
 * The set of webContents that belong to windows the app itself created. IPC from any other
 * webContents (a devtools page, a webContents a compromised renderer managed to spawn) is refused,
 * and events go only to the windows listed here.
 */
import type { RendererSink, SenderRegistry } from '../ipc/types.ts';

/** The parts of a webContents the registry uses (Electron's WebContents satisfies it). */
export interface RegisteredContents {
  readonly id: number;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
  once(event: 'destroyed', listener: () => void): unknown;
}

/** Tracks our windows' webContents; it is both the router's sender registry and the event sink. */
export interface WindowRegistry extends SenderRegistry, RendererSink {
  /** Trusts `contents` until it emits 'destroyed'. */
  add(contents: RegisteredContents): void;
  /** Number of live registered webContents (diagnostics and tests). */
  size(): number;
}

/** Creates an empty registry. */
export function createWindowRegistry(options: { onSendError?: (error: unknown) => void } = {}) {
  const live = new Map<number, RegisteredContents>();

  const registry: WindowRegistry = {
    add(contents) {
      if (contents.isDestroyed()) return;
      live.set(contents.id, contents);
      contents.once('destroyed', () => {
        // Ids are never reused within a run, but only drop the entry this listener was added for.
        if (live.get(contents.id) === contents) live.delete(contents.id);
      });
    },
    isTrusted(webContentsId) {
      const contents = live.get(webContentsId);
      return contents !== undefined && !contents.isDestroyed();
    },
    broadcast(channel, payload) {
      for (const contents of live.values()) {
        if (contents.isDestroyed()) continue;
        try {
          contents.send(channel, payload);
        } catch (error) {
          // A window closing mid-send must not stop delivery to the others.
          options.onSendError?.(error);
        }
      }
    },
    size() {
      return live.size;
    },
  };
  return registry;
}
