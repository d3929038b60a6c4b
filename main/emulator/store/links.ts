/**
 * Links between issues. A link is stored once (`fromKey` is its outward side) and shown from both
 * issues. The `parent` field and `subtask` links are the same relation: setting one maintains the
 * other. Linking and unlinking are writes to both issues.
 */
import { conflict, notFound, unprocessable } from '../errors.ts';
import type { IssueRecord, LinkRecord } from '../model.ts';
import type { StoreState } from './state.ts';
import { pushTo } from './state.ts';
import { resolveIssue } from './values.ts';
import { bump, log, requireIssue, requireWriter, touch } from './write.ts';

/** How a relationship string of `POST /links` maps to a stored link. */
export interface Relationship {
  readonly typeId: LinkRecord['typeId'];
  /** Whether the issue in the URL is the outward (`fromKey`) side. */
  readonly currentIsFrom: boolean;
}

/** Relationship strings (§2.8) → link type and side. */
export const RELATIONSHIPS: Readonly<Record<string, Relationship>> = {
  relates: { typeId: 'relates', currentIsFrom: true },
  'depends on': { typeId: 'depends', currentIsFrom: true },
  'is dependent by': { typeId: 'depends', currentIsFrom: false },
  'is parent task for': { typeId: 'subtask', currentIsFrom: true },
  'is subtask for': { typeId: 'subtask', currentIsFrom: false },
  duplicates: { typeId: 'duplicates', currentIsFrom: true },
  'is duplicated by': { typeId: 'duplicates', currentIsFrom: false },
  'is epic of': { typeId: 'epic', currentIsFrom: true },
  'has epic': { typeId: 'epic', currentIsFrom: false },
};

/** A link as seen from one of its issues. */
export interface LinkSide {
  readonly direction: 'outward' | 'inward';
  /** The issue on the other end. */
  readonly other: IssueRecord;
}

/** How `link` looks from `issue`, or undefined if the link does not touch it. */
export function linkSide(
  state: StoreState,
  link: LinkRecord,
  issue: IssueRecord,
): LinkSide | undefined {
  const from = state.issueByKey.get(link.fromKey);
  const to = state.issueByKey.get(link.toKey);
  if (!from || !to) return undefined;
  if (from.id === issue.id) return { direction: 'outward', other: to };
  if (to.id === issue.id) return { direction: 'inward', other: from };
  return undefined;
}

/** Links touching `issue`, in id order. */
export function linksOf(state: StoreState, issue: IssueRecord): LinkRecord[] {
  return [...(state.linksByIssue.get(issue.id) ?? [])];
}

function insert(
  state: StoreState,
  typeId: LinkRecord['typeId'],
  from: IssueRecord,
  to: IssueRecord,
  actorUid: number,
  now: number,
): LinkRecord {
  const link: LinkRecord = {
    id: state.counters.nextLinkId++,
    typeId,
    fromKey: from.key,
    toKey: to.key,
    createdByUid: actorUid,
    createdAt: now,
  };
  state.links.set(link.id, link);
  pushTo(state.linksByIssue, from.id, link);
  pushTo(state.linksByIssue, to.id, link);
  return link;
}

function remove(state: StoreState, link: LinkRecord): void {
  state.links.delete(link.id);
  for (const key of [link.fromKey, link.toKey]) {
    const issue = state.issueByKey.get(key);
    const list = issue && state.linksByIssue.get(issue.id);
    if (list) list.splice(list.indexOf(link), 1);
  }
}

/**
 * Points `child.parentKey` at `parent` (or clears it) and keeps the subtask link in step; the old
 * and new parents are written too. The child's own touch/log is the caller's job.
 */
