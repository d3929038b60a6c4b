/**
 * Helpers every mutation shares: lookups that throw Tracker-shaped errors, the "touch" that bumps
 * an issue's version and timestamps, and changelog appends.
 */
import { badRequest, forbidden, notFound } from '../errors.ts';
import type {
  ChangeRecord,
  FieldChange,
  IssueRecord,
  QueueRecord,
  UserRecord,
  WorkflowRecord,
} from '../model.ts';
import type { StoreState } from './state.ts';
import { pushTo } from './state.ts';

/** The issue by key, alias or 24-hex id, or undefined. */
export function findIssue(state: StoreState, keyOrId: string): IssueRecord | undefined {
  return state.issueByKey.get(keyOrId) ?? state.issueById.get(keyOrId);
}

/** The issue by key, alias or id; 404 otherwise. */
export function requireIssue(state: StoreState, keyOrId: string): IssueRecord {
  const issue = findIssue(state, keyOrId);
  if (!issue) throw notFound(`Issue ${keyOrId} does not exist.`);
  return issue;
}

/** The acting user; 403 for unknown, dismissed or read-only (no licence) users. */
export function requireWriter(state: StoreState, uid: number): UserRecord {
  const user = state.userByUid.get(uid);
  if (!user || user.dismissed) throw forbidden('You do not have access to this operation.');
  if (!user.hasLicense) throw forbidden('A Tracker licence is required to make changes.');
  return user;
}

/** The queue of an issue (always present for stored issues). */
export function queueOf(state: StoreState, issue: IssueRecord): QueueRecord {
  const queue = state.queueByKey.get(issue.queueKey);
  if (!queue) throw notFound(`Queue ${issue.queueKey} does not exist.`);
  return queue;
}

/** The workflow of a queue. */
export function workflowOf(state: StoreState, queue: QueueRecord): WorkflowRecord {
  const workflow = state.workflowById.get(queue.workflowId);
  if (!workflow) throw notFound(`Workflow ${queue.workflowId} does not exist.`);
  return workflow;
}

/**
 * Records a write to `issue`: version +1, updatedAt/updatedBy. Time never runs backwards for an
 * issue, so a skewed caller clock cannot break "updatedAt only grows" for sync clients.
 */
export function touch(issue: IssueRecord, actorUid: number, now: number): void {
  issue.version += 1;
  issue.updatedAt = Math.max(now, issue.updatedAt);
  issue.updatedByUid = actorUid;
}

/** Appends a changelog entry for `issue` (stamped with the issue's updatedAt). */
export function log(
  state: StoreState,
  issue: IssueRecord,
  type: ChangeRecord['type'],
  actorUid: number,
  fields: readonly FieldChange[],
  commentId?: number,
): ChangeRecord {
  const at = issue.updatedAt;
  const base = {
    id: state.ids.next(at),
    seq: state.counters.nextChangeSeq++,
    issueKey: issue.key,
    type,
    updatedAt: at,
    updatedByUid: actorUid,
    fields,
  };
  const entry: ChangeRecord = commentId === undefined ? base : { ...base, commentId };
  pushTo(state.changes, issue.id, entry);
  return entry;
}

/** Marks the end of a successful mutation. */
export function bump(state: StoreState): void {
  state.revision += 1;
}

/** Reads a required, non-empty string property of a request body; 400 otherwise. */
export function requireText(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '') {
    throw badRequest(`Field "${field}" is required.`, { [field]: 'Field is required' });
  }
  return value;
}

/** Whether `value` is a plain object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
