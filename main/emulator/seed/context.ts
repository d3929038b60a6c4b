/**
 * Shared state of one world generation: the records being built, id counters, and interned
 * changelog field lists (status/assignee/priority changes repeat a lot, so identical `fields`
 * arrays are shared instead of allocated per entry — they are readonly anyway).
 */
import type {
  AttachmentRecord,
  ChangeRecord,
  CommentRecord,
  FieldChange,
  IssueRecord,
  LinkRecord,
  WorklogRecord,
} from '../model.ts';
import type { Rng } from '../random.ts';
import type { MarkupPools } from './markup.ts';
import type { Mutable } from './types.ts';

/** Everything generation accumulates. */
export interface GenState {
  readonly rng: Rng;
  readonly now: number;
  readonly markup: MarkupPools;
  readonly issues: Mutable<IssueRecord>[];
  readonly comments: Mutable<CommentRecord>[];
  /**
   * Changelog drafts as parallel columns; records are built in time order at the end, when
   * their `seq`, `id` and comment ids are known (cheaper than patching a million objects).
   */
  readonly changeIssue: Mutable<IssueRecord>[];
  readonly changeType: ChangeRecord['type'][];
  readonly changeAt: number[];
  readonly changeBy: number[];
  readonly changeFields: (readonly FieldChange[])[];
  /** The comment an IssueCommentAdded draft reports, else null. */
  readonly changeComment: (Mutable<CommentRecord> | null)[];
  readonly links: LinkRecord[];
  readonly worklogs: WorklogRecord[];
  readonly attachments: Mutable<AttachmentRecord>[];
  /** For each attachment, the comment it belongs to, else null. */
  readonly attachmentComment: (Mutable<CommentRecord> | null)[];
  nextLinkId: number;
  nextWorklogId: number;
  nextAttachmentId: number;
}

/** An empty fields list, shared. */
export const NO_FIELDS: readonly FieldChange[] = Object.freeze([]);

const interned = new Map<string, readonly FieldChange[]>();

/** A shared one-field change list. Values must be primitives or null. */
export function fieldChange(
  field: string,
  from: string | number | null,
  to: string | number | null,
): readonly FieldChange[] {
  const key = `${field}\u0000${from}\u0000${to}`;
  let list = interned.get(key);
  if (!list) {
    list = Object.freeze([Object.freeze({ field, from, to })]);
    interned.set(key, list);
  }
  return list;
}

/** A shared status(+resolution) change list for a workflow step. */
export function workflowChange(
  fromStatus: string,
  toStatus: string,
  fromResolution: string | null,
  toResolution: string | null,
): readonly FieldChange[] {
  if (fromResolution === toResolution) return fieldChange('status', fromStatus, toStatus);
  const key = `wf\u0000${fromStatus}\u0000${toStatus}\u0000${fromResolution}\u0000${toResolution}`;
  let list = interned.get(key);
  if (!list) {
    list = Object.freeze([
      Object.freeze({ field: 'status', from: fromStatus, to: toStatus }),
      Object.freeze({ field: 'resolution', from: fromResolution, to: toResolution }),
    ]);
    interned.set(key, list);
  }
  return list;
}

/** Appends a changelog draft. */
export function pushChange(
  gen: GenState,
  issue: Mutable<IssueRecord>,
  type: ChangeRecord['type'],
  at: number,
  byUid: number,
  fields: readonly FieldChange[],
  comment: Mutable<CommentRecord> | null = null,
): void {
  gen.changeIssue.push(issue);
  gen.changeType.push(type);
  gen.changeAt.push(at);
  gen.changeBy.push(byUid);
  gen.changeFields.push(fields);
  gen.changeComment.push(comment);
}

/** Formats epoch ms as a UTC `YYYY-MM-DD` date. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Milliseconds per day. */
export const DAY = 86_400_000;
