/**
 * Search snippets from the cache mark matched words with control characters (\u0002 before,
 * \u0003 after). These helpers split such text into plain and marked parts, so components render
 * them as text nodes inside <mark> elements, never as HTML.
 */

/** A piece of a snippet: plain text, or a matched word to highlight. */
export interface SnippetPart {
  readonly text: string;
  readonly mark: boolean;
}

const OPEN = '\u0002';
const CLOSE = '\u0003';

/**
 * Splits `snippet` at its markers; an unclosed marker highlights to the end, a stray closing
 * marker is dropped, and empty parts are left out.
 */
export function parseSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let mark = false;
  let text = '';
  const flush = () => {
    if (text) parts.push({ text, mark });
    text = '';
  };
  for (const char of snippet) {
    if (char === OPEN) {
      flush();
      mark = true;
    } else if (char === CLOSE) {
      flush();
      mark = false;
    } else {
      text += char;
    }
  }
  flush();
  return parts;
}

/** The snippet as plain text (markers removed), for tooltips and accessible names. */
export function snippetText(snippet: string): string {
  return snippet.replaceAll(OPEN, '').replaceAll(CLOSE, '');
}
