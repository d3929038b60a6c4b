/**
 * One pass over a search, oldest change first, committing page by page.
 *
 * Pages are walked by keyset, not by page number: every request asks for page 1 of
 * `Updated >= <updatedAt of the last issue received>`. Numbered pages shift when an issue changes
 * or leaves the result while we read (an issue would slip from page 3 into page 2 after we read
 * page 2, and be skipped); a keyset restarts from where we are, so an issue that changes meanwhile
 * simply comes again at the end. Issues of the cursor's second come again too and are skipped by
 * version; only a tie block larger than a page falls back to page numbers within that second.
 *
 * When the first page reports more than `scrollThreshold` results the rest is read with a sorted
 * scroll (a server-side snapshot, tracker-api.md §2.4), still committed page by page.
 */
import type { Issue } from '../api/parse/types.ts';
import { applyPage, type RunContext, type ScopeRun } from './page.ts';
import { passQuery } from './query.ts';

/** Progress of a scope: issues committed by this pass and the expected total. */
export interface SyncProgress {
  readonly scope: string;
  readonly done: number;
  readonly total: number;
}

/** What a pass reads. */
export interface PassSpec {
  /** The scope's query, without date condition or sort. */
  readonly query: string;
  /** Start of the window (server time, epoch ms); undefined for everything. */
  readonly from: number | undefined;
  readonly pageSize: number;
  readonly scrollThreshold: number;
  readonly onProgress?: (progress: SyncProgress) => void;
}

function second(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** The `updatedAt` of the last issue that has one. */
function lastUpdated(items: readonly Issue[]): number | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    const at = items[i]?.updatedAt;
    if (at !== undefined) return at;
  }
  return undefined;
}

/** Reads the whole window of `spec` into the store for `run`. */
export async function runPass(ctx: RunContext, run: ScopeRun, spec: PassSpec): Promise<void> {
  const report = (remaining: number) => {
    const done = run.seen.size;
    spec.onProgress?.({ scope: run.scope, done, total: done + Math.max(0, remaining) });
  };
  let cursor = spec.from === undefined ? undefined : second(spec.from);
  let pageNo = 1;
  for (let request = 0; ; request++) {
    const selector = { query: passQuery(spec.query, cursor) };
    const page = await ctx.api.issues
      .search(selector, { perPage: spec.pageSize, page: pageNo, signal: ctx.signal })
      .first();
    const items = page?.items ?? [];
    await applyPage(ctx, run, items);
    const total = page?.totalCount ?? items.length;
    report(total - (pageNo - 1) * spec.pageSize - items.length);
    if (items.length < spec.pageSize) return;
    const next = lastUpdated(items);
    const nextCursor = next === undefined ? cursor : second(next);
    if (request === 0 && total > spec.scrollThreshold) {
      await scrollFrom(ctx, run, spec, nextCursor, report);
      return;
    }
    if (nextCursor !== undefined && (cursor === undefined || nextCursor > cursor)) {
      cursor = nextCursor;
      pageNo = 1;
    } else {
      // A whole page within one second: the keyset cannot move, so page within that second.
      pageNo++;
    }
  }
}

/** The rest of a large pass as a sorted scroll from `cursor`. */
async function scrollFrom(
  ctx: RunContext,
  run: ScopeRun,
  spec: PassSpec,
  cursor: number | undefined,
  report: (remaining: number) => void,
): Promise<void> {
  ctx.log.info('sync scrolls a large scope', { scope: run.scope });
  const stream = ctx.api.issues.searchScroll(
    { query: passQuery(spec.query, cursor) },
    { perScroll: Math.min(1000, spec.pageSize), type: 'sorted', signal: ctx.signal },
  );
  let consumed = 0;
  for await (const page of stream) {
    await applyPage(ctx, run, page.items);
    consumed += page.items.length;
    report((page.totalCount ?? consumed) - consumed);
  }
}
