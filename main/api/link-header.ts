/**
 * RFC 8288 (ex-5988) Link header parsing. Tracker sends `next`, `first` and `seek` links; fetch
 * joins repeated headers with ", ", and URIs may hold commas (query strings) and URI templates
 * (`{&page}`), so the value is scanned character by character instead of split on commas.
 */

/** One link: its target and parameters (`rel` split into its space-separated relation types). */
export interface LinkValue {
  readonly uri: string;
  readonly rels: readonly string[];
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Parses one or more Link header values (repeated headers may be passed as an array). Malformed
 * parts are skipped; parsing never throws.
 */
export function parseLinkHeader(
  header: string | readonly string[] | null | undefined,
): LinkValue[] {
  if (header === null || header === undefined) return [];
  const values = typeof header === 'string' ? [header] : header;
  const out: LinkValue[] = [];
  for (const value of values) parseInto(value, out);
  return out;
}

/** The first URI of each relation type, e.g. `{ next: '…', seek: '…{&page}' }`. */
export function linksByRel(
  header: string | readonly string[] | null | undefined,
): Partial<Record<string, string>> {
  const byRel: Partial<Record<string, string>> = {};
  for (const link of parseLinkHeader(header)) {
    for (const rel of link.rels) byRel[rel] ??= link.uri;
  }
  return byRel;
}

function parseInto(text: string, out: LinkValue[]): void {
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Skip separators and whitespace between links; resync on junk by finding the next '<'.
    const open = text.indexOf('<', i);
    if (open < 0) return;
    const close = text.indexOf('>', open + 1);
    if (close < 0) return;
    const uri = text.slice(open + 1, close).trim();
    i = close + 1;
    const params: Record<string, string> = {};
    // Parameters: ;name[=value] until a top-level ',' (the next link) or the end.
    while (i < n) {
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      if (i >= n) break;
      const ch = text[i];
      if (ch === ',') {
        i++;
        break;
      }
      if (ch !== ';') {
        // Junk after the URI: skip to the next separator.
        i++;
        continue;
      }
      i++;
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      let nameEnd = i;
      while (nameEnd < n && /[^=;,\s]/.test(text[nameEnd] ?? '')) nameEnd++;
      const name = text.slice(i, nameEnd).toLowerCase();
      i = nameEnd;
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      let value = '';
      if (text[i] === '=') {
        i++;
        while (i < n && isSpace(text.charCodeAt(i))) i++;
        if (text[i] === '"') {
          [value, i] = readQuoted(text, i + 1);
        } else {
          let end = i;
          while (end < n && text[end] !== ';' && text[end] !== ',') end++;
          value = text.slice(i, end).trim();
          i = end;
        }
      }
      // The first occurrence of a parameter wins (RFC 8288 §3).
      if (name && !(name in params)) params[name] = value;
    }
    const rels = (params.rel ?? '')
      .split(/\s+/)
      .map((rel) => rel.toLowerCase())
      .filter(Boolean);
    if (uri || rels.length) out.push({ uri, rels, params });
  }
}

function readQuoted(text: string, start: number): [string, number] {
  let value = '';
  let i = start;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length) {
      value += text[i + 1];
      i += 2;
    } else if (ch === '"') {
      return [value, i + 1];
    } else {
      value += ch;
      i++;
    }
  }
  return [value, i];
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/**
 * Fills the `seek` URI template for a page. Tracker uses RFC 6570 form-style expansions:
 * `{&page}` → `&page=N`, `{?page}` → `?page=N`; a plain `{page}` is replaced by the number.
 */
export function expandSeek(template: string, page: number): string {
  const filled = template
    .replace(/\{([?&])page\}/g, (_m, op: string) => `${op}page=${page}`)
    .replace(/\{page\}/g, String(page));
  // `…?{&page}` expands to `?&page=2`, harmless but untidy.
  return filled.replace('?&', '?');
}
