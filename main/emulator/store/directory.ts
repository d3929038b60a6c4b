/**
 * Read-only lookups over users, queues, dictionaries, workflows, fields, boards, sprints, saved
 * filters and organizations. The store class extends this, so these are store methods too.
 */
import type {
  BoardRecord,
  FieldRecord,
  IssueTypeRecord,
  OrgRecord,
  PriorityRecord,
  QueueRecord,
  ResolutionRecord,
  SavedFilterRecord,
  SprintRecord,
  StatusRecord,
  UserRecord,
  WorkflowRecord,
} from '../model.ts';
import type { LinkTypeRecord, SeedWorld } from '../seed/types.ts';
import type { StoreState } from './state.ts';
import { findUser } from './values.ts';

function byIdOrKey<T extends { readonly id: number; readonly key: string }>(
  items: readonly T[],
  ref: string | number,
): T | undefined {
  const text = String(ref);
  return items.find((i) => i.key === text) ?? items.find((i) => String(i.id) === text);
}

/** Directory reads shared by the store. */
export class StoreDirectory {
  /** The indexes; subclasses mutate through the store modules. */
  protected readonly state: StoreState;

  constructor(state: StoreState) {
    this.state = state;
  }

  /**
   * The world the store was built from. Issue records (and `world.issues`) are live; the other
   * arrays hold the seeded state only — read current comments, changelog, links, worklogs and
   * attachments through the store methods.
   */
  get world(): SeedWorld {
    return this.state.world;
  }

  /** The demo account's uid. */
  get demoUid(): number {
    return this.state.world.demoUid;
  }

  /** Organizations served by this world. */
  orgs(): readonly OrgRecord[] {
    return this.state.world.orgs;
  }

  /** An organization by id. */
  org(id: string): OrgRecord | undefined {
    return this.state.world.orgs.find((o) => o.id === id);
  }

  /** All users, the demo user first. */
  users(): readonly UserRecord[] {
    return this.state.world.users;
  }

  /** A user by uid (number or digits) or login (case-insensitive). */
  user(uidOrLogin: string | number): UserRecord | undefined {
    return findUser(this.state, uidOrLogin);
  }

  /** All queues. */
  queues(): readonly QueueRecord[] {
    return this.state.world.queues;
  }

  /** A queue by key (case-sensitive) or id. */
  queue(keyOrId: string | number): QueueRecord | undefined {
    return byIdOrKey(this.state.world.queues, keyOrId);
  }

  /** Global statuses. */
  statuses(): readonly StatusRecord[] {
    return this.state.world.statuses;
  }

  /** A status by key or id. */
  status(keyOrId: string | number): StatusRecord | undefined {
    return byIdOrKey(this.state.world.statuses, keyOrId);
  }

  /** Priorities, lowest first. */
  priorities(): readonly PriorityRecord[] {
    return this.state.world.priorities;
  }

  /** A priority by key or id. */
  priority(keyOrId: string | number): PriorityRecord | undefined {
    return byIdOrKey(this.state.world.priorities, keyOrId);
  }

  /** Issue types. */
  issueTypes(): readonly IssueTypeRecord[] {
    return this.state.world.issueTypes;
  }

  /** An issue type by key or id. */
  issueType(keyOrId: string | number): IssueTypeRecord | undefined {
    return byIdOrKey(this.state.world.issueTypes, keyOrId);
  }

  /** Resolutions. */
  resolutions(): readonly ResolutionRecord[] {
    return this.state.world.resolutions;
  }

  /** A resolution by key or id. */
  resolution(keyOrId: string | number): ResolutionRecord | undefined {
    return byIdOrKey(this.state.world.resolutions, keyOrId);
  }

  /** Link types. */
  linkTypes(): readonly LinkTypeRecord[] {
    return this.state.world.linkTypes;
  }

  /** Workflows. */
  workflows(): readonly WorkflowRecord[] {
    return this.state.world.workflows;
  }

  /** A workflow by id. */
  workflow(id: string): WorkflowRecord | undefined {
    return this.state.workflowById.get(id);
  }

  /** The workflow a queue uses. */
  workflowOfQueue(queueKey: string): WorkflowRecord | undefined {
    const queue = this.state.queueByKey.get(queueKey);
    return queue && this.state.workflowById.get(queue.workflowId);
  }

  /** Global fields (no local ones). */
  fields(): FieldRecord[] {
    return this.state.world.fields.filter((f) => !f.queueKey);
  }

  /** A global or local field by id. */
  field(id: string): FieldRecord | undefined {
    return this.state.fieldById.get(id);
  }

  /** Local fields of a queue. */
  localFields(queueKey: string): FieldRecord[] {
    return this.state.world.fields.filter((f) => f.queueKey === queueKey);
  }

  /** Boards. */
  boards(): readonly BoardRecord[] {
    return this.state.world.boards;
  }

  /** A board by id. */
  board(id: number): BoardRecord | undefined {
    return this.state.world.boards.find((b) => b.id === Number(id));
  }

  /** Sprints, of one board when `boardId` is given. */
  sprints(boardId?: number): SprintRecord[] {
    const all = this.state.world.sprints;
    return boardId === undefined ? [...all] : all.filter((s) => s.boardId === Number(boardId));
  }

  /** A sprint by id. */
  sprint(id: number): SprintRecord | undefined {
    return this.state.world.sprints.find((s) => s.id === Number(id));
  }

  /** Saved filters. */
  filters(): readonly SavedFilterRecord[] {
    return this.state.world.filters;
  }

  /** A saved filter by id. */
  filter(id: number): SavedFilterRecord | undefined {
    return this.state.world.filters.find((f) => f.id === Number(id));
  }
}
