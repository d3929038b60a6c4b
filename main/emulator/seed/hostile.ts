/**
 * Seeds the hostile-content corpus (../hostile.ts): a `HOSTILE` queue with one open issue per
 * payload, assigned to the demo user so the demo sync fetches it. Each issue carries its payload in
 * the summary (first line), the description and one comment. Only `createSeedWorld({ hostileCorpus:
 * true })` calls this; default worlds never contain it.
 */
import { HOSTILE_QUEUE_KEY, hostileIssues, hostileSummary, type HostileIssue } from '../hostile.ts';
import type { CommentRecord, IssueRecord, QueueRecord, UserRecord } from '../model.ts';
import type { ObjectIdFactory } from '../random.ts';
import { NO_FIELDS, pushChange, type GenState } from './context.ts';
import type { Mutable } from './types.ts';

/** Who files the hostile issues and writes their comments (a queue lead, not the demo user). */
const AUTHOR_LOGIN = 'kirill.makarov';
/** Spacing of the seeded issues and the delay of each issue's comment. */
const STEP_MS = 10_000;
const COMMENT_AFTER_MS = 5_000;
/** The corpus is filed within this last stretch before `now`. */
const WINDOW_MS = 30 * 60_000;

/** The `HOSTILE` queue record (id after the regular queues). */
export function hostileQueue(
  id: number,
  users: readonly UserRecord[],
  demoUid: number,
): QueueRecord {
  const lead = users.find((u) => u.login === AUTHOR_LOGIN)?.uid ?? demoUid;
  return {
    id,
    key: HOSTILE_QUEUE_KEY,
    version: 1,
    name: { ru: 'Враждебный контент', en: 'Hostile content' },
    description: 'Script-injection and remote-load payloads for security tests.',
    leadUid: lead,
    defaultType: 'bug',
    defaultPriority: 'normal',
    workflowId: 'simple',
    teamUids: [demoUid, lead],
    issueTypes: ['bug', 'task'],
  };
}

/**
 * Appends the corpus issues, their comments and changelog drafts to `gen`, after every generated
 * issue (creation order is kept: they are the newest issues of the world).
 */
export function generateHostileIssues(
  gen: GenState,
  queue: QueueRecord,
  demoUid: number,
  ids: ObjectIdFactory,
  initialStatus: string,
): readonly HostileIssue[] {
  const corpus = hostileIssues();
  const last = gen.issues.at(-1)?.createdAt ?? -Infinity;
  const span = corpus.length * STEP_MS + COMMENT_AFTER_MS;
  const base = Math.max(last + 1, gen.now - Math.max(WINDOW_MS, span));
  const author = queue.leadUid;
  corpus.forEach(({ key, payload }, i) => {
    const createdAt = Math.min(gen.now, base + i * STEP_MS);
    const commentAt = Math.min(gen.now, createdAt + COMMENT_AFTER_MS);
    const issue: Mutable<IssueRecord> = {
      id: ids.next(createdAt),
      key,
      queueKey: queue.key,
      version: 2,
      summary: hostileSummary(payload),
      description: payload.text,
      typeKey: 'bug',
      priorityKey: 'normal',
      statusKey: initialStatus,
      previousStatusKey: null,
      resolutionKey: null,
      assigneeUid: demoUid,
      authorUid: author,
      updatedByUid: author,
      followerUids: [],
      pendingReplyUids: [],
      favoritedByUids: [],
      tags: ['hostile', payload.category],
      parentKey: null,
      aliases: [],
      createdAt,
      updatedAt: commentAt,
      lastCommentUpdatedAt: commentAt,
      unique: null,
      extra: {},
    };
    const comment: Mutable<CommentRecord> = {
      id: 0,
      longId: '',
      issueKey: key,
      text: payload.text,
      authorUid: author,
      updatedByUid: author,
      createdAt: commentAt,
      updatedAt: commentAt,
      version: 1,
      summoneeUids: [],
      attachmentIds: [],
      type: 'standard',
      transport: 'internal',
    };
    gen.issues.push(issue);
    gen.comments.push(comment);
    pushChange(gen, issue, 'IssueCreated', createdAt, author, NO_FIELDS);
    pushChange(gen, issue, 'IssueCommentAdded', commentAt, author, NO_FIELDS, comment);
  });
  return corpus;
}
