/**
 * Deterministic world generation: `createSeedWorld({ seed, issues, now })` returns a
 * {@link SeedWorld} that the store indexes and the wire layer renders.
 *
 * Densities (per issue, on average): comments ~3 (0–8) for worlds up to 20k issues and ~1.6
 * above; changelog ≈ 1 IssueCreated + ~2.5 IssueWorkflow + one IssueCommentAdded per comment +
 * ~0.5 assignee and ~0.12 priority IssueUpdated; links ~0.2 (subtask 8%, epic ~10%, relates/
 * depends/duplicates 7.5%); attachments ~0.09 (6% of issues, a third on comments); worklogs ~0.1.
 * The seeded changelog covers creation, moves, workflow steps, assignee/priority edits and comments
 * (links, attachments and worklogs come without changelog entries; the store logs them live).
 */
import { DEFAULT_ORGS, DEMO_USER, createUsers } from './people.ts';
import { ISSUE_TYPES, LINK_TYPES, PRIORITIES, RESOLUTIONS, STATUSES } from './dictionaries.ts';
import { WORKFLOWS } from './workflows.ts';
import { createFields, createQueues } from './queues.ts';
import { ObjectIdFactory, Rng } from '../random.ts';
import { planWorkflow } from './paths.ts';
import { MarkupPools } from './markup.ts';
import { documentSamples, imageSamples } from './files.ts';
import type { GenState } from './context.ts';
import { generateIssues } from './issues.ts';
import { finalize } from './finalize.ts';
import { createPlanning } from './boards.ts';
import { generateHostileIssues, hostileQueue } from './hostile.ts';
import type { SeedOptions, SeedWorld } from './types.ts';

export type { LinkTypeRecord, SeedOptions, SeedWorld, WorldCounters } from './types.ts';
export { DEMO_USER, DEFAULT_ORGS, DISMISSED_LOGIN, UNLICENSED_LOGIN } from './people.ts';
export { isResolvedType } from './dictionaries.ts';
export { transitionsFrom, workflowStatuses } from './workflows.ts';
export { EXTRA_GLOBAL_FIELDS, localFieldOwner } from './queues.ts';
export { imageSize, makePng } from './files.ts';

/** Default number of generated issues. */
export const DEFAULT_ISSUE_COUNT = 2000;
/** The first seeded comment id (ids look like Tracker's 7-digit ones). */
export const FIRST_COMMENT_ID = 4_000_001;

/** Generates the whole world for `options.seed`; same options → identical world. */
export function createSeedWorld(options: SeedOptions): SeedWorld {
  const count = Math.max(0, Math.floor(options.issues ?? DEFAULT_ISSUE_COUNT));
  const now = options.now;
  const rng = new Rng(options.seed);
  const users = createUsers();
  const specs = createQueues(users);
  const fields = createFields();
  const plans = new Map(
    WORKFLOWS.map((wf) => [wf.id, planWorkflow(wf, STATUSES, rng.fork(`plan:${wf.id}`))]),
  );
  const markup = new MarkupPools(rng.fork('markup'));
  const images = imageSamples();
  const documents = documentSamples(rng.fork('files'));
  const ids = new ObjectIdFactory(options.seed);
  const localIds = new Map(
    fields.filter((f) => f.queueKey).map((f) => [`${f.queueKey}/${f.key}`, f.id]),
  );
  const gen: GenState = {
    rng: rng.fork('issues'),
    now,
    markup,
    issues: [],
    comments: [],
    changeIssue: [],
    changeType: [],
    changeAt: [],
    changeBy: [],
    changeFields: [],
    changeComment: [],
    links: [],
    worklogs: [],
    attachments: [],
    attachmentComment: [],
    nextLinkId: 1,
    nextWorklogId: 1,
    nextAttachmentId: 1001,
  };
  generateIssues(gen, {
    count,
    specs,
    plans,
    users,
    demoUid: DEMO_USER.uid,
    ids,
    images,
    documents,
    localIds,
  });
  const queues = specs.map((s) => s.queue);
  if (options.hostileCorpus) {
    // After the regular issues, so their generation (and the rng streams) is untouched.
    const queue = hostileQueue(queues.length + 1, users, DEMO_USER.uid);
    const initial = WORKFLOWS.find((wf) => wf.id === queue.workflowId)?.initialStatus ?? 'open';
    generateHostileIssues(gen, queue, DEMO_USER.uid, ids, initial);
    queues.push(queue);
  }
  const done = finalize(gen, ids, FIRST_COMMENT_ID);
  const planning = createPlanning(
    now,
    DEMO_USER.uid,
    specs.map((s) => s.queue.leadUid),
  );
  return {
    seed: options.seed,
    now,
    demoUid: DEMO_USER.uid,
    orgs: options.orgs ?? DEFAULT_ORGS,
    users,
    statuses: STATUSES,
    priorities: PRIORITIES,
    issueTypes: ISSUE_TYPES,
    resolutions: RESOLUTIONS,
    linkTypes: LINK_TYPES,
    workflows: WORKFLOWS,
    queues,
    fields,
    issues: gen.issues,
    comments: done.comments,
    changes: done.changes,
    links: gen.links,
    worklogs: gen.worklogs,
    attachments: done.attachments,
    ...planning,
    counters: {
      nextCommentId: done.nextCommentId,
      nextChangeSeq: done.nextChangeSeq,
      nextLinkId: gen.nextLinkId,
      nextWorklogId: gen.nextWorklogId,
      nextAttachmentId: gen.nextAttachmentId,
      nextObjectId: ids.counter,
    },
  };
}
