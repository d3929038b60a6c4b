/**
 * What the shell knows about the running app and its network state, loaded through the bridge.
 */
import type {
  AppInfo,
  IpcError,
  OnlineState,
  TrackerBridge,
  Unsubscribe,
} from '../../../../preload/contract.ts';
import { getBridge, toIpcError, unwrap } from '../bridge.ts';

/** Where `load()` is: not started, in flight, done, or failed (see `error`). */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** What the status bar shows; `unknown` until main has told us either way. */
export type Connection = 'unknown' | 'online' | 'offline';

import type { BridgeSource } from '../bridge.ts';

export type { BridgeSource };

/** App info and online state as reactive fields; create one per window. */
export class AppInfoState {
  /** The last successful `app.info` answer. */
  info: AppInfo | null = $state(null);
  /** Progress of the latest `load()`. */
  status: LoadStatus = $state('idle');
  /** Why the latest `load()` failed, or `null`. */
  error: IpcError | null = $state(null);
  /** Whether main can reach the network; trust it only once `connection` is not `unknown`. */
  online: boolean = $state(true);
  /** Epoch milliseconds of the last online change main reported, or `null` before one. */
  onlineChangedAt: number | null = $state(null);

  #known = $state(false);
  /** `online` as a tri-state, so the UI does not claim "online" before main has said so. */
  readonly connection: Connection = $derived(
    this.#known ? (this.online ? 'online' : 'offline') : 'unknown',
  );

  readonly #source: BridgeSource;
  #unsubscribe: Unsubscribe | null = null;
  // Only the newest load may write, so a slow answer to an old retry cannot overwrite a newer one.
  #loadSeq = 0;

  /**
   * Uses `bridge`; by default the app's bridge, looked up lazily so a missing preload becomes an
   * error state with a retry button instead of a blank window.
   */
  constructor(bridge: BridgeSource = getBridge) {
    this.#source = bridge;
  }

  /** Fetches `app.info`; never throws, failures land in `status` and `error`. */
  async load(): Promise<void> {
    const seq = ++this.#loadSeq;
    this.status = 'loading';
    this.error = null;
    try {
      const info = unwrap(await this.#bridge().app.info());
      if (seq !== this.#loadSeq) return;
      this.info = info;
      // Replies and events travel in order on one channel, so whichever arrives last is newest.
      this.#setOnline(info.online);
      this.status = 'ready';
    } catch (error) {
      if (seq !== this.#loadSeq) return;
      this.error = toIpcError(error);
      this.status = 'error';
    }
  }

  /**
   * Follows `app.online` events until `dispose()`; calling it again keeps the one subscription.
   * Start before `load()` so no change between the snapshot and the subscription is missed.
   */
  start(): Unsubscribe {
    if (!this.#unsubscribe) {
      try {
        this.#unsubscribe = this.#bridge().app.onOnline((state) => this.#onOnline(state));
      } catch (error) {
        this.error = toIpcError(error);
        this.status = 'error';
      }
    }
    return () => this.dispose();
  }

  /** Stops following events; harmless to call twice or before `start()`. */
  dispose(): void {
    const unsubscribe = this.#unsubscribe;
    this.#unsubscribe = null;
    unsubscribe?.();
  }

  #bridge(): TrackerBridge {
    return typeof this.#source === 'function' ? this.#source() : this.#source;
  }

  #onOnline(state: OnlineState): void {
    this.#setOnline(state.online);
    this.onlineChangedAt = state.changedAt;
    if (this.info) this.info = { ...this.info, online: state.online };
  }

  #setOnline(online: boolean): void {
    this.online = online;
    this.#known = true;
  }
}
