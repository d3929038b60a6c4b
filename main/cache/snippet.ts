/**
 * Highlighted snippets, cut in JavaScript from the original text: the index holds stems, so FTS5's
 * own snippet() would show "задач" where the user wrote "задачи". The result is plain text with
 * {@link HIGHLIGHT_START}/{@link HIGHLIGHT_END} around matched words; the renderer turns those into
 * marks without ever parsing HTML.
 */
import { normalizeWord, tokenMatches, tokenize, type QueryTerm, type Token } from './text.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START } from './types.ts';

/** Characters of context kept before the first match. */
const LEAD = 30;
/** Snippet length before the ellipses. */
export const SNIPPET_LENGTH = 160;
/** How far into a long text a match is looked for. */
const SCAN_LIMIT = 32 * 1024;

const MARKERS = new RegExp(`[${HIGHLIGHT_START}${HIGHLIGHT_END}]`, 'g');

function matching(tokens: readonly Token[], terms: readonly QueryTerm[]): Token[] {
  return tokens.filter((token) => terms.some((term) => tokenMatches(token, term)));
}

/**
 * A snippet of `text` around its first word matching any of `terms`, or undefined when no word
 * matches. Whitespace runs (newlines included) become one space.
 */
export function snippet(
  text: string | undefined,
  terms: readonly QueryTerm[],
  length = SNIPPET_LENGTH,
): string | undefined {
  if (!text) return undefined;
  const clean = text.slice(0, SCAN_LIMIT).replace(MARKERS, '').replace(/\s+/g, ' ').trim();
  const hits = matching(tokenize(clean), terms);
  const first = hits[0];
  if (!first) return undefined;
  let start = Math.max(0, first.start - LEAD);
  if (start > 0) {
    // Start on a word boundary so the snippet never opens mid-word.
    const space = clean.indexOf(' ', start);
    start = space >= 0 && space < first.start ? space + 1 : first.start;
  }
  let end = Math.min(clean.length, start + length);
  if (end < clean.length) {
    const space = clean.lastIndexOf(' ', end);
    if (space > first.end) end = space;
  }
  end = Math.max(end, first.end);
  let out = start > 0 ? '…' : '';
  let at = start;
  for (const hit of hits) {
    if (hit.start < start) continue;
    if (hit.end > end) break;
    out +=
      clean.slice(at, hit.start) +
      HIGHLIGHT_START +
      clean.slice(hit.start, hit.end) +
      HIGHLIGHT_END;
    at = hit.end;
  }
  out += clean.slice(at, end);
  if (end < clean.length) out += '…';
  return out;
}

/** The key or alias the query matched (whole, or by queue or number), highlighted. */
export function keySnippet(
  keys: readonly string[],
  terms: readonly QueryTerm[],
): string | undefined {
  for (const key of keys) {
    const norm = normalizeWord(key);
    const dash = norm.lastIndexOf('-');
    const parts: Token[] = [{ norm, start: 0, end: key.length, isKey: true }];
    if (dash > 0) {
      parts.push({ norm: norm.slice(0, dash), start: 0, end: dash, isKey: false });
      parts.push({ norm: norm.slice(dash + 1), start: dash + 1, end: key.length, isKey: false });
    }
    if (matching(parts, terms).length > 0) return `${HIGHLIGHT_START}${key}${HIGHLIGHT_END}`;
  }
  return undefined;
}
