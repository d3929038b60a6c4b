/**
 * The state of one list view (a scope, a pinned queue, search results or a saved search): where
 * its rows come from, its filter chips, the paged list itself, and live updates. Scope and queue
 * views page through `issues.list` on the cache; search results are fetched whole (at most 500,
 * best first) and then filtered and sorted in the renderer.
 */
import type {
  IpcError,
  IssueSummary,
  SavedSearch,
  TrackerBridge,
  Unsubscribe,
} from '../../../../preload/contract.ts';
import { getBridge, resolveBridge, toIpcError, unwrap, type BridgeSource } from '../bridge.ts';
import {
  IssueListState,
  type IssuePage,
  type IssuePageRequest,
} from '../list/issue-list.svelte.ts';
import { facetsOf, filterRows, scopeOf, sortRows, type IssueScope } from '../list/views.ts';
import { FilterState } from './facets.svelte.ts';
import type { ViewId } from './navigation.svelte.ts';

/** Where a view's rows come from. */
export type ViewSource =
  | { readonly kind: 'list'; readonly scope: IssueScope }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'query'; readonly text: string };

/** Most search hits or query rows fetched. */
export const SEARCH_LIMIT = 500;

/**
 * The source of `view`; a saved search is looked up in `saved` (null when it no longer exists).
 * The inbox is not a list view and has no source.
 */
export function sourceOf(view: ViewId, saved: readonly SavedSearch[]): ViewSource | null {
  const scope = scopeOf(view);
  if (scope !== null) return { kind: 'list', scope };
  if (view.kind === 'search') {
    return view.mode === 'query'
      ? { kind: 'query', text: view.text }
      : { kind: 'text', text: view.text };
  }
  if (view.kind === 'saved') {
    const search = saved.find((item) => item.id === view.id);
    if (!search) return null;
    return search.mode === 'query'
      ? { kind: 'query', text: search.text }
      : { kind: 'text', text: search.text };
  }
  return null;
}

// The issue last selected in each view (by view key), so coming back from an issue reselects it.
// Module-level on purpose: views are re-created on every route change.
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
const remembered = new Map<string, { key: string; index: number }>();

/** Forgets every remembered selection (tests, another account). */
export function forgetSelections(): void {
  remembered.clear();
}

/** Tuning for {@link IssuesViewState}. */
export interface IssuesViewOptions {
  /** The key the view's selection is remembered under (see `viewKey`). */
  readonly memoryKey?: string;
  /** Delay before `issue.changed` events reload the rows, so a burst reloads once. */
  readonly changeDebounceMs?: number;
  /** Rows per page. */
  readonly pageSize?: number;
}

/** One list view's rows, chips and status. */
export class IssuesViewState {
  /** Where the rows come from. */
  readonly source: ViewSource;
  /** The paged rows, sort and selection. */
  readonly list: IssueListState;
  /** The filter chips. */
  readonly filters: FilterState;
  /** Search snippets by issue key (text searches only). */
  snippets: Readonly<Record<string, string>> = $state.raw({});

  /** The failure of the last load, in the contract's shape. */
  readonly error: IpcError | null = $derived.by(() =>
    this.list.error === undefined ? null : toIpcError(this.list.error),
  );
  /** True until the first rows (or a failure) arrive. */
  readonly loading: boolean = $derived.by(() => !this.list.loaded && this.error === null);

