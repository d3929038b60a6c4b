/**
 * The individual things simulated colleagues do: file issues, comment (sometimes summoning the
 * demo user), move issues along their workflow, reassign (sometimes to the demo user) and edit.
 * Each action goes through the public store API, so it obeys the same rules as HTTP clients.
 */
import type { IssueRecord, TransitionRecord } from '../model.ts';
import type { Rng } from '../random.ts';
import { MarkupPools } from '../seed/markup.ts';
import type { QueueSpec } from '../seed/queues.ts';
import { createQueues } from '../seed/queues.ts';
import type { Lang } from '../seed/summaries.ts';
import { makeSummary } from '../seed/summaries.ts';
import { TOPIC_TAGS } from '../seed/vocabulary.ts';
import type { EmulatorStore } from '../store.ts';

/** What kind of event happened. */
export type ActivityKind = 'created' | 'commented' | 'transitioned' | 'reassigned' | 'edited';

/** One simulated event. */
export interface ActivityEvent {
  readonly kind: ActivityKind;
  readonly key: string;
  readonly actorUid: number;
  /** Epoch ms the store was given. */
  readonly at: number;
  /** Short human-readable detail ("start_progress", "assignee → alex.smirnov", …). */
  readonly detail: string;
  /** Whether the demo user became the assignee or was summoned. */
  readonly touchesDemo: boolean;
}

// Forward moves are common, reopening is rare — like a real team's board.
const TRANSITION_WEIGHTS: Record<string, number> = {
  start_progress: 6,
  send_review: 5,
  start_testing: 3,
  resolve: 4,
  close: 1.5,
  need_info: 1,
  provide_info: 4,
  request_changes: 1,
  testing_failed: 1,
  stop_progress: 0.5,
  cancel: 0.3,
  reopen: 0.3,
};

/** Shared context of the actions of one simulator. */
export class Actors {
  private readonly topics: Map<string, QueueSpec['topic']>;
  private readonly markup: MarkupPools;
  private readonly store: EmulatorStore;
  private readonly rng: Rng;
  private readonly demoUid: number;

  constructor(store: EmulatorStore, rng: Rng, demoUid: number) {
    this.store = store;
    this.rng = rng;
    this.demoUid = demoUid;
    this.topics = new Map(createQueues(store.users()).map((s) => [s.queue.key, s.topic]));
    this.markup = new MarkupPools(rng.fork('markup'), 4);
  }

  /** Colleagues who may write in a queue (licensed, not dismissed, not the demo user or robots). */
  crew(queueKey: string): number[] {
    const queue = this.store.queue(queueKey);
    return (queue?.teamUids ?? []).filter((uid) => {
      const user = this.store.user(uid);
      return (
        user !== undefined &&
        uid !== this.demoUid &&
        user.hasLicense &&
        !user.dismissed &&
        !user.login.startsWith('robot')
      );
    });
  }

  private login(uid: number): string {
    return this.store.user(uid)?.login ?? String(uid);
  }

  private demoIn(queueKey: string): boolean {
    return this.store.queue(queueKey)?.teamUids.includes(this.demoUid) ?? false;
  }

  /** A recently active issue, preferring unresolved ones. */
  pickIssue(unresolved: boolean): IssueRecord | undefined {
    const issues = this.store.allIssues();
    if (issues.length === 0) return undefined;
    const window = Math.min(issues.length, 600);
    let candidate: IssueRecord | undefined;
    for (let attempt = 0; attempt < 6; attempt++) {
      candidate = this.rng.chance(0.75)
        ? issues[issues.length - 1 - this.rng.int(0, window - 1)]
        : issues[this.rng.int(0, issues.length - 1)];
      if (candidate && (!unresolved || candidate.resolutionKey === null)) return candidate;
    }
    return candidate;
  }

  /** A colleague files a new issue, sometimes straight onto the demo user. */
  create(at: number): ActivityEvent | null {
    const { rng, store } = this;
    const queue = rng.pick(store.queues());
    const crew = this.crew(queue.key);
    if (crew.length === 0) return null;
    const actor = rng.pick(crew);
    const type = rng.pick(queue.issueTypes.filter((t) => t !== 'epic'));
    const lang: Lang = rng.chance(0.55) ? 'ru' : 'en';
    const topic = this.topics.get(queue.key) ?? 'desktop';
    const roll = rng.next();
    const assignee =
      roll < 0.25 && this.demoIn(queue.key) ? this.demoUid : roll < 0.75 ? rng.pick(crew) : null;
    const description = this.markup.description(rng, lang, {
      type,
      mentions: [],
      keys: [],
      images: [],
    });
    const body: Record<string, unknown> = {
      queue: queue.key,
      summary: makeSummary(rng, lang, topic, type),
      description,
      type,
      priority: rng.pick(['minor', 'normal', 'normal', 'normal', 'critical']),
    };
    if (assignee !== null) body.assignee = this.login(assignee);
    if (rng.chance(0.3)) body.tags = [rng.pick(TOPIC_TAGS[topic])];
    const result = store.createIssue(body, actor, at);
    const issue = 'created' in result ? result.created : result.duplicate;
    const touchesDemo = assignee === this.demoUid;
    return {
      kind: 'created',
      key: issue.key,
      actorUid: actor,
      at,
      detail: issue.summary,
      touchesDemo,
    };
  }

