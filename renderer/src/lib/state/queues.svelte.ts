/** The queues the cache knows, for pinning in the settings; loaded once through the bridge. */
import type { InvokeResponse, IpcError } from '../../../../preload/contract.ts';
import { getBridge, resolveBridge, toIpcError, unwrap, type BridgeSource } from '../bridge.ts';

/** A queue the user can pin. */
export type QueueInfo = InvokeResponse<'queues.list'>[number];

/** The known queues as reactive fields. */
export class QueueCatalog {
  /** The queues main answered, sorted by key; empty until loaded. */
  queues: QueueInfo[] = $state([]);
  /** Where loading is. */
  status: 'idle' | 'loading' | 'ready' | 'error' = $state('idle');
  /** Why loading failed, or null. */
  error: IpcError | null = $state(null);

  readonly #source: BridgeSource;

  /** Uses `bridge`; by default the app's bridge, looked up lazily. */
  constructor(bridge: BridgeSource = getBridge) {
    this.#source = bridge;
  }

  /** Fetches the queues; never throws. */
  async load(): Promise<void> {
    this.status = 'loading';
    try {
      const queues = unwrap(await resolveBridge(this.#source).queues.list());
      this.queues = queues.toSorted((a, b) => a.key.localeCompare(b.key));
      this.error = null;
      this.status = 'ready';
    } catch (error) {
      this.error = toIpcError(error);
      this.status = 'error';
    }
  }
}
