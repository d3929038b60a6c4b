/**
 * One issue's life after creation: workflow steps, comments (with summons and answers),
 * reassignments and a priority edit, interleaved on a timeline. It mutates the issue to the final
 * state and records matching comments and changelog drafts, so replaying the changelog from the
 * creation state lands exactly on the stored issue.
 */
import type { CommentRecord, IssueRecord, TransitionRecord } from '../model.ts';
import type { Rng } from '../random.ts';
import type { GenState } from './context.ts';
import { NO_FIELDS, fieldChange, pushChange, workflowChange } from './context.ts';
import type { PathStep } from './paths.ts';
import type { Lang } from './summaries.ts';
import type { Mutable } from './types.ts';

/** What to play out for one issue. */
export interface HistoryPlan {
  readonly issue: Mutable<IssueRecord>;
  readonly lang: Lang;
  readonly path: readonly PathStep[];
  /** Events happen after this moment (creation, or the move right after it). */
  readonly startAt: number;
  /** The last event happens at this moment. */
  readonly endAt: number;
  readonly commentCount: number;
  /** Assignee chain: [0] is the assignee at creation, the last one is final. */
  readonly assignees: readonly (number | null)[];
  /** When set, one priority edit from this value to `issue.priorityKey`. */
  readonly priorityFrom: string | null;
  readonly team: readonly number[];
  readonly leadUid: number;
  readonly demoUid: number;
  readonly loginOf: (uid: number) => string;
  /** Support queues receive some comments by e-mail. */
  readonly emailComments: boolean;
}

const TRANSITION = 0;
const COMMENT = 1;
const REASSIGN = 2;
const PRIORITY = 3;

const CLOSE_RESOLUTIONS = ['fixed', 'wontFix', 'duplicate', 'later', 'cantReproduce'];
const CLOSE_WEIGHTS = [40, 20, 15, 15, 10];

function resolutionFor(rng: Rng, tr: TransitionRecord, current: string | null): string | null {
  if (!tr.resolves) return null;
  if (current) return current; // e.g. close after resolve keeps the resolution
  if (tr.id === 'resolve')
    return rng.chance(0.88) ? 'fixed' : rng.pick(['cantReproduce', 'wontFix']);
  if (tr.id === 'cancel') return rng.chance(0.6) ? 'wontFix' : 'later';
  return rng.weighted(CLOSE_RESOLUTIONS, CLOSE_WEIGHTS);
}

/** Plays `plan` out; the issue must be in its creation state (initial status, first assignee). */
export function writeHistory(gen: GenState, plan: HistoryPlan): void {
  const { rng } = gen;
  const { issue } = plan;
  const kinds: number[] = [];
  for (let i = 0; i < plan.path.length; i++) kinds.push(TRANSITION);
  for (let i = 0; i < plan.commentCount; i++) kinds.push(COMMENT);
  for (let i = 1; i < plan.assignees.length; i++) kinds.push(REASSIGN);
  if (plan.priorityFrom !== null) kinds.push(PRIORITY);
  rng.shuffle(kinds);
  // Unassigned issues get an assignee before anyone works on them.
  if (plan.assignees[0] === null && plan.assignees.length > 1) {
    const at = kinds.indexOf(REASSIGN);
    kinds.splice(at, 1);
    kinds.unshift(REASSIGN);
  }
  const times = kinds.map(() => plan.startAt + 1 + rng.next() * (plan.endAt - plan.startAt - 1));
  times.sort((a, b) => a - b);
  if (times.length > 0) times[times.length - 1] = plan.endAt;

  let step = 0;
  let assigneeStep = 1;
  let lastActor = issue.updatedByUid;
  let lastAt = plan.startAt;
  let lastCommentAt: number | null = null;
  const pending = issue.pendingReplyUids;
  const worker = (): number => issue.assigneeUid ?? rng.pick([issue.authorUid, plan.leadUid]);

  for (let e = 0; e < kinds.length; e++) {
    const at = Math.floor(times[e] as number);
    const kind = kinds[e];
    let actor: number;
    if (kind === TRANSITION) {
      const { transition } = plan.path[step++] as PathStep;
      actor = worker();
      const resolution = resolutionFor(rng, transition, issue.resolutionKey);
      const fields = workflowChange(
        issue.statusKey,
        transition.to,
        issue.resolutionKey,
        resolution,
      );
      issue.previousStatusKey = issue.statusKey;
      issue.statusKey = transition.to;
      issue.resolutionKey = resolution;
      pushChange(gen, issue, 'IssueWorkflow', at, actor, fields);
    } else if (kind === REASSIGN) {
      const next = plan.assignees[assigneeStep++] ?? null;
      actor = rng.chance(0.5) ? plan.leadUid : issue.authorUid;
      const fields = fieldChange('assignee', issue.assigneeUid, next);
      pushChange(gen, issue, 'IssueUpdated', at, actor, fields);
      issue.assigneeUid = next;
    } else if (kind === PRIORITY) {
      actor = rng.chance(0.5) ? plan.leadUid : issue.authorUid;
      const fields = fieldChange('priority', plan.priorityFrom, issue.priorityKey);
      pushChange(gen, issue, 'IssueUpdated', at, actor, fields);
    } else {
      actor = addComment(gen, plan, pending, at, worker);
      lastCommentAt = at;
    }
    lastActor = actor;
    lastAt = at;
  }
  issue.updatedAt = lastAt;
  issue.updatedByUid = lastActor;
  issue.lastCommentUpdatedAt = lastCommentAt;
}

function addComment(
  gen: GenState,
  plan: HistoryPlan,
  pending: number[],
  at: number,
  worker: () => number,
): number {
  const { rng } = gen;
  const { issue } = plan;
  let author: number;
  let answering: boolean;
  if (pending.length > 0 && rng.chance(0.45)) {
    author = rng.pick(pending);
    answering = true;
  } else {
    const roll = rng.next();
    author =
      roll < 0.4
        ? worker()
        : roll < 0.6
          ? issue.authorUid
          : roll < 0.95
            ? rng.pick(plan.team)
            : plan.demoUid;
    answering = pending.includes(author);
  }
  const idx = pending.indexOf(author);
  if (idx >= 0) pending.splice(idx, 1);
  let summoned: number | null = null;
  if (!answering && rng.chance(0.2)) {
    summoned = author !== plan.demoUid && rng.chance(0.14) ? plan.demoUid : rng.pick(plan.team);
    if (summoned === author) summoned = null;
    else if (!pending.includes(summoned)) pending.push(summoned);
  }
  const text =
    summoned !== null
      ? gen.markup.comment(rng, plan.lang, 'question', plan.loginOf(summoned))
      : gen.markup.comment(rng, plan.lang, answering ? 'answer' : 'plain');
  const email = plan.emailComments && author !== plan.demoUid && rng.chance(0.12);
  const comment: Mutable<CommentRecord> = {
    id: 0,
    longId: '',
    issueKey: issue.key,
    text,
    authorUid: author,
    updatedByUid: author,
    createdAt: at,
    updatedAt: at,
    version: 1,
    summoneeUids: summoned === null ? [] : [summoned],
    attachmentIds: [],
    type: email ? 'incoming' : 'standard',
    transport: email ? 'email' : 'internal',
  };
  gen.comments.push(comment);
  pushChange(gen, issue, 'IssueCommentAdded', at, author, NO_FIELDS, comment);
  return author;
}
