/** `myself` and the organization's users. */
import type { PageStream } from '../paginate.ts';
import { paginateSeekable } from '../paginate.ts';
import { parseMyself, parseUser } from '../parse/entities.ts';
import type { User } from '../parse/types.ts';
import { expectOne } from '../response.ts';
import { reader, type ApiContext, type CallOptions } from './context.ts';

/** Options of a page-paginated list. */
export interface PageOptions extends CallOptions {
  /** Items per page (service default 50). */
  readonly perPage?: number;
  /** The page to start from (1-based). */
  readonly page?: number;
}

/** Users endpoints. */
export interface UsersApi {
  /** All users of the organization, page by page (seekable, with totals). */
  list(options?: PageOptions): PageStream<User>;
  /** One user by uid or login. */
  get(idOrLogin: string | number, options?: CallOptions): Promise<User>;
}

/** The current user; also the access check (a 403 here hints at the organization kind). */
export async function getMyself(ctx: ApiContext, options: CallOptions = {}): Promise<User> {
  const response = await ctx.http.json({
    method: 'GET',
    path: ctx.path`myself`,
    signal: options.signal,
    identityCheck: true,
  });
  return expectOne(response, reader(ctx, parseMyself));
}

/** Creates the users endpoints. */
export function createUsersApi(ctx: ApiContext): UsersApi {
  return {
    list: (options = {}) =>
      paginateSeekable(
        ctx.http,
        { method: 'GET', path: ctx.path`users`, signal: options.signal },
        reader(ctx, parseUser),
        options,
      ),
    async get(idOrLogin, options = {}) {
      const response = await ctx.http.json({
        method: 'GET',
        path: ctx.path`users/${idOrLogin}`,
        signal: options.signal,
      });
      return expectOne(response, reader(ctx, parseUser));
    },
  };
}
