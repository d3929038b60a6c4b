/** Issue comments (cursor-paginated). */
import { paginateCursor, type PageStream } from '../paginate.ts';
import { parseComment } from '../parse/activity.ts';
import type { Comment } from '../parse/types.ts';
import { expectOne } from '../response.ts';
import { reader, type ApiContext, type CallOptions } from './context.ts';

/** A new comment. */
export interface NewComment {
  readonly text: string;
  /** Ids from temporary uploads. */
  readonly attachmentIds?: readonly (string | number)[];
  /** Logins or uids to summon. */
  readonly summonees?: readonly string[];
  readonly maillistSummonees?: readonly string[];
  readonly [field: string]: unknown;
}

/** Options of a cursor-paginated list. */
export interface CursorOptions extends CallOptions {
  /** Items per page (service default 50). */
  readonly perPage?: number;
}

/** Comment endpoints. */
export interface CommentsApi {
  /** The issue's comments, oldest first; `expand` e.g. `['attachments', 'html']`. */
  list(
    issue: string,
    options?: CursorOptions & { readonly expand?: readonly string[] },
  ): PageStream<Comment>;
  /** Adds a comment (not retried: a repeat would post it twice). */
  create(
    issue: string,
    comment: NewComment,
    options?: CallOptions & { readonly isAddToFollowers?: boolean },
  ): Promise<Comment>;
  /** Edits a comment (by numeric id or longId). */
  edit(
    issue: string,
    commentId: string | number,
    changes: { readonly text?: string; readonly attachmentIds?: readonly (string | number)[] },
    options?: CallOptions,
  ): Promise<Comment>;
  /** Deletes a comment. */
  delete(issue: string, commentId: string | number, options?: CallOptions): Promise<void>;
}

/** Creates the comment endpoints. */
export function createCommentsApi(ctx: ApiContext): CommentsApi {
  return {
    list: (issue, options = {}) =>
      paginateCursor(
        ctx.http,
        {
          method: 'GET',
          path: ctx.path`issues/${issue}/comments`,
          signal: options.signal,
          sticky: { expand: options.expand },
        },
        reader(ctx, parseComment),
        { perPage: options.perPage, defaultPerPage: 50 },
      ),
    async create(issue, comment, options = {}) {
      const response = await ctx.http.json({
        method: 'POST',
        path: ctx.path`issues/${issue}/comments`,
        query: { isAddToFollowers: options.isAddToFollowers },
        json: comment,
        signal: options.signal,
      });
      return expectOne(response, reader(ctx, parseComment));
    },
    async edit(issue, commentId, changes, options = {}) {
      const response = await ctx.http.json({
        method: 'PATCH',
        path: ctx.path`issues/${issue}/comments/${commentId}`,
        json: changes,
        signal: options.signal,
      });
      return expectOne(response, reader(ctx, parseComment));
    },
    async delete(issue, commentId, options = {}) {
      await ctx.http.empty({
        method: 'DELETE',
        path: ctx.path`issues/${issue}/comments/${commentId}`,
        signal: options.signal,
      });
    },
  };
}
