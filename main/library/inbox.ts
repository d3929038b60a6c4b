/**
 * `inbox.list` and `inbox.update` over the open account's cache. The entries come from the
 * notification producer (cache.addInbox); here the user reads, finishes and snoozes them, and every
 * change is announced as `inbox.changed` with the new unread count (the tray badge follows it).
 */
import type { Inbox, InvokeRequest } from '../../preload/contract.ts';
import type { TrackerCache } from '../cache/index.ts';
import type { EventEmitter } from '../ipc/events.ts';
import { requireCache } from './service.ts';

/** The inbox service. */
export interface InboxService {
  list(): Inbox;
  update(request: InvokeRequest<'inbox.update'>): Inbox;
}

/** Builds the inbox service. */
export function createInboxService(deps: {
  readonly cache: () => TrackerCache | null;
  readonly events: EventEmitter;
  /** Told after every change the user made (the tray and the badge follow the unread count). */
  readonly onChanged?: (unread: number) => void;
}): InboxService {
  function list(cache: TrackerCache): Inbox {
    return { entries: cache.listInbox(), unread: cache.unreadInbox() };
  }
  return {
    list: () => list(requireCache(deps.cache())),
    update(request) {
      const cache = requireCache(deps.cache());
      cache.updateInbox(
        request.ids,
        request.action === 'snooze'
          ? { action: 'snooze', until: request.until ?? 0 }
          : { action: request.action },
      );
      const inbox = list(cache);
      deps.events.emit('inbox.changed', { unread: inbox.unread });
      deps.onChanged?.(inbox.unread);
      return inbox;
    },
  };
}
