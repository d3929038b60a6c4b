/**
 * What the sidebar shows beside its entries: the inbox's unread count (kept current by
 * `inbox.changed`), how many cached issues each view holds (fetched lazily with a one-row
 * `issues.list`, refreshed when a sync finishes), and the queues the user can pin.
 */
import type { IpcError, Unsubscribe } from '../../../../preload/contract.ts';
import { getBridge, resolveBridge, toIpcError, unwrap, type BridgeSource } from '../bridge.ts';
import type { IssueScope } from '../list/views.ts';

/** A queue that can be pinned. */
export interface QueueChoice {
  readonly key: string;
  readonly name: string;
}

/** The sidebar's counts and queue choices as reactive fields. */
export class SidebarState {
  /** Unread inbox entries; null until known. */
  unread: number | null = $state(null);
  /** Cached issues per scope, filled lazily. */
  counts: Readonly<Record<string, number>> = $state.raw({});
  /** Queues known to the cache; null until asked for. */
  queues: readonly QueueChoice[] | null = $state.raw(null);
  /** Why the queues could not be listed. */
  queuesError: IpcError | null = $state(null);

  readonly #source: BridgeSource;
  #subscriptions: Unsubscribe[] = [];
  #scopes: readonly IssueScope[] = [];
  #lastSync: string | null = null;

  constructor(bridge: BridgeSource = getBridge) {
    this.#source = bridge;
  }

  /** Loads the unread count and follows inbox and sync changes until {@link dispose}. */
  start(): void {
    try {
      const bridge = resolveBridge(this.#source);
      this.#subscriptions.push(
        bridge.inbox.onChanged(({ unread }) => {
          this.unread = unread;
        }),
        bridge.sync.onChanged((status) => {
          const previous = this.#lastSync;
          this.#lastSync = status.state;
          if (previous === 'syncing' && status.state === 'idle') void this.loadCounts(this.#scopes);
        }),
      );
      void bridge.inbox.list().then((result) => {
        if (result.ok) this.unread = result.data.unread;
      });
    } catch {
      // Without a bridge the sidebar still navigates; it only lacks the numbers.
    }
  }

  /** Stops following changes. */
  dispose(): void {
    for (const unsubscribe of this.#subscriptions) unsubscribe();
    this.#subscriptions = [];
  }

  /** Fetches the totals of `scopes` (one row each); failures just leave a count out. */
  async loadCounts(scopes: readonly IssueScope[]): Promise<void> {
    this.#scopes = scopes;
    let bridge;
    try {
      bridge = resolveBridge(this.#source);
    } catch {
      return;
    }
    const answers = await Promise.all(
      scopes.map(async (scope) => {
        const result = await bridge.issues.list({ scope, offset: 0, limit: 1 });
        return [scope, result.ok ? result.data.total : undefined] as const;
      }),
    );
    const counts: Record<string, number> = { ...this.counts };
    for (const [scope, total] of answers) if (total !== undefined) counts[scope] = total;
    this.counts = counts;
  }

  /** Lists the queues for the pin picker; never throws. */
  async loadQueues(): Promise<void> {
    try {
      this.queues = unwrap(await resolveBridge(this.#source).queues.list());
      this.queuesError = null;
    } catch (error) {
      this.queuesError = toIpcError(error);
    }
  }
}
