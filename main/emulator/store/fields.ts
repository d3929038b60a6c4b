/**
 * Writing issue fields from a request body. Everything is validated before anything changes
 * (a 422 leaves the issue untouched); the result lists the real changes for the changelog.
 */
import { unprocessable } from '../errors.ts';
import type { FieldChange, IssueRecord } from '../model.ts';
import { EXTRA_GLOBAL_FIELDS } from '../seed/queues.ts';
import { setParent } from './links.ts';
import type { StoreState } from './state.ts';
import { applyArrayOp, resolveDict, resolveIssue, resolveUser, sameValue } from './values.ts';
import { queueOf } from './write.ts';

/** A validated field write, applied later. */
interface Planned extends FieldChange {
  readonly apply: () => void;
}

const READONLY = new Set([
  'key',
  'id',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
  'version',
  'aliases',
  'votes',
  'favorite',
  'pendingReplyFrom',
  'lastCommentUpdatedAt',
  'previousStatus',
  'self',
]);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Validates `body` against `issue` and returns an applier for the changes. `skip` lists keys the
 * caller handles itself (queue, unique, attachmentIds, comment, …).
 */
export function planFields(
  state: StoreState,
  issue: IssueRecord,
  body: Record<string, unknown>,
  skip: ReadonlySet<string>,
  actorUid: number,
  now: number,
): { changes: FieldChange[]; apply: () => void } {
  const planned: Planned[] = [];
  const plan = (field: string, from: unknown, to: unknown, apply: () => void): void => {
    if (!sameValue(from, to)) planned.push({ field, from, to, apply });
  };
  for (const [field, raw] of Object.entries(body)) {
    if (skip.has(field)) continue;
    switch (field) {
      case 'summary': {
        const value = unwrap(raw);
        if (typeof value !== 'string' || value.trim() === '')
          throw unprocessable(field, 'Summary must be a non-empty string.');
        plan(field, issue.summary, value, () => (issue.summary = value));
        break;
      }
      case 'description': {
        const value = unwrap(raw) ?? '';
        if (typeof value !== 'string') throw unprocessable(field, 'Description must be a string.');
        plan(field, issue.description, value, () => (issue.description = value));
        break;
      }
      case 'type': {
        const type = resolveDict(raw, state.world.issueTypes, field);
        if (!queueOf(state, issue).issueTypes.includes(type.key)) {
          throw unprocessable(field, `Type ${type.key} is not allowed in queue ${issue.queueKey}.`);
        }
        plan(field, issue.typeKey, type.key, () => (issue.typeKey = type.key));
        break;
      }
      case 'priority': {
        const priority = resolveDict(raw, state.world.priorities, field);
        plan(field, issue.priorityKey, priority.key, () => (issue.priorityKey = priority.key));
        break;
      }
      case 'assignee': {
        const value = unwrap(raw);
        const uid =
          value === null || value === undefined ? null : resolveUser(state, value, field).uid;
        if (uid !== null && state.userByUid.get(uid)?.dismissed)
          throw unprocessable(field, 'The user is dismissed.');
        plan(field, issue.assigneeUid, uid, () => (issue.assigneeUid = uid));
        break;
      }
      case 'followers': {
        const next = applyArrayOp(
          issue.followerUids,
          raw,
          (v) => resolveUser(state, v, field).uid,
          field,
        );
        plan(field, issue.followerUids, next, () => (issue.followerUids = next));
        break;
      }
      case 'tags': {
        const next = applyArrayOp(issue.tags, raw, (v) => tag(v), field);
        plan(field, issue.tags, next, () => (issue.tags = next));
        break;
      }
      case 'parent': {
        const value = unwrap(raw);
        const parent =
          value === null || value === undefined ? null : resolveIssue(state, value, field);
        if (parent) checkParent(state, issue, parent);
        const to = parent?.key ?? null;
        plan(field, issue.parentKey, to, () => setParent(state, issue, parent, actorUid, now));
        break;
      }
      case 'status':
      case 'resolution':
        throw unprocessable(field, 'Status and resolution change only through transitions.');
      case 'queue':
        throw unprocessable(field, 'Use _move to change the queue.');
      default:
        planExtra(state, issue, field, raw, plan);
    }
  }
  return {
    changes: planned.map(({ field, from, to }) => ({ field, from, to })),
    apply: () => planned.forEach((p) => p.apply()),
  };
}

function planExtra(
  state: StoreState,
  issue: IssueRecord,
  field: string,
  raw: unknown,
  plan: (field: string, from: unknown, to: unknown, apply: () => void) => void,
): void {
  if (READONLY.has(field)) throw unprocessable(field, 'Field is read-only.');
  const def = state.fieldById.get(field);
  const allowed =
    def && (def.queueKey ? def.queueKey === issue.queueKey : EXTRA_GLOBAL_FIELDS.has(field));
  if (!def || !allowed) throw unprocessable(field, `Unknown field ${field}.`);
  const value = unwrap(raw);
  const ok =
    value === null ||
    (def.schemaType === 'number' && typeof value === 'number' && Number.isFinite(value)) ||
    (def.schemaType === 'date' && typeof value === 'string' && DATE.test(value)) ||
    ((def.schemaType === 'string' || def.schemaType === 'text') && typeof value === 'string');
  if (!ok) throw unprocessable(field, `Invalid value for ${def.schemaType} field ${field}.`);
  const from = issue.extra[field] ?? null;
  plan(field, from, value, () => {
    if (value === null) delete issue.extra[field];
    else issue.extra[field] = value;
  });
}

function unwrap(raw: unknown): unknown {
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && 'set' in raw) {
    return (raw as { set: unknown }).set;
  }
  return raw;
}

function tag(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw unprocessable('tags', 'Tags must be non-empty strings.');
  return value.trim();
}

/** 422 when `parent` is the issue itself or one of its descendants. */
function checkParent(state: StoreState, issue: IssueRecord, parent: IssueRecord): void {
  let cursor: IssueRecord | undefined = parent;
  for (let depth = 0; cursor && depth < 100; depth++) {
    if (cursor.id === issue.id)
      throw unprocessable('parent', 'An issue cannot be its own ancestor.');
    cursor = cursor.parentKey ? state.issueByKey.get(cursor.parentKey) : undefined;
  }
}
