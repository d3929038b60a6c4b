/**
 * Attachments: direct uploads to an issue, temporary uploads (`POST /attachments/`, issueKey
 * null) later claimed by id when an issue or comment is created, and deletion.
 */
import { EmulatorError, badRequest, notFound, unprocessable } from '../errors.ts';
import type { AttachmentRecord, IssueRecord } from '../model.ts';
import type { StoreState } from './state.ts';
import { pushTo } from './state.ts';
import { bump, log, requireIssue, requireWriter, touch } from './write.ts';

/** A file to store. */
export interface AttachmentInput {
  readonly name: string;
  readonly mimetype?: string;
  readonly content: Uint8Array;
}

/** Tracker's upload limit: 1024 MB (413 above). */
export const MAX_ATTACHMENT_BYTES = 1024 * 1024 * 1024;

/** Uploads a file to `keyOrId`, or as a temporary upload when `keyOrId` is null. */
export function addAttachment(
  state: StoreState,
  keyOrId: string | null,
  input: AttachmentInput,
  actorUid: number,
  now: number,
): AttachmentRecord {
  requireWriter(state, actorUid);
  const issue = keyOrId === null ? null : requireIssue(state, keyOrId);
  if (typeof input.name !== 'string' || input.name.trim() === '') {
    throw badRequest('File name is required.', { filename: 'Field is required' });
  }
  if (!(input.content instanceof Uint8Array))
    throw badRequest('File content is required.', { file: 'Field is required' });
  if (input.content.byteLength > MAX_ATTACHMENT_BYTES) {
    throw new EmulatorError(413, {}, ['The file is larger than 1024 MB.']);
  }
  const record: AttachmentRecord = {
    id: state.counters.nextAttachmentId++,
    issueKey: issue?.key ?? null,
    name: input.name.trim(),
    mimetype: input.mimetype || 'application/octet-stream',
    content: input.content,
    createdByUid: actorUid,
    createdAt: now,
    commentId: null,
  };
  state.attachments.set(record.id, record);
  if (issue) {
    pushTo(state.attachmentsByIssue, issue.id, record.id);
    touch(issue, actorUid, now);
    log(state, issue, 'IssueAttachmentAdded', actorUid, [
      { field: 'attachments', from: null, to: record.id },
    ]);
  }
  bump(state);
  return record;
}

/** Parses an `attachmentIds` value into ids; 422 for anything but numbers/digit strings. */
export function parseAttachmentIds(value: unknown): number[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => {
    const id =
      typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(id))
      throw unprocessable('attachmentIds', `Invalid attachment id ${JSON.stringify(v)}.`);
    return id;
  });
}

/**
 * Checks that every id is a temporary upload (or already belongs to `issue` and `commentId`);
 * call before mutating anything, then {@link claimAttachments}.
 */
export function checkClaimable(
  state: StoreState,
  issue: IssueRecord | null,
  ids: readonly number[],
  commentId: number | null,
): void {
  for (const id of ids) {
    const att = state.attachments.get(id);
    const own = att && issue && att.issueKey === issue.key && att.commentId === commentId;
    if (!att || (att.issueKey !== null && !own)) {
      throw unprocessable('attachmentIds', `Attachment ${id} is not a temporary upload.`);
    }
  }
}

/** Attaches checked temporary uploads to `issue` (and to a comment when `commentId` is set). */
export function claimAttachments(
  state: StoreState,
  issue: IssueRecord,
  ids: readonly number[],
  commentId: number | null,
): void {
  for (const id of ids) {
    const att = state.attachments.get(id);
    if (!att || att.issueKey !== null) continue;
    // Records are readonly outside the store: replace rather than mutate.
    state.attachments.set(id, { ...att, issueKey: issue.key, commentId });
    pushTo(state.attachmentsByIssue, issue.id, id);
  }
}

/** Removes attachment records (index entries and comment references included). */
export function dropAttachments(
  state: StoreState,
  issue: IssueRecord,
  ids: readonly number[],
): void {
  const list = state.attachmentsByIssue.get(issue.id) ?? [];
  for (const id of ids) {
    const att = state.attachments.get(id);
    state.attachments.delete(id);
    const at = list.indexOf(id);
    if (at >= 0) list.splice(at, 1);
    if (att?.commentId != null) {
      const comment = state.comments.get(issue.id)?.find((c) => c.id === att.commentId);
      if (comment) comment.attachmentIds = comment.attachmentIds.filter((x) => x !== id);
    }
  }
}

/** `DELETE /issues/<key>/attachments/<id>`: 404 unless the file belongs to that issue. */
export function deleteAttachment(
  state: StoreState,
  keyOrId: string,
  attachmentId: number,
  actorUid: number,
  now: number,
): void {
  requireWriter(state, actorUid);
  const issue = requireIssue(state, keyOrId);
  const att = state.attachments.get(Number(attachmentId));
  if (!att || att.issueKey !== issue.key)
    throw notFound(`Attachment ${attachmentId} does not exist on ${issue.key}.`);
  dropAttachments(state, issue, [att.id]);
  touch(issue, actorUid, now);
  log(state, issue, 'IssueAttachmentRemoved', actorUid, [
    { field: 'attachments', from: att.id, to: null },
  ]);
  bump(state);
}

/** Files of an issue and its comments, by id. */
export function attachmentsOf(state: StoreState, issue: IssueRecord): AttachmentRecord[] {
  const ids = state.attachmentsByIssue.get(issue.id) ?? [];
  return ids.flatMap((id) => state.attachments.get(id) ?? []).sort((a, b) => a.id - b.id);
}