export function setParent(
  state: StoreState,
  child: IssueRecord,
  parent: IssueRecord | null,
  actorUid: number,
  now: number,
): void {
  const old = (state.linksByIssue.get(child.id) ?? []).find(
    (l) => l.typeId === 'subtask' && state.issueByKey.get(l.toKey)?.id === child.id,
  );
  if (old) {
    remove(state, old);
    const oldParent = state.issueByKey.get(old.fromKey);
    if (oldParent) {
      touch(oldParent, actorUid, now);
      log(state, oldParent, 'IssueUnlinked', actorUid, [
        { field: 'links', from: old.id, to: null },
      ]);
    }
  }
  child.parentKey = parent?.key ?? null;
  if (parent) {
    const link = insert(state, 'subtask', parent, child, actorUid, now);
    touch(parent, actorUid, now);
    log(state, parent, 'IssueLinked', actorUid, [{ field: 'links', from: null, to: link.id }]);
  }
}

/** `POST /issues/<key>/links`: 422 for unknown relationships/issues, 409 for an existing link. */
export function addLink(
  state: StoreState,
  keyOrId: string,
  body: Record<string, unknown>,
  actorUid: number,
  now: number,
): LinkRecord {
  requireWriter(state, actorUid);
  const issue = requireIssue(state, keyOrId);
  const name = typeof body.relationship === 'string' ? body.relationship.trim().toLowerCase() : '';
  const rel = RELATIONSHIPS[name];
  if (!rel)
    throw unprocessable('relationship', `Unknown relationship "${String(body.relationship)}".`);
  const other = resolveIssue(state, body.issue, 'issue');
  if (other.id === issue.id) throw unprocessable('issue', 'An issue cannot be linked to itself.');
  const from = rel.currentIsFrom ? issue : other;
  const to = rel.currentIsFrom ? other : issue;
  if (rel.typeId === 'epic' && from.typeKey !== 'epic')
    throw unprocessable('relationship', `${from.key} is not an epic.`);
  const exists = (state.linksByIssue.get(issue.id) ?? []).some((l) => {
    if (l.typeId !== rel.typeId) return false;
    const same = l.fromKey === from.key && l.toKey === to.key;
    return same || (rel.typeId === 'relates' && l.fromKey === to.key && l.toKey === from.key);
  });
  if (exists) throw conflict(`${issue.key} is already linked to ${other.key}.`);
  if (rel.typeId === 'subtask') {
    // Re-parenting goes through setParent so `parent` and the subtask link never disagree.
    const before = to.parentKey;
    setParent(state, to, from, actorUid, now);
    touch(to, actorUid, now);
    log(state, to, 'IssueUpdated', actorUid, [{ field: 'parent', from: before, to: from.key }]);
    bump(state);
    const link = (state.linksByIssue.get(to.id) ?? []).at(-1);
    if (!link) throw notFound('Link was not created.');
    return link;
  }
  const link = insert(state, rel.typeId, from, to, actorUid, now);
  for (const side of [issue, other]) {
    touch(side, actorUid, now);
    log(state, side, 'IssueLinked', actorUid, [{ field: 'links', from: null, to: link.id }]);
  }
  bump(state);
  return link;
}

/** `DELETE /issues/<key>/links/<id>`: 404 unless the link touches that issue. */
export function deleteLink(
  state: StoreState,
  keyOrId: string,
  linkId: number,
  actorUid: number,
  now: number,
): void {
  requireWriter(state, actorUid);
  const issue = requireIssue(state, keyOrId);
  const link = state.links.get(Number(linkId));
  const side = link && linkSide(state, link, issue);
  if (!link || !side) throw notFound(`Link ${linkId} does not exist on ${issue.key}.`);
  if (link.typeId === 'subtask') {
    const child = state.issueByKey.get(link.toKey);
    if (child) {
      const before = child.parentKey;
      setParent(state, child, null, actorUid, now);
      touch(child, actorUid, now);
      log(state, child, 'IssueUpdated', actorUid, [{ field: 'parent', from: before, to: null }]);
    }
  } else {
    remove(state, link);
    for (const end of [issue, side.other]) {
      touch(end, actorUid, now);
      log(state, end, 'IssueUnlinked', actorUid, [{ field: 'links', from: link.id, to: null }]);
    }
  }
  bump(state);
}
