/**
 * The store's indexes over a world. Per-issue lists are keyed by issue **id**, which survives
 * moves between queues; keys (current and old) map to issues through `issueByKey`.
 */
import type {
  AttachmentRecord,
  ChangeRecord,
  CommentRecord,
  FieldRecord,
  IssueRecord,
  LinkRecord,
  QueueRecord,
  UserRecord,
  WorkflowRecord,
  WorklogRecord,
} from '../model.ts';
import { ObjectIdFactory } from '../random.ts';
import type { SeedWorld, WorldCounters } from '../seed/types.ts';

/** Indexes and counters; every module of the store works on one of these. */
export interface StoreState {
  readonly world: SeedWorld;
  /** In creation order. */
  readonly issues: IssueRecord[];
  /** Current keys and aliases. */
  readonly issueByKey: Map<string, IssueRecord>;
  readonly issueById: Map<string, IssueRecord>;
  readonly issueByUnique: Map<string, IssueRecord>;
  /** Issue id → comments in id order. */
  readonly comments: Map<string, CommentRecord[]>;
  /** Issue id → changelog in seq order. */
  readonly changes: Map<string, ChangeRecord[]>;
  readonly links: Map<number, LinkRecord>;
  /** Issue id → links touching it (either side). */
  readonly linksByIssue: Map<string, LinkRecord[]>;
  readonly worklogs: Map<number, WorklogRecord>;
  readonly worklogsByIssue: Map<string, WorklogRecord[]>;
  readonly attachments: Map<number, AttachmentRecord>;
  /** Issue id → attachment ids (issue and comment files), ascending. */
  readonly attachmentsByIssue: Map<string, number[]>;
  readonly userByUid: Map<number, UserRecord>;
  readonly userByLogin: Map<string, UserRecord>;
  readonly queueByKey: Map<string, QueueRecord>;
  readonly queueById: Map<number, QueueRecord>;
  readonly workflowById: Map<string, WorkflowRecord>;
  readonly fieldById: Map<string, FieldRecord>;
  /** Highest issue number ever used per queue (moved-away keys included). */
  readonly queueNumbers: Map<string, number>;
  readonly counters: WorldCounters;
  readonly ids: ObjectIdFactory;
  /** Bumped by every mutation. */
  revision: number;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function keyNumber(key: string): [string, number] {
  const dash = key.lastIndexOf('-');
  return [key.slice(0, dash), Number(key.slice(dash + 1))];
}

/**
 * Groups records by issue id, keeping their order. Hot for big worlds (~10^6 records), so it
 * resolves each record with one key lookup into a position and fills plain arrays.
 */
function group<T extends { issueKey: string }>(
  issues: readonly IssueRecord[],
  records: readonly T[],
): Map<string, T[]> {
  const position = new Map<string, number>();
  issues.forEach((issue, i) => {
    position.set(issue.key, i);
    for (const alias of issue.aliases) position.set(alias, i);
  });
  const lists: (T[] | undefined)[] = new Array(issues.length);
  for (const record of records) {
    const at = position.get(record.issueKey);
    if (at === undefined) continue;
    const list = lists[at];
    if (list) list.push(record);
    else lists[at] = [record];
  }
  const out = new Map<string, T[]>();
  lists.forEach((list, i) => {
    if (list) out.set((issues[i] as IssueRecord).id, list);
  });
  return out;
}

/** Indexes `world`; the world's arrays become the store's (it owns them from now on). */
export function buildState(world: SeedWorld): StoreState {
  const issueByKey = new Map<string, IssueRecord>();
  const issueById = new Map<string, IssueRecord>();
  const issueByUnique = new Map<string, IssueRecord>();
  const queueNumbers = new Map<string, number>();
  const noteKey = (key: string): void => {
    const [queue, n] = keyNumber(key);
    if (n > (queueNumbers.get(queue) ?? 0)) queueNumbers.set(queue, n);
  };
  for (const issue of world.issues) {
    issueById.set(issue.id, issue);
    issueByKey.set(issue.key, issue);
    noteKey(issue.key);
    for (const alias of issue.aliases) {
      issueByKey.set(alias, issue);
      noteKey(alias);
    }
    if (issue.unique) issueByUnique.set(issue.unique, issue);
  }
  const idOf = (key: string): string => issueByKey.get(key)?.id ?? key;
  const comments = group(world.issues, world.comments);
  const changes = group(world.issues, world.changes);
  const links = new Map<number, LinkRecord>();
  const linksByIssue = new Map<string, LinkRecord[]>();
  for (const l of world.links) {
    links.set(l.id, l);
    push(linksByIssue, idOf(l.fromKey), l);
    push(linksByIssue, idOf(l.toKey), l);
  }
  const worklogs = new Map<number, WorklogRecord>();
  const worklogsByIssue = new Map<string, WorklogRecord[]>();
  for (const w of world.worklogs) {
    worklogs.set(w.id, w);
    push(worklogsByIssue, idOf(w.issueKey), w);
  }
  const attachments = new Map<number, AttachmentRecord>();
  const attachmentsByIssue = new Map<string, number[]>();
  for (const a of world.attachments) {
    attachments.set(a.id, a);
    if (a.issueKey) push(attachmentsByIssue, idOf(a.issueKey), a.id);
  }
  return {
    world,
    issues: world.issues,
    issueByKey,
    issueById,
    issueByUnique,
    comments,
    changes,
    links,
    linksByIssue,
    worklogs,
    worklogsByIssue,
    attachments,
    attachmentsByIssue,
    userByUid: new Map(world.users.map((u) => [u.uid, u])),
    userByLogin: new Map(world.users.map((u) => [u.login.toLowerCase(), u])),
    queueByKey: new Map(world.queues.map((q) => [q.key, q])),
    queueById: new Map(world.queues.map((q) => [q.id, q])),
    workflowById: new Map(world.workflows.map((w) => [w.id, w])),
    fieldById: new Map(world.fields.map((f) => [f.id, f])),
    queueNumbers,
    counters: { ...world.counters },
    ids: new ObjectIdFactory(world.seed, world.counters.nextObjectId),
    revision: 0,
  };
}

/** Appends `value` to the list under `key`. */
export const pushTo = push;
