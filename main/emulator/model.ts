/**
 * The emulator's stored world. Records hold plain values (uids, keys, epoch milliseconds); the wire
 * layer (main/emulator/wire.ts) renders them as Tracker does, with `self` URLs, reference objects and
 * `+0000` dates. Everything here is deterministic for a given seed.
 */

/** Whether an organization is a Yandex 360 one (X-Org-ID) or a Yandex Cloud one (X-Cloud-Org-ID). */
export type OrgKind = '360' | 'cloud';

/** An organization the emulator knows. */
export interface OrgRecord {
  readonly id: string;
  readonly kind: OrgKind;
  readonly name: string;
}

/** A Tracker user. */
export interface UserRecord {
  readonly uid: number;
  readonly login: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  /** Display name in Russian and English; the wire picks by Accept-Language / localized. */
  readonly display: { readonly ru: string; readonly en: string };
  readonly cloudUid: string;
  readonly hasLicense: boolean;
  readonly dismissed: boolean;
}

/** A status of the global dictionary. */
export interface StatusRecord {
  readonly id: number;
  readonly key: string;
  readonly name: { readonly ru: string; readonly en: string };
  readonly type: 'new' | 'paused' | 'inProgress' | 'done' | 'cancelled';
  readonly order: number;
}

/** A priority of the global dictionary. */
export interface PriorityRecord {
  readonly id: number;
  readonly key: string;
  readonly name: { readonly ru: string; readonly en: string };
  readonly order: number;
}

/** An issue type of the global dictionary. */
export interface IssueTypeRecord {
  readonly id: number;
  readonly key: string;
  readonly name: { readonly ru: string; readonly en: string };
}

/** A resolution of the global dictionary. */
export interface ResolutionRecord {
  readonly id: number;
  readonly key: string;
  readonly name: { readonly ru: string; readonly en: string };
  readonly order: number;
}

/** One edge of a workflow: from a status, a named transition to another status. */
export interface TransitionRecord {
  /** Transition id as the API shows it, e.g. `start_progress`. */
  readonly id: string;
  readonly from: readonly string[];
  readonly to: string;
  readonly display: { readonly ru: string; readonly en: string };
  /** Whether executing it sets a resolution (required then, e.g. `close`). */
  readonly resolves: boolean;
}

/** A workflow: initial status plus transitions. */
export interface WorkflowRecord {
  readonly id: string;
  readonly initialStatus: string;
  readonly transitions: readonly TransitionRecord[];
}

/** A queue. */
export interface QueueRecord {
  readonly id: number;
  readonly key: string;
  version: number;
  readonly name: { readonly ru: string; readonly en: string };
  readonly description: string;
  readonly leadUid: number;
  readonly defaultType: string;
  readonly defaultPriority: string;
  readonly workflowId: string;
  readonly teamUids: readonly number[];
  readonly issueTypes: readonly string[];
}

/** A global or local field definition. */
export interface FieldRecord {
  readonly id: string;
  readonly key: string;
  readonly name: { readonly ru: string; readonly en: string };
  readonly schemaType: 'string' | 'text' | 'date' | 'datetime' | 'user' | 'array' | 'number';
  readonly readonly: boolean;
  /** Set for local fields: the queue that owns it. */
  readonly queueKey?: string;
}

/** An issue. Mutable fields change through the store, which bumps `version` on every write. */
export interface IssueRecord {
  /** 24-hex id. */
  readonly id: string;
  key: string;
  queueKey: string;
  version: number;
  summary: string;
  description: string;
  typeKey: string;
  priorityKey: string;
  statusKey: string;
  previousStatusKey: string | null;
  resolutionKey: string | null;
  assigneeUid: number | null;
  readonly authorUid: number;
  updatedByUid: number;
  followerUids: number[];
  /** Users summoned in comments who have not answered yet ("Pending Reply From"). */
  pendingReplyUids: number[];
  favoritedByUids: number[];
  tags: string[];
  parentKey: string | null;
  /** Old keys after moves between queues. */
  aliases: string[];
  readonly createdAt: number;
  updatedAt: number;
  lastCommentUpdatedAt: number | null;
  /** The idempotency key given at creation, if any. */
  readonly unique: string | null;
  /** Values of local and custom fields, keyed by field id; kept verbatim. */
  extra: Record<string, unknown>;
}

