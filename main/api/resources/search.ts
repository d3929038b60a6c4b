/** Issue search: pages, count, scroll, and `searchAll` choosing between them. */
import { InvalidResponseError } from '../errors.ts';
import { paginateSeekable, PageStream } from '../paginate.ts';
import { parseIssue } from '../parse/issue.ts';
import type { Issue } from '../parse/types.ts';
import { num } from '../parse/values.ts';
import { releaseScroll, scrollSearch, type ScrollOptions } from '../scroll.ts';
import { reader, type ApiContext, type CallOptions } from './context.ts';

/** A search selector; the service wants exactly one (mixing them is a 400). */
export type SearchSelector =
  | { readonly query: string }
  | {
      readonly filter: Readonly<Record<string, unknown>>;
      readonly order?: string | readonly string[];
    }
  | { readonly keys: string | readonly string[] }
  | { readonly queue: string }
  | { readonly filterId: string | number };

/** The selectors scroll (and `_count`) accept. */
export type ScrollSelector = Extract<SearchSelector, { query: string } | { filter: unknown }>;

/** Options of a paged search. */
export interface SearchOptions extends CallOptions {
  readonly perPage?: number;
  readonly page?: number;
  /** e.g. `['transitions', 'attachments']`; re-sent on every page. */
  readonly expand?: readonly string[];
}

/** Options of `searchAll`. */
export interface SearchAllOptions extends ScrollOptions {
  /** Above this many results scroll is used, pages at or below (default 10,000). */
  readonly threshold?: number;
  /** Page size in page mode (default 100). */
  readonly perPage?: number;
}

/** Search endpoints. */
export interface SearchApi {
  /** Page-paginated search (seekable, with totals). */
  search(selector: SearchSelector, options?: SearchOptions): PageStream<Issue>;
  /** How many issues match. */
  count(selector: SearchSelector, options?: CallOptions): Promise<number>;
  /** Scroll search; released on early exit (break, throw, abort), not when read to the end. */
  searchScroll(selector: ScrollSelector, options?: ScrollOptions): PageStream<Issue>;
  /** Counts, then pages up to `threshold` results and scrolls above. */
  searchAll(selector: SearchSelector, options?: SearchAllOptions): PageStream<Issue>;
  /** Releases scrolls explicitly: scroll id → scroll token. */
  releaseScroll(scrolls: Readonly<Record<string, string>>, options?: CallOptions): Promise<void>;
}

/** The request body for a selector: only the selector's own keys, so none leak in as `null`. */
export function selectorBody(selector: SearchSelector): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const key of ['queue', 'keys', 'filter', 'query', 'filterId', 'order'] as const) {
    const value = (selector as Record<string, unknown>)[key];
    if (value !== undefined) body[key] = value;
  }
  return body;
}

function scrollable(selector: SearchSelector): selector is ScrollSelector {
  return 'query' in selector || 'filter' in selector;
}

/** Creates the search endpoints. */
export function createSearchApi(ctx: ApiContext): SearchApi {
  const searchPath = ctx.path`issues/_search`;
  const clearPath = ctx.path`system/search/scroll/_clear`;

  const search: SearchApi['search'] = (selector, options = {}) =>
    paginateSeekable(
      ctx.http,
      {
        method: 'POST',
        path: searchPath,
        json: selectorBody(selector),
        safe: true,
        signal: options.signal,
        sticky: { expand: options.expand },
      },
      reader(ctx, parseIssue),
      options,
    );

  const count: SearchApi['count'] = async (selector, options = {}) => {
    const response = await ctx.http.json({
      method: 'POST',
      path: ctx.path`issues/_count`,
      json: selectorBody(selector),
      safe: true,
      signal: options.signal,
    });
    const total = num(response.body);
    if (total === undefined || total < 0) {
      throw new InvalidResponseError({
        method: response.method,
        path: response.path,
        status: response.status,
        detail: 'expected a number',
      });
    }
    return total;
  };

  const searchScroll: SearchApi['searchScroll'] = (selector, options = {}) =>
    scrollSearch(
      ctx.http,
      { searchPath, clearPath },
      selectorBody(selector),
      reader(ctx, parseIssue),
      options,
      ctx.log,
    );

  return {
    search,
    count,
    searchScroll,
    searchAll(selector, options = {}) {
      const threshold = options.threshold ?? 10_000;
      return new PageStream(async function* () {
        // Scroll refuses keys/queue selectors, and those lists are small anyway.
        if (!scrollable(selector)) {
          yield* search(selector, {
            perPage: options.perPage ?? 100,
            expand: options.expand,
            signal: options.signal,
          });
          return;
        }
        const total = await count(selector, { signal: options.signal });
        const mode = total > threshold ? 'scroll' : 'page';
        ctx.log.debug('tracker searchAll', { total, mode });
        yield* mode === 'scroll'
          ? searchScroll(selector, { ...options, perScroll: options.perScroll ?? 1000 })
          : search(selector, {
              perPage: options.perPage ?? 100,
              expand: options.expand,
              signal: options.signal,
            });
      });
    },
    releaseScroll: (scrolls, options = {}) =>
      releaseScroll(ctx.http, clearPath, scrolls, { signal: options.signal }),
  };
}
