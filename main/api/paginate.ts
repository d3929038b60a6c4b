/**
 * Paginated lists as async iterables of pages. Seekable lists (search, queues, users) expose the
 * totals; cursor lists (comments, changelog, worklog, links) only go forward. Every iteration
 * starts over with fresh requests, and breaking out of a loop stops fetching.
 */
import type { Http, HttpMethod, HttpResponse } from './http.ts';
import { expandSeek, linksByRel } from './link-header.ts';
import { expectList, intHeader } from './response.ts';
import { paramOf, withMissingParams, type Query } from './url.ts';

/** One page of a list. */
export interface Page<T> {
  readonly items: T[];
  /** 0-based position of this page within the iteration. */
  readonly index: number;
  /** 1-based page number, for seekable lists. */
  readonly page?: number;
  readonly perPage?: number;
  /** Items in the whole result (X-Total-Count), when the server says. */
  readonly totalCount?: number;
  /** Pages in the whole result (X-Total-Pages), when the server says. */
  readonly totalPages?: number;
}

/** Pages of a list, plus conveniences to walk its items. */
export class PageStream<T> implements AsyncIterable<Page<T>> {
  readonly #open: () => AsyncGenerator<Page<T>, void, undefined>;

  /** Wraps a generator factory; each iteration calls it anew. */
  constructor(open: () => AsyncGenerator<Page<T>, void, undefined>) {
    this.#open = open;
  }

  /** Iterates pages. */
  [Symbol.asyncIterator](): AsyncGenerator<Page<T>, void, undefined> {
    return this.#open();
  }

  /** Iterates items across pages. */
  async *items(): AsyncGenerator<T, void, undefined> {
    for await (const page of this) yield* page.items;
  }

  /** Collects items, stopping (and releasing what the list holds) after `limit`. */
  async toArray(limit = Number.POSITIVE_INFINITY): Promise<T[]> {
    const out: T[] = [];
    if (limit <= 0) return out;
    for await (const page of this) {
      for (const item of page.items) {
        out.push(item);
        if (out.length >= limit) return out;
      }
    }
    return out;
  }

  /** The first page only (the rest is never requested). */
  async first(): Promise<Page<T> | undefined> {
    for await (const page of this) return page;
    return undefined;
  }
}

/** The request of a list's first page; later pages reuse method, body and `sticky`. */
export interface ListRequest {
  readonly method: HttpMethod;
  readonly path: string;
  readonly query?: Query;
  readonly json?: unknown;
  readonly safe?: boolean;
  readonly signal?: AbortSignal;
  /** Parameters the service leaves out of `next` links (`expand`) and that must be re-sent. */
  readonly sticky?: Query;
}

type Parse<T> = (value: unknown) => T | undefined;

async function fetchPage<T>(
  http: Http,
  request: ListRequest,
  path: string,
  query: Query | undefined,
  parse: Parse<T>,
): Promise<{ response: HttpResponse<unknown>; items: T[] }> {
  const response: HttpResponse<unknown> = await http.json({
    method: request.method,
    path,
    query,
    json: request.json,
    safe: request.safe,
    signal: request.signal,
  });
  return { response, items: expectList(response, parse) };
}

/**
 * A seekable list: follows `next` (re-sending method and body, as POST `_search` needs), falls back
 * to `seek` or `page+1` while X-Total-Pages says there is more, and exposes the totals.
 */
export function paginateSeekable<T>(
  http: Http,
  request: ListRequest,
  parse: Parse<T>,
  options: { perPage?: number; page?: number } = {},
): PageStream<T> {
  return new PageStream<T>(async function* (): AsyncGenerator<Page<T>, void, undefined> {
    let pageNo = options.page ?? 1;
    let path = request.path;
    let query: Query | undefined = {
      ...request.query,
      ...request.sticky,
      perPage: options.perPage,
      page: options.page,
    };
    const visited = new Set<string>();
    for (let index = 0; ; index++) {
      const { response, items } = await fetchPage(http, request, path, query, parse);
      const totalCount = intHeader(response.headers, 'x-total-count');
      const totalPages = intHeader(response.headers, 'x-total-pages');
      yield { items, index, page: pageNo, perPage: options.perPage, totalCount, totalPages };
      const links = linksByRel(response.headers.get('link'));
      const more = totalPages !== undefined && pageNo < totalPages;
      let next: string | undefined;
      if (links.next) next = links.next;
      else if (more && links.seek) next = expandSeek(links.seek, pageNo + 1);
      // Without any Link (a proxy may strip it) the totals still tell whether to go on.
      if (next === undefined && more && !response.headers.has('link')) {
        path = request.path;
        query = { ...request.query, ...request.sticky, perPage: options.perPage, page: pageNo + 1 };
        pageNo += 1;
        continue;
      }
      if (next === undefined) return;
      const nextPage = Number(paramOf(next, 'page'));
      pageNo = Number.isInteger(nextPage) && nextPage > 0 ? nextPage : pageNo + 1;
      path = withMissingParams(next, request.sticky);
      query = undefined;
      // A server echoing the same `next` forever must not loop us forever.
      if (visited.has(path)) return;
      visited.add(path);
    }
  });
}

/**
 * A cursor list: follows `next`; without a Link header, a full page continues from the last item's
 * id (`id=<last>`), the documented cursor of comments and changelog.
 */
export function paginateCursor<T extends { readonly id: string }>(
  http: Http,
  request: ListRequest,
  parse: Parse<T>,
  options: { perPage?: number; defaultPerPage?: number } = {},
): PageStream<T> {
  return new PageStream<T>(async function* (): AsyncGenerator<Page<T>, void, undefined> {
    const pageSize = options.perPage ?? options.defaultPerPage ?? 50;
    let path = request.path;
    let query: Query | undefined = {
      ...request.query,
      ...request.sticky,
      perPage: options.perPage,
    };
    let lastId: string | undefined;
    let firstId: string | undefined;
    const visited = new Set<string>();
    for (let index = 0; ; index++) {
      const { response, items }: { response: HttpResponse<unknown>; items: T[] } = await fetchPage(
        http,
        request,
        path,
        query,
        parse,
      );
      // A server ignoring the cursor answers with the same page again: stop, do not repeat it.
      if (index > 0 && items.length > 0 && items[0]?.id === firstId) return;
      firstId = items[0]?.id;
      yield { items, index, perPage: options.perPage };
      const links = linksByRel(response.headers.get('link'));
      if (links.next) {
        path = withMissingParams(links.next, request.sticky);
        query = undefined;
        if (visited.has(path)) return;
        visited.add(path);
        continue;
      }
      const last: string | undefined = items.at(-1)?.id;
      if (response.headers.has('link') || items.length < pageSize || !last || last === lastId)
        return;
      lastId = last;
      path = request.path;
      query = { ...request.query, ...request.sticky, perPage: options.perPage, id: last };
    }
  });
}
