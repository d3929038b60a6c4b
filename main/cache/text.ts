/**
 * Text analysis for full-text search, shared by indexing and querying so both sides always agree.
 * SQLite's FTS5 has no Russian stemmer and node:sqlite cannot register a custom tokenizer, so the
 * words are stemmed here and FTS5 only sees the result: lowercase terms separated by spaces.
 *
 * A word becomes its stem plus, when different, its lowercased surface form. The stem makes
 * "задачи" find "задача"; the surface form lets a prefix typed past the stem still match
 * ("runn" → "running", whose stem is "run").
 */
import { stemmer as englishStem } from '@orama/stemmers/english';
import { stemmer as russianStem } from '@orama/stemmers/russian';

/** One word of a text, with where it sits in the original string. */
export interface Token {
  /** Lowercased, `ё` folded to `е`; an issue key keeps its hyphen (`queue-12`). */
  readonly norm: string;
  readonly start: number;
  readonly end: number;
  /** Whether this is an issue key (`QUEUE-12`), matched whole rather than stemmed. */
  readonly isKey: boolean;
}

/**
 * The shortest word also matched as a prefix while typing. Two letters would expand to thousands
 * of terms (every word starting "по") and cost seconds; the index keeps 3-letter prefixes
 * (schema.ts), which makes the expansion one lookup from here on.
 */
export const MIN_PREFIX = 3;
/** Words longer than this are noise (hashes, base64, URLs glued together) and are not indexed. */
const MAX_TOKEN_LENGTH = 48;
/** Only this much of one field is indexed; giant pasted logs would bloat the index for nothing. */
export const MAX_INDEXED_CHARS = 64 * 1024;

// A run of letters/digits (marks kept so a decomposed "й" stays one word), optionally followed by
// `-digits`: a key like QUEUE-12. In a query the digits may still be missing ("QUEUE-" so far).
const WORD = /([\p{L}\p{M}\p{N}]+)(?:-(\p{N}*))?/gu;
const KEY_HEAD = /^[a-z][a-z0-9]*$/;
const CYRILLIC = /[\u0400-\u04ff]/;
const LATIN = /[a-z]/;

// Stemming dominates indexing time; vocabularies are small, so remember recent results.
const STEM_MEMO_LIMIT = 100_000;
const stemMemo = new Map<string, string>();

const NON_ASCII = /[^\p{ASCII}]/u;
const COMBINING = /\p{Mn}/gu;

/**
 * Lowercases and folds `ё` to `е`, the way Russian text is commonly typed; strips accents from
 * non-Cyrillic words (café → cafe). Cyrillic keeps its marks: й is not и.
 */
export function normalizeWord(word: string): string {
  const lower = word.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  if (CYRILLIC.test(lower)) return lower.normalize('NFC').replaceAll('ё', 'е');
  return lower.normalize('NFD').replace(COMBINING, '').normalize('NFC');
}

/** The stem of a normalized word: Russian for Cyrillic, English for Latin, else unchanged. */
export function stem(norm: string): string {
  const known = stemMemo.get(norm);
  if (known !== undefined) return known;
  let out = norm;
  if (norm.length > 2) {
    if (CYRILLIC.test(norm)) out = russianStem(norm);
    else if (LATIN.test(norm)) out = englishStem(norm);
  }
  if (out === '') out = norm;
  if (stemMemo.size >= STEM_MEMO_LIMIT) stemMemo.clear();
  stemMemo.set(norm, out);
  return out;
}

/**
 * The words of `text` in order. `allowOpenKey` accepts a key with no digits yet (`QUEUE-`), which
 * only makes sense for the word being typed at the end of a query.
 */
export function tokenize(text: string, allowOpenKey = false): Token[] {
  const out: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const head = match[1] ?? '';
    const digits = match[2];
    const start = match.index;
    const headNorm = normalizeWord(head);
    const keyLike = digits !== undefined && KEY_HEAD.test(headNorm);
    if (keyLike && (digits !== '' || allowOpenKey)) {
      const end = start + match[0].length;
      out.push({ norm: `${headNorm}-${digits}`, start, end, isKey: true });
      continue;
    }
    if (head.length <= MAX_TOKEN_LENGTH) {
      out.push({ norm: headNorm, start, end: start + head.length, isKey: false });
    }
    if (digits) {
      const digitsStart = start + head.length + 1;
      out.push({
        norm: digits,
        start: digitsStart,
        end: digitsStart + digits.length,
        isKey: false,
      });
    }
  }
  return out;
}

