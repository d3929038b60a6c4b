/** Issue links and worklog. */
import { paginateCursor, type PageStream } from '../paginate.ts';
import { parseLink, parseWorklog } from '../parse/activity.ts';
import type { Link, Worklog } from '../parse/types.ts';
import { formatDateTime } from '../parse/values.ts';
import { expectOne } from '../response.ts';
import type { CursorOptions } from './comments.ts';
import { reader, type ApiContext, type CallOptions } from './context.ts';

/** Link endpoints. */
export interface LinksApi {
  /** The issue's links (cursor-paginated). */
  list(issue: string, options?: CursorOptions): PageStream<Link>;
  /** Links `issue` to `other` with a relationship such as `relates` or `depends on`. */
  create(
    issue: string,
    link: { readonly relationship: string; readonly issue: string },
    options?: CallOptions,
  ): Promise<Link>;
  /** Removes a link. */
  delete(issue: string, linkId: string | number, options?: CallOptions): Promise<void>;
}

/** A worklog record to add; `start` as epoch ms or a Tracker date string, `duration` ISO-8601. */
export interface NewWorklog {
  readonly start: number | string;
  readonly duration: string;
  readonly comment?: string;
}

/** Worklog endpoints. */
export interface WorklogApi {
  /** The issue's worklog (cursor-paginated). */
  list(issue: string, options?: CursorOptions): PageStream<Worklog>;
  /** Adds a record (not retried). */
  create(issue: string, record: NewWorklog, options?: CallOptions): Promise<Worklog>;
  /** Changes a record. */
  edit(
    issue: string,
    worklogId: string | number,
    changes: Partial<NewWorklog>,
    options?: CallOptions,
  ): Promise<Worklog>;
  /** Removes a record. */
  delete(issue: string, worklogId: string | number, options?: CallOptions): Promise<void>;
}

/** Creates the link endpoints. */
export function createLinksApi(ctx: ApiContext): LinksApi {
  return {
    list: (issue, options = {}) =>
      paginateCursor(
        ctx.http,
        { method: 'GET', path: ctx.path`issues/${issue}/links`, signal: options.signal },
        reader(ctx, parseLink),
        { perPage: options.perPage },
      ),
    async create(issue, link, options = {}) {
      const response = await ctx.http.json({
        method: 'POST',
        path: ctx.path`issues/${issue}/links`,
        json: link,
        signal: options.signal,
      });
      return expectOne(response, reader(ctx, parseLink));
    },
    async delete(issue, linkId, options = {}) {
      await ctx.http.empty({
        method: 'DELETE',
        path: ctx.path`issues/${issue}/links/${linkId}`,
        signal: options.signal,
      });
    },
  };
}

function worklogBody(record: Partial<NewWorklog>): Record<string, unknown> {
  const body: Record<string, unknown> = { ...record };
  if (typeof record.start === 'number') body.start = formatDateTime(record.start);
  return body;
}

/** Creates the worklog endpoints. */
export function createWorklogApi(ctx: ApiContext): WorklogApi {
  return {
    list: (issue, options = {}) =>
      paginateCursor(
        ctx.http,
        { method: 'GET', path: ctx.path`issues/${issue}/worklog`, signal: options.signal },
        reader(ctx, parseWorklog),
        { perPage: options.perPage },
      ),
    async create(issue, record, options = {}) {
      const response = await ctx.http.json({
        method: 'POST',
        path: ctx.path`issues/${issue}/worklog`,
        json: worklogBody(record),
        signal: options.signal,
      });
      return expectOne(response, reader(ctx, parseWorklog));
    },
    async edit(issue, worklogId, changes, options = {}) {
      const response = await ctx.http.json({
        method: 'PATCH',
        path: ctx.path`issues/${issue}/worklog/${worklogId}`,
        json: worklogBody(changes),
        signal: options.signal,
      });
      return expectOne(response, reader(ctx, parseWorklog));
    },
    async delete(issue, worklogId, options = {}) {
      await ctx.http.empty({
        method: 'DELETE',
        path: ctx.path`issues/${issue}/worklog/${worklogId}`,
        signal: options.signal,
      });
    },
  };
}
