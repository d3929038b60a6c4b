/**
 * The issue loop: creation times skewed towards the present, queue and type mix, authorship and
 * assignment shares (the demo user gets ~8% of assignments, ~6% of authorship), a few moves between
 * queues, then history, relations, attachments, worklogs, decoration and the description.
 */
import type { IssueRecord, UserRecord } from '../model.ts';
import type { ObjectIdFactory, Rng } from '../random.ts';
import { weightedPicker } from '../random.ts';
import type { GenState } from './context.ts';
import { DAY, NO_FIELDS, pushChange } from './context.ts';
import { addAttachments, addRelations, addWorklogs, decorate } from './extras.ts';
import type { QueueMemory } from './extras.ts';
import type { FileSample } from './files.ts';
import { writeHistory } from './history.ts';
import type { WorkflowPlan } from './paths.ts';
import { resolvedShare } from './paths.ts';
import { isActiveWorker } from './people.ts';
import type { QueueSpec } from './queues.ts';
import { makeSummary } from './summaries.ts';
import type { Mutable } from './types.ts';

/** Inputs of {@link generateIssues}. */
export interface IssueLoopInput {
  readonly count: number;
  readonly specs: readonly QueueSpec[];
  readonly plans: ReadonlyMap<string, WorkflowPlan>;
  readonly users: readonly UserRecord[];
  readonly demoUid: number;
  readonly ids: ObjectIdFactory;
  readonly images: readonly FileSample[];
  readonly documents: readonly FileSample[];
  /** `<QUEUE>/<fieldKey>` → local field id. */
  readonly localIds: ReadonlyMap<string, string>;
}

const TYPE_WEIGHTS: Record<string, number> = {
  bug: 30,
  task: 35,
  improvement: 15,
  epic: 3,
  story: 7,
};
const PRIORITIES = ['trivial', 'minor', 'normal', 'critical', 'blocker'];
const PRIORITY_WEIGHTS = [8, 15, 55, 15, 7];
// Mean ~3 comments for demo-sized worlds, ~1.6 for big ones (keeps 100k generation fast).
const COMMENTS_LIGHT = [35, 25, 16, 9, 6, 4, 2, 2, 1];
const COMMENTS_RICH = [14, 14, 16, 15, 12, 10, 8, 6, 5];
const LIGHT_THRESHOLD = 20_000;
const TWO_YEARS = 730 * DAY;
const DISMISSED_BEFORE = 300 * DAY;

