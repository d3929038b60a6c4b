/** Conversions between the normalized API types and table rows, in both directions. */
import type { Issue, JsonObject, Ref } from '../api/index.ts';
import type { SqlValue } from './db.ts';
import type { CommentRow, IssueRow } from './types.ts';

/** An issues row as SELECTed with {@link ISSUE_ROW_COLUMNS}. */
export interface IssueRecord {
  key: string;
  id: string;
  queue: string;
  summary: string;
  status_key: string | null;
  status_display: string | null;
  priority_key: string | null;
  priority_display: string | null;
  priority_order: number | null;
  type_key: string | null;
  type_display: string | null;
  assignee_id: string | null;
  assignee_login: string | null;
  assignee_display: string | null;
  author_id: string | null;
  author_display: string | null;
  resolution_key: string | null;
  resolution_display: string | null;
  created_at: number | null;
  updated_at: number | null;
  version: number | null;
  last_comment_updated_at: number | null;
  aliases: string;
}

/** A comments row. */
export interface CommentRecord {
  issue_key: string;
  id: string;
  author_id: string | null;
  author_display: string | null;
  text: string | null;
  created_at: number | null;
  updated_at: number | null;
  raw: string;
}

/** NULL → undefined, so rows have the same shape as the API types. */
export function opt<T>(value: T | null): T | undefined {
  return value === null ? undefined : value;
}

/** Parses stored JSON that should be an object; a damaged value yields `{}` rather than a throw. */
export function parseObject(text: string): JsonObject {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as JsonObject)
      : {};
  } catch {
    return {};
  }
}

