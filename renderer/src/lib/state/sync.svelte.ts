/**
 * The sync status the status bar shows, loaded through the bridge, kept current by main's
 * `sync.changed` events, with a "sync now" request.
 */
import type {
  IpcResult,
  SyncStatus,
  TrackerBridge,
  Unsubscribe,
} from '../../../../preload/contract.ts';
import { getBridge, toIpcError, unwrap } from '../bridge.ts';
import type { BridgeSource } from './app-info.svelte.ts';

/** The sync status as reactive fields; create one per window. */
export class SyncStore {
  /** What main last reported; null until `load()` or an event says otherwise. */
  status: SyncStatus | null = $state(null);
  /** True while a call this store made (`load`, `syncNow`) is in flight. */
  readonly busy: boolean = $derived.by(() => this.#inFlight > 0);
  /** Whether a "sync now" request makes sense: signed in and not already syncing. */
  readonly canSync: boolean = $derived.by(
    () =>
      this.status !== null &&
      this.status.state !== 'signedOut' &&
      this.status.state !== 'syncing' &&
      this.#syncing === 0,
  );

  #inFlight = $state(0);
  #syncing = $state(0);
  readonly #source: BridgeSource;
  #unsubscribe: Unsubscribe | null = null;

  /**
   * Uses `bridge`; by default the app's bridge, looked up lazily so a missing preload becomes an
   * error state instead of an exception.
   */
  constructor(bridge: BridgeSource = getBridge) {
    this.#source = bridge;
  }

  /** Fetches `sync.status`; never throws, failures become an `error` state. */
  load(): Promise<void> {
    return this.#call((bridge) => bridge.sync.status());
  }

  /** Asks main to sync now; never throws, failures become an `error` state. */
  async syncNow(): Promise<void> {
    this.#syncing += 1;
    try {
      await this.#call((bridge) => bridge.sync.now());
    } finally {
      this.#syncing -= 1;
    }
  }

  /**
   * Follows `sync.changed` events until `dispose()`; calling it again keeps the one subscription.
   * Start before `load()` so no change between the snapshot and the subscription is missed.
   */
  start(): Unsubscribe {
    if (!this.#unsubscribe) {
      try {
        this.#unsubscribe = this.#bridge().sync.onChanged((status) => (this.status = status));
      } catch (error) {
        this.#fail(error);
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

  // Replies and events travel in order on one channel, so the last to arrive is the newest.
  async #call(invoke: (bridge: TrackerBridge) => Promise<IpcResult<SyncStatus>>): Promise<void> {
    this.#inFlight += 1;
    try {
      this.status = unwrap(await invoke(this.#bridge()));
    } catch (error) {
      this.#fail(error);
    } finally {
      this.#inFlight -= 1;
    }
  }

  // A failed call keeps what is known about the connection and the last success.
  #fail(error: unknown): void {
    this.status = {
      state: 'error',
      online: this.status?.online ?? true,
      lastSuccessAt: this.status?.lastSuccessAt ?? null,
      error: toIpcError(error),
    };
  }

  #bridge(): TrackerBridge {
    return typeof this.#source === 'function' ? this.#source() : this.#source;
  }
}
