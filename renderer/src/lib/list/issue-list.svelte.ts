/**
 * The state behind the virtualized issue list: the total, the sort, the selection and the rows
 * fetched so far, loaded page by page through an injected loader (the view passes the bridge's
 * `issues.list` with its scope and filters).
 */
import type { InvokeRequest, IssueSummary } from '../../../../preload/contract.ts';
import { PageCache } from './virtual-window.ts';

/** The sort the list asks for. */
export type IssueSort = NonNullable<InvokeRequest<'issues.list'>['sort']>;

/** A column the list can sort by. */
export type IssueSortField = IssueSort['field'];

/** One page request. */
export interface IssuePageRequest {
  readonly offset: number;
  readonly limit: number;
  readonly sort: IssueSort;
  /**
   * True while the user has not picked a sort column: the loader keeps its own natural order
   * (search hits best first) and `sort` is only the default a column click starts from.
   */
  readonly natural?: boolean;
}

/** One page answer: the rows from `offset` and how many rows the whole list has. */
export interface IssuePage {
  readonly rows: readonly IssueSummary[];
  readonly total: number;
}

/** Fetches one page of issues. */
export type IssuePageLoader = (request: IssuePageRequest) => Promise<IssuePage>;

/** Tuning for {@link IssueListState}. */
export interface IssueListOptions {
  /** Rows per request; 100 by default. */
  readonly pageSize?: number;
  /** Pages kept in memory; 20 by default (2,000 rows). */
  readonly maxPages?: number;
  /** The initial sort; most recently updated first by default. */
  readonly sort?: IssueSort;
  /** False to start in the loader's natural order (no column sorted), e.g. search relevance. */
  readonly sorted?: boolean;
}

/** Paged, sortable issue rows with a selection. */
export class IssueListState {
  /** How many rows the list has; 0 until the first page arrives. */
  total = $state(0);
  /** True once a page has answered for the current sort. */
  loaded = $state(false);
  /** The last loader failure, cleared by the next success. */
  error: unknown = $state(undefined);
  /** The selected row, or -1 for none. */
  selectedIndex = $state(-1);
  /** False while the rows are in the loader's natural order (no column sorted). */
  sorted = $state(true);
  /** Bumped by {@link requestReveal}; the list view scrolls the selected row into view. */
  revealTick = $state(0);

  readonly #load: IssuePageLoader;
  readonly #cache: PageCache<IssueSummary>;
  #sort: IssueSort = $state({ field: 'updated', direction: 'desc' });
  // Bumped whenever pages arrive or are dropped, so rowAt() re-runs where it is read.
  #revision = $state(0);
  // Bumped by a sort change or a reload; answers to older generations are ignored.
  #generation = 0;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
  #inFlight = new Map<number, Promise<void>>();
  #window: { start: number; end: number } = { start: 0, end: 0 };

  constructor(load: IssuePageLoader, options: IssueListOptions = {}) {
    this.#load = load;
    this.#cache = new PageCache(options.pageSize ?? 100, options.maxPages ?? 20);
    if (options.sort) this.#sort = { ...options.sort };
    if (options.sorted === false) this.sorted = false;
  }

  /** Rows per request. */
  get pageSize(): number {
    return this.#cache.pageSize;
  }

  /** The current sort; assigning a different one drops every page and refetches the window. */
  get sort(): IssueSort {
    return this.#sort;
  }

  set sort(next: IssueSort) {
    const same = next.field === this.#sort.field && next.direction === this.#sort.direction;
    if (same && this.sorted) return;
    this.#sort = { field: next.field, direction: next.direction };
    this.sorted = true;
    this.selectedIndex = -1;
    this.#reset();
  }

  /** Sorts by `field`: ascending first, the other direction when it is already the sort field. */
  toggleSort(field: IssueSortField): void {
    const direction =
      this.sorted && this.#sort.field === field
        ? this.#sort.direction === 'asc'
          ? 'desc'
          : 'asc'
        : 'asc';
    this.sort = { field, direction };
  }

  /** Row `index`, or `undefined` while its page is loading (or outside the list). */
  rowAt(index: number): IssueSummary | undefined {
    void this.#revision;
    return this.#cache.get(index);
  }

  /** The selected row when it is loaded. */
  get selected(): IssueSummary | undefined {
    return this.selectedIndex < 0 ? undefined : this.rowAt(this.selectedIndex);
  }

