/** Global dictionaries: statuses, priorities, issue types, resolutions, link types, fields. */
import { parseDictionaryEntry, parseField, parseLinkType, parseStatus } from '../parse/entities.ts';
import type { Field, IssueType, LinkType, Priority, Resolution, Status } from '../parse/types.ts';
import type { Language } from '../parse/values.ts';
import { expectList } from '../response.ts';
import { reader, type ApiContext, type CallOptions } from './context.ts';

/** Dictionary endpoints (small, unpaginated lists). */
export interface DictionariesApi {
  statuses(options?: CallOptions): Promise<Status[]>;
  /** With `localized: false` names come in every language (picked by the UI language here). */
  priorities(options?: CallOptions & { readonly localized?: boolean }): Promise<Priority[]>;
  issueTypes(options?: CallOptions): Promise<IssueType[]>;
  resolutions(options?: CallOptions): Promise<Resolution[]>;
  linkTypes(options?: CallOptions): Promise<LinkType[]>;
  /** Global fields. */
  fields(options?: CallOptions): Promise<Field[]>;
}

/** Creates the dictionary endpoints. */
export function createDictionariesApi(ctx: ApiContext): DictionariesApi {
  async function get<T>(
    path: string,
    parse: (value: unknown, language: Language) => T | undefined,
    options: CallOptions,
    query?: Record<string, boolean | undefined>,
  ): Promise<T[]> {
    const response = await ctx.http.json({ method: 'GET', path, query, signal: options.signal });
    return expectList(response, reader(ctx, parse));
  }
  return {
    statuses: (options = {}) => get(ctx.path`statuses`, parseStatus, options),
    priorities: (options = {}) =>
      get(ctx.path`priorities`, parseDictionaryEntry, options, { localized: options.localized }),
    issueTypes: (options = {}) => get(ctx.path`issuetypes`, parseDictionaryEntry, options),
    resolutions: (options = {}) => get(ctx.path`resolutions`, parseDictionaryEntry, options),
    linkTypes: (options = {}) => get(ctx.path`linktypes`, parseLinkType, options),
    fields: (options = {}) => get(ctx.path`fields`, parseField, options),
  };
}
