/**
 * Scroll search for result sets past the 10,000 that page pagination serves. A scroll is a server
 * snapshot that lives until its TTL; one we leave early (break, throw, abort) is released with
 * `_clear` so the server does not hold it for nothing. Release is best-effort and never masks the
 * error or abort that ended the iteration.
 */
import type { Logger } from '../log/types.ts';
import { TrackerApiError } from './errors.ts';
import type { Http } from './http.ts';
import { PageStream, type Page } from './paginate.ts';
import { expectList, intHeader } from './response.ts';
import type { Query } from './url.ts';

/** Options of a scroll search. */
export interface ScrollOptions {
  /** Items per response; at most 1000 (the service maximum), default 100. */
  readonly perScroll?: number;
  /** How long the server keeps the scroll between calls; default 60 s. */
  readonly ttlMs?: number;
  /** `sorted` keeps the query's order; `unsorted` is faster. Default `sorted`. */
  readonly type?: 'sorted' | 'unsorted';
  readonly expand?: readonly string[];
  readonly signal?: AbortSignal;
}

/** A page of a scroll; `totalCount` is the snapshot's size. */
export interface ScrollPage<T> extends Page<T> {
  readonly scrollId?: string;
}

/** Where the scroll runs: the `_search` and `_clear` paths of the configured API version. */
export interface ScrollTarget {
  readonly searchPath: string;
  readonly clearPath: string;
}

/** Releases scrolls: body maps every scroll id to its token. */
export async function releaseScroll(
  http: Http,
  clearPath: string,
  scrolls: Readonly<Record<string, string>>,
  options: { signal?: AbortSignal; maxAttempts?: number } = {},
): Promise<void> {
  if (Object.keys(scrolls).length === 0) return;
  await http.empty({
    method: 'POST',
    path: clearPath,
    json: scrolls,
    safe: true,
    signal: options.signal,
    maxAttempts: options.maxAttempts,
  });
}

/** Iterates a scroll search over `body` (a `filter` or `query` selector; keys/queue are refused). */
export function scrollSearch<T>(
  http: Http,
  target: ScrollTarget,
  body: unknown,
  parse: (value: unknown) => T | undefined,
  options: ScrollOptions,
  log: Logger,
): PageStream<T> {
  const perScroll = Math.max(1, Math.min(1000, Math.floor(options.perScroll ?? 100)));
  const ttl = options.ttlMs ?? 60_000;
  const expand = options.expand?.length ? options.expand : undefined;
  return new PageStream<T>(async function* (): AsyncGenerator<ScrollPage<T>, void, undefined> {
    const held = new Map<string, string>();
    // Whether the server still holds a scroll for us (its last answer carried an id).
    let live = false;
    try {
      let query: Query = {
        scrollType: options.type ?? 'sorted',
        perScroll,
        scrollTTLMillis: ttl,
        expand,
      };
      for (let index = 0; ; index++) {
        const response = await http.json({
          method: 'POST',
          path: target.searchPath,
          query,
          json: body,
          safe: true,
          // A continuation whose answer got lost has moved the scroll on: repeating it would skip
          // that batch. Only refusals (429, 5xx) are repeated; other failures end the iteration.
          retryErrorStatusOnly: index > 0,
          signal: options.signal,
        });
        const items = expectList(response, parse);
        const scrollId = response.headers.get('x-scroll-id') || undefined;
        const token = response.headers.get('x-scroll-token') || undefined;
        live = scrollId !== undefined;
        if (scrollId !== undefined) held.set(scrollId, token ?? held.get(scrollId) ?? '');
        const totalCount = intHeader(response.headers, 'x-total-count');
        if (index === 0 || items.length > 0) yield { items, index, totalCount, scrollId };
        if (scrollId === undefined || items.length === 0) return;
        // scrollType/perScroll only on the first call; the body is re-sent unchanged.
        query = { scrollId, scrollTTLMillis: ttl, expand };
      }
    } finally {
      if (live) {
        try {
          // Not the caller's signal: it may be the very reason we are here.
          await releaseScroll(http, target.clearPath, Object.fromEntries(held), { maxAttempts: 2 });
        } catch (error) {
          log.warn('tracker scroll release failed', {
            reason: error instanceof TrackerApiError ? error.kind : 'unknown',
          });
        }
      }
    }
  });
}
