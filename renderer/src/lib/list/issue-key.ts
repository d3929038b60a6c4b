/**
 * Recognizes an issue key the user typed, in any letter case and with stray spaces, so "test-12"
 * offers to open TEST-12 directly. The search box wants the key exactly; the command palette also
 * takes the quicker "test 12" and "test12".
 */

const EXACT = /^([a-z][a-z0-9_]{0,31})-(\d{1,9})$/i;
const LOOSE = /^([a-z][a-z0-9_]{0,31}?)[\s-]*(\d{1,9})$/i;

/**
 * The issue key `text` spells (upper-cased), or null when it is not exactly one key. `loose` also
 * accepts a space or nothing between the queue and the number.
 */
export function parseIssueKey(text: string, options: { loose?: boolean } = {}): string | null {
  const match = (options.loose ? LOOSE : EXACT).exec(text.trim());
  if (!match?.[1] || !match[2]) return null;
  return `${match[1].toUpperCase()}-${match[2]}`;
}
