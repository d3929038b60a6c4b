/**
 * Keeps the cache's dictionaries (queues, statuses, priorities) filled from Tracker: the queue
 * picker, the filter chips' names and the priority sort order read them. They are small, so each
 * refresh reads them whole, in the current UI language.
 */
import type { TrackerClient } from '../api/index.ts';
import type { TrackerCache } from '../cache/index.ts';
import type { Logger } from '../log/types.ts';

/** Upper bound on queues read, far above any real organization's count. */
const MAX_QUEUES = 5000;

/**
 * Reads queues, statuses and priorities and stores them in one transaction. Never throws: a failure
 * (offline, a 403 on one endpoint) is logged and the previous copy stays; resolves true on success.
 * `current` says whether `cache` is still the open one when the answers arrive (sign-out may close it).
 */
export async function refreshDictionaries(
  client: TrackerClient,
  cache: TrackerCache,
  current: () => boolean,
  log: Logger,
): Promise<boolean> {
  try {
    const [queues, statuses, priorities] = await Promise.all([
      client.queues.list().toArray(MAX_QUEUES),
      client.dictionaries.statuses(),
      client.dictionaries.priorities(),
    ]);
    if (!current()) return false;
    cache.transaction(() => {
      cache.upsertQueues(queues);
      cache.upsertStatuses(statuses);
      cache.upsertPriorities(priorities);
    });
    return true;
  } catch (error) {
    log.info('dictionaries not refreshed', { error });
    return false;
  }
}
