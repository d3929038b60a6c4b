/** What the list-render bench page (bench/list-render/main.ts) exposes as `window.listBench`. */

/** One first-screen measurement, in ms since the loader answered the first page. */
export interface FirstScreenSample {
  /** The rows of the first screen are in the DOM (Svelte has flushed). */
  readonly domMs: number;
  /** The frame holding those rows has been rendered (see main.ts for the method). */
  readonly paintMs: number;
  /** Row elements in the DOM at that moment. */
  readonly rows: number;
}

/** What one scripted scroll run saw. */
export interface ScrollRun {
  /** Scroll positions visited, one per frame. */
  readonly steps: number;
  /** The most row elements (rows and placeholders) in the DOM after any step. */
  readonly maxRows: number;
  /** The most `[role=row]` elements in the whole document (with the header row). */
  readonly maxRowsInDocument: number;
  /** Steps after which the first rendered row was not the one the scroll position calls for. */
  readonly mismatches: number;
  /** The first few scrollTop values where that happened. */
  readonly mismatchAt: readonly number[];
  /** Steps whose frame still showed placeholders (rows not loaded yet). */
  readonly placeholderFrames: number;
  /** Per step: scroll event to the list updated and laid out (script + style + layout), ms. */
  readonly updateMs: number[];
  /** Per step: scroll event to the frame rendered (the frame's main-thread work), ms. */
  readonly frameMs: number[];
}

/** Rows currently in the DOM, for assertions. */
export interface RowSnapshot {
  readonly scrollTop: number;
  readonly viewportHeight: number;
  readonly rowHeight: number;
  readonly overscan: number;
  /** `aria-rowindex` (header = 1, row i = i + 2) and key of each row element, in DOM order. */
  readonly rows: readonly { readonly rowIndex: number; readonly key: string | null }[];
}

/** The page's API. */
export interface ListBench {
  /**
   * Mounts a fresh list over `total` synthetic rows, holds the loader's first answer until the
   * placeholders are on screen, releases it and measures until the first screen of rows is shown.
   */
  firstScreen(total: number): Promise<FirstScreenSample>;
  /** Scrolls the mounted list through top, a full sweep, middle, bottom and random jumps. */
  scrollRun(options?: {
    maxSweepSteps?: number;
    jumps?: number;
    seed?: number;
  }): Promise<ScrollRun>;
  /** Sets the viewport's scrollTop and waits until the frame after it is rendered. */
  scrollTo(top: number): Promise<RowSnapshot>;
  /** The rows in the DOM now. */
  snapshot(): RowSnapshot;
  /** Removes the list. */
  unmount(): void;
}

declare global {
  interface Window {
    listBench: ListBench;
  }
}
