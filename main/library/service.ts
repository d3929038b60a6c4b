/**
 * Cache-first reads behind `issues.list`, `issues.search`, `issues.get` and `comments.list`: every
 * answer comes from the local database at once, online or not. Opening an issue also refreshes it
 * and its comments from Tracker in the background when online, then emits `issue.changed`.
 */
import type { TrackerClient } from '../api/index.ts';
import type { TrackerCache } from '../cache/index.ts';
import { AppError } from '../errors.ts';
import type { EventEmitter } from '../ipc/events.ts';
import type { Logger } from '../log/types.ts';
import { toComment, toDetail, toSummary } from './map.ts';

type Filters = {
  scope?: string;
  queues?: string[];
  statuses?: string[];
  assignees?: string[];
  updatedFrom?: number;
};

/** The read service. */
export interface LibraryService {
  list(
    request: Filters & {
      sort?: {
        field: 'key' | 'summary' | 'status' | 'priority' | 'assignee' | 'updated';
        direction: 'asc' | 'desc';
      };
      offset: number;
      limit: number;
    },
  ): { rows: ReturnType<typeof toSummary>[]; total: number };
  search(request: Filters & { text: string; limit: number }): {
    hits: { issue: ReturnType<typeof toSummary>; rank: number; snippet?: string }[];
  };
  get(key: string): Promise<ReturnType<typeof toDetail>>;
  comments(key: string): ReturnType<typeof toComment>[];
}

function requireCache(cache: TrackerCache | null): TrackerCache {
  if (!cache) throw new AppError('E_UNAVAILABLE', 'Sign in or open the demo workspace first.');
  return cache;
}

function filters(request: Filters) {
  return {
    ...(request.scope ? { scope: request.scope as never } : {}),
    ...(request.queues ? { queues: request.queues } : {}),
    ...(request.statuses ? { statuses: request.statuses } : {}),
    ...(request.assignees ? { assignees: request.assignees } : {}),
    ...(request.updatedFrom !== undefined ? { updatedFrom: request.updatedFrom } : {}),
  };
}

/** Builds the read service over the current account's cache and client. */
export function createLibraryService(deps: {
  readonly cache: () => TrackerCache | null;
  readonly client: () => TrackerClient | null;
  readonly online: () => boolean;
  readonly events: EventEmitter;
  readonly log: Logger;
}): LibraryService {
  const log = deps.log.child({ scope: 'library' });
  const refreshing = new Set<string>();

  /** Fetches one issue and its comments into the cache (scope `opened`). */
  async function refresh(key: string): Promise<boolean> {
    const client = deps.client();
    const cache = deps.cache();
    if (!client || !cache || !deps.online()) return false;
    const issue = await client.issues.get(key);
    const comments = await client.comments.list(issue.key).toArray();
    // The cache may have been closed (sign-out) while the request was in flight.
    if (deps.cache() !== cache) return false;
    cache.transaction(() => {
      cache.upsertIssues([issue], 'opened');
      cache.replaceComments(issue.key, comments);
    });
    return true;
  }

  function refreshInBackground(key: string): void {
    if (refreshing.has(key)) return;
    refreshing.add(key);
    refresh(key)
      .then((changed) => {
        if (changed) deps.events.emit('issue.changed', { key });
      })
      .catch((error: unknown) => log.info('background refresh failed', { key, error }))
      .finally(() => refreshing.delete(key));
  }

  return {
    list(request) {
      const result = requireCache(deps.cache()).listIssues({
        ...filters(request),
        ...(request.sort ? { sort: request.sort } : {}),
        offset: request.offset,
        limit: request.limit,
      });
      return { rows: result.rows.map(toSummary), total: result.total };
    },
    search(request) {
      const hits = requireCache(deps.cache()).search({
        ...filters(request),
        text: request.text,
        limit: request.limit,
      });
      return {
        hits: hits.map((hit) => ({ issue: toSummary(hit), rank: hit.rank, snippet: hit.snippet })),
      };
    },
    async get(key) {
      const cache = requireCache(deps.cache());
      let detail = cache.getIssue(key);
      if (!detail) {
        // Not cached yet: when online, fetch it now so it opens (and stays readable offline).
        if (await refresh(key).catch(() => false)) detail = deps.cache()?.getIssue(key);
        if (!detail) throw new AppError('E_NOT_FOUND', `Issue ${key} is not in the local cache.`);
        return toDetail(detail);
      }
      refreshInBackground(detail.key);
      return toDetail(detail);
    },
    comments(key) {
      return requireCache(deps.cache()).listComments(key).map(toComment);
    },
  };
}
