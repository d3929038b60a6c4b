/**
 * The emulator's in-memory Tracker: a seeded world plus indexes and the mutations the HTTP layer
 * needs. Every successful mutation bumps `revision` by one; every write to an issue bumps its
 * `version` by one, sets `updatedAt`/`updatedBy` and appends changelog entries. Nothing here reads
 * the clock: callers pass `now` (epoch ms). Failures throw {@link EmulatorError}.
 */
import type {
  AttachmentRecord,
  ChangeRecord,
  CommentRecord,
  IssueRecord,
  LinkRecord,
  TransitionRecord,
  WorklogRecord,
} from './model.ts';
import { createSeedWorld } from './seed/index.ts';
import type { SeedOptions, SeedWorld } from './seed/types.ts';
import type { AttachmentInput } from './store/attachments.ts';
import { addAttachment, attachmentsOf, deleteAttachment } from './store/attachments.ts';
import type { ChangelogFilter } from './store/changelog.ts';
import { changelogAfter } from './store/changelog.ts';
import type { AddCommentOptions } from './store/comments.ts';
import {
  addComment,
  commentsAfter,
  deleteComment,
  editComment,
  findComment,
} from './store/comments.ts';
import { StoreDirectory } from './store/directory.ts';
import type { CreateResult, PatchOptions } from './store/issues.ts';
import { createIssue, findByUnique, moveIssue, patchIssue } from './store/issues.ts';
import type { LinkSide } from './store/links.ts';
import { addLink, deleteLink, linkSide, linksOf } from './store/links.ts';
import { buildState } from './store/state.ts';
import type { TransitionResult } from './store/transitions.ts';
import { availableTransitions, executeTransition } from './store/transitions.ts';
import { addWorklog, deleteWorklog, patchWorklog } from './store/worklogs.ts';
import { findIssue, requireIssue } from './store/write.ts';

export { EmulatorError } from './errors.ts';
export type {
  AttachmentInput,
  AddCommentOptions,
  ChangelogFilter,
  CreateResult,
  LinkSide,
  PatchOptions,
  TransitionResult,
};
export { RELATIONSHIPS } from './store/links.ts';
export { normalizeDuration, parseTrackerDate } from './store/worklogs.ts';

/** The mutable emulated Tracker. */
export class EmulatorStore extends StoreDirectory {
  /** Indexes `world`; the store takes ownership of its arrays. */
  constructor(world: SeedWorld) {
    super(buildState(world));
  }

  /** Generates a world and wraps it. */
  static fromSeed(options: SeedOptions): EmulatorStore {
    return new EmulatorStore(createSeedWorld(options));
  }

  /** Bumped by one on every successful mutation (the search layer snapshots by it). */
  get revision(): number {
    return this.state.revision;
  }

  /** An issue by key, old key (alias) or 24-hex id. */
  getIssue(keyOrIdOrAlias: string): IssueRecord | undefined {
    return findIssue(this.state, keyOrIdOrAlias);
  }

  /** Every issue in creation order (live array: do not mutate). */
  allIssues(): readonly IssueRecord[] {
    return this.state.issues;
  }

  /** `POST /issues/`: `{created}`, or `{duplicate}` when `unique` was used before (HTTP 409). */
  createIssue(input: unknown, actorUid: number, now: number): CreateResult {
    return createIssue(this.state, input, actorUid, now);
  }

  /** The issue created with this `unique` value. */
  findByUnique(unique: string): IssueRecord | undefined {
    return findByUnique(this.state, unique);
  }

  /** `PATCH /issues/<key>?version=`: 409 on a stale version, 422 for status/resolution/unknown keys. */
  patchIssue(
    keyOrId: string,
    patch: unknown,
    options: PatchOptions,
    actorUid: number,
    now: number,
  ): IssueRecord {
    return patchIssue(this.state, keyOrId, patch, options, actorUid, now);
  }

  /** `POST /issues/<key>/_move?queue=`: new key, old key kept in `aliases`. */
  moveIssue(keyOrId: string, queue: unknown, actorUid: number, now: number): IssueRecord {
    return moveIssue(this.state, keyOrId, queue, actorUid, now);
  }

  /** Transitions available from the issue's current status (404 for unknown issues). */
  transitions(keyOrId: string): TransitionRecord[] {
    return availableTransitions(this.state, requireIssue(this.state, keyOrId));
  }

  /** Executes a transition; returns the issue and the transitions available afterwards. */
  executeTransition(
    keyOrId: string,
    transitionId: string,
    input: unknown,
    actorUid: number,
    now: number,
    options: PatchOptions = {},
  ): TransitionResult {
    return executeTransition(this.state, keyOrId, transitionId, input, actorUid, now, options);
  }

  /** All comments of an issue in id order. */
  comments(keyOrId: string): CommentRecord[] {
    return [...(this.state.comments.get(requireIssue(this.state, keyOrId).id) ?? [])];
  }

  /** One comment by numeric id or longId. */
  comment(keyOrId: string, idOrLongId: string | number): CommentRecord | undefined {
    return findComment(this.state, requireIssue(this.state, keyOrId), idOrLongId);
  }

