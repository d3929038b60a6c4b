/**
 * Changelog reads with Tracker's cursor: entries after a given entry id, optionally filtered by
 * change type and by field id.
 */
import type { ChangeRecord, IssueRecord } from '../model.ts';
import type { StoreState } from './state.ts';

/** Filters of `GET /issues/<key>/changelog`. */
export interface ChangelogFilter {
  /** Keep entries that change one of these field ids. */
  readonly field?: string | readonly string[];
  /** Keep entries of these types. */
  readonly type?: string | readonly string[];
}

function asSet(value: string | readonly string[] | undefined): Set<string> | null {
  if (value === undefined) return null;
  const list = typeof value === 'string' ? value.split(',') : value;
  const clean = list.map((v) => v.trim()).filter(Boolean);
  return clean.length > 0 ? new Set(clean) : null;
}

/**
 * Entries of `issue` after the entry `afterId` (from the start when null), filtered, at most
 * `limit`. An unknown `afterId` is compared as an id: ids sort like `seq`.
 */
export function changelogAfter(
  state: StoreState,
  issue: IssueRecord,
  afterId: string | null,
  limit: number,
  filter: ChangelogFilter = {},
): ChangeRecord[] {
  const list = state.changes.get(issue.id) ?? [];
  let start = 0;
  if (afterId) {
    const at = list.findIndex((c) => c.id === afterId);
    start = at >= 0 ? at + 1 : list.findIndex((c) => c.id > afterId);
    if (start < 0) start = list.length;
  }
  const types = asSet(filter.type);
  const fields = asSet(filter.field);
  const out: ChangeRecord[] = [];
  for (let i = start; i < list.length && out.length < limit; i++) {
    const entry = list[i] as ChangeRecord;
    if (types && !types.has(entry.type)) continue;
    if (fields && !entry.fields.some((f) => fields.has(f.field))) continue;
    out.push(entry);
  }
  return out;
}
