/**
 * Issue create / patch / move. Creation is idempotent on `unique`; patches are optimistic on
 * `version` (409 when stale) and cannot touch status or resolution; a move gives the issue the
 * next key of the target queue and keeps the old one as an alias.
 */
import { EmulatorError, badRequest, unprocessable } from '../errors.ts';
import type { FieldChange, IssueRecord } from '../model.ts';
import { isResolvedType } from '../seed/dictionaries.ts';
import { workflowStatuses } from '../seed/workflows.ts';
import { checkClaimable, claimAttachments, parseAttachmentIds } from './attachments.ts';
import { planFields } from './fields.ts';
import type { StoreState } from './state.ts';
import { resolveDict, resolveQueue } from './values.ts';
import {
  bump,
  isObject,
  log,
  queueOf,
  requireIssue,
  requireText,
  requireWriter,
  touch,
  workflowOf,
} from './write.ts';

/** The outcome of a create: a new issue, or the one created earlier with the same `unique`. */
export type CreateResult = { readonly created: IssueRecord } | { readonly duplicate: IssueRecord };

const CREATE_HANDLED = new Set(['queue', 'summary', 'type', 'priority', 'unique', 'attachmentIds']);

function nextKey(state: StoreState, queueKey: string): string {
  const n = (state.queueNumbers.get(queueKey) ?? 0) + 1;
  state.queueNumbers.set(queueKey, n);
  return `${queueKey}-${n}`;
}

/** `POST /issues/`: 400 without summary/queue, 422 for unknown references. */
export function createIssue(
  state: StoreState,
  body: unknown,
  actorUid: number,
  now: number,
): CreateResult {
  requireWriter(state, actorUid);
  if (!isObject(body)) throw badRequest('Request body must be a JSON object.');
  const unique = body.unique;
  if (unique !== undefined && unique !== null && typeof unique !== 'string') {
    throw unprocessable('unique', 'unique must be a string.');
  }
  const existing = typeof unique === 'string' ? state.issueByUnique.get(unique) : undefined;
  if (existing) return { duplicate: existing };
  if (body.queue === undefined || body.queue === null) {
    throw badRequest('Field "queue" is required.', { queue: 'Field is required' });
  }
  const summary = requireText(body, 'summary');
  const queue = resolveQueue(state, body.queue);
  const type =
    body.type === undefined
      ? queue.defaultType
      : resolveDict(body.type, state.world.issueTypes, 'type').key;
  if (!queue.issueTypes.includes(type))
    throw unprocessable('type', `Type ${type} is not allowed in queue ${queue.key}.`);
  const priority =
    body.priority === undefined
      ? queue.defaultPriority
      : resolveDict(body.priority, state.world.priorities, 'priority').key;
  const attachmentIds = parseAttachmentIds(body.attachmentIds);
  checkClaimable(state, null, attachmentIds, null);
  const workflow = workflowOf(state, queue);
  const issue: IssueRecord = {
    id: state.ids.next(now),
    key: `${queue.key}-${(state.queueNumbers.get(queue.key) ?? 0) + 1}`,
    queueKey: queue.key,
    version: 0,
    summary,
    description: '',
    typeKey: type,
    priorityKey: priority,
    statusKey: workflow.initialStatus,
    previousStatusKey: null,
    resolutionKey: null,
    assigneeUid: null,
    authorUid: actorUid,
    updatedByUid: actorUid,
    followerUids: [],
    pendingReplyUids: [],
    favoritedByUids: [],
    tags: [],
    parentKey: null,
    aliases: [],
    createdAt: now,
    updatedAt: now,
    lastCommentUpdatedAt: null,
    unique: typeof unique === 'string' ? unique : null,
    extra: {},
  };
  // Validate the remaining fields against the draft before the issue becomes visible.
  const planned = planFields(state, issue, body, CREATE_HANDLED, actorUid, now);
  issue.key = nextKey(state, queue.key);
  state.issues.push(issue);
  state.issueById.set(issue.id, issue);
  state.issueByKey.set(issue.key, issue);
  if (issue.unique) state.issueByUnique.set(issue.unique, issue);
  touch(issue, actorUid, now);
  log(state, issue, 'IssueCreated', actorUid, []);
  planned.apply();
  claimAttachments(state, issue, attachmentIds, null);
  bump(state);
  return { created: issue };
}

/** `POST /issues/_findByUnique`. */
export function findByUnique(state: StoreState, unique: string): IssueRecord | undefined {
  return state.issueByUnique.get(unique);
}

