/** Single-issue endpoints: get, create (idempotent with `unique`), update, move. */
import { randomUUID } from 'node:crypto';
import { NotFoundError, VersionConflictError } from '../errors.ts';
import { parseIssue } from '../parse/issue.ts';
import type { Issue } from '../parse/types.ts';
import { isObject } from '../parse/values.ts';
import { expectOne } from '../response.ts';
import { reader, type ApiContext, type CallOptions } from './context.ts';

/** Fields of a new issue: `queue` and `summary` are required, any other field key may be added. */
export interface CreateIssueFields {
  readonly queue: string | number | { readonly key?: string; readonly id?: string | number };
  readonly summary: string;
  readonly [field: string]: unknown;
}

/** What `create` returns. */
export interface CreateIssueResult {
  readonly issue: Issue;
  /** The idempotency key used (generated when the caller gave none); keep it to retry later. */
  readonly unique: string;
  /** True when the issue already existed (an earlier attempt created it) and was looked up. */
  readonly recovered: boolean;
}

/** Options of `get`. */
export interface GetIssueOptions extends CallOptions {
  /** e.g. `['transitions', 'attachments']`. */
  readonly expand?: readonly string[];
  /** Only these fields. */
  readonly fields?: readonly string[];
}

/** Options of `move`. */
export interface MoveIssueOptions extends CallOptions {
  readonly notify?: boolean;
  readonly initialStatus?: boolean;
  readonly moveAllFields?: boolean;
  readonly expand?: readonly string[];
  /** Field values to set while moving. */
  readonly fields?: Readonly<Record<string, unknown>>;
}

/** Single-issue endpoints. */
export interface IssuesCoreApi {
  /** One issue by key or id. */
  get(key: string, options?: GetIssueOptions): Promise<Issue>;
  /**
   * Creates an issue with an idempotency key (`unique`, a random hex one unless given), which makes
   * it safe to retry: a 409 means an earlier attempt got through, and that issue is returned.
   */
  create(
    fields: CreateIssueFields,
    options?: CallOptions & { readonly unique?: string },
  ): Promise<CreateIssueResult>;
  /** The issue created with `unique`, or undefined. */
  findByUnique(unique: string, options?: CallOptions): Promise<Issue | undefined>;
  /** Partial update; with `version`, a stale version fails with VersionConflictError. Not retried. */
  update(
    key: string,
    patch: Readonly<Record<string, unknown>>,
    options?: CallOptions & { readonly version?: number },
  ): Promise<Issue>;
  /** Moves an issue to another queue (it gets a new key; the old one stays in `aliases`). */
  move(key: string, queue: string, options?: MoveIssueOptions): Promise<Issue>;
}

/** Creates the single-issue endpoints. */
export function createIssuesCoreApi(ctx: ApiContext): IssuesCoreApi {
  const parse = () => reader(ctx, parseIssue);

  async function findByUnique(unique: string, options: CallOptions = {}) {
    try {
      const response = await ctx.http.json({
        method: 'POST',
        path: ctx.path`issues/_findByUnique`,
        query: { unique },
        safe: true,
        signal: options.signal,
      });
      // Seen as the issue, a one-element list, or null when nothing matches.
      const body = Array.isArray(response.body) ? response.body[0] : response.body;
      if (
        body === null ||
        body === undefined ||
        (isObject(body) && Object.keys(body).length === 0)
      ) {
        return undefined;
      }
      return expectOne({ ...response, body }, parse());
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  return {
    async get(key, options = {}) {
      const response = await ctx.http.json({
        method: 'GET',
        path: ctx.path`issues/${key}`,
        query: { expand: options.expand, fields: options.fields },
        signal: options.signal,
      });
      return expectOne(response, parse());
    },
    async create(fields, options = {}) {
      const given = typeof fields.unique === 'string' ? fields.unique : undefined;
      const unique = options.unique ?? given ?? randomUUID().replace(/-/g, '');
      try {
        const response = await ctx.http.json({
          method: 'POST',
          path: ctx.path`issues/`,
          json: { ...fields, unique },
          // The idempotency key is what makes a repeated create harmless.
          safe: true,
          signal: options.signal,
        });
        return { issue: expectOne(response, parse()), unique, recovered: false };
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        const existing = await findByUnique(unique, options);
        if (!existing) throw error;
        ctx.log.info('tracker issue create recovered', {
          key: existing.key,
          attempts: error.attempts,
        });
        return { issue: existing, unique, recovered: true };
      }
    },
    findByUnique,
    async update(key, patch, options = {}) {
      const response = await ctx.http.json({
        method: 'PATCH',
        path: ctx.path`issues/${key}`,
        query: { version: options.version },
        json: patch,
        signal: options.signal,
      });
      return expectOne(response, parse());
    },
    async move(key, queue, options = {}) {
      const response = await ctx.http.json({
        method: 'POST',
        path: ctx.path`issues/${key}/_move`,
        query: {
          queue,
          notify: options.notify,
          initialStatus: options.initialStatus,
          moveAllFields: options.moveAllFields,
          expand: options.expand,
        },
        json: options.fields ?? {},
        signal: options.signal,
      });
      return expectOne(response, parse());
    },
  };
}
