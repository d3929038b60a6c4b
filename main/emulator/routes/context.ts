/**
 * What every emulator API route receives: the authenticated caller, the store, the search service,
 * a wire renderer bound to the request's API version and language, and body helpers.
 */
import { badRequest, notFound } from '../errors.ts';
import type { Caller } from '../http/auth.ts';
import type { RouteContext } from '../http/router.ts';
import type { SearchService } from '../search.ts';
import type { EmulatorStore } from '../store.ts';
import type { Json, Wire } from '../wire/index.ts';

/** A route's view of one API request. */
export interface ApiContext extends RouteContext {
  readonly caller: Caller;
  readonly store: EmulatorStore;
  readonly search: SearchService;
  readonly wire: Wire;
  /** The emulator clock at the start of the request (epoch ms). */
  readonly now: number;
  /** The JSON body (an empty body is `{}`; malformed JSON is a 400). */
  json(): Promise<unknown>;
  /** The raw body bytes. */
  raw(): Promise<Buffer>;
  /** Sends JSON with a status and extra headers. */
  send(status: number, body: Json, headers?: Record<string, string>): void;
  /** Sends 204 No Content. */
  noContent(): void;
}

/** A number from a path segment, or a 404 (ids in paths are never anything else). */
export function idParam(value: string | undefined, what: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 0) throw notFound(`${what} ${value ?? ''} does not exist`);
  return id;
}

/** The expand list of a request (`expand=transitions,attachments`). */
export function expands(url: URL): Set<string> {
  return new Set(
    (url.searchParams.get('expand') ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  );
}

/** The expected version of a write: `?version=` or `If-Match: "7"`. */
export function expectedVersion(c: ApiContext): number | undefined {
  const header = c.req.headers['if-match'];
  const raw =
    c.url.searchParams.get('version') ??
    (typeof header === 'string' ? header.replace(/^W\//, '').replace(/"/g, '') : null);
  if (raw === null || raw === '' || raw === '*') return undefined;
  const version = Number(raw);
  if (!Number.isInteger(version)) throw badRequest('"version" must be an integer');
  return version;
}
