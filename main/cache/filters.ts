/** WHERE and ORDER BY clauses shared by the issue list and search. */
import type { SqlValue } from './db.ts';
import { assertScope, type IssueFilters, type SortField } from './types.ts';

/** SQL conditions on the alias `i` (issues) and their parameters, in order. */
export interface FilterSql {
  readonly conditions: string[];
  readonly params: SqlValue[];
}

/**
 * How conditions are written, which steers SQLite's plan without trusting its statistics (which
 * `PRAGMA optimize` only samples). A unary `+` on a column is SQLite's documented way to keep a
 * term off an index. `drive`: one filter, the most selective kind present (assignee, then scope,
 * queue, updated range, status), may use its index; the matching rows are found through it, the
 * others checked on them, and the result sorted (best when few match). `probe`: no filter uses
 * an index, so the plan walks the sort index in order and checks each row, stopping once the page
 * is full (best when many match: otherwise it would sort thousands of rows to show 50).
 */
export type FilterMode = 'drive' | 'probe';

type FilterKind = 'assignees' | 'scope' | 'queues' | 'updated' | 'statuses';

/** The filter that drives in `drive` mode: the first present, most selective first. */
function driver(filters: IssueFilters): FilterKind | undefined {
  const present = (list: readonly unknown[] | undefined) => list !== undefined && list.length > 0;
  if (present(filters.assignees)) return 'assignees';
  if (filters.scope !== undefined && filters.scope !== 'all') return 'scope';
  if (present(filters.queues)) return 'queues';
  if (filters.updatedFrom !== undefined || filters.updatedTo !== undefined) return 'updated';
  if (present(filters.statuses)) return 'statuses';
  return undefined;
}

/**
 * `column IN (?, ?, …)` with one placeholder per value. A literal list lets the planner see how
 * few values there are and use the column's index (a `json_each` list is opaque to it); the
 * statement cache holds one variant per list length, and the contract caps lists at 50.
 */
function inList(column: string, values: readonly string[], params: SqlValue[]): string {
  params.push(...values);
  return `${column} IN (${values.map(() => '?').join(', ')})`;
}

/**
 * The conditions for `filters`. An empty list means "no filter", like an untouched filter in the
 * UI; `null` among the assignees means "unassigned".
 */
export function filterSql(
  filters: IssueFilters,
  mode: FilterMode = 'drive',
  sortField?: SortField,
): FilterSql {
  const conditions: string[] = [];
  const params: SqlValue[] = [];
  const drives = mode === 'drive' ? driver(filters) : undefined;
  // The sort index's own leading column is a range on it, never a detour: leave it usable.
  const leading: FilterKind | undefined =
    sortField === 'updated' ? 'updated' : sortField === 'key' ? 'queues' : undefined;
  const col = (kind: FilterKind, name: string) =>
    kind === drives || kind === leading ? `i.${name}` : `+i.${name}`;
  if (filters.scope !== undefined && filters.scope !== 'all') {
    assertScope(filters.scope);
    conditions.push(
      `${col('scope', 'rid')} IN (SELECT s.rid FROM issue_scopes s WHERE s.scope = ?)`,
    );
    params.push(filters.scope);
  }
  if (filters.queues && filters.queues.length > 0) {
    conditions.push(inList(col('queues', 'queue'), filters.queues, params));
  }
  if (filters.statuses && filters.statuses.length > 0) {
    conditions.push(inList(col('statuses', 'status_key'), filters.statuses, params));
  }
  if (filters.assignees && filters.assignees.length > 0) {
    const people = filters.assignees.filter((a): a is string => a !== null);
    // Ids and logins both identify a user; each OR branch has its own index (MULTI-INDEX OR).
    const either: string[] = [];
    if (people.length > 0) {
      either.push(inList(col('assignees', 'assignee_id'), people, params));
      either.push(inList(col('assignees', 'assignee_login'), people, params));
    }
    if (people.length < filters.assignees.length) {
      either.push(`${col('assignees', 'assignee_id')} IS NULL`);
    }
    conditions.push(`(${either.join(' OR ')})`);
  }
  if (filters.updatedFrom !== undefined) {
    conditions.push(`${col('updated', 'updated_at')} >= ?`);
    params.push(filters.updatedFrom);
  }
  if (filters.updatedTo !== undefined) {
    conditions.push(`${col('updated', 'updated_at')} <= ?`);
    params.push(filters.updatedTo);
  }
  return { conditions, params };
}

const SORT_COLUMN: Record<SortField, string | undefined> = {
  key: undefined,
  summary: 'i.summary_sort',
  status: 'i.status_sort',
  priority: 'i.priority_order',
  assignee: 'i.assignee_sort',
  updated: 'i.updated_at',
};

/**
 * ORDER BY for a sort: the column, then queue and number in the same direction, which is exactly
 * the column's index (schema.ts), so no sort step runs however many rows match.
 */
export function orderSql(field: SortField, direction: 'asc' | 'desc'): string {
  const dir = direction === 'desc' ? 'DESC' : 'ASC';
  const column = SORT_COLUMN[field];
  if (column === undefined && !(field in SORT_COLUMN))
    throw new RangeError(`unknown sort: ${field}`);
  const keys = [column, 'i.queue', 'i.key_num'].filter((c): c is string => c !== undefined);
  return keys.map((c) => `${c} ${dir}`).join(', ');
}

/** `WHERE a AND b` or the empty string. */
export function whereSql(conditions: readonly string[]): string {
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}
