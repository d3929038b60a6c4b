/** Reads for the UI and for sync: the issue list, one issue, comments, per-key state, counts. */
import type { JsonObject } from '../api/index.ts';
import { resolveKey } from './activity-write.ts';
import { jsonList, type CacheContext } from './context.ts';
import { filterSql, orderSql, whereSql } from './filters.ts';
import { unreadInbox } from './inbox.ts';
import {
  ISSUE_ROW_COLUMNS,
  opt,
  parseObject,
  toCommentRow,
  toIssueRow,
  type CommentRecord,
  type IssueRecord,
} from './rows.ts';
import type {
  AttachmentRow,
  CacheCounts,
  CommentRow,
  IssueDetail,
  IssueRow,
  IssueState,
  ListQuery,
  ListResult,
} from './types.ts';

/** The page size when the caller gives none, and the largest accepted. */
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

/** Matches up to which a page is taken from the matching rows sorted, not from the sort index. */
export const FEW_MATCHES = 2000;

/** One page of issues matching the filters, in the requested order, plus the total. */
export function listIssues(ctx: CacheContext, query: ListQuery = {}): ListResult {
  const sort = query.sort ?? { field: 'updated', direction: 'desc' };
  const order = orderSql(sort.field, sort.direction);
  const limit = clampInt(query.limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
  const offset = clampInt(query.offset, 0, 0, Number.MAX_SAFE_INTEGER);
  // The total is needed anyway, and it is also the best estimate of how selective the filters
  // are: it picks the plan of the page query (see FilterMode).
  const all = filterSql(query, 'drive');
  const total =
    ctx.db.get<{ n: number }>(
      `SELECT count(*) AS n FROM issues i ${whereSql(all.conditions)}`,
      ...all.params,
    )?.n ?? 0;
  if (total === 0 || offset >= total) return { rows: [], total };
  const page =
    all.conditions.length === 0 || total <= FEW_MATCHES
      ? all
      : filterSql(query, 'probe', sort.field);
  // The inner query picks the page's rids, usually straight off the sort index (which covers the
  // queue filter too); only those rows are then read, and OFFSET skips index entries, not rows.
  const rows = ctx.db
    .all<IssueRecord>(
      `SELECT ${ISSUE_ROW_COLUMNS} FROM issues i WHERE i.rid IN (
         SELECT i.rid FROM issues i ${whereSql(page.conditions)}
         ORDER BY ${order} LIMIT ? OFFSET ?)
       ORDER BY ${order}`,
      ...page.params,
      limit,
      offset,
    )
    .map(toIssueRow);
  return { rows, total };
}

interface DetailRecord extends IssueRecord {
  raw: string;
  cached_at: number;
  rid: number;
}

/** One issue by its key or any old key (alias), with raw JSON and scopes; undefined if unknown. */
export function getIssue(ctx: CacheContext, keyOrAlias: string): IssueDetail | undefined {
  const key = resolveKey(ctx, keyOrAlias);
  if (key === undefined) return undefined;
  const record = ctx.db.get<DetailRecord>(
    `SELECT ${ISSUE_ROW_COLUMNS}, r.raw, i.cached_at, i.rid
     FROM issues i JOIN issue_raw r ON r.rid = i.rid WHERE i.key = ?`,
    key,
  );
  if (!record) return undefined;
  const raw = parseObject(record.raw);
  const scopes = ctx.db
    .all<{ scope: string }>(
      'SELECT scope FROM issue_scopes WHERE rid = ? ORDER BY scope',
      record.rid,
    )
    .map((row) => row.scope);
  return {
    ...toIssueRow(record),
    description: typeof raw.description === 'string' ? raw.description : undefined,
    raw,
    scopes,
    cachedAt: record.cached_at,
  };
}

/** The comments of an issue (key or alias), oldest first; [] when unknown. */
export function listComments(ctx: CacheContext, keyOrAlias: string): CommentRow[] {
  const key = resolveKey(ctx, keyOrAlias);
  if (key === undefined) return [];
  return ctx.db
    .all<CommentRecord>(
      `SELECT issue_key, id, author_id, author_display, text, created_at, updated_at, raw
       FROM comments WHERE issue_key = ? ORDER BY created_at, rowid`,
      key,
    )
    .map(toCommentRow);
}

/** The raw links of an issue (key or alias). */
export function listLinks(ctx: CacheContext, keyOrAlias: string): JsonObject[] {
  const key = resolveKey(ctx, keyOrAlias);
  if (key === undefined) return [];
  return ctx.db
    .all<{ raw: string }>('SELECT raw FROM links WHERE issue_key = ? ORDER BY rowid', key)
    .map((row) => parseObject(row.raw));
}

interface AttachmentRecord {
  issue_key: string;
  id: string;
  name: string | null;
  size: number | null;
  mimetype: string | null;
  created_at: number | null;
  raw: string;
}

/** The attachment metadata of an issue (key or alias). */
export function listAttachments(ctx: CacheContext, keyOrAlias: string): AttachmentRow[] {
  const key = resolveKey(ctx, keyOrAlias);
  if (key === undefined) return [];
  return ctx.db
    .all<AttachmentRecord>(
      `SELECT issue_key, id, name, size, mimetype, created_at, raw FROM attachments
       WHERE issue_key = ? ORDER BY created_at, rowid`,
      key,
    )
    .map((r) => ({
      id: r.id,
      issueKey: r.issue_key,
      name: opt(r.name),
      size: opt(r.size),
      mimetype: opt(r.mimetype),
      createdAt: opt(r.created_at),
      raw: parseObject(r.raw),
    }));
}

/** One stored changelog entry: its id, time (epoch ms) and the raw JSON. */
export interface ChangelogRow {
  readonly id: string;
  readonly at: number | undefined;
  readonly raw: JsonObject;
}

/** The changelog of an issue (key or alias), oldest first. */
export function listChangelog(ctx: CacheContext, keyOrAlias: string): ChangelogRow[] {
  const key = resolveKey(ctx, keyOrAlias);
  if (key === undefined) return [];
  return ctx.db
    .all<{ id: string; at: number | null; raw: string }>(
      'SELECT id, at, raw FROM changelog WHERE issue_key = ? ORDER BY at, rowid',
      key,
    )
    .map((r) => ({ id: r.id, at: opt(r.at), raw: parseObject(r.raw) }));
}

interface StateRecord {
  key: string;
  version: number | null;
  updated_at: number | null;
  last_comment_updated_at: number | null;
  assignee_id: string | null;
}

/** The list rows of cached keys, in one query (unknown keys are absent from the map). */
export function issueRows(ctx: CacheContext, keys: readonly string[]): Map<string, IssueRow> {
  const rows = ctx.db
    .all<IssueRecord>(
      `SELECT ${ISSUE_ROW_COLUMNS} FROM issues i
       WHERE i.key IN (SELECT value FROM json_each(?))`,
      jsonList(keys),
    )
    .map(toIssueRow);
  return new Map(rows.map((row) => [row.key, row]));
}

/** Version, timestamps and assignee per cached key (unknown keys are absent from the map). */
export function issueState(ctx: CacheContext, keys: readonly string[]): Map<string, IssueState> {
  const rows = ctx.db.all<StateRecord>(
    `SELECT key, version, updated_at, last_comment_updated_at, assignee_id FROM issues
     WHERE key IN (SELECT value FROM json_each(?))`,
    jsonList(keys),
  );
  return new Map(
    rows.map((r) => [
      r.key,
      {
        key: r.key,
        version: opt(r.version),
        updatedAt: opt(r.updated_at),
        lastCommentUpdatedAt: opt(r.last_comment_updated_at),
        assigneeId: opt(r.assignee_id),
      },
    ]),
  );
}

/** Row counts of every table the UI reports on, and issues per scope. */
export function counts(ctx: CacheContext): CacheCounts {
  const n = (sql: string) => ctx.db.get<{ n: number }>(sql)?.n ?? 0;
  const scopes: Record<string, number> = {};
  for (const row of ctx.db.all<{ scope: string; n: number }>(
    'SELECT scope, count(*) AS n FROM issue_scopes GROUP BY scope ORDER BY scope',
  )) {
    scopes[row.scope] = row.n;
  }
  return {
    issues: n('SELECT count(*) AS n FROM issues'),
    comments: n('SELECT count(*) AS n FROM comments'),
    users: n('SELECT count(*) AS n FROM users'),
    queues: n('SELECT count(*) AS n FROM queues'),
    statuses: n('SELECT count(*) AS n FROM statuses'),
    priorities: n('SELECT count(*) AS n FROM priorities'),
    inbox: n('SELECT count(*) AS n FROM inbox'),
    unreadInbox: unreadInbox(ctx),
    outbox: n('SELECT count(*) AS n FROM outbox'),
    scopes,
  };
}
