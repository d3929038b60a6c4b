/**
 * What one committed sync page means for the notification producer: each changed issue as it was
 * cached before the write and as written, the comments added, and whether the run is news at all.
 * Built by the cache's sync store inside the page's transaction, so `before` is exactly what the
 * write replaced.
 */
import type { Comment, Issue, Ref } from '../api/parse/types.ts';
import type { IssueRow } from '../cache/index.ts';
import type {
  AddedComment,
  IssueChange,
  IssueSnapshot,
  NotifyPerson,
  SyncRunKind,
} from '../notify/events.ts';

/** One committed page's changes, without the signed-in user (the notifier knows who that is). */
export interface SyncCommitChanges {
  readonly scope: string;
  /** `first` for a scope's first pass, a relocalizing run, or catching up after a rebuilt cache. */
  readonly run: SyncRunKind;
  readonly changes: readonly IssueChange[];
}

/**
 * Called inside the page's transaction (so inbox entries it writes land with the issues); the
 * function it may return runs after the transaction committed (to show notifications only for
 * what was really stored).
 */
export type SyncCommitHook = (commit: SyncCommitChanges) => (() => void) | void;

const person = (ref: Ref | undefined): NotifyPerson | null =>
  ref ? { id: ref.id, ...(ref.display !== undefined ? { display: ref.display } : {}) } : null;

/** The snapshot of an issue as the sync received it (`after`). */
export function snapshotOfIssue(issue: Issue): IssueSnapshot {
  return {
    key: issue.key,
    summary: issue.summary ?? '',
    assignee: person(issue.assignee),
    status: issue.status
      ? { key: issue.status.key ?? issue.status.id, display: issue.status.display ?? '' }
      : null,
    author: person(issue.createdBy),
    updatedBy: person(issue.updatedBy),
    ...(issue.version !== undefined ? { version: issue.version } : {}),
    updatedAt: issue.updatedAt ?? 0,
  };
}

/** The snapshot of an issue as the cache held it (`before`). */
export function snapshotOfRow(row: IssueRow): IssueSnapshot {
  const ref = (id: string | undefined, display: string | undefined): NotifyPerson | null =>
    id !== undefined ? { id, ...(display !== undefined ? { display } : {}) } : null;
  return {
    key: row.key,
    summary: row.summary,
    assignee: ref(row.assigneeId, row.assigneeDisplay),
    status:
      row.statusKey !== undefined
        ? { key: row.statusKey, display: row.statusDisplay ?? row.statusKey }
        : null,
    author: ref(row.authorId, row.authorDisplay),
    ...(row.version !== undefined ? { version: row.version } : {}),
    updatedAt: row.updatedAt ?? 0,
  };
}

/** A fetched comment as the producer reads it. */
export function addedComment(comment: Comment): AddedComment {
  return {
    id: comment.id,
    author: person(comment.createdBy),
    text: comment.text ?? '',
    summonees: comment.summonees.map((ref) => person(ref)).filter((p) => p !== null),
    createdAt: comment.createdAt ?? 0,
  };
}