/** Generates `count` issues with everything attached to them into `gen`. */
export function generateIssues(gen: GenState, input: IssueLoopInput): void {
  const { rng, now } = gen;
  const { count, specs, demoUid } = input;
  const pickSpec = weightedPicker(
    specs,
    specs.map((s) => s.weight),
  );
  const loginOf = loginLookup(input.users);
  const everyone = input.users
    .filter((u) => isActiveWorker(u) && u.uid !== demoUid)
    .map((u) => u.uid);
  const robot = input.users.find((u) => u.login.startsWith('robot'))?.uid ?? demoUid;
  const crews = new Map(specs.map((s) => [s.queue.key, crewOf(s, input.users, demoUid)]));
  const pickPriority = weightedPicker(PRIORITIES, PRIORITY_WEIGHTS);
  const memory = new Map<string, QueueMemory>(
    specs.map((s) => [s.queue.key, { recent: [], epics: [] }]),
  );
  const numbers = new Map(specs.map((s) => [s.queue.key, 0]));
  const nextKey = (queueKey: string): string => {
    const n = (numbers.get(queueKey) ?? 0) + 1;
    numbers.set(queueKey, n);
    return `${queueKey}-${n}`;
  };
  const commentCounts = count > LIGHT_THRESHOLD ? COMMENTS_LIGHT : COMMENTS_RICH;
  const commentPicker = weightedPicker([0, 1, 2, 3, 4, 5, 6, 7, 8], commentCounts);
  const start = now - TWO_YEARS;
  const span = TWO_YEARS - 3_600_000;

  for (let i = 0; i < count; i++) {
    // u^0.75 packs more issues into recent months; (i + r) keeps creation times ascending.
    const createdAt = Math.floor(start + span * Math.pow((i + rng.next()) / count, 0.75));
    let spec = pickSpec(rng);
    let origin: { key: string; queueKey: string } | null = null;
    if (i > 10 && rng.chance(0.006)) {
      origin = { key: nextKey(spec.queue.key), queueKey: spec.queue.key };
      const others = specs.filter((s) => s !== spec);
      spec = rng.pick(others);
    }
    const queue = spec.queue;
    const key = nextKey(queue.key);
    const plan = input.plans.get(queue.workflowId);
    if (!plan) throw new Error(`no workflow plan for ${queue.workflowId}`);
    const crewSet = crews.get(queue.key);
    if (!crewSet) throw new Error(`no crew for ${queue.key}`);
    const crew = now - createdAt > DISMISSED_BEFORE ? crewSet.all : crewSet.current;
    const typeKey = crewSet.pickType(rng);
    const lang = rng.chance(0.55) ? 'ru' : 'en';
    const authorUid = rng.chance(0.06)
      ? demoUid
      : spec.topic === 'support' && rng.chance(0.1)
        ? robot
        : rng.chance(0.75)
          ? rng.pick(crew)
          : rng.pick(everyone);
    const priorityKey = pickPriority(rng);
    const priorityFrom = rng.chance(0.12)
      ? rng.pick(PRIORITIES.filter((p) => p !== priorityKey))
      : null;
    const resolved = rng.chance(resolvedShare((now - createdAt) / DAY));
    const path = rng.pick(resolved ? plan.resolved : plan.unresolved);
    const demoTeam = queue.teamUids.includes(demoUid);
    const assignees = assigneeChain(rng, crew, path.length === 0, demoTeam ? 0.11 : 0.015, demoUid);

    const issue: Mutable<IssueRecord> = {
      id: input.ids.next(createdAt),
      key,
      queueKey: queue.key,
      version: 0,
      summary: makeSummary(rng, lang, spec.topic, typeKey),
      description: '',
      typeKey,
      priorityKey,
      statusKey: plan.workflow.initialStatus,
      previousStatusKey: null,
      resolutionKey: null,
      assigneeUid: assignees[0] ?? null,
      authorUid,
      updatedByUid: authorUid,
      followerUids: [],
      pendingReplyUids: [],
      favoritedByUids: [],
      tags: [],
      parentKey: null,
      aliases: origin ? [origin.key] : [],
      createdAt,
      updatedAt: createdAt,
      lastCommentUpdatedAt: null,
      unique: null,
      extra: {},
    };
    gen.issues.push(issue);
    const changesBefore = gen.changeAt.length;
    const commentsBefore = gen.comments.length;
    pushChange(gen, issue, 'IssueCreated', createdAt, authorUid, NO_FIELDS);
    let startAt = createdAt;
    if (origin) {
      startAt = Math.min(now, createdAt + rng.int(300_000, 3 * 3_600_000));
      pushChange(gen, issue, 'IssueMoved', startAt, queue.leadUid, [
        { field: 'key', from: origin.key, to: key },
        { field: 'queue', from: origin.queueKey, to: queue.key },
      ]);
      issue.updatedByUid = queue.leadUid;
    }
    const age = now - startAt;
    const activeSpan = resolved
      ? Math.min(age, 3_600_000 + rng.exp(14 * DAY))
      : age * (rng.chance(0.4) ? rng.float(0.85, 1) : rng.float(0, 0.7));
    writeHistory(gen, {
      issue,
      lang,
      path,
      startAt,
      endAt: Math.min(now, Math.floor(startAt + activeSpan)),
      commentCount: commentPicker(rng),
      assignees,
      priorityFrom,
      team: crew,
      leadUid: queue.leadUid,
      demoUid,
      loginOf,
      emailComments: spec.topic === 'support',
    });

    const keys = addRelations(gen, issue, i, memory.get(queue.key) ?? { recent: [], epics: [] });
    const comments = gen.comments.slice(commentsBefore);
    const images = addAttachments(gen, issue, comments, input.images, input.documents);
    addWorklogs(gen, issue, spec, crew);
    decorate(rng, issue, spec, crew, demoUid, input.localIds);
    if (keys.length === 0 && i > 0 && rng.chance(0.15))
      keys.push(gen.issues[rng.int(0, i - 1)]?.key ?? key);
    const mentions = rng.chance(0.3) ? [loginOf(rng.pick(crew))] : [];
    issue.description = gen.markup.description(rng, lang, {
      type: typeKey,
      mentions,
      keys,
      images,
    });
    issue.version = gen.changeAt.length - changesBefore;
  }
}

const pickReassignCount = weightedPicker([0, 1, 2], [60, 30, 10]);

function assigneeChain(
  rng: Rng,
  crew: readonly number[],
  untouched: boolean,
  demoShare: number,
  demoUid: number,
): (number | null)[] {
  const final =
    untouched && rng.chance(0.4) ? null : rng.chance(demoShare) ? demoUid : rng.pick(crew);
  const chain: (number | null)[] = [final];
  const steps = pickReassignCount(rng);
  for (let s = 0; s < steps; s++) {
    const prev = s === steps - 1 && rng.chance(0.5) ? null : rng.pick(crew);
    if (prev !== chain[0]) chain.unshift(prev);
  }
  return chain;
}

/** Who works in a queue: everyone ever, and without people who left since. */
interface Crew {
  readonly all: readonly number[];
  readonly current: readonly number[];
  readonly pickType: (rng: Rng) => string;
}

function crewOf(spec: QueueSpec, users: readonly UserRecord[], demoUid: number): Crew {
  const byUid = new Map(users.map((u) => [u.uid, u]));
  const all = spec.queue.teamUids.filter((uid) => {
    const user = byUid.get(uid);
    return (
      uid !== demoUid && user !== undefined && user.hasLicense && !user.login.startsWith('robot')
    );
  });
  const current = all.filter((uid) => !byUid.get(uid)?.dismissed);
  const types = spec.queue.issueTypes;
  const pickType = weightedPicker(
    types,
    types.map((t) => TYPE_WEIGHTS[t] ?? 5),
  );
  return { all, current, pickType };
}

function loginLookup(users: readonly UserRecord[]): (uid: number) => string {
  const logins = new Map(users.map((u) => [u.uid, u.login]));
  return (uid) => logins.get(uid) ?? String(uid);
}