  /** How many pages are held (bounded by `maxPages`). */
  get cachedPages(): number {
    void this.#revision;
    return this.#cache.size;
  }

  /**
   * Fetches the pages of rows `start`…`end - 1` that are neither held nor already being fetched;
   * before the first answer, at least the page holding `start`. Resolves once they have arrived
   * (or failed, see {@link error}); never rejects.
   */
  ensure(start: number, end: number): Promise<void> {
    const from = Math.max(0, Math.floor(start));
    let to = Math.max(from, Math.ceil(end));
    if (this.loaded) to = Math.min(to, this.total);
    else to = Math.max(to, from + 1);
    this.#window = { start: from, end: to };
    const waits: Promise<void>[] = [];
    for (const page of this.#cache.missing(from, to)) {
      waits.push(this.#inFlight.get(page) ?? this.#fetch(page));
    }
    return Promise.all(waits).then(() => undefined);
  }

  /** Drops every page and refetches the last window, keeping the sort. */
  reload(): Promise<void> {
    this.#reset();
    return this.ensure(this.#window.start, this.#window.end);
  }

  /**
   * Refetches the pages in view without dropping them first, so the rows stay on screen (no
   * placeholders, no lost scroll) until fresh ones replace them; pages out of view are dropped.
   * The selection follows its issue when the issue moved within the fetched rows.
   */
  async refresh(): Promise<void> {
    const selectedKey = this.selected?.key;
    this.#generation++;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
    this.#inFlight = new Map();
    const keep = this.#cache.pagesFor(this.#window.start, Math.max(this.#window.end, 1));
    this.#cache.retain(keep);
    this.#revision++;
    await Promise.all(keep.map((page) => this.#fetch(page)));
    if (selectedKey === undefined || this.selected?.key === selectedKey) return;
    const moved = this.indexOfKey(selectedKey);
    if (moved >= 0) this.selectedIndex = moved;
  }

  /** The index of the held row with `key`, or -1 when no held page has it. */
  indexOfKey(key: string): number {
    void this.#revision;
    for (const page of this.#cache.pages) {
      for (let index = page * this.pageSize; index < (page + 1) * this.pageSize; index++) {
        const row = this.#cache.get(index);
        if (row === undefined) break;
        if (row.key === key) return index;
      }
    }
    return -1;
  }

  /** Asks the list view to scroll the selected row into view (e.g. after restoring it). */
  requestReveal(): void {
    this.revealTick++;
  }

  /** Selects row `index`, clamped to the list; returns the selected index (-1 when empty). */
  select(index: number): number {
    this.selectedIndex = this.total > 0 ? Math.min(this.total - 1, Math.max(0, index)) : -1;
    return this.selectedIndex;
  }

  /** Moves the selection by `delta` rows (the first row when nothing is selected yet). */
  moveSelection(delta: number): number {
    if (this.selectedIndex < 0) return this.select(delta < 0 ? this.total - 1 : 0);
    return this.select(this.selectedIndex + delta);
  }

  #reset(): void {
    this.#generation++;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
    this.#inFlight = new Map();
    this.#cache.clear();
    this.#revision++;
    void this.ensure(this.#window.start, this.#window.end);
  }

  #fetch(page: number): Promise<void> {
    const generation = this.#generation;
    const inFlight = this.#inFlight;
    const sort = { ...this.#sort };
    const request: IssuePageRequest = {
      offset: page * this.pageSize,
      limit: this.pageSize,
      sort,
      ...(this.sorted ? {} : { natural: true }),
    };
    const promise = this.#load(request).then(
      (answer) => {
        if (generation !== this.#generation) return;
        const focus = this.#cache.pageOf(this.#window.start);
        this.#cache.set(page, answer.rows, focus);
        this.total = Math.max(0, answer.total);
        this.loaded = true;
        this.error = undefined;
        if (this.selectedIndex >= this.total) this.selectedIndex = this.total - 1;
        this.#revision++;
      },
      (error: unknown) => {
        if (generation !== this.#generation) return;
        this.error = error;
      },
    );
    const settled = promise.finally(() => {
      if (inFlight.get(page) === settled) inFlight.delete(page);
    });
    inFlight.set(page, settled);
    return settled;
  }
}
