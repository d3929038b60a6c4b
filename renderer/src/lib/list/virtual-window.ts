/**
 * Pure arithmetic for a virtualized list with fixed-height rows: which rows a scroll position
 * shows, where the rendered slice sits, and a bounded cache of fetched pages.
 */

/** Where the list is scrolled and how it is laid out. */
export interface WindowInput {
  /** The viewport's `scrollTop` in px (clamped to the scrollable range). */
  readonly scrollTop: number;
  /** The viewport's visible height in px. */
  readonly viewportHeight: number;
  /** The fixed height of every row in px (must be positive). */
  readonly rowHeight: number;
  /** How many rows the list has. */
  readonly total: number;
  /** Extra rows rendered above and below the visible ones. */
  readonly overscan: number;
}

/** The slice of rows to render: `start` inclusive, `end` exclusive. */
export interface VirtualWindow {
  readonly start: number;
  readonly end: number;
  /** The top of row `start` in px, for positioning the rendered slice. */
  readonly offsetTop: number;
  /** The height of all rows in px, for the spacer that gives the scrollbar its range. */
  readonly totalHeight: number;
}

const nonNegative = (value: number): number => (Number.isFinite(value) && value > 0 ? value : 0);

/** The rows visible at `scrollTop`, widened by `overscan` on both sides and clamped to the list. */
export function computeWindow(input: WindowInput): VirtualWindow {
  const rowHeight = input.rowHeight > 0 ? input.rowHeight : 1;
  const total = Math.floor(nonNegative(input.total));
  const overscan = Math.floor(nonNegative(input.overscan));
  const viewportHeight = nonNegative(input.viewportHeight);
  const totalHeight = total * rowHeight;
  if (total === 0) return { start: 0, end: 0, offsetTop: 0, totalHeight: 0 };
  const maxScroll = Math.max(0, totalHeight - viewportHeight);
  const scrollTop = Math.min(nonNegative(input.scrollTop), maxScroll);
  const first = Math.floor(scrollTop / rowHeight);
  const last = Math.ceil((scrollTop + viewportHeight) / rowHeight);
  const start = Math.max(0, first - overscan);
  const end = Math.min(total, Math.max(last, first + 1) + overscan);
  return { start, end, offsetTop: start * rowHeight, totalHeight };
}

/**
 * The `scrollTop` that brings row `index` fully into view, moving as little as possible; the
 * current `scrollTop` when it is already visible.
 */
export function revealRow(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
): number {
  const top = Math.max(0, index) * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

/** How many whole rows fit in the viewport (at least one), for PageUp/PageDown. */
export function rowsPerViewport(viewportHeight: number, rowHeight: number): number {
  return Math.max(1, Math.floor(nonNegative(viewportHeight) / (rowHeight > 0 ? rowHeight : 1)));
}

/**
 * Fetched rows, kept in fixed-size pages. Only `maxPages` pages are held: storing a page beyond
 * that drops the pages farthest from the one being viewed, so memory stays bounded however far
 * the user scrolls through a long list.
 */
export class PageCache<T> {
  /** Rows per page. */
  readonly pageSize: number;
  /** The most pages held at once. */
  readonly maxPages: number;
  readonly #pages = new Map<number, readonly T[]>();

  constructor(pageSize: number, maxPages: number) {
    if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError('pageSize must be ≥ 1');
    if (!Number.isInteger(maxPages) || maxPages < 1) throw new RangeError('maxPages must be ≥ 1');
    this.pageSize = pageSize;
    this.maxPages = maxPages;
  }

  /** The page holding row `index`. */
  pageOf(index: number): number {
    return Math.floor(Math.max(0, index) / this.pageSize);
  }

  /** The pages rows `start`…`end - 1` fall into, in order; none for an empty range. */
  pagesFor(start: number, end: number): number[] {
    if (end <= start) return [];
    const pages: number[] = [];
    for (let page = this.pageOf(start); page <= this.pageOf(end - 1); page++) pages.push(page);
    return pages;
  }

  /** The pages of `start`…`end - 1` that are not held yet. */
  missing(start: number, end: number): number[] {
    return this.pagesFor(start, end).filter((page) => !this.#pages.has(page));
  }

  /** True when `page` is held. */
  has(page: number): boolean {
    return this.#pages.has(page);
  }

  /** Row `index`, or `undefined` when its page is not held (or the page is short). */
  get(index: number): T | undefined {
    if (index < 0) return undefined;
    return this.#pages.get(this.pageOf(index))?.[index % this.pageSize];
  }

  /**
   * Stores `rows` as `page`, then evicts the pages farthest from `focusPage` (by default the
   * stored one) until at most `maxPages` remain. Returns the evicted page numbers.
   */
  set(page: number, rows: readonly T[], focusPage: number = page): number[] {
    this.#pages.set(page, rows);
    return this.evict(focusPage);
  }

  /** Drops the pages farthest from `focusPage` beyond `maxPages`; returns what was dropped. */
  evict(focusPage: number): number[] {
    if (this.#pages.size <= this.maxPages) return [];
    const byDistance = [...this.#pages.keys()].sort(
      (a, b) => Math.abs(b - focusPage) - Math.abs(a - focusPage) || b - a,
    );
    const evicted = byDistance.slice(0, this.#pages.size - this.maxPages);
    for (const page of evicted) this.#pages.delete(page);
    return evicted;
  }

  /** Keeps only `pages` (those held among them); drops every other page. */
  retain(pages: readonly number[]): void {
    for (const page of [...this.#pages.keys()]) {
      if (!pages.includes(page)) this.#pages.delete(page);
    }
  }

  /** Forgets every page. */
  clear(): void {
    this.#pages.clear();
  }

  /** How many pages are held. */
  get size(): number {
    return this.#pages.size;
  }

  /** The held page numbers, ascending. */
  get pages(): number[] {
    return [...this.#pages.keys()].sort((a, b) => a - b);
  }
}
