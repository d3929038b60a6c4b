/**
 * Maps cache rows to the contract's DTOs: what the renderer may see of an issue, never raw JSON.
 */
import type { IssueDetail as IssueDto, IssueSummary } from '../../preload/contract.ts';
import type { CommentRow, IssueDetail, IssueRow } from '../cache/index.ts';

const named = (key: string | undefined, display: string | undefined) =>
  key ? { key, display: display ?? key } : null;

/** An issue row as the list shows it. */
export function toSummary(row: IssueRow): IssueSummary {
  return {
    key: row.key,
    summary: row.summary,
    queue: row.queue,
    status: named(row.statusKey, row.statusDisplay),
    priority: named(row.priorityKey, row.priorityDisplay),
    type: named(row.typeKey, row.typeDisplay),
    assignee:
      row.assigneeId || row.assigneeLogin
        ? {
            ...(row.assigneeLogin ? { login: row.assigneeLogin } : {}),
            display: row.assigneeDisplay ?? row.assigneeLogin ?? row.assigneeId ?? '',
          }
        : null,
    updatedAt: row.updatedAt ?? 0,
    createdAt: row.createdAt ?? 0,
    resolved: row.resolutionKey !== undefined,
  };
}

function people(value: unknown): { login?: string; display: string }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    if (typeof item !== 'object' || item === null) return [];
    const ref = item as { display?: unknown; id?: unknown };
    const display = typeof ref.display === 'string' ? ref.display : String(ref.id ?? '');
    return display ? [{ display }] : [];
  });
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The web page of an issue: Tracker's own host for every organization kind. */
export function webUrlOf(key: string): string {
  return `https://tracker.yandex.ru/${encodeURIComponent(key)}`;
}

/** An issue in full. */
export function toDetail(detail: IssueDetail): IssueDto {
  const raw = detail.raw;
  const parent = raw.parent as { key?: unknown } | undefined;
  return {
    issue: toSummary(detail),
    description: detail.description ?? '',
    author: detail.authorDisplay ? { display: detail.authorDisplay } : null,
    followers: people(raw.followers),
    tags: strings(raw.tags),
    aliases: [...detail.aliases],
    parent: typeof parent?.key === 'string' ? parent.key : null,
    webUrl: webUrlOf(detail.key),
  };
}

/** A comment. */
export function toComment(row: CommentRow) {
  return {
    id: row.id,
    author: row.authorDisplay ? { display: row.authorDisplay } : null,
    text: row.text,
    createdAt: row.createdAt ?? 0,
    updatedAt: row.updatedAt ?? row.createdAt ?? 0,
  };
}
