/**
 * The slice of Electron's IPC surface the router needs, so the router runs against `ipcMain` in the
 * app and against a WebSocket bridge (or a test fake) in plain Node.
 */

/** The parts of `WebFrameMain` the sender guard reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}

/** The parts of `IpcMainInvokeEvent` the router reads. */
export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: FrameLike | null;
}

/** The parts of `ipcMain` the router uses. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

/** Where main→renderer events go: every live window (or page) the app created. */
export interface RendererSink {
  /** Sends a wire-named event to every trusted renderer. */
  broadcast(channel: string, payload: unknown): void;
}

/** Decides whether a webContents id belongs to a window the app created. */
export interface SenderRegistry {
  isTrusted(webContentsId: number): boolean;
}
