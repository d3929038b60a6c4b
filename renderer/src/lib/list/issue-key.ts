/**
 * Recognizes an issue key the user typed, in any letter case and with stray spaces, so "test-12"
 * offers to open TEST-12 directly. The search box wants the key exactly; the command palette also
 * takes the quicker "test 12" and "test12". A pasted Tracker link (`https://tracker.yandex.ru/KEY`,
 * `tracker-desktop://issue/KEY`) counts as its key, so a link from a chat opens the issue here.
 */

const EXACT = /^([a-z][a-z0-9_]{0,31})-(\d{1,9})$/i;
const LOOSE = /^([a-z][a-z0-9_]{0,31}?)[\s-]*(\d{1,9})$/i;
/**
 * The hosts and paths main/deep-link.ts accepts (the host right after `//`, the key as the whole
 * path); a query or fragment is allowed on both forms here, since pasted links often carry one.
 */
const LINK =
  /^(?:https:\/\/tracker\.yandex\.(?:ru|com)\/|tracker-desktop:\/\/issue\/)([a-z][a-z0-9_]{0,31})-(\d{1,9})\/?(?:[?#]\S*)?$/i;

/**
 * The issue key `text` spells (upper-cased), or null when it is not exactly one key. `loose` also
 * accepts a space or nothing between the queue and the number.
 */
export function parseIssueKey(text: string, options: { loose?: boolean } = {}): string | null {
  return issueKeyOfLink(text) ?? keyOf((options.loose ? LOOSE : EXACT).exec(text.trim()));
}

/** `QUEUE-N` from a match whose groups are the queue and the number, or null. */
function keyOf(match: RegExpExecArray | null): string | null {
  return match?.[1] && match[2] ? `${match[1].toUpperCase()}-${match[2]}` : null;
}

/** The issue key of a pasted Tracker link only (not of a bare key), or null. */
export function issueKeyOfLink(text: string): string | null {
  return keyOf(LINK.exec(text.trim()));
}