/** Parses a stored JSON array of strings. */
export function parseStrings(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** The API-facing row of an issues record. */
export function toIssueRow(r: IssueRecord): IssueRow {
  return {
    key: r.key,
    id: r.id,
    queue: r.queue,
    summary: r.summary,
    statusKey: opt(r.status_key),
    statusDisplay: opt(r.status_display),
    priorityKey: opt(r.priority_key),
    priorityDisplay: opt(r.priority_display),
    priorityOrder: opt(r.priority_order),
    typeKey: opt(r.type_key),
    typeDisplay: opt(r.type_display),
    assigneeId: opt(r.assignee_id),
    assigneeLogin: opt(r.assignee_login),
    assigneeDisplay: opt(r.assignee_display),
    authorId: opt(r.author_id),
    authorDisplay: opt(r.author_display),
    resolutionKey: opt(r.resolution_key),
    resolutionDisplay: opt(r.resolution_display),
    createdAt: opt(r.created_at),
    updatedAt: opt(r.updated_at),
    version: opt(r.version),
    lastCommentUpdatedAt: opt(r.last_comment_updated_at),
    aliases: parseStrings(r.aliases),
  };
}

/** The API-facing row of a comments record. */
export function toCommentRow(r: CommentRecord): CommentRow {
  const raw = parseObject(r.raw);
  // Stored without its text (schema.ts); a raw that never had one keeps text NULL.
  if (r.text !== null && !Object.hasOwn(raw, 'text')) raw.text = r.text;
  return {
    id: r.id,
    issueKey: r.issue_key,
    authorId: opt(r.author_id),
    authorDisplay: opt(r.author_display),
    text: r.text ?? '',
    createdAt: opt(r.created_at),
    updatedAt: opt(r.updated_at),
    raw,
  };
}

/** Case-folded copy for sorting (SQLite's NOCASE and lower() fold ASCII only). */
export function sortKey(value: string | undefined): string | null {
  return value === undefined ? null : value.toLocaleLowerCase('ru').replaceAll('ё', 'е');
}

/** The queue key and number of an issue key; a key without a number sorts as 0. */
export function splitKey(key: string): { queue: string; num: number } {
  const dash = key.lastIndexOf('-');
  const num = dash > 0 ? Number(key.slice(dash + 1)) : NaN;
  return Number.isInteger(num) ? { queue: key.slice(0, dash), num } : { queue: key, num: 0 };
}

/** A reference's key, else its id (statuses and the like always have one or the other). */
export function refKey(ref: Ref | undefined): string | null {
  return ref === undefined ? null : (ref.key ?? ref.id);
}

/** The login a user reference carries in the raw JSON, if the service sent one. */
export function refLogin(raw: JsonObject, field: string): string | undefined {
  const value = raw[field];
  if (typeof value !== 'object' || value === null) return undefined;
  const login = (value as JsonObject)['login'];
  return typeof login === 'string' ? login : undefined;
}

/** Column values of the issues table for `issue`, in the order of {@link ISSUE_WRITE_COLUMNS}. */
export function issueValues(
  issue: Issue,
  extra: {
    aliases: readonly string[];
    priorityOrder: number | null;
    assigneeLogin: string | null;
    cachedAt: number;
  },
): SqlValue[] {
  const { queue, num } = splitKey(issue.key);
  return [
    issue.key,
    issue.id,
    issue.queue?.key ?? queue,
    num,
    issue.summary ?? '',
    sortKey(issue.summary) ?? '',
    refKey(issue.status),
    issue.status?.display ?? null,
    sortKey(issue.status?.display ?? refKey(issue.status) ?? undefined),
    refKey(issue.priority),
    issue.priority?.display ?? null,
    extra.priorityOrder,
    refKey(issue.type),
    issue.type?.display ?? null,
    issue.assignee?.id ?? null,
    extra.assigneeLogin,
    issue.assignee?.display ?? null,
    sortKey(issue.assignee?.display ?? issue.assignee?.id),
    issue.createdBy?.id ?? null,
    issue.createdBy?.display ?? null,
    refKey(issue.resolution),
    issue.resolution?.display ?? null,
    issue.createdAt ?? null,
    issue.updatedAt ?? null,
    issue.version ?? null,
    issue.lastCommentUpdatedAt ?? null,
    JSON.stringify(extra.aliases),
    extra.cachedAt,
  ];
}

/** The issues columns {@link issueValues} fills, in order. */
export const ISSUE_WRITE_COLUMNS = [
  'key',
  'id',
  'queue',
  'key_num',
  'summary',
  'summary_sort',
  'status_key',
  'status_display',
  'status_sort',
  'priority_key',
  'priority_display',
  'priority_order',
  'type_key',
  'type_display',
  'assignee_id',
  'assignee_login',
  'assignee_display',
  'assignee_sort',
  'author_id',
  'author_display',
  'resolution_key',
  'resolution_display',
  'created_at',
  'updated_at',
  'version',
  'last_comment_updated_at',
  'aliases',
  'cached_at',
] as const;

/** Write-side helper columns (sort keys, bookkeeping) that the list never reads. */
const WRITE_ONLY_COLUMNS = new Set([
  'key_num',
  'summary_sort',
  'status_sort',
  'assignee_sort',
  'cached_at',
]);

/** The issue columns the list reads, in SQL; the prefix `i.` is the alias every query uses. */
export const ISSUE_ROW_COLUMNS = ISSUE_WRITE_COLUMNS.filter(
  (column) => !WRITE_ONLY_COLUMNS.has(column),
)
  .map((column) => `i.${column}`)
  .join(', ');

/**
 * The list row an issue from the API would have once cached, without caching it (server query
 * results): built through {@link issueValues}, the write path itself, so both agree on every
 * column. The priority order is unknown here (it only matters for sorting the cache).
 */
export function summaryRowOf(issue: Issue): IssueRow {
  const values = issueValues(issue, {
    aliases: issue.aliases,
    priorityOrder: null,
    assigneeLogin: refLogin(issue.raw, 'assignee') ?? null,
    cachedAt: 0,
  });
  const record = Object.fromEntries(
    ISSUE_WRITE_COLUMNS.map((column, index) => [column, values[index] ?? null]),
  ) as unknown as IssueRecord;
  return toIssueRow(record);
}
