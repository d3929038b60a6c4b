/**
 * The parts of an issue around its history: parent/epic/other links, attachments (some on
 * comments, images shown inline in the description), worklogs, tags, followers, favourites and
 * custom/local field values.
 */
import type { CommentRecord, IssueRecord, LinkRecord } from '../model.ts';
import type { Rng } from '../random.ts';
import { weightedPicker } from '../random.ts';
import type { GenState } from './context.ts';
import { DAY, isoDate } from './context.ts';
import type { FileSample } from './files.ts';
import type { QueueSpec } from './queues.ts';
import { CUSTOMERS, TOPIC_TAGS } from './vocabulary.ts';
import type { Mutable } from './types.ts';

/** Per-queue memory of earlier issues, for parents and epics. */
export interface QueueMemory {
  /** Indexes of recent non-epic issues (a short ring). */
  readonly recent: number[];
  /** Indexes of epics. */
  readonly epics: number[];
}

function link(
  gen: GenState,
  typeId: LinkRecord['typeId'],
  from: Mutable<IssueRecord>,
  to: Mutable<IssueRecord>,
  byUid: number,
): void {
  const base = Math.max(from.createdAt, to.createdAt);
  const createdAt = Math.min(gen.now, base + Math.floor(gen.rng.exp(2 * 3_600_000)));
  gen.links.push({
    id: gen.nextLinkId++,
    typeId,
    fromKey: from.key,
    toKey: to.key,
    createdByUid: byUid,
    createdAt,
  });
}

/** Adds parent, epic and free links to earlier issues; returns keys worth mentioning. */
export function addRelations(
  gen: GenState,
  issue: Mutable<IssueRecord>,
  index: number,
  memory: QueueMemory,
): string[] {
  const { rng, issues } = gen;
  const keys: string[] = [];
  if (issue.typeKey !== 'epic' && memory.recent.length > 3 && rng.chance(0.08)) {
    const parent = issues[rng.pick(memory.recent)];
    if (parent && parent.createdAt < issue.createdAt) {
      issue.parentKey = parent.key;
      link(gen, 'subtask', parent, issue, issue.authorUid);
      keys.push(parent.key);
    }
  }
  if (issue.typeKey !== 'epic' && memory.epics.length > 0 && rng.chance(0.12)) {
    const epic =
      issues[
        memory.epics[memory.epics.length - 1 - rng.int(0, Math.min(4, memory.epics.length - 1))] ??
          -1
      ];
    if (epic) link(gen, 'epic', epic, issue, issue.authorUid);
  }
  const roll = rng.next();
  if (index > 20 && roll < 0.075) {
    const other = issues[rng.int(Math.max(0, index - 3000), index - 1)];
    if (other && other.key !== issue.parentKey) {
      const typeId = roll < 0.04 ? 'relates' : roll < 0.065 ? 'depends' : 'duplicates';
      link(gen, typeId, issue, other, issue.authorUid);
      keys.push(other.key);
    }
  }
  if (issue.typeKey === 'epic') memory.epics.push(index);
  else {
    memory.recent.push(index);
    if (memory.recent.length > 40) memory.recent.shift();
  }
  return keys;
}

/** Adds 1–2 attachments to ~6% of issues; returns the images to show in the description. */
export function addAttachments(
  gen: GenState,
  issue: Mutable<IssueRecord>,
  comments: readonly Mutable<CommentRecord>[],
  images: readonly FileSample[],
  documents: readonly FileSample[],
): { id: number; name: string }[] {
  const { rng } = gen;
  const inline: { id: number; name: string }[] = [];
  if (!rng.chance(0.06)) return inline;
  for (let n = rng.int(1, 2); n > 0; n--) {
    const sample = rng.chance(0.45) ? rng.pick(images) : rng.pick(documents);
    const comment = comments.length > 0 && rng.chance(0.35) ? rng.pick(comments) : null;
    const id = gen.nextAttachmentId++;
    gen.attachments.push({
      id,
      issueKey: issue.key,
      name: sample.name,
      mimetype: sample.mimetype,
      content: sample.content,
      createdByUid: comment ? comment.authorUid : issue.authorUid,
      createdAt: comment ? comment.createdAt : issue.createdAt,
      commentId: null,
    });
    gen.attachmentComment.push(comment);
    if (comment) comment.attachmentIds.push(id);
    else if (sample.mimetype.startsWith('image/')) inline.push({ id, name: sample.name });
  }
  return inline;
}

