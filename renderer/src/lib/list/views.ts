/**
 * Pure helpers behind the list views: which cache scope a view lists, the filters a view's chips
 * hold, and filtering, sorting and counting rows the renderer already holds (search hits and
 * server query results are fetched whole, then filtered and sorted here).
 */
import type { Facets, InvokeRequest, IssueSummary } from '../../../../preload/contract.ts';
import type { ViewId } from '../state/navigation.svelte.ts';
import type { IssueSort } from './issue-list.svelte.ts';

/** A cache scope `issues.list` and `issues.facets` accept. */
export type IssueScope = NonNullable<InvokeRequest<'issues.list'>['scope']>;

/** The filter chips of a view. */
export type FilterKind = keyof Facets;

/** The chips' selected values: queue keys, status keys, assignee logins (`''` = unassigned). */
export type ViewFilters = Readonly<Record<FilterKind, readonly string[]>>;

/** The chips, in the order they are shown. */
export const FILTER_KINDS: readonly FilterKind[] = ['queues', 'statuses', 'assignees'];

/** No filter selected. */
export const NO_FILTERS: ViewFilters = { queues: [], statuses: [], assignees: [] };

/** A stable string naming `view`, for maps keyed by view. */
export function viewKey(view: ViewId): string {
  return JSON.stringify(view);
}

/** The cache scope a scope or queue view lists; null for the other kinds. */
export function scopeOf(view: ViewId): IssueScope | null {
  if (view.kind === 'scope') return view.scope;
  if (view.kind === 'queue') return `queue:${view.queue}`;
  return null;
}

/** True when any chip has a value selected. */
export function hasFilters(filters: ViewFilters): boolean {
  return FILTER_KINDS.some((kind) => filters[kind].length > 0);
}

function valueOf(issue: IssueSummary, kind: FilterKind): { key: string; display: string } {
  if (kind === 'queues') return { key: issue.queue, display: issue.queue };
  if (kind === 'statuses')
    return { key: issue.status?.key ?? '', display: issue.status?.display ?? '' };
  return { key: issue.assignee?.login ?? '', display: issue.assignee?.display ?? '' };
}

/** Counts the chip values of held rows, most frequent first (as `issues.facets` does). */
export function facetsOf(rows: readonly IssueSummary[]): Facets {
  const count = (kind: FilterKind) => {
    const values = new Map<string, { key: string; display: string; count: number }>();
    for (const row of rows) {
      const { key, display } = valueOf(row, kind);
      const entry = values.get(key) ?? { key, display, count: 0 };
      entry.count++;
      values.set(key, entry);
    }
    return [...values.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  };
  return { queues: count('queues'), statuses: count('statuses'), assignees: count('assignees') };
}

/** The held rows that pass every chip. */
export function filterRows(
  rows: readonly IssueSummary[],
  filters: ViewFilters,
): readonly IssueSummary[] {
  if (!hasFilters(filters)) return rows;
  return rows.filter((row) =>
    FILTER_KINDS.every(
      (kind) => filters[kind].length === 0 || filters[kind].includes(valueOf(row, kind).key),
    ),
  );
}

const keyNumber = (key: string) => Number(key.slice(key.lastIndexOf('-') + 1));

function text(row: IssueSummary, field: IssueSort['field']): string {
  if (field === 'summary') return row.summary;
  if (field === 'status') return row.status?.display ?? '';
  if (field === 'priority') return row.priority?.display ?? '';
  return row.assignee?.display ?? '';
}

/** Held rows sorted like the cache sorts a list (a stable sort; keys by queue, then number). */
export function sortRows(rows: readonly IssueSummary[], sort: IssueSort): IssueSummary[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const compare = (a: IssueSummary, b: IssueSummary): number => {
    if (sort.field === 'updated') return a.updatedAt - b.updatedAt;
    if (sort.field === 'key') {
      return a.queue.localeCompare(b.queue) || keyNumber(a.key) - keyNumber(b.key);
    }
    return text(a, sort.field).localeCompare(text(b, sort.field));
  };
  return [...rows].sort((a, b) => sign * compare(a, b));
}