  readonly #source: BridgeSource;
  readonly #memoryKey: string | undefined;
  readonly #debounceMs: number;
  #held: Promise<readonly IssueSummary[]> | null = null;
  #subscriptions: Unsubscribe[] = [];
  #lastSync: string | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    source: ViewSource,
    bridge: BridgeSource = getBridge,
    options: IssuesViewOptions = {},
  ) {
    this.source = source;
    this.#source = bridge;
    this.#memoryKey = options.memoryKey;
    this.#debounceMs = options.changeDebounceMs ?? 400;
    this.filters = new FilterState(() => void this.list.reload());
    this.list = new IssueListState((request) => this.#load(request), {
      pageSize: options.pageSize,
      sorted: source.kind === 'list',
    });
  }

  /** Loads the chip values and follows sync and issue changes until {@link dispose}. */
  start(): void {
    if (this.source.kind === 'list') void this.#loadFacets();
    try {
      const bridge = resolveBridge(this.#source);
      this.#subscriptions.push(
        bridge.sync.onChanged((status) => {
          const previous = this.#lastSync;
          this.#lastSync = status.state;
          if (previous === 'syncing' && status.state === 'idle') void this.refresh();
        }),
        bridge.issue.onChanged(() => {
          clearTimeout(this.#timer);
          this.#timer = setTimeout(() => void this.refresh(), this.#debounceMs);
        }),
      );
    } catch {
      // No bridge: the first load reports it as the view's error.
    }
  }

  /** Stops following changes. */
  dispose(): void {
    clearTimeout(this.#timer);
    for (const unsubscribe of this.#subscriptions) unsubscribe();
    this.#subscriptions = [];
  }

  /** Fetches everything again after a failure (Retry). */
  retry(): Promise<void> {
    this.#held = null;
    if (this.source.kind === 'list' && this.filters.facets === null) void this.#loadFacets();
    return this.list.reload();
  }

  /**
   * Reloads the rows in view in place (after a sync or an issue change), keeping the selection
   * and the scroll. Server queries are not re-run: they change only when the user asks.
   */
  async refresh(): Promise<void> {
    if (this.source.kind === 'query') return;
    this.#held = null;
    if (this.source.kind === 'list') void this.#loadFacets();
    await this.list.refresh();
  }

  /** Remembers the selected issue of this view, for when the user comes back to it. */
  rememberSelection(): void {
    const issue = this.list.selected;
    if (this.#memoryKey && issue) {
      remembered.set(this.#memoryKey, { key: issue.key, index: this.list.selectedIndex });
    }
  }

  /**
   * Selects the issue remembered for this view when it is still at (or near) its old place;
   * resolves true when it was found. Costs at most one page.
   */
  async restoreSelection(): Promise<boolean> {
    const memory = this.#memoryKey ? remembered.get(this.#memoryKey) : undefined;
    if (!memory) return false;
    await this.list.ensure(memory.index, memory.index + 1);
    const index =
      this.list.rowAt(memory.index)?.key === memory.key
        ? memory.index
        : this.list.indexOfKey(memory.key);
    if (index < 0) return false;
    this.list.select(index);
    this.list.requestReveal();
    return true;
  }

  #bridge(): TrackerBridge {
    return resolveBridge(this.#source);
  }

  async #loadFacets(): Promise<void> {
    if (this.source.kind !== 'list') return;
    const scope = this.source.scope;
    await this.filters.load(async () => unwrap(await this.#bridge().issues.facets({ scope })));
  }

  async #load(request: IssuePageRequest): Promise<IssuePage> {
    if (this.source.kind === 'list') {
      const answer = unwrap(
        await this.#bridge().issues.list({
          scope: this.source.scope,
          ...this.filters.request(),
          sort: request.sort,
          offset: request.offset,
          limit: request.limit,
        }),
      );
      return answer;
    }
    const rows = filterRows(await this.#heldRows(), this.filters.filters);
    const ordered = request.natural ? rows : sortRows(rows, request.sort);
    return {
      rows: ordered.slice(request.offset, request.offset + request.limit),
      total: ordered.length,
    };
  }

  /** The search hits or query rows, fetched once per (re)load. */
  #heldRows(): Promise<readonly IssueSummary[]> {
    if (this.#held) return this.#held;
    const held = this.#fetchHeld();
    this.#held = held;
    // A failure is not kept, so Retry asks again.
    held.catch(() => {
      if (this.#held === held) this.#held = null;
    });
    return held;
  }

  async #fetchHeld(): Promise<readonly IssueSummary[]> {
    const source = this.source;
    if (source.kind === 'list') return [];
    const text = source.text.trim();
    let rows: IssueSummary[] = [];
    if (text && source.kind === 'text') {
      const { hits } = unwrap(await this.#bridge().issues.search({ text, limit: SEARCH_LIMIT }));
      rows = hits.map((hit) => hit.issue);
      const snippets: Record<string, string> = {};
      for (const hit of hits) if (hit.snippet) snippets[hit.issue.key] = hit.snippet;
      this.snippets = snippets;
    } else if (text) {
      rows = unwrap(await this.#bridge().issues.query({ query: text, limit: SEARCH_LIMIT })).rows;
    }
    this.filters.facets = facetsOf(rows);
    return rows;
  }
}
