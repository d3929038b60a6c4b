/**
 * A small method + path-pattern router for the emulator's API (`/issues/:key/comments/:id`).
 * Patterns are matched against the path after the `/v2` or `/v3` prefix.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a route handler receives. */
export interface RouteContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
}

/** A route handler; it writes the response itself. */
export type RouteHandler<C extends RouteContext = RouteContext> = (
  context: C,
) => Promise<void> | void;

interface Route<C extends RouteContext> {
  readonly method: string;
  readonly segments: readonly string[];
  readonly handler: RouteHandler<C>;
}

/** Routes by method and path segments; `:name` captures one decoded segment. */
export class Router<C extends RouteContext = RouteContext> {
  readonly #routes: Route<C>[] = [];

  /** Adds a route; later routes never shadow earlier exact ones because literals are tried first. */
  on(method: string, pattern: string, handler: RouteHandler<C>): this {
    this.#routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  /** The handler and params for a request, `'method'` when only the method is wrong, else null. */
  match(
    method: string,
    path: string,
  ): { handler: RouteHandler<C>; params: Record<string, string> } | 'method' | null {
    const parts = path.split('/').filter(Boolean);
    let methodMismatch = false;
    let best: {
      handler: RouteHandler<C>;
      params: Record<string, string>;
      literals: number;
    } | null = null;
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method !== method) {
        methodMismatch = true;
        continue;
      }
      const literals = route.segments.filter((segment) => !segment.startsWith(':')).length;
      if (!best || literals > best.literals) best = { handler: route.handler, params, literals };
    }
    if (best) return { handler: best.handler, params: best.params };
    return methodMismatch ? 'method' : null;
  }
}

function matchSegments(
  pattern: readonly string[],
  parts: readonly string[],
): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] as string;
    const actual = parts[i] as string;
    if (expected.startsWith(':')) {
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (expected !== actual) {
      return null;
    }
  }
  return params;
}