const DURATIONS = ['PT30M', 'PT1H', 'PT1H30M', 'PT2H', 'PT4H', 'P1D', 'P2D', 'P1W'];
const WORK_NOTES = [
  'Анализ логов',
  'Фикс и тесты',
  'Code review',
  'Investigation',
  'Ревью PR',
  'Release prep',
  '',
];

/** Adds 1–3 worklogs to ~8% of engineering issues. */
export function addWorklogs(
  gen: GenState,
  issue: Mutable<IssueRecord>,
  spec: QueueSpec,
  team: readonly number[],
): void {
  const { rng } = gen;
  if (spec.topic === 'docs' || spec.topic === 'support' || !rng.chance(0.08)) return;
  for (let n = rng.int(1, 3); n > 0; n--) {
    const start = Math.floor(rng.float(issue.createdAt, issue.updatedAt + 1));
    const at = Math.min(gen.now, start + rng.int(1, 8) * 3_600_000);
    gen.worklogs.push({
      id: gen.nextWorklogId++,
      issueKey: issue.key,
      version: 1,
      comment: rng.pick(WORK_NOTES),
      createdByUid: issue.assigneeUid ?? rng.pick(team),
      createdAt: at,
      updatedAt: at,
      start,
      duration: rng.pick(DURATIONS),
    });
  }
}

const pickTagCount = weightedPicker([0, 1, 2, 3], [45, 30, 18, 7]);
const pickFollowerCount = weightedPicker([0, 1, 2, 3], [40, 30, 20, 10]);

/** Fills tags, followers, favourites, global extras and the queue's local fields. */
export function decorate(
  rng: Rng,
  issue: Mutable<IssueRecord>,
  spec: QueueSpec,
  team: readonly number[],
  demoUid: number,
  localIds: ReadonlyMap<string, string>,
): void {
  const tagCount = pickTagCount(rng);
  if (tagCount > 0) issue.tags = rng.sample(TOPIC_TAGS[spec.topic], tagCount);
  const followerCount = pickFollowerCount(rng);
  const followers = followerCount > 0 ? rng.sample(team, followerCount) : [];
  if (!followers.includes(demoUid) && rng.chance(0.1)) followers.push(demoUid);
  issue.followerUids = followers;
  if (rng.chance(0.025)) issue.favoritedByUids.push(demoUid);
  if (rng.chance(0.03)) {
    const fan = rng.pick(team);
    if (!issue.favoritedByUids.includes(fan)) issue.favoritedByUids.push(fan);
  }
  const extra = issue.extra;
  if (spec.queue.workflowId === 'dev' && issue.typeKey !== 'bug' && rng.chance(0.3)) {
    extra.storyPoints = rng.pick([1, 2, 3, 5, 8, 13]);
  }
  if (rng.chance(0.12)) extra.deadline = isoDate(issue.createdAt + rng.int(7, 60) * DAY);
  if (rng.chance(0.05)) extra.start = isoDate(issue.createdAt + rng.int(0, 6) * DAY);
  const local = (key: string, value: unknown): void => {
    const id = localIds.get(`${spec.queue.key}/${key}`);
    if (id) extra[id] = value;
  };
  if (spec.queue.key === 'DESK') {
    if (rng.chance(0.7)) local('platform', rng.pick(['windows', 'macos', 'linux']));
    if (rng.chance(0.5)) local('appVersion', rng.pick(['1.3.4', '1.4.2', '1.5.0']));
  } else if (spec.queue.key === 'MOBILE') {
    if (rng.chance(0.6))
      local('osVersion', rng.pick(['iOS 18.1', 'iOS 17.6', 'Android 15', 'Android 14']));
  } else if (spec.queue.key === 'SUPPORT') {
    if (rng.chance(0.8)) local('customer', rng.pick(CUSTOMERS));
    if (rng.chance(0.8)) local('slaLevel', rng.pick(['gold', 'silver', 'bronze']));
    if (rng.chance(0.5)) local('ticketCount', rng.int(1, 20));
  }
}
