/**
 * Tokenizer of the Tracker query language. Words are deliberately greedy (`TREK-12`, `2017-01-01`,
 * `01.02.2017`, `02/01/2017`, `login@`, `12h` are single words) and stop only at whitespace, the
 * language's punctuation, or `..` (so `2017-01-01..2017-01-30` is word, range, word).
 */
import { QueryError } from './types.ts';

/** Kinds of token. `bang` is `!`, `cmp` one of `> < >= <=`, `range` is `..`. */
export type TokenKind =
  | 'word'
  | 'string'
  | 'colon'
  | 'comma'
  | 'lparen'
  | 'rparen'
  | 'bang'
  | 'cmp'
  | 'minus'
  | 'plus'
  | 'range'
  | 'eof';

/** A token; `text` is the unescaped content for strings. `end` is exclusive. */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly pos: number;
  readonly end: number;
}

const PUNCTUATION: Record<string, TokenKind> = {
  ':': 'colon',
  ',': 'comma',
  '(': 'lparen',
  ')': 'rparen',
  '!': 'bang',
  '-': 'minus',
  '+': 'plus',
};

/** Characters the real language gives meaning we do not implement; failing beats guessing. */
const UNSUPPORTED: Record<string, string> = {
  '#': "Exact-match '#' is not supported",
  '~': "'~' is not supported",
  '=': "'=' is not an operator here; write 'Field: value'",
  "'": 'Use double quotes for quoted values',
  '[': "Unexpected '['",
  ']': "Unexpected ']'",
  '{': "Unexpected '{'",
  '}': "Unexpected '}'",
};

/**
 * Characters that end a word. `!`, `-`, `+`, `'`, `#`, `~` only mean something at the start of a
 * token, so `don't`, `C#`, `TREK-1` and `a+b@x.ru` stay whole.
 */
const WORD_BREAK = new Set([':', ',', '(', ')', '"', '<', '>', '=', '[', ']', '{', '}']);

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\u00a0';
}

/** Splits query text into tokens, ending with an `eof` token; throws {@link QueryError}. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (isSpace(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new QueryError('Unterminated quoted string', start);
        const c = text.charAt(i);
        if (c === '"') break;
        // Backslash escapes only the quote and itself; elsewhere it is literal text.
        if (c === '\\' && (text.charAt(i + 1) === '"' || text.charAt(i + 1) === '\\')) {
          value += text.charAt(i + 1);
          i += 2;
          continue;
        }
        value += c;
        i++;
      }
      i++;
      tokens.push({ kind: 'string', text: value, pos: start, end: i });
      continue;
    }
    if (ch === '.' && text.charAt(i + 1) === '.') {
      tokens.push({ kind: 'range', text: '..', pos: start, end: i + 2 });
      i += 2;
      continue;
    }
    if (ch === '<' || ch === '>') {
      const op = text.charAt(i + 1) === '=' ? `${ch}=` : ch;
      i += op.length;
      tokens.push({ kind: 'cmp', text: op, pos: start, end: i });
      continue;
    }
    const punct = PUNCTUATION[ch];
    if (punct !== undefined) {
      tokens.push({ kind: punct, text: ch, pos: start, end: i + 1 });
      i++;
      continue;
    }
    const unsupported = UNSUPPORTED[ch];
    if (unsupported !== undefined) throw new QueryError(unsupported, start);
    while (i < text.length) {
      const c = text.charAt(i);
      if (isSpace(c) || WORD_BREAK.has(c)) break;
      if (c === '.' && text.charAt(i + 1) === '.') break;
      i++;
    }
    tokens.push({ kind: 'word', text: text.slice(start, i), pos: start, end: i });
  }
  tokens.push({ kind: 'eof', text: '', pos: text.length, end: text.length });
  return tokens;
}

/** How a token reads in an error message. */
export function describeToken(token: Token): string {
  if (token.kind === 'eof') return 'end of query';
  if (token.kind === 'string') return `"${token.text}"`;
  return `'${token.text}'`;
}