  /** A comment; ~12% summon the demo user, and pending colleagues answer. */
  comment(at: number): ActivityEvent | null {
    const { rng, store } = this;
    const issue = this.pickIssue(rng.chance(0.8));
    if (!issue) return null;
    const crew = this.crew(issue.queueKey);
    if (crew.length === 0) return null;
    const waiting = issue.pendingReplyUids.filter((uid) => crew.includes(uid));
    const actor =
      waiting.length > 0 && rng.chance(0.4)
        ? rng.pick(waiting)
        : issue.assigneeUid !== null && crew.includes(issue.assigneeUid) && rng.chance(0.4)
          ? issue.assigneeUid
          : rng.pick(crew);
    const lang: Lang = /[а-яё]/i.test(issue.summary) ? 'ru' : 'en';
    const roll = rng.next();
    const summoned = roll < 0.12 ? this.demoUid : roll < 0.22 ? rng.pick(crew) : null;
    const summons = summoned !== null && summoned !== actor;
    const text = summons
      ? this.markup.comment(rng, lang, 'question', this.login(summoned))
      : this.markup.comment(rng, lang, waiting.includes(actor) ? 'answer' : 'plain');
    const body = { text, summonees: summons ? [this.login(summoned)] : [] };
    store.addComment(issue.key, body, actor, at);
    const touchesDemo = summons && summoned === this.demoUid;
    return {
      kind: 'commented',
      key: issue.key,
      actorUid: actor,
      at,
      detail: text.slice(0, 60),
      touchesDemo,
    };
  }

  /** Someone moves an issue one step along its workflow. */
  transition(at: number): ActivityEvent | null {
    const { rng, store } = this;
    const issue = this.pickIssue(rng.chance(0.9));
    if (!issue) return null;
    const options: TransitionRecord[] = store.transitions(issue.key);
    if (options.length === 0) return null;
    const crew = this.crew(issue.queueKey);
    if (crew.length === 0) return null;
    const transition = rng.weighted(
      options,
      options.map((t) => TRANSITION_WEIGHTS[t.id] ?? 1),
    );
    const actor =
      issue.assigneeUid !== null && crew.includes(issue.assigneeUid)
        ? issue.assigneeUid
        : rng.pick(crew);
    const body: Record<string, unknown> = {};
    if (transition.resolves && !issue.resolutionKey) {
      body.resolution = rng.chance(0.85)
        ? 'fixed'
        : rng.pick(['wontFix', 'duplicate', 'cantReproduce', 'later']);
    }
    if (rng.chance(0.25)) {
      body.comment = this.markup.comment(rng, /[а-яё]/i.test(issue.summary) ? 'ru' : 'en', 'plain');
    }
    store.executeTransition(issue.key, transition.id, body, actor, at);
    return {
      kind: 'transitioned',
      key: issue.key,
      actorUid: actor,
      at,
      detail: transition.id,
      touchesDemo: false,
    };
  }

  /** A lead hands an open issue to someone else — a third of the time to the demo user. */
  reassign(at: number): ActivityEvent | null {
    const { rng, store } = this;
    const issue = this.pickIssue(true);
    if (!issue || issue.resolutionKey !== null) return null;
    const crew = this.crew(issue.queueKey);
    if (crew.length === 0) return null;
    const toDemo = issue.assigneeUid !== this.demoUid && rng.chance(0.35);
    const others = crew.filter((uid) => uid !== issue.assigneeUid);
    if (!toDemo && others.length === 0) return null;
    const next = toDemo ? this.demoUid : rng.pick(others);
    const lead = store.queue(issue.queueKey)?.leadUid;
    const actor =
      lead !== undefined && crew.includes(lead) && rng.chance(0.6) ? lead : rng.pick(crew);
    store.patchIssue(issue.key, { assignee: this.login(next) }, {}, actor, at);
    return {
      kind: 'reassigned',
      key: issue.key,
      actorUid: actor,
      at,
      detail: `assignee → ${this.login(next)}`,
      touchesDemo: toDemo,
    };
  }

  /** A small edit: priority, tags, followers (sometimes adding the demo user) or a deadline. */
  edit(at: number): ActivityEvent | null {
    const { rng, store } = this;
    const issue = this.pickIssue(true);
    if (!issue) return null;
    const crew = this.crew(issue.queueKey);
    if (crew.length === 0) return null;
    const actor = rng.pick(crew);
    const topic = this.topics.get(issue.queueKey) ?? 'desktop';
    const choice = rng.int(0, 3);
    const patch: Record<string, unknown> =
      choice === 0
        ? { priority: rng.pick(store.priorities()).key }
        : choice === 1
          ? { tags: { add: [rng.pick(TOPIC_TAGS[topic])] } }
          : choice === 2
            ? { followers: { add: [this.login(rng.chance(0.3) ? this.demoUid : rng.pick(crew))] } }
            : { deadline: new Date(at + rng.int(3, 30) * 86_400_000).toISOString().slice(0, 10) };
    const version = issue.version;
    store.patchIssue(issue.key, patch, {}, actor, at);
    // Re-setting an existing value is a no-op for the store, so it is not an event either.
    if (issue.version === version) return null;
    return {
      kind: 'edited',
      key: issue.key,
      actorUid: actor,
      at,
      detail: Object.keys(patch).join(','),
      touchesDemo: false,
    };
  }
}
