/**
 * Functions of the query language. Only zero-argument ones are supported; the history and group
 * functions of the real language are refused by name so the caller learns why.
 */
import type { Token } from './lexer.ts';
import { QueryError } from './types.ts';

/** Functions of the supported subset, lower-cased (names match case-insensitively). */
export const FUNCTIONS: ReadonlySet<string> = new Set([
  'me',
  'empty',
  'notempty',
  'unresolved',
  'now',
  'today',
  'week',
  'month',
  'quarter',
  'year',
]);

/** The functions that denote a date span (see dates.ts). */
export const DATE_FUNCTIONS: ReadonlySet<string> = new Set([
  'now',
  'today',
  'week',
  'month',
  'quarter',
  'year',
]);

/** Real Tracker functions the emulator knowingly lacks, with the reason given to the caller. */
const UNSUPPORTED_FUNCTIONS: Record<string, string> = {
  changed: 'History function changed() is not supported by the emulator',
  group: 'Function group() is not supported by the emulator',
};

/** The lower-cased name of a supported function token; throws {@link QueryError} otherwise. */
export function functionName(token: Token): string {
  const name = token.text.toLowerCase();
  const unsupported = UNSUPPORTED_FUNCTIONS[name];
  if (unsupported !== undefined) throw new QueryError(unsupported, token.pos);
  if (!FUNCTIONS.has(name)) throw new QueryError(`Unknown function ${token.text}()`, token.pos);
  return name;
}
