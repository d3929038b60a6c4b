/**
 * URL building. Every request goes to the configured base: a `self` or Link URL from a response
 * contributes only its path and query, so a proxy or emulator answering with another host (or a
 * hostile response) can never make the client send the token elsewhere.
 */
import { isSecretKey, redactText } from '../log/redact.ts';

/** A query parameter value; arrays are comma-joined (`expand=transitions,attachments`). */
export type QueryValue =
  string | number | boolean | null | undefined | readonly (string | number)[];

/** Query parameters; null/undefined values are left out. */
export type Query = Readonly<Record<string, QueryValue>>;

/** The configured service location. */
export interface Base {
  /** `scheme://host[:port]`. */
  readonly origin: string;
  /** A path prefix of the base URL (a reverse proxy's mount point), without a trailing slash. */
  readonly prefix: string;
}

/** Parses `baseUrl` (scheme + host + port, optionally a proxy path prefix). */
export function parseBase(baseUrl: string): Base {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError('Tracker base URL must be http(s)');
  }
  return { origin: url.origin, prefix: url.pathname.replace(/\/+$/, '') };
}

const PLACEHOLDER = 'http://placeholder.invalid';

/**
 * The path and query of a URL Tracker gave us, rebased from its API version segment (`/v3/...`) so
 * that a proxy prefix in either base survives. A bare path is accepted as is.
 */
export function relativeTarget(urlOrPath: string): string {
  const url = new URL(urlOrPath, PLACEHOLDER);
  const version = /\/v[23](?:\/|$)/.exec(url.pathname);
  const path = version ? url.pathname.slice(version.index) : url.pathname;
  return path + url.search;
}

/** A path segment, encoded (keys, ids and file names are user data). */
export function segment(value: string | number): string {
  const text = String(value);
  // `.`, `..` (and their %2E spellings) would be resolved away by URL parsing, changing the target.
  if (text === '' || /^(?:\.|%2e){1,2}$/i.test(text)) {
    throw new TypeError('Invalid path segment for a Tracker request');
  }
  return encodeURIComponent(text);
}

/** Appends `query` to the search of `url`; `onlyMissing` keeps parameters already there. */
export function applyQuery(url: URL, query: Query | undefined, onlyMissing = false): void {
  if (!query) return;
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (onlyMissing && url.searchParams.has(key)) continue;
    url.searchParams.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
}

/** The absolute URL of `pathAndQuery` (from the root, e.g. `/v3/issues?x=1`) at the base. */
export function buildUrl(base: Base, pathAndQuery: string, query?: Query): URL {
  const target = relativeTarget(pathAndQuery);
  const url = new URL(base.origin + base.prefix + target);
  applyQuery(url, query);
  return url;
}

// Parameters whose values are useful in logs and carry nothing sensitive.
const VISIBLE_PARAMS = new Set([
  'page',
  'perPage',
  'expand',
  'id',
  'version',
  'queue',
  'scrollType',
  'perScroll',
  'scrollTTLMillis',
  'localized',
  'field',
  'type',
  'sort',
  'fields',
  'isAddToFollowers',
  'notify',
  'unique',
]);

/**
 * The path plus query for logs and error messages: values of parameters not known to be harmless
 * (scroll ids and tokens, filenames, anything secret-looking) are masked, and so is anything
 * credential-shaped in the path (keys and ids are user input: a pasted token must not be echoed).
 */
export function describeUrl(url: URL): string {
  const parts: string[] = [];
  for (const [key, value] of url.searchParams) {
    const visible = VISIBLE_PARAMS.has(key) && !isSecretKey(key);
    parts.push(`${encodeURIComponent(key)}=${visible ? encodeURIComponent(value) : '*'}`);
  }
  const path = redactText(url.pathname);
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

/** A Link/`self` target plus `params` it lacks (Tracker drops `expand` from `next` links). */
export function withMissingParams(urlOrPath: string, params: Query | undefined): string {
  const url = new URL(relativeTarget(urlOrPath), PLACEHOLDER);
  applyQuery(url, params, true);
  return url.pathname + url.search;
}

/** A query parameter of a Link/`self` URL (e.g. the `page` of a `next` link). */
export function paramOf(urlOrPath: string, name: string): string | undefined {
  return new URL(urlOrPath, PLACEHOLDER).searchParams.get(name) ?? undefined;
}
