/**
 * Cache-first reads behind `issues.list`, `issues.search`, `issues.get`, `comments.list`,
 * `issues.facets`, `issues.extras` and `queues.list`: every answer comes from the local database at
 * once, online or not. Opening an issue also refreshes it, its comments, links, attachments and
 * changelog from Tracker in the background when online, then emits `issue.changed`. The one
 * exception is `issues.query`, a Tracker query run on the server and never cached.
 */
import type { Facets, IssueExtras, IssueSummary, QueueInfoSchema } from '../../preload/contract.ts';
import type * as v from 'valibot';
import { toAppError } from '../api/app-error.ts';
import { ValidationError } from '../api/errors.ts';
import type { Issue, TrackerClient } from '../api/index.ts';
import { summaryRowOf, type TrackerCache } from '../cache/index.ts';
import { AppError } from '../errors.ts';
import type { EventEmitter } from '../ipc/events.ts';
import type { Logger } from '../log/types.ts';
import { toActivity, toAttachment, toIssueLink } from './extras.ts';
import { toComment, toDetail, toSummary } from './map.ts';

/** The newest changelog entries kept per issue; older history is rarely read in a desktop view. */
const MAX_CHANGELOG = 500;

/** Page size of a server query. */
const QUERY_PAGE = 100;

/** Longest Tracker message passed on for a rejected query. */
const MAX_QUERY_MESSAGE = 500;

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
  /** Filter chip values of a view with counts. */
  facets(scope?: string): Facets;
  /** Links, attachments and activity of an issue from the cache. */
  extras(key: string): IssueExtras;
  /** Runs a Tracker query on the server; online only, nothing is cached. */
  query(request: {
    query: string;
    limit: number;
  }): Promise<{ rows: IssueSummary[]; total: number }>;
  /** Queues known to the cache, sorted by key. */
  queues(): v.InferOutput<typeof QueueInfoSchema>[];
}

/** The cache, or E_UNAVAILABLE when no workspace is open (signed out, no demo). */
export function requireCache(cache: TrackerCache | null): TrackerCache {
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

  /**
   * Fetches one issue with its comments, links, attachments and changelog into the cache (scope
   * `opened`). The issue and comments must arrive; the others are extras: one the server refuses
   * (a changelog hidden by permissions) keeps its cached copy instead of failing the refresh.
   */
  async function refresh(key: string): Promise<boolean> {
    const client = deps.client();
    const cache = deps.cache();
    if (!client || !cache || !deps.online()) return false;
    const issue = await client.issues.get(key);
    const optional = <T>(request: Promise<T>): Promise<T | undefined> =>
      request.catch((error: unknown) => {
        log.info('issue extra not refreshed', { key: issue.key, error });
        return undefined;
      });
    const [comments, links, attachments, changelog] = await Promise.all([
      client.comments.list(issue.key).toArray(),
      optional(client.links.list(issue.key).toArray()),
      optional(client.attachments.list(issue.key)),
      optional(client.changelog.list(issue.key, { sort: 'desc' }).toArray(MAX_CHANGELOG)),
    ]);
    // The cache may have been closed (sign-out) while the request was in flight.
    if (deps.cache() !== cache) return false;
    cache.transaction(() => {
      cache.upsertIssues([issue], 'opened');
      cache.replaceComments(issue.key, comments);
      if (links) cache.replaceLinks(issue.key, links);
      if (attachments) cache.replaceAttachments(issue.key, attachments);
      if (changelog) cache.replaceChangelog(issue.key, changelog);
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
    facets(scope) {
      const counts = requireCache(deps.cache()).facets(scope as never);
      return { queues: counts.queues, statuses: counts.statuses, assignees: counts.assignees };
    },
    extras(key) {
      const cache = requireCache(deps.cache());
      return {
        links: cache
          .listLinks(key)
          .map(toIssueLink)
          .filter((link) => link !== null),
        attachments: cache.listAttachments(key).map(toAttachment),
        activity: cache.listChangelog(key).map(toActivity),
      };
    },
    async query({ query, limit }) {
      const client = deps.client();
      if (!client || !deps.online()) {
        throw new AppError('E_OFFLINE', 'Tracker queries run on the server: connect to run one.');
      }
      try {
        // Pages of at most QUERY_PAGE (a size every Tracker accepts) until `limit` hits are in.
        const items: Issue[] = [];
        let total: number | undefined;
        const pages = client.issues.search({ query }, { perPage: Math.min(limit, QUERY_PAGE) });
        for await (const page of pages) {
          total ??= page.totalCount;
          items.push(...page.items.slice(0, limit - items.length));
          if (items.length >= limit) break;
        }
        return {
          rows: items.map((issue) => toSummary(summaryRowOf(issue))),
          total: total ?? items.length,
        };
      } catch (error) {
        // A bad query is the user's to fix, so Tracker's own explanation is what they need.
        if (error instanceof ValidationError) {
          const said = [...error.errorMessages, ...Object.values(error.errors)].join(' ').trim();
          throw new AppError(
            'E_BAD_REQUEST',
            said ? said.slice(0, MAX_QUERY_MESSAGE) : 'Tracker did not accept this query.',
            { cause: error },
          );
        }
        throw toAppError(error);
      }
    },
    queues() {
      return requireCache(deps.cache())
        .listDictionary('queues')
        .flatMap((row) => (row.key ? [{ key: row.key, name: row.name ?? row.key }] : []))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
  };
}
