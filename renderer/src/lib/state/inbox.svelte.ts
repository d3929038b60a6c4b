/**
 * The inbox: what happened to the user's issues (assignments, summons, comments, status changes),
 * loaded through the bridge, reloaded on `inbox.changed`, and changed entry by entry (read, done,
 * snoozed) with {@link InboxStore.update}. The filtering and snooze times are pure functions so
 * they can be tested without a bridge or a clock.
 */
import type {
  Inbox,
  InboxEntry,
  InvokeRequest,
  IpcError,
  Unsubscribe,
} from '../../../../preload/contract.ts';
import { getBridge, resolveBridge, toIpcError, unwrap, type BridgeSource } from '../bridge.ts';

/** Which entries the inbox shows. */
export const INBOX_FILTERS = ['unread', 'all', 'done', 'snoozed'] as const;

/** One of {@link INBOX_FILTERS}. */
export type InboxFilter = (typeof INBOX_FILTERS)[number];

/** What {@link InboxStore.update} does to entries. */
export type InboxAction = InvokeRequest<'inbox.update'>['action'];

/** The snooze choices the UI offers. */
export type SnoozeChoice = 'hour' | 'tomorrow' | 'nextWeek';

/** Where the first load is. */
export type InboxStatus = 'idle' | 'loading' | 'ready' | 'error';

/** True while `entry` is snoozed at `now`. */
export function isSnoozed(entry: InboxEntry, now: number): boolean {
  return entry.snoozedUntil !== null && entry.snoozedUntil > now;
}

/**
 * The entries `filter` shows at `now`, newest first. Done entries appear under "done" only, and
 * snoozed ones under "snoozed" only, so the inbox itself holds just what still needs attention.
 */
export function filterEntries(
  entries: readonly InboxEntry[],
  filter: InboxFilter,
  now: number,
): InboxEntry[] {
  const shown = entries.filter((entry) => {
    switch (filter) {
      case 'done':
        return entry.done;
      case 'snoozed':
        return !entry.done && isSnoozed(entry, now);
      case 'unread':
        return !entry.done && !isSnoozed(entry, now) && !entry.read;
      case 'all':
        return !entry.done && !isSnoozed(entry, now);
    }
  });
  return shown.sort((a, b) => b.createdAt - a.createdAt);
}

/**
 * When a snooze choice ends, in the local time zone: an hour from now, tomorrow at 9:00, or next
 * Monday at 9:00 (a week from today's Monday when today is Monday).
 */
export function snoozeUntil(choice: SnoozeChoice, now: number): number {
  if (choice === 'hour') return now + 60 * 60_000;
  // A local scratch value, not state: nothing reads it reactively.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  const at = new Date(now);
  const days = choice === 'tomorrow' ? 1 : (8 - at.getDay()) % 7 || 7;
  at.setDate(at.getDate() + days);
  at.setHours(9, 0, 0, 0);
  return at.getTime();
}

/** The inbox as reactive fields; create one per inbox screen. */
export class InboxStore {
  /** What main last answered; null until loaded. */
  inbox: Inbox | null = $state(null);
  /** Progress of the latest load. */
  status: InboxStatus = $state('idle');
  /** Why the latest load failed, or null. */
  error: IpcError | null = $state(null);
  /** Why the latest update failed, or null; cleared by the next success. */
  updateError: IpcError | null = $state(null);
  /** True while an update is in flight. */
  updating = $state(false);

  readonly #source: BridgeSource;
  #unsubscribe: Unsubscribe | null = null;
  // Only the newest load writes, so a slow answer cannot overwrite a newer one.
  #seq = 0;

  /** Uses `bridge`; by default the app's bridge, looked up lazily. */
  constructor(bridge: BridgeSource = getBridge) {
    this.#source = bridge;
  }

  /** Fetches the inbox; never throws. Keeps the shown entries while reloading. */
  async load(): Promise<void> {
    const seq = ++this.#seq;
    if (this.inbox === null) this.status = 'loading';
    try {
      const inbox = unwrap(await resolveBridge(this.#source).inbox.list());
      if (seq !== this.#seq) return;
      this.inbox = inbox;
      this.error = null;
      this.status = 'ready';
    } catch (error) {
      if (seq !== this.#seq) return;
      this.error = toIpcError(error);
      // Entries already shown stay; only a first load that fails becomes an error screen.
      if (this.inbox === null) this.status = 'error';
    }
  }

  /** Applies `action` to the entries `ids`; `until` goes with `snooze`. Never throws. */
  async update(ids: readonly string[], action: InboxAction, until?: number): Promise<boolean> {
    if (ids.length === 0) return false;
    this.updating = true;
    try {
      const request: InvokeRequest<'inbox.update'> =
        action === 'snooze' ? { ids: [...ids], action, until } : { ids: [...ids], action };
      const inbox = unwrap(await resolveBridge(this.#source).inbox.update(request));
      // An answer is newer than any load still in flight.
      this.#seq += 1;
      this.inbox = inbox;
      this.status = 'ready';
      this.updateError = null;
      return true;
    } catch (error) {
      this.updateError = toIpcError(error);
      return false;
    } finally {
      this.updating = false;
    }
  }

  /** Reloads on every `inbox.changed` until `dispose()`; start before `load()`. */
  start(): void {
    if (this.#unsubscribe) return;
    try {
      // The event carries only the unread count, so the entries are fetched again.
      this.#unsubscribe = resolveBridge(this.#source).inbox.onChanged(() => void this.load());
    } catch (error) {
      this.error = toIpcError(error);
      this.status = 'error';
    }
  }

  /** Stops following changes; harmless to call twice. */
  dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }
}
