/**
 * Notification events derived from one sync commit. Tracker has no notification API, so "what
 * happened to me" is read off the difference between an issue before and after the write.
 *
 * Pure: no Electron, no clock, no storage. The ids are deterministic from the change (kind, issue
 * key and the issue version or comment id), so the same change always yields the same id and the
 * inbox (`addInboxEntries`, idempotent by id) dedupes it, also across restarts.
 */
import type { InboxKind, NewInboxEntry } from '../cache/inbox.ts';

/**
 * A user as sync knows them. Tracker user references carry an id and a display name; the login is
 * not always present (comment authors), so people are matched by id first, then by login.
 */
export interface NotifyPerson {
  readonly id?: string | undefined;
  readonly login?: string | undefined;
  readonly display?: string | undefined;
}

/** The signed-in user; both id and login are known after sign-in. */
export interface NotifyMe {
  readonly id: string;
  readonly login: string;
}

/** The fields of an issue that notification rules look at, as cached before or after a write. */
export interface IssueSnapshot {
  readonly key: string;
  readonly summary: string;
  readonly assignee: NotifyPerson | null;
  readonly status: { readonly key: string; readonly display: string } | null;
  /** The author (createdBy); makes the issue "mine" for the optional kinds. */
  readonly author?: NotifyPerson | null | undefined;
  /** Who made the latest change (updatedBy); a change made by me is not news. */
  readonly updatedBy?: NotifyPerson | null | undefined;
  /** Tracker's issue version; part of the event id (falls back to `updatedAt`). */
  readonly version?: number | undefined;
  /** Epoch ms. */
  readonly updatedAt: number;
}

/** A comment the sync saw added to an issue since the previous run. */
export interface AddedComment {
  readonly id: string;
  readonly author: NotifyPerson | null;
  readonly text: string;
  /** Users summoned with the comment (Tracker's `summonees`), besides `@login` mentions. */
  readonly summonees?: readonly NotifyPerson[] | undefined;
  /** Epoch ms. */
  readonly createdAt: number;
}

/** One changed issue of a commit: `before` is undefined for an issue new to the cache. */
export interface IssueChange {
  readonly before: IssueSnapshot | undefined;
  readonly after: IssueSnapshot;
  readonly comments?: readonly AddedComment[] | undefined;
}

/**
 * `first`: the first sync of a scope, catching up after the cache was rebuilt, or a relocalizing
 * run — everything looks new then, so nothing is news. `incremental`: an ordinary run.
 */
export type SyncRunKind = 'first' | 'incremental';

/** Everything one sync commit tells the notification producer. */
export interface CommitChanges {
  readonly run: SyncRunKind;
  readonly me: NotifyMe;
  readonly changes: readonly IssueChange[];
}

/** An event for the inbox and, if the policy lets it, a desktop notification. */
export interface NotifyEvent extends NewInboxEntry {
  readonly kind: InboxKind;
  readonly issueKey: string;
  /** The new status's display name (status events only), for the notification title. */
  readonly status?: string | undefined;
}

/** True when `person` is the signed-in user (by id, else by login, case-insensitive). */
export function isMe(person: NotifyPerson | null | undefined, me: NotifyMe): boolean {
  if (!person) return false;
  if (person.id !== undefined && person.id === me.id) return true;
  // Yandex logins are case-insensitive; comment authors may come without an id match.
  return person.login !== undefined && person.login.toLowerCase() === me.login.toLowerCase();
}

const actorName = (person: NotifyPerson | null | undefined): string | null =>
  person?.display ?? person?.login ?? null;

/** The part of an id that names the issue state: the version, else the update time. */
const stamp = (issue: IssueSnapshot): string =>
  issue.version !== undefined ? `v${issue.version}` : `t${issue.updatedAt}`;

/** The id of an event about an issue change (`assigned`, `status`). */
export function changeEventId(kind: 'assigned' | 'status', issue: IssueSnapshot): string {
  return `${kind}:${issue.key}:${stamp(issue)}`;
}

/** The id of an event about a comment (`summoned`, `comment`); one comment, one id per kind. */
export function commentEventId(
  kind: 'summoned' | 'comment',
  issueKey: string,
  commentId: string,
): string {
  return `${kind}:${issueKey}:c${commentId}`;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** True when `text` mentions `@login` as a whole word (not an e-mail address, not a longer login). */
export function mentions(text: string, login: string): boolean {
  if (login === '') return false;
  // The character before `@` must not be part of a word or address; after the login no more
  // login characters may follow, so `@ann` does not match `@anna` or `@ann.smith`.
  const re = new RegExp(`(?:^|[^\\w.@-])@${escapeRegExp(login)}(?![\\w-]|\\.\\w)`, 'iu');
  return re.test(text);
}

/**
 * Derives the events of one sync commit. Rules:
 * - nothing at all for a `first` run;
 * - `assigned`: I am the assignee after, and the issue is new to the cache or was assigned to
 *   someone else or nobody before; not when I made the change myself (assigning an issue to
 *   yourself is not news);
 * - `summoned`: a comment not by me mentions `@myLogin` or lists me among its summonees;
 * - `comment`: a comment not by me on an issue I own (assignee or author);
 * - `status`: the status of an issue I own changed, not by me (needs `before`).
 * Whether the optional kinds are shown is the policy's business; all are derived here.
 */
export function deriveEvents(commit: CommitChanges): NotifyEvent[] {
  if (commit.run === 'first') return [];
  const { me } = commit;
  const events: NotifyEvent[] = [];
  for (const { before, after, comments = [] } of commit.changes) {
    // When the issue is new to the cache, its author made the latest change unless told otherwise.
    const changedBy = after.updatedBy ?? (before === undefined ? after.author : undefined);
    const base = { issueKey: after.key, summary: after.summary };

    if (isMe(after.assignee, me) && !isMe(before?.assignee, me) && !isMe(changedBy, me)) {
      events.push({
        ...base,
        id: changeEventId('assigned', after),
        kind: 'assigned',
        actor: actorName(changedBy),
        createdAt: after.updatedAt,
      });
    }

    const mine = isMe(after.assignee, me) || isMe(after.author, me);

    if (
      mine &&
      before !== undefined &&
      before.status !== null &&
      after.status !== null &&
      before.status.key !== after.status.key &&
      !isMe(changedBy, me)
    ) {
      events.push({
        ...base,
        id: changeEventId('status', after),
        kind: 'status',
        actor: actorName(changedBy),
        createdAt: after.updatedAt,
        status: after.status.display,
      });
    }

    for (const comment of comments) {
      if (isMe(comment.author, me)) continue;
      const comm = { ...base, actor: actorName(comment.author), createdAt: comment.createdAt };
      const summoned =
        mentions(comment.text, me.login) || (comment.summonees ?? []).some((p) => isMe(p, me));
      if (summoned) {
        events.push({
          ...comm,
          id: commentEventId('summoned', after.key, comment.id),
          kind: 'summoned',
        });
      }
      if (mine) {
        events.push({
          ...comm,
          id: commentEventId('comment', after.key, comment.id),
          kind: 'comment',
        });
      }
    }
  }
  return events;
}
