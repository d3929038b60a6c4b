/** Queues and their fields. */
import { paginateSeekable, type PageStream } from '../paginate.ts';
import { parseField, parseQueue } from '../parse/entities.ts';
import type { Field, Queue } from '../parse/types.ts';
import { expectList, expectOne } from '../response.ts';
import { reader, type ApiContext, type CallOptions } from './context.ts';
import type { PageOptions } from './users.ts';

/** Queue endpoints. */
export interface QueuesApi {
  /** All queues (seekable, with totals); `expand` e.g. `['projects', 'components']`. */
  list(options?: PageOptions & { readonly expand?: readonly string[] }): PageStream<Queue>;
  /** One queue by key (case-sensitive) or id; `expand` e.g. `['all']` or `['fields']`. */
  get(
    key: string | number,
    options?: CallOptions & { readonly expand?: readonly string[] },
  ): Promise<Queue>;
  /** The queue's required fields. */
  fields(key: string | number, options?: CallOptions): Promise<Field[]>;
  /** The queue's local fields (ids like `<owner>--<key>`). */
  localFields(key: string | number, options?: CallOptions): Promise<Field[]>;
}

/** Creates the queue endpoints. */
export function createQueuesApi(ctx: ApiContext): QueuesApi {
  async function fieldList(path: string, options: CallOptions) {
    const response = await ctx.http.json({ method: 'GET', path, signal: options.signal });
    return expectList(response, reader(ctx, parseField));
  }
  return {
    list: (options = {}) =>
      paginateSeekable(
        ctx.http,
        {
          method: 'GET',
          path: ctx.path`queues/`,
          signal: options.signal,
          sticky: { expand: options.expand },
        },
        reader(ctx, parseQueue),
        options,
      ),
    async get(key, options = {}) {
      const response = await ctx.http.json({
        method: 'GET',
        path: ctx.path`queues/${key}`,
        query: { expand: options.expand },
        signal: options.signal,
      });
      return expectOne(response, reader(ctx, parseQueue));
    },
    fields: (key, options = {}) => fieldList(ctx.path`queues/${key}/fields`, options),
    localFields: (key, options = {}) => fieldList(ctx.path`queues/${key}/localFields`, options),
  };
}
