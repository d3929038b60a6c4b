/** What every resource module receives from the client. */
import type { Logger } from '../../log/types.ts';
import type { Http } from '../http.ts';
import type { Language } from '../parse/values.ts';
import { segment } from '../url.ts';

/** Per-call options every method accepts. */
export interface CallOptions {
  /** Cancels the call (and any retry wait); the call then rejects with AbortedError. */
  readonly signal?: AbortSignal;
}

/** Shared dependencies of the resource modules. */
export interface ApiContext {
  readonly http: Http;
  readonly log: Logger;
  /** The version root, e.g. `/v3`. */
  readonly root: string;
  /** The UI language, read per parse so a language switch applies at once. */
  lang(): Language;
  /**
   * Builds a versioned path from a template; interpolated values are encoded as path segments:
   * ``ctx.path`issues/${key}/comments` `` → `/v3/issues/A-1/comments`.
   */
  path(strings: TemplateStringsArray, ...values: ReadonlyArray<string | number>): string;
}

/** Creates the context for an API version. */
export function createContext(
  http: Http,
  log: Logger,
  root: string,
  lang: () => Language,
): ApiContext {
  return {
    http,
    log,
    root,
    lang,
    path(strings, ...values) {
      let out = `${root}/`;
      strings.forEach((part, i) => {
        out += part;
        const value = values[i];
        if (value !== undefined) out += segment(value);
      });
      return out;
    },
  };
}

/** A parser bound to the context's current language. */
export function reader<T>(
  ctx: ApiContext,
  parse: (value: unknown, language: ReturnType<ApiContext['lang']>) => T | undefined,
): (value: unknown) => T | undefined {
  const language = ctx.lang();
  return (value) => parse(value, language);
}
