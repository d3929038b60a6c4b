/** Boards, sprints and saved filters. */
import { parseBoard, parseBoardColumn, parseSavedFilter, parseSprint } from '../parse/agile.ts';
import type { Board, BoardColumn, SavedFilter, Sprint } from '../parse/types.ts';
import { expectList, expectOne } from '../response.ts';
import { reader, type ApiContext, type CallOptions } from './context.ts';

/** Board endpoints. */
export interface BoardsApi {
  list(options?: CallOptions): Promise<Board[]>;
  get(boardId: string | number, options?: CallOptions): Promise<Board>;
  columns(boardId: string | number, options?: CallOptions): Promise<BoardColumn[]>;
  /** The board's sprints. */
  sprints(boardId: string | number, options?: CallOptions): Promise<Sprint[]>;
}

/** Sprint endpoints. */
export interface SprintsApi {
  get(sprintId: string | number, options?: CallOptions): Promise<Sprint>;
}

/** Saved filter endpoints (undocumented; the official Python client uses them). */
export interface FiltersApi {
  get(filterId: string | number, options?: CallOptions): Promise<SavedFilter>;
}

/** Creates the board, sprint and filter endpoints. */
export function createAgileApi(ctx: ApiContext): {
  boards: BoardsApi;
  sprints: SprintsApi;
  filters: FiltersApi;
} {
  const get = (path: string, options: CallOptions) =>
    ctx.http.json({ method: 'GET', path, signal: options.signal });
  return {
    boards: {
      list: async (options = {}) =>
        expectList(await get(ctx.path`boards`, options), reader(ctx, parseBoard)),
      get: async (boardId, options = {}) =>
        expectOne(await get(ctx.path`boards/${boardId}`, options), reader(ctx, parseBoard)),
      columns: async (boardId, options = {}) =>
        expectList(
          await get(ctx.path`boards/${boardId}/columns`, options),
          reader(ctx, parseBoardColumn),
        ),
      sprints: async (boardId, options = {}) =>
        expectList(
          await get(ctx.path`boards/${boardId}/sprints`, options),
          reader(ctx, parseSprint),
        ),
    },
    sprints: {
      get: async (sprintId, options = {}) =>
        expectOne(await get(ctx.path`sprints/${sprintId}`, options), reader(ctx, parseSprint)),
    },
    filters: {
      get: async (filterId, options = {}) =>
        expectOne(await get(ctx.path`filters/${filterId}`, options), reader(ctx, parseSavedFilter)),
    },
  };
}