  /** Comments with id > `afterId` (from the first when null/undefined), at most `limit`. */
  commentsAfter(
    keyOrId: string,
    afterId: number | null | undefined,
    limit: number,
  ): CommentRecord[] {
    return commentsAfter(this.state, requireIssue(this.state, keyOrId), afterId ?? null, limit);
  }

  /** `POST /issues/<key>/comments` with `{text, summonees?, attachmentIds?}`. */
  addComment(
    keyOrId: string,
    input: unknown,
    actorUid: number,
    now: number,
    options?: AddCommentOptions,
  ): CommentRecord {
    return addComment(this.state, keyOrId, input, actorUid, now, options);
  }

  /** `PATCH /issues/<key>/comments/<id|longId>`: only the author may (403). */
  editComment(
    keyOrId: string,
    idOrLongId: string | number,
    input: unknown,
    actorUid: number,
    now: number,
  ): CommentRecord {
    return editComment(this.state, keyOrId, idOrLongId, input, actorUid, now);
  }

  /** `DELETE /issues/<key>/comments/<id|longId>`: only the author may (403). */
  deleteComment(keyOrId: string, idOrLongId: string | number, actorUid: number, now: number): void {
    deleteComment(this.state, keyOrId, idOrLongId, actorUid, now);
  }

  /** The whole changelog of an issue in seq order. */
  changelog(keyOrId: string): ChangeRecord[] {
    return [...(this.state.changes.get(requireIssue(this.state, keyOrId).id) ?? [])];
  }

  /** Changelog entries after entry `afterId`, filtered by field/type, at most `limit`. */
  changelogAfter(
    keyOrId: string,
    afterId: string | null | undefined,
    limit: number,
    filter?: ChangelogFilter,
  ): ChangeRecord[] {
    return changelogAfter(
      this.state,
      requireIssue(this.state, keyOrId),
      afterId ?? null,
      limit,
      filter,
    );
  }

  /** Links touching an issue, in id order. */
  links(keyOrId: string): LinkRecord[] {
    return linksOf(this.state, requireIssue(this.state, keyOrId));
  }

  /** A link by id. */
  link(id: number): LinkRecord | undefined {
    return this.state.links.get(Number(id));
  }

  /** How a link looks from one of its issues: direction and the other issue. */
  linkSide(link: LinkRecord, keyOrId: string): LinkSide | undefined {
    return linkSide(this.state, link, requireIssue(this.state, keyOrId));
  }

  /** `POST /issues/<key>/links` with `{relationship, issue}`. */
  addLink(
    keyOrId: string,
    input: { relationship: unknown; issue: unknown },
    actorUid: number,
    now: number,
  ): LinkRecord {
    return addLink(this.state, keyOrId, input, actorUid, now);
  }

  /** `DELETE /issues/<key>/links/<id>`. */
  deleteLink(keyOrId: string, linkId: number, actorUid: number, now: number): void {
    deleteLink(this.state, keyOrId, linkId, actorUid, now);
  }

  /** Worklogs of an issue. */
  worklogs(keyOrId: string): WorklogRecord[] {
    return [...(this.state.worklogsByIssue.get(requireIssue(this.state, keyOrId).id) ?? [])];
  }

  /** Every worklog (for `/worklog` searches), in id order. */
  allWorklogs(): WorklogRecord[] {
    return [...this.state.worklogs.values()].sort((a, b) => a.id - b.id);
  }

  /** A worklog by id. */
  worklog(id: number): WorklogRecord | undefined {
    return this.state.worklogs.get(Number(id));
  }

  /** `POST /issues/<key>/worklog` with `{start, duration, comment?}` (start: epoch ms or Tracker date). */
  addWorklog(keyOrId: string, input: unknown, actorUid: number, now: number): WorklogRecord {
    return addWorklog(this.state, keyOrId, input, actorUid, now);
  }

  /** `PATCH /issues/<key>/worklog/<id>`. */
  patchWorklog(
    keyOrId: string,
    id: number,
    input: unknown,
    actorUid: number,
    now: number,
  ): WorklogRecord {
    return patchWorklog(this.state, keyOrId, id, input, actorUid, now);
  }

  /** `DELETE /issues/<key>/worklog/<id>`. */
  deleteWorklog(keyOrId: string, id: number, actorUid: number, now: number): void {
    deleteWorklog(this.state, keyOrId, id, actorUid, now);
  }

  /** Files of an issue and of its comments. */
  attachments(keyOrId: string): AttachmentRecord[] {
    return attachmentsOf(this.state, requireIssue(this.state, keyOrId));
  }

  /** An attachment by id (temporary uploads included). */
  attachment(id: number): AttachmentRecord | undefined {
    return this.state.attachments.get(Number(id));
  }

  /** Uploads a file to an issue, or a temporary upload when `keyOrId` is null. */
  addAttachment(
    keyOrId: string | null,
    input: AttachmentInput,
    actorUid: number,
    now: number,
  ): AttachmentRecord {
    return addAttachment(this.state, keyOrId, input, actorUid, now);
  }

  /** `DELETE /issues/<key>/attachments/<id>`. */
  deleteAttachment(keyOrId: string, attachmentId: number, actorUid: number, now: number): void {
    deleteAttachment(this.state, keyOrId, attachmentId, actorUid, now);
  }
}

/** Builds a store over `world`. */
export function createStore(world: SeedWorld): EmulatorStore {
  return new EmulatorStore(world);
}
