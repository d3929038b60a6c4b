/**
 * Filter facets: the distinct queues, statuses and assignees of a view with how many issues have
 * each. One GROUP BY over all three columns reads the view once (the covering index
 * `issues_facets` serves the unscoped view without touching the table); the few groups are then
 * folded per facet in JavaScript, and names are looked up once per distinct value.
 */
import type { CacheContext } from './context.ts';
import { assertScope, type Scope } from './types.ts';

/** One value of a facet. */
export interface FacetCount {
  /** Queue key, status key, or assignee login (id when the login is unknown, `''` unassigned). */
  readonly key: string;
  readonly display: string;
  readonly count: number;
}

/** The facets of a view. */
export interface FacetCounts {
  readonly queues: FacetCount[];
  readonly statuses: FacetCount[];
  readonly assignees: FacetCount[];
}

interface GroupRecord {
  queue: string;
  status_key: string | null;
  assignee_id: string | null;
  assignee_login: string | null;
  n: number;
}

function tally(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

/** Most issues first, then by name (as people read it), then by key so the order is stable. */
function sorted(counts: Map<string, number>, display: (key: string) => string): FacetCount[] {
  return [...counts]
    .map(([key, count]) => ({ key, display: display(key), count }))
    .sort(
      (a, b) =>
        b.count - a.count ||
        a.display.localeCompare(b.display, 'ru') ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
}

/** Facet values of the issues in `scope` (every cached issue when absent or `all`). */
export function facetCounts(ctx: CacheContext, scope?: Scope | 'all'): FacetCounts {
  const scoped = scope !== undefined && scope !== 'all';
  if (scoped) assertScope(scope);
  const groups = scoped
    ? ctx.db.all<GroupRecord>(
        `SELECT i.queue, i.status_key, i.assignee_id, i.assignee_login, count(*) AS n
         FROM issue_scopes s JOIN issues i ON i.rid = s.rid WHERE s.scope = ?
         GROUP BY i.queue, i.status_key, i.assignee_id, i.assignee_login`,
        scope,
      )
    : ctx.db.all<GroupRecord>(
        `SELECT queue, status_key, assignee_id, assignee_login, count(*) AS n
         FROM issues INDEXED BY issues_facets
         GROUP BY queue, status_key, assignee_id, assignee_login`,
      );
  const queues = new Map<string, number>();
  const statuses = new Map<string, number>();
  const assignees = new Map<string, number>();
  /** Assignee key → a user id to look the name up by. */
  const assigneeIds = new Map<string, string>();
  for (const group of groups) {
    tally(queues, group.queue, group.n);
    if (group.status_key !== null) tally(statuses, group.status_key, group.n);
    const key = group.assignee_login ?? group.assignee_id ?? '';
    tally(assignees, key, group.n);
    if (group.assignee_id !== null) assigneeIds.set(key, group.assignee_id);
  }
  const queueNames = new Map(
    ctx.db
      .all<{ key: string; name: string | null }>('SELECT key, name FROM queues')
      .map((row) => [row.key, row.name]),
  );
  // The name the list shows is the one on the issues; one indexed probe per distinct value.
  const statusName = (key: string) =>
    ctx.db.get<{ d: string | null }>(
      `SELECT status_display AS d FROM issues
       WHERE status_key = ? AND status_display IS NOT NULL LIMIT 1`,
      key,
    )?.d ?? key;
  const assigneeName = (key: string) => {
    if (key === '') return '';
    const id = assigneeIds.get(key);
    const fromIssue =
      id === undefined
        ? undefined
        : ctx.db.get<{ d: string | null }>(
            `SELECT assignee_display AS d FROM issues
             WHERE assignee_id = ? AND assignee_display IS NOT NULL LIMIT 1`,
            id,
          )?.d;
    return fromIssue ?? key;
  };
  return {
    queues: sorted(queues, (key) => queueNames.get(key) ?? key),
    statuses: sorted(statuses, statusName),
    assignees: sorted(assignees, assigneeName),
  };
}
