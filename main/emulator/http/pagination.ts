/**
 * Tracker's two pagination styles. Seekable lists (search, queues, users) answer `page`/`perPage`
 * with `X-Total-Count`, `X-Total-Pages` and `Link` rel="next" + rel="seek" (a `{&page}` template);
 * cursor lists (comments, changelog, worklog, links) continue after an `id` with only rel="next".
 */
import { badRequest, notFound } from '../errors.ts';

/** A page of a seekable list and its headers. */
export interface PageSlice<T> {
  readonly items: readonly T[];
  readonly headers: Record<string, string>;
}

/** Reads a positive integer query parameter, with a default and an upper bound; junk is a 400. */
export function intParam(url: URL, name: string, fallback: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw badRequest(`Parameter "${name}" must be a positive integer`);
  }
  return Math.min(value, max);
}

/** The request URL without `expand` (the service does not carry it into `next`) and with `page`. */
function pageUrl(url: URL, page: number | null): string {
  const next = new URL(url.href);
  next.searchParams.delete('expand');
  next.searchParams.delete('page');
  if (page !== null) next.searchParams.set('page', String(page));
  return next.href;
}

/** Slices `all` for `page`/`perPage` and builds the seekable headers. */
export function seekPage<T>(
  all: readonly T[],
  url: URL,
  defaultPerPage = 50,
  maxPerPage = 1000,
): PageSlice<T> {
  const perPage = intParam(url, 'perPage', defaultPerPage, maxPerPage);
  const page = intParam(url, 'page', 1, Number.MAX_SAFE_INTEGER);
  const totalPages = Math.max(1, Math.ceil(all.length / perPage));
  const items = all.slice((page - 1) * perPage, page * perPage);
  const links: string[] = [];
  if (page < totalPages) {
    const next = new URL(pageUrl(url, page + 1));
    next.searchParams.set('perPage', String(perPage));
    links.push(`<${next.href}>; rel="next"`);
  }
  const seek = new URL(pageUrl(url, null));
  seek.searchParams.set('perPage', String(perPage));
  links.push(`<${seek.href}{&page}>; rel="seek"`);
  return {
    items,
    headers: {
      'X-Total-Count': String(all.length),
      'X-Total-Pages': String(totalPages),
      Link: links.join(', '),
    },
  };
}

/**
 * Continues a cursor list after the `id` query parameter. `idOf` gives each item's cursor id and
 * `after` finds the position after a given id (ids may be numbers or hex strings).
 */
export function cursorPage<T>(
  all: readonly T[],
  url: URL,
  idOf: (item: T) => string,
  defaultPerPage = 50,
  maxPerPage = 1000,
): PageSlice<T> {
  const perPage = intParam(url, 'perPage', defaultPerPage, maxPerPage);
  const after = url.searchParams.get('id');
  let start = 0;
  if (after !== null && after !== '') {
    const index = all.findIndex((item) => idOf(item) === after);
    if (index < 0) throw notFound(`No item with id ${after} to continue after`);
    start = index + 1;
  }
  const items = all.slice(start, start + perPage);
  const first = new URL(url.href);
  first.searchParams.delete('id');
  first.searchParams.delete('expand');
  const links = [`<${first.href}>; rel="first"`];
  const last = items.at(-1);
  if (start + perPage < all.length && last !== undefined) {
    const next = new URL(first.href);
    next.searchParams.set('id', idOf(last));
    next.searchParams.set('perPage', String(perPage));
    links.push(`<${next.href}>; rel="next"`);
  }
  return { items, headers: { Link: links.join(', ') } };
}
