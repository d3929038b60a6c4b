import { renderMarkup } from '../../../../../renderer/src/lib/markup/index.ts';
import type { RenderMarkupOptions } from '../../../../../renderer/src/lib/markup/index.ts';

/** Renders `source` and parses the result into an inert fragment for DOM assertions. */
export function render(source: string, options: RenderMarkupOptions = {}): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = renderMarkup(source, { window, ...options });
  return template.content;
}
