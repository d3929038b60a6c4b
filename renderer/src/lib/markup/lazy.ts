/**
 * Loads the markup renderer on first use. markdown-it, highlight.js and DOMPurify are large, and
 * only the issue screen needs them, so they are split out of the initial bundle by this dynamic
 * import. Import nothing else from this folder statically outside it, or the split is lost.
 */

// A type-only import: erased from the output, so it does not pull the renderer into the bundle.
import type * as Markup from './index.ts';

/** The markup renderer module. */
export type MarkupModule = typeof Markup;

let pending: Promise<MarkupModule> | null = null;

/** The renderer module, loaded once; a failed load is retried by the next call. */
export function loadMarkup(): Promise<MarkupModule> {
  if (!pending) {
    const attempt = import('./index.ts');
    pending = attempt;
    attempt.catch(() => {
      if (pending === attempt) pending = null;
    });
  }
  return pending;
}