/** A comment on an issue. */
export interface CommentRecord {
  /** Numeric id; increases with creation order across the whole emulator. */
  readonly id: number;
  /** 24-hex long id. */
  readonly longId: string;
  issueKey: string;
  text: string;
  readonly authorUid: number;
  updatedByUid: number;
  readonly createdAt: number;
  updatedAt: number;
  version: number;
  summoneeUids: number[];
  attachmentIds: number[];
  readonly type: 'standard' | 'incoming' | 'outcoming';
  readonly transport: 'internal' | 'email';
}

/** One field change inside a changelog entry. */
export interface FieldChange {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

/** A changelog entry. */
export interface ChangeRecord {
  /** 24-hex id; entries sort by `seq`. */
  readonly id: string;
  readonly seq: number;
  issueKey: string;
  readonly type:
    | 'IssueCreated'
    | 'IssueUpdated'
    | 'IssueWorkflow'
    | 'IssueMoved'
    | 'IssueCommentAdded'
    | 'IssueCommentUpdated'
    | 'IssueCommentRemoved'
    | 'IssueLinked'
    | 'IssueUnlinked'
    | 'IssueAttachmentAdded'
    | 'IssueAttachmentRemoved'
    | 'IssueWorklogAdded'
    | 'IssueWorklogUpdated'
    | 'IssueWorklogRemoved';
  readonly updatedAt: number;
  readonly updatedByUid: number;
  readonly fields: readonly FieldChange[];
  readonly commentId?: number;
}

/** A link between two issues, stored once and shown from both sides. */
export interface LinkRecord {
  readonly id: number;
  /** Link type id: relates, depends, subtask, duplicates, epic. */
  readonly typeId: 'relates' | 'depends' | 'subtask' | 'duplicates' | 'epic';
  /** The issue the link was created from (outward side). */
  fromKey: string;
  toKey: string;
  readonly createdByUid: number;
  readonly createdAt: number;
}

/** A worklog entry. */
export interface WorklogRecord {
  readonly id: number;
  issueKey: string;
  version: number;
  comment: string;
  readonly createdByUid: number;
  readonly createdAt: number;
  updatedAt: number;
  start: number;
  /** ISO-8601 duration as Tracker echoes it (working weeks/days). */
  duration: string;
}

/** An attachment; `content` holds the bytes so downloads are real. */
export interface AttachmentRecord {
  readonly id: number;
  /** Null while it is a temporary upload not yet attached. */
  issueKey: string | null;
  readonly name: string;
  readonly mimetype: string;
  readonly content: Uint8Array;
  readonly createdByUid: number;
  readonly createdAt: number;
  readonly commentId: number | null;
}

/** A board. */
export interface BoardRecord {
  readonly id: number;
  readonly name: string;
  readonly query: string;
  readonly columns: readonly {
    readonly id: string;
    readonly display: string;
    readonly statuses: readonly string[];
  }[];
}

/** A sprint on a board. */
export interface SprintRecord {
  readonly id: number;
  readonly boardId: number;
  readonly name: string;
  readonly status: 'draft' | 'in_progress' | 'released' | 'archived';
  /** YYYY-MM-DD. */
  readonly startDate: string;
  readonly endDate: string;
  readonly createdByUid: number;
  readonly createdAt: number;
}

/** A saved filter. */
export interface SavedFilterRecord {
  readonly id: number;
  readonly name: string;
  readonly ownerUid: number;
  readonly query: string;
}
