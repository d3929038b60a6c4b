/**
 * Query-language text for the incremental recipe: `<scope> AND Updated: >= "<from>"`, oldest first.
 * Literals have second precision, so `from` is floored to its second: `>=` then covers the whole
 * second and nothing updated within it can fall between two runs.
 */

const ISSUE_KEY = /^[A-Z][A-Z0-9_]{0,31}-\d{1,9}$/;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** `YYYY-MM-DD hh:mm:ss` in UTC, floored to the second. */
export function formatQueryDate(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/**
 * The search of a pass: the scope's issues updated at or after `from` (all of them when `from` is
 * undefined or not after the epoch), sorted by `Updated` with the key as tie-break so that the
 * order, and so a page's position, is stable between requests.
 */
export function passQuery(scopeQuery: string, from: number | undefined): string {
  const since = from !== undefined && from > 0 ? ` AND Updated: >= "${formatQueryDate(from)}"` : '';
  return `(${scopeQuery})${since} "Sort by": Updated ASC, Key ASC`;
}

/** Whether a string is a plain issue key (safe to put into a query). */
export function isIssueKey(key: string): boolean {
  return ISSUE_KEY.test(key);
}

/** `Key: A-1, B-2` for plain keys (others are dropped); undefined when none is left. */
export function keysQuery(keys: readonly string[]): string | undefined {
  const plain = keys.filter(isIssueKey);
  return plain.length > 0 ? `Key: ${plain.join(', ')}` : undefined;
}

/** Splits a list into chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
