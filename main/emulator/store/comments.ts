/**
 * Comments. Summoning someone puts them into the issue's "pending reply" list; their next comment
 * takes them out. Every comment write also writes the issue (version, updatedAt,
 * lastCommentUpdatedAt, changelog).
 */
import { badRequest, forbidden, notFound } from '../errors.ts';
import type { CommentRecord, FieldChange, IssueRecord } from '../model.ts';
import {
  checkClaimable,
  claimAttachments,
  dropAttachments,
  parseAttachmentIds,
} from './attachments.ts';
import type { StoreState } from './state.ts';
import { pushTo } from './state.ts';
import { resolveUser } from './values.ts';
import { bump, isObject, log, requireIssue, requireWriter, touch } from './write.ts';

/** A validated comment body. */
export interface PreparedComment {
  readonly text: string;
  readonly summoneeUids: number[];
  readonly attachmentIds: number[];
}

/** Options of {@link addComment}. */
export interface AddCommentOptions {
  /** Add the author to followers (`isAddToFollowers`); the HTTP layer decides the default. */
  readonly addToFollowers?: boolean;
}

/** Validates a comment body for `issue` without changing anything. */
export function prepareComment(
  state: StoreState,
  issue: IssueRecord,
  body: unknown,
): PreparedComment {
  const input = isObject(body) ? body : typeof body === 'string' ? { text: body } : {};
  const attachmentIds = parseAttachmentIds(input.attachmentIds);
  const text = typeof input.text === 'string' ? input.text : '';
  if (text.trim() === '' && attachmentIds.length === 0) {
    throw badRequest('Comment text is required.', { text: 'Field is required' });
  }
  const raw = input.summonees;
  const list = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
  const summoneeUids = [...new Set(list.map((v) => resolveUser(state, v, 'summonees').uid))];
  checkClaimable(state, issue, attachmentIds, null);
  return { text, summoneeUids, attachmentIds };
}

/** Stores a prepared comment; the caller has touched the issue already. */
export function insertComment(
  state: StoreState,
  issue: IssueRecord,
  prepared: PreparedComment,
  actorUid: number,
  now: number,
  addToFollowers: boolean,
): CommentRecord {
  const comment: CommentRecord = {
    id: state.counters.nextCommentId++,
    longId: state.ids.next(now),
    issueKey: issue.key,
    text: prepared.text,
    authorUid: actorUid,
    updatedByUid: actorUid,
    createdAt: now,
    updatedAt: now,
    version: 1,
    summoneeUids: prepared.summoneeUids,
    attachmentIds: prepared.attachmentIds,
    type: 'standard',
    transport: 'internal',
  };
  pushTo(state.comments, issue.id, comment);
  claimAttachments(state, issue, prepared.attachmentIds, comment.id);
  const fields: FieldChange[] = [];
  const pending = issue.pendingReplyUids.filter((uid) => uid !== actorUid);
  for (const uid of prepared.summoneeUids)
    if (uid !== actorUid && !pending.includes(uid)) pending.push(uid);
  if (
    pending.length !== issue.pendingReplyUids.length ||
    pending.some((u, i) => u !== issue.pendingReplyUids[i])
  ) {
    fields.push({ field: 'pendingReplyFrom', from: issue.pendingReplyUids, to: pending });
    issue.pendingReplyUids = pending;
  }
  if (addToFollowers && !issue.followerUids.includes(actorUid)) {
    const followers = [...issue.followerUids, actorUid];
    fields.push({ field: 'followers', from: issue.followerUids, to: followers });
    issue.followerUids = followers;
  }
  issue.lastCommentUpdatedAt = issue.updatedAt;
  log(state, issue, 'IssueCommentAdded', actorUid, fields, comment.id);
  return comment;
}

/** `POST /issues/<key>/comments`. */
export function addComment(
  state: StoreState,
  keyOrId: string,
  body: unknown,
  actorUid: number,
  now: number,
  options: AddCommentOptions = {},
): CommentRecord {
  requireWriter(state, actorUid);
  const issue = requireIssue(state, keyOrId);
  const prepared = prepareComment(state, issue, body);
  touch(issue, actorUid, now);
  const comment = insertComment(
    state,
    issue,
    prepared,
    actorUid,
    now,
    options.addToFollowers ?? false,
  );
  bump(state);
  return comment;
}