/** Options of {@link patchIssue}. */
export interface PatchOptions {
  /** The `?version=` the client saw; a different current version gives 409. */
  readonly version?: number;
}

/**
 * `PATCH /issues/<key>`: applies §1.3 value forms; no-op patches change nothing (no version bump).
 */
export function patchIssue(
  state: StoreState,
  keyOrId: string,
  body: unknown,
  options: PatchOptions,
  actorUid: number,
  now: number,
): IssueRecord {
  requireWriter(state, actorUid);
  const issue = requireIssue(state, keyOrId);
  checkVersion(issue, options.version);
  if (!isObject(body)) throw badRequest('Request body must be a JSON object.');
  const planned = planFields(state, issue, body, new Set(), actorUid, now);
  if (planned.changes.length === 0) return issue;
  planned.apply();
  touch(issue, actorUid, now);
  log(state, issue, 'IssueUpdated', actorUid, planned.changes);
  bump(state);
  return issue;
}

/** 409 when `expected` is given and differs from the issue's version. */
export function checkVersion(issue: IssueRecord, expected: number | undefined): void {
  if (expected === undefined || expected === null) return;
  if (Number(expected) !== issue.version) {
    throw new EmulatorError(409, { version: 'Invalid update version' }, [
      `Issue ${issue.key} has version ${issue.version}, not ${expected}.`,
    ]);
  }
}

/**
 * `POST /issues/<key>/_move?queue=<KEY>`: new key in the target queue, old key kept as an alias.
 * Status falls back to the target workflow's initial one when it does not exist there; the type
 * to the target's default; the source queue's local fields are dropped. Moving to the same queue
 * is a no-op, so retried moves are safe.
 */
export function moveIssue(
  state: StoreState,
  keyOrId: string,
  queueRef: unknown,
  actorUid: number,
  now: number,
): IssueRecord {
  requireWriter(state, actorUid);
  const issue = requireIssue(state, keyOrId);
  const target = resolveQueue(state, queueRef);
  if (target.key === issue.queueKey) return issue;
  const source = queueOf(state, issue);
  const oldKey = issue.key;
  const newKey = nextKey(state, target.key);
  const fields: FieldChange[] = [
    { field: 'key', from: oldKey, to: newKey },
    { field: 'queue', from: source.key, to: target.key },
  ];
  const workflow = workflowOf(state, target);
  if (!workflowStatuses(workflow).includes(issue.statusKey)) {
    fields.push({ field: 'status', from: issue.statusKey, to: workflow.initialStatus });
    issue.previousStatusKey = issue.statusKey;
    issue.statusKey = workflow.initialStatus;
    const type = state.world.statuses.find((s) => s.key === issue.statusKey)?.type ?? 'new';
    if (!isResolvedType(type) && issue.resolutionKey) {
      fields.push({ field: 'resolution', from: issue.resolutionKey, to: null });
      issue.resolutionKey = null;
    }
  }
  if (!target.issueTypes.includes(issue.typeKey)) {
    fields.push({ field: 'type', from: issue.typeKey, to: target.defaultType });
    issue.typeKey = target.defaultType;
  }
  for (const id of Object.keys(issue.extra)) {
    if (state.fieldById.get(id)?.queueKey === source.key) delete issue.extra[id];
  }
  rekey(state, issue, oldKey, newKey);
  issue.queueKey = target.key;
  issue.aliases = [...issue.aliases, oldKey];
  touch(issue, actorUid, now);
  log(state, issue, 'IssueMoved', actorUid, fields);
  bump(state);
  return issue;
}

/** Points every record that names the issue by key at its new key. */
function rekey(state: StoreState, issue: IssueRecord, oldKey: string, newKey: string): void {
  issue.key = newKey;
  state.issueByKey.set(newKey, issue);
  for (const c of state.comments.get(issue.id) ?? []) c.issueKey = newKey;
  for (const c of state.changes.get(issue.id) ?? []) c.issueKey = newKey;
  for (const w of state.worklogsByIssue.get(issue.id) ?? []) w.issueKey = newKey;
  for (const id of state.attachmentsByIssue.get(issue.id) ?? []) {
    const att = state.attachments.get(id);
    if (att) att.issueKey = newKey;
  }
  for (const link of state.linksByIssue.get(issue.id) ?? []) {
    if (link.fromKey === oldKey) link.fromKey = newKey;
    if (link.toKey === oldKey) link.toKey = newKey;
  }
  for (const other of state.issues) if (other.parentKey === oldKey) other.parentKey = newKey;
}
