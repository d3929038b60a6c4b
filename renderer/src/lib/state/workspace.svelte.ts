/**
 * Which Tracker the window works with (for now the demo workspace), loaded and changed through the
 * bridge and kept current by main's `workspace.changed` events.
 */
import type {
  IpcResult,
  TrackerBridge,
  Unsubscribe,
  WorkspaceState,
} from '../../../../preload/contract.ts';
import { getBridge, toIpcError, unwrap } from '../bridge.ts';
import type { BridgeSource } from './app-info.svelte.ts';

/** The workspace state as reactive fields; create one per window. */
export class WorkspaceStore {
  /** What main last reported; `none` until `load()` or an event says otherwise. */
  state: WorkspaceState = $state({ status: 'none' });
  /** True while a call this store made (`load`, `openDemo`, `close`) is in flight. */
  readonly busy: boolean = $derived.by(() => this.#inFlight > 0);

  #inFlight = $state(0);
  readonly #source: BridgeSource;
  #unsubscribe: Unsubscribe | null = null;

  /**
   * Uses `bridge`; by default the app's bridge, looked up lazily so a missing preload becomes an
   * error state instead of an exception.
   */
  constructor(bridge: BridgeSource = getBridge) {
    this.#source = bridge;
  }

  /** Fetches `workspace.state`; never throws, failures become an `error` state. */
  load(): Promise<void> {
    return this.#call((bridge) => bridge.workspace.state());
  }

  /**
   * Asks main to open the demo workspace; shows `opening` at once rather than waiting for main's
   * event. Never throws; failures become an `error` state.
   */
  openDemo(): Promise<void> {
    if (this.state.status === 'none' || this.state.status === 'error') {
      this.state = { status: 'opening', kind: 'demo' };
    }
    return this.#call((bridge) => bridge.workspace.openDemo());
  }

  /** Asks main to close the workspace; never throws, failures become an `error` state. */
  close(): Promise<void> {
    return this.#call((bridge) => bridge.workspace.close());
  }

  /**
   * Follows `workspace.changed` events until `dispose()`; calling it again keeps the one
   * subscription. Start before `load()` so no change between the snapshot and the subscription is
   * missed.
   */
  start(): Unsubscribe {
    if (!this.#unsubscribe) {
      try {
        this.#unsubscribe = this.#bridge().workspace.onChanged((state) => (this.state = state));
      } catch (error) {
        this.state = { status: 'error', error: toIpcError(error) };
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

  // Replies and events travel in order on one channel, so whichever arrives last is the newest
  // state: every answer simply replaces the state, with no sequence numbers needed.
  async #call(
    invoke: (bridge: TrackerBridge) => Promise<IpcResult<WorkspaceState>>,
  ): Promise<void> {
    this.#inFlight += 1;
    try {
      this.state = unwrap(await invoke(this.#bridge()));
    } catch (error) {
      this.state = { status: 'error', error: toIpcError(error) };
    } finally {
      this.#inFlight -= 1;
    }
  }

  #bridge(): TrackerBridge {
    return typeof this.#source === 'function' ? this.#source() : this.#source;
  }
}