/** A comment of `issue` by numeric id or 24-hex longId. */
export function findComment(
  state: StoreState,
  issue: IssueRecord,
  idOrLongId: string | number,
): CommentRecord | undefined {
  const list = state.comments.get(issue.id) ?? [];
  const text = String(idOrLongId);
  return /^\d+$/.test(text)
    ? list.find((c) => c.id === Number(text))
    : list.find((c) => c.longId === text);
}

function requireOwnComment(
  state: StoreState,
  keyOrId: string,
  idOrLongId: string | number,
  actorUid: number,
) {
  requireWriter(state, actorUid);
  const issue = requireIssue(state, keyOrId);
  const comment = findComment(state, issue, idOrLongId);
  if (!comment) throw notFound(`Comment ${idOrLongId} does not exist on ${issue.key}.`);
  if (comment.authorUid !== actorUid) throw forbidden('Only the author can change a comment.');
  return { issue, comment };
}

/** `PATCH /issues/<key>/comments/<id|longId>`: text and (as a set) attachmentIds. */
export function editComment(
  state: StoreState,
  keyOrId: string,
  idOrLongId: string | number,
  body: unknown,
  actorUid: number,
  now: number,
): CommentRecord {
  const { issue, comment } = requireOwnComment(state, keyOrId, idOrLongId, actorUid);
  const input = isObject(body) ? body : {};
  const nextIds =
    input.attachmentIds === undefined
      ? comment.attachmentIds
      : parseAttachmentIds(input.attachmentIds);
  const text = typeof input.text === 'string' ? input.text : comment.text;
  if (text.trim() === '' && nextIds.length === 0)
    throw badRequest('Comment text is required.', { text: 'Field is required' });
  const added = nextIds.filter((id) => !comment.attachmentIds.includes(id));
  checkClaimable(state, issue, added, null);
  const removed = comment.attachmentIds.filter((id) => !nextIds.includes(id));
  dropAttachments(state, issue, removed);
  claimAttachments(state, issue, added, comment.id);
  const fields: FieldChange[] =
    text === comment.text ? [] : [{ field: 'text', from: comment.text, to: text }];
  comment.text = text;
  comment.attachmentIds = [...nextIds];
  comment.version += 1;
  comment.updatedByUid = actorUid;
  touch(issue, actorUid, now);
  comment.updatedAt = issue.updatedAt;
  issue.lastCommentUpdatedAt = issue.updatedAt;
  log(state, issue, 'IssueCommentUpdated', actorUid, fields, comment.id);
  bump(state);
  return comment;
}

/** `DELETE /issues/<key>/comments/<id>`; the comment's files go with it. */
export function deleteComment(
  state: StoreState,
  keyOrId: string,
  idOrLongId: string | number,
  actorUid: number,
  now: number,
): void {
  const { issue, comment } = requireOwnComment(state, keyOrId, idOrLongId, actorUid);
  dropAttachments(state, issue, comment.attachmentIds);
  const list = state.comments.get(issue.id) ?? [];
  list.splice(list.indexOf(comment), 1);
  touch(issue, actorUid, now);
  issue.lastCommentUpdatedAt = issue.updatedAt;
  log(state, issue, 'IssueCommentRemoved', actorUid, [], comment.id);
  bump(state);
}

/** Comments of an issue with id > `afterId` (all when null), at most `limit`. */
export function commentsAfter(
  state: StoreState,
  issue: IssueRecord,
  afterId: number | null,
  limit: number,
): CommentRecord[] {
  const list = state.comments.get(issue.id) ?? [];
  let lo = 0;
  if (afterId !== null) {
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((list[mid] as CommentRecord).id <= afterId) lo = mid + 1;
      else hi = mid;
    }
  }
  return list.slice(lo, lo + Math.max(0, limit));
}