/**
 * The FTS terms for a text field: stems and differing surface forms; keys mentioned in the text are
 * indexed whole and by their parts, so "QUEUE-12" in a comment finds that comment too.
 */
export function indexTerms(text: string | undefined): string {
  if (!text) return '';
  const source = text.length > MAX_INDEXED_CHARS ? text.slice(0, MAX_INDEXED_CHARS) : text;
  const terms: string[] = [];
  for (const token of tokenize(source)) {
    if (token.isKey) {
      const dash = token.norm.lastIndexOf('-');
      terms.push(token.norm, token.norm.slice(0, dash), token.norm.slice(dash + 1));
      continue;
    }
    const stemmed = stem(token.norm);
    terms.push(stemmed);
    if (stemmed !== token.norm) terms.push(token.norm);
  }
  return terms.join(' ');
}

/** The FTS terms of the key column: the key and every alias, whole and by queue and number. */
export function keyTerms(key: string, aliases: readonly string[]): string {
  const terms: string[] = [];
  for (const each of [key, ...aliases]) {
    const norm = normalizeWord(each);
    const dash = norm.lastIndexOf('-');
    terms.push(norm);
    if (dash > 0) terms.push(norm.slice(0, dash), norm.slice(dash + 1));
  }
  return terms.join(' ');
}

/** What one query word matches, also used to highlight snippets. */
export interface QueryTerm {
  /** Stems that must match exactly (the word's stem, or the whole key). */
  readonly exact: string;
  /** Prefixes any of which may match instead, for the word being typed; empty otherwise. */
  readonly prefixes: readonly string[];
  readonly isKey: boolean;
}

/** A user query turned into an FTS5 MATCH expression. */
export interface ParsedQuery {
  /** The MATCH expression; every term quoted, so user input can never be FTS syntax. */
  readonly match: string;
  readonly terms: readonly QueryTerm[];
}

/** Options of {@link parseQuery}. */
export interface ParseQueryOptions {
  /**
   * Treat the last word as a prefix (search while typing); default true. It is never applied when
   * the text ends with a space (the word is finished) or to a word shorter than {@link MIN_PREFIX}.
   */
  readonly prefix?: boolean;
}

/**
 * Parses free text into an FTS5 expression: the AND of every word. A word matches by stem; the
 * last one, while typed, also by the prefix of its stem or of its surface form. Returns undefined
 * when the text has no searchable word. Quotes, `*`, `NEAR`, `OR` and the like come out as
 * plain quoted terms: the tokenizer drops punctuation and every word is wrapped in double quotes.
 */
export function parseQuery(text: string, options: ParseQueryOptions = {}): ParsedQuery | undefined {
  const typing = (options.prefix ?? true) && !/\s$/.test(text);
  const tokens = tokenize(text.slice(0, 1000), typing);
  if (tokens.length === 0) return undefined;
  const terms: QueryTerm[] = [];
  const parts: string[] = [];
  tokens.forEach((token, index) => {
    const last = index === tokens.length - 1;
    const exact = token.isKey ? token.norm : stem(token.norm);
    const prefixed = last && typing && token.norm.length >= MIN_PREFIX;
    const prefixes = prefixed ? unique([exact, token.norm]) : [];
    terms.push({ exact, prefixes, isKey: token.isKey });
    // The exact term rides along with the prefixes: it matches nothing more, but a document
    // holding the whole word then scores both and ranks above one with only a longer word.
    if (prefixes.length === 0) parts.push(quote(exact));
    else parts.push(`(${[quote(exact), ...prefixes.map((p) => `${quote(p)}*`)].join(' OR ')})`);
  });
  return { match: parts.join(' AND '), terms };
}

/** Whether a token of some text matches a query term (used for highlighting). */
export function tokenMatches(token: Token, term: QueryTerm): boolean {
  if (term.isKey && !token.isKey) return false;
  const stemmed = token.isKey ? token.norm : stem(token.norm);
  if (stemmed === term.exact || token.norm === term.exact) return true;
  return term.prefixes.some((p) => token.norm.startsWith(p) || stemmed.startsWith(p));
}

function quote(term: string): string {
  // Terms hold only letters, digits and '-', but quoting is what makes them inert; double any '"'.
  return `"${term.replaceAll('"', '""')}"`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
