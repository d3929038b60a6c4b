/** Transitions and the changelog. */
import { paginateCursor, type PageStream } from '../paginate.ts';
import { parseChangelogEntry, parseTransition } from '../parse/activity.ts';
import type { ChangelogEntry, Transition } from '../parse/types.ts';
import { expectList } from '../response.ts';
import type { CursorOptions } from './comments.ts';
import { reader, type ApiContext, type CallOptions } from './context.ts';

/** Transition endpoints. */
export interface TransitionsApi {
  /** Transitions available from the issue's current status. */
  list(issue: string, options?: CallOptions): Promise<Transition[]>;
  /**
   * Executes a transition with the fields its screen allows (`comment`, `resolution`, …) and
   * returns the transitions available from the new status. Not retried.
   */
  execute(
    issue: string,
    transitionId: string,
    fields?: Readonly<Record<string, unknown>>,
    options?: CallOptions,
  ): Promise<Transition[]>;
}

/** Options of the changelog. */
export interface ChangelogOptions extends CursorOptions {
  /** Only changes of this field. */
  readonly field?: string;
  /** Only changes of this type (`IssueCommentAdded`, …). */
  readonly type?: string;
  readonly sort?: 'asc' | 'desc';
}

/** Changelog endpoints. */
export interface ChangelogApi {
  /** The issue's history (cursor-paginated). */
  list(issue: string, options?: ChangelogOptions): PageStream<ChangelogEntry>;
}

/** Creates the transition endpoints. */
export function createTransitionsApi(ctx: ApiContext): TransitionsApi {
  return {
    async list(issue, options = {}) {
      const response = await ctx.http.json({
        method: 'GET',
        path: ctx.path`issues/${issue}/transitions`,
        signal: options.signal,
      });
      return expectList(response, reader(ctx, parseTransition));
    },
    async execute(issue, transitionId, fields = {}, options = {}) {
      const response = await ctx.http.json({
        method: 'POST',
        path: ctx.path`issues/${issue}/transitions/${transitionId}/_execute`,
        json: fields,
        signal: options.signal,
      });
      return expectList(response, reader(ctx, parseTransition));
    },
  };
}

/** Creates the changelog endpoints. */
export function createChangelogApi(ctx: ApiContext): ChangelogApi {
  return {
    list: (issue, options = {}) =>
      paginateCursor(
        ctx.http,
        {
          method: 'GET',
          path: ctx.path`issues/${issue}/changelog`,
          signal: options.signal,
          sticky: { field: options.field, type: options.type, sort: options.sort },
        },
        reader(ctx, parseChangelogEntry),
        { perPage: options.perPage, defaultPerPage: 50 },
      ),
  };
}
