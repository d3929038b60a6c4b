/**
 * Recognizes an issue key typed into the search box, in any letter case and with stray spaces,
 * so "test-12" offers to open TEST-12 directly.
 */

const KEY = /^([a-z][a-z0-9_]{0,31})-(\d{1,9})$/i;

/** The issue key `text` spells (upper-cased), or null when it is not exactly one key. */
export function parseIssueKey(text: string): string | null {
  const match = KEY.exec(text.trim());
  if (!match) return null;
  return `${match[1]!.toUpperCase()}-${match[2]!}`;
}
