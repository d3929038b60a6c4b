/**
 * The shape of a generated world. A {@link SeedWorld} is plain data: the store indexes it, the wire
 * layer renders it. Changelog field values use the same plain forms as the records: dictionary keys
 * for status/priority/type/resolution, uids for users, epoch ms for dates, strings for tags/keys.
 */
import type {
  AttachmentRecord,
  BoardRecord,
  ChangeRecord,
  CommentRecord,
  FieldRecord,
  IssueRecord,
  IssueTypeRecord,
  LinkRecord,
  OrgRecord,
  PriorityRecord,
  QueueRecord,
  ResolutionRecord,
  SavedFilterRecord,
  SprintRecord,
  StatusRecord,
  UserRecord,
  WorkflowRecord,
  WorklogRecord,
} from '../model.ts';

/** Options of `createSeedWorld`. */
export interface SeedOptions {
  /** Same seed → same world. */
  readonly seed: number;
  /** How many issues to generate; default 2000. */
  readonly issues?: number;
  /** The world's "now" (epoch ms): history lies before it. */
  readonly now: number;
  /** Replaces the two default organizations (a 360 one and a Cloud one). */
  readonly orgs?: readonly OrgRecord[];
  /**
   * Adds the hostile-content corpus (main/emulator/hostile.ts): a `HOSTILE` queue with one issue
   * per payload, assigned to the demo user, filed after the generated issues. Off by default.
   */
  readonly hostileCorpus?: boolean;
}

/** A link type of `/v2/linktypes`; `outward` reads from the link's `fromKey` side. */
export interface LinkTypeRecord {
  readonly id: LinkRecord['typeId'];
  readonly inward: { readonly ru: string; readonly en: string };
  readonly outward: { readonly ru: string; readonly en: string };
}

/** Id counters a store continues from, so new records never collide with seeded ones. */
export interface WorldCounters {
  nextCommentId: number;
  nextChangeSeq: number;
  nextLinkId: number;
  nextWorklogId: number;
  nextAttachmentId: number;
  /** Counter of the 24-hex id factory (issues, comment longIds, changelog ids). */
  nextObjectId: number;
}

/** Everything the emulator serves; arrays are in creation/id order. */
export interface SeedWorld {
  readonly seed: number;
  /** The clock value the world was generated for. */
  readonly now: number;
  readonly demoUid: number;
  readonly orgs: readonly OrgRecord[];
  readonly users: readonly UserRecord[];
  readonly statuses: readonly StatusRecord[];
  readonly priorities: readonly PriorityRecord[];
  readonly issueTypes: readonly IssueTypeRecord[];
  readonly resolutions: readonly ResolutionRecord[];
  readonly linkTypes: readonly LinkTypeRecord[];
  readonly workflows: readonly WorkflowRecord[];
  readonly queues: readonly QueueRecord[];
  /** Global fields first, then local ones (those have `queueKey`). */
  readonly fields: readonly FieldRecord[];
  /** In creation order (keys within a queue ascend with it). */
  readonly issues: IssueRecord[];
  /** In id order, which is also creation-time order. */
  readonly comments: CommentRecord[];
  /** In `seq` order, which is also time order. */
  readonly changes: ChangeRecord[];
  readonly links: LinkRecord[];
  readonly worklogs: WorklogRecord[];
  readonly attachments: AttachmentRecord[];
  readonly boards: readonly BoardRecord[];
  readonly sprints: readonly SprintRecord[];
  readonly filters: readonly SavedFilterRecord[];
  readonly counters: WorldCounters;
}

/** A record type with its readonly markers removed, for building records in stages. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
