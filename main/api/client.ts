/**
 * `createTrackerClient`: the typed Tracker HTTP client of the main process. Plain Node: fetch is
 * injected (Electron's net.fetch in the app), and so are the clock and randomness for tests.
 */
import type { Logger } from '../log/types.ts';
import { createHttp, type Credentials, type Org } from './http.ts';
import type { User } from './parse/types.ts';
import type { Language } from './parse/values.ts';
import {
  createAgileApi,
  type BoardsApi,
  type FiltersApi,
  type SprintsApi,
} from './resources/agile.ts';
import { createAttachmentsApi, type AttachmentsApi } from './resources/attachments.ts';
import { createCommentsApi, type CommentsApi } from './resources/comments.ts';
import { createContext, type CallOptions } from './resources/context.ts';
import { createDictionariesApi, type DictionariesApi } from './resources/dictionaries.ts';
import { createIssuesCoreApi, type IssuesCoreApi } from './resources/issues.ts';
import {
  createLinksApi,
  createWorklogApi,
  type LinksApi,
  type WorklogApi,
} from './resources/links.ts';
import { createQueuesApi, type QueuesApi } from './resources/queues.ts';
import { createSearchApi, type SearchApi } from './resources/search.ts';
import { createUsersApi, getMyself, type UsersApi } from './resources/users.ts';
import {
  createChangelogApi,
  createTransitionsApi,
  type ChangelogApi,
  type TransitionsApi,
} from './resources/workflow.ts';
import { DEFAULT_RETRY, systemClock, type Clock, type RetryPolicy } from './retry.ts';
import { parseBase } from './url.ts';

/** The production API host. */
export const DEFAULT_BASE_URL = 'https://api.tracker.yandex.net';

/** Options of {@link createTrackerClient}. */
export interface TrackerClientOptions {
  /** Scheme + host + port, no version path; default {@link DEFAULT_BASE_URL}. */
  readonly baseUrl?: string;
  /** Default `v3`; `v2` is the same API under the older prefix. */
  readonly apiVersion?: 'v3' | 'v2';
  /** The HTTP implementation (Electron's net.fetch in the app, global fetch in Node). */
  readonly fetch: typeof fetch;
  /** Read before every attempt, so a refreshed token is used at once. */
  readonly credentials: () => Promise<Credentials>;
  readonly org: Org;
  /** The UI language: sent as Accept-Language and used to pick localized names. */
  readonly language?: () => Language;
  /** e.g. `TrackerDesktop/1.2.3`. */
  readonly userAgent?: string;
  readonly log: Logger;
  /** Per attempt; default 30 s. */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly clock?: Clock;
  /** Uniform in [0, 1); the backoff jitter. */
  readonly random?: () => number;
}

/** The client: one namespace per resource. */
export interface TrackerClient {
  readonly apiVersion: 'v3' | 'v2';
  /** The signed-in user (also the access check). */
  myself(options?: CallOptions): Promise<User>;
  readonly users: UsersApi;
  readonly queues: QueuesApi;
  /** get/create/update/move plus search, count, scroll and searchAll. */
  readonly issues: IssuesCoreApi & SearchApi;
  readonly comments: CommentsApi;
  readonly transitions: TransitionsApi;
  readonly changelog: ChangelogApi;
  readonly links: LinksApi;
  readonly worklog: WorklogApi;
  readonly attachments: AttachmentsApi;
  /** Statuses, priorities, issue types, resolutions, link types, global fields. */
  readonly dictionaries: DictionariesApi;
  readonly boards: BoardsApi;
  readonly sprints: SprintsApi;
  readonly filters: FiltersApi;
  /** GETs a `self` URL (only its path and query; always at the configured base) as raw JSON. */
  follow(self: string, options?: CallOptions): Promise<unknown>;
}

const HEADER_VALUE = /^[\x20-\x7e]+$/;

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative number`);
  return value;
}

/** Creates a Tracker client. Throws (synchronously) only on invalid options. */
export function createTrackerClient(options: TrackerClientOptions): TrackerClient {
  const base = parseBase(options.baseUrl ?? DEFAULT_BASE_URL);
  const apiVersion = options.apiVersion ?? 'v3';
  if (apiVersion !== 'v3' && apiVersion !== 'v2')
    throw new RangeError('apiVersion must be v3 or v2');
  if (!HEADER_VALUE.test(options.org.id))
    throw new TypeError('org.id must be a non-empty header value');
  if (options.userAgent !== undefined && !HEADER_VALUE.test(options.userAgent)) {
    throw new TypeError('userAgent must be a printable header value');
  }
  const retry: RetryPolicy = {
    maxAttempts: Math.max(
      1,
      Math.floor(
        positive(options.retry?.maxAttempts, DEFAULT_RETRY.maxAttempts, 'retry.maxAttempts'),
      ),
    ),
    baseDelayMs: positive(
      options.retry?.baseDelayMs,
      DEFAULT_RETRY.baseDelayMs,
      'retry.baseDelayMs',
    ),
    maxDelayMs: positive(options.retry?.maxDelayMs, DEFAULT_RETRY.maxDelayMs, 'retry.maxDelayMs'),
    maxTotalMs: positive(options.retry?.maxTotalMs, DEFAULT_RETRY.maxTotalMs, 'retry.maxTotalMs'),
  };
  const log = options.log.child({ scope: 'api' });
  const http = createHttp({
    base,
    fetch: options.fetch,
    credentials: options.credentials,
    org: options.org,
    language: options.language,
    userAgent: options.userAgent,
    log,
    timeoutMs: positive(options.timeoutMs, 30_000, 'timeoutMs') || 30_000,
    retry,
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
  });
  const ctx = createContext(http, log, `/${apiVersion}`, options.language ?? (() => 'ru'));
  const agile = createAgileApi(ctx);
  return {
    apiVersion,
    myself: (callOptions) => getMyself(ctx, callOptions),
    users: createUsersApi(ctx),
    queues: createQueuesApi(ctx),
    issues: { ...createIssuesCoreApi(ctx), ...createSearchApi(ctx) },
    comments: createCommentsApi(ctx),
    transitions: createTransitionsApi(ctx),
    changelog: createChangelogApi(ctx),
    links: createLinksApi(ctx),
    worklog: createWorklogApi(ctx),
    attachments: createAttachmentsApi(ctx),
    dictionaries: createDictionariesApi(ctx),
    boards: agile.boards,
    sprints: agile.sprints,
    filters: agile.filters,
    async follow(self, callOptions = {}) {
      const response = await http.json({ method: 'GET', path: self, signal: callOptions.signal });
      return response.body;
    },
  };
}
