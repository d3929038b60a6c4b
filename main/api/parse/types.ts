/**
 * The normalized shapes the rest of the app uses. Ids are strings, date-times are epoch
 * milliseconds, localized text is already picked for the UI language. Every entity keeps `raw`,
 * the object as the service sent it, because the cache stores raw JSON and custom fields live there.
 * A missing field is `undefined` (the property may be present with that value: every object of a
 * kind then has the same shape, which keeps parsing and later property access fast).
 */
import type { JsonObject } from './values.ts';

/** A pointer to another entity as Tracker embeds it: `{self, id, key?, display}`. */
export interface Ref {
  readonly id: string;
  readonly key?: string;
  readonly display?: string;
  /** The API URL as sent; follow it only through the client (which keeps the configured host). */
  readonly self?: string;
}

/** Shared by every top-level entity. */
export interface Entity {
  readonly id: string;
  /** The object exactly as received. */
  readonly raw: JsonObject;
}

/** A Tracker user (from `myself`, `users`). */
export interface User extends Entity {
  readonly uid?: string;
  readonly login?: string;
  readonly display?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly email?: string;
  readonly cloudUid?: string;
  readonly passportUid?: string;
  readonly trackerUid?: string;
  /** false means read-only access. */
  readonly hasLicense?: boolean;
  readonly dismissed?: boolean;
  readonly external?: boolean;
}

/** A queue. */
export interface Queue extends Entity {
  readonly key: string;
  readonly name?: string;
  readonly description?: string;
  readonly version?: number;
  readonly lead?: Ref;
  readonly defaultType?: Ref;
  readonly defaultPriority?: Ref;
  readonly assignAuto?: boolean;
  readonly denyVoting?: boolean;
  readonly issueTypes: readonly Ref[];
}

/** An entry of a global dictionary (statuses, priorities, issue types, resolutions). */
export interface DictionaryEntry extends Entity {
  readonly key?: string;
  readonly name?: string;
  readonly description?: string;
  readonly order?: number;
  readonly version?: number;
}

/** A status; `type` is its category (`new`, `inProgress`, `done`, …). */
export interface Status extends DictionaryEntry {
  readonly type?: string;
}

/** A priority. */
export type Priority = DictionaryEntry;

/** An issue type. */
export type IssueType = DictionaryEntry;

/** A resolution. */
export type Resolution = DictionaryEntry;

/** A link type, named from both ends (`inward` "Subissue", `outward` "Parent issue"). */
export interface LinkType extends Entity {
  readonly inward?: string;
  readonly outward?: string;
}

/** A field (global, required-for-queue or local). */
export interface Field extends Entity {
  readonly key?: string;
  readonly name?: string;
  readonly version?: number;
  /** `standard` or `local`. */
  readonly type?: string;
  readonly schemaType?: string;
  readonly schemaItems?: string;
  readonly required?: boolean;
  readonly readonly?: boolean;
  readonly category?: Ref;
  /** For local fields: the queue that owns it. */
  readonly queue?: Ref;
}

/** An issue. Custom and local fields stay in `extra` (and `raw`). */
export interface Issue extends Entity {
  readonly key: string;
  readonly version?: number;
  readonly summary?: string;
  readonly description?: string;
  /** Old keys kept after queue moves. */
  readonly aliases: readonly string[];
  readonly parent?: Ref;
  readonly queue?: Ref;
  readonly type?: Ref;
  readonly priority?: Ref;
  readonly status?: Ref;
  readonly previousStatus?: Ref;
  readonly resolution?: Ref;
  readonly assignee?: Ref;
  readonly createdBy?: Ref;
  readonly updatedBy?: Ref;
  readonly followers: readonly Ref[];
  readonly sprint: readonly Ref[];
  readonly project?: Ref;
  readonly tags: readonly string[];
  readonly createdAt?: number;
  readonly updatedAt?: number;
  readonly resolvedAt?: number;
  readonly lastCommentUpdatedAt?: number;
  /** `YYYY-MM-DD`. */
  readonly deadline?: string;
  readonly votes?: number;
  readonly favorite?: boolean;
  /** With `expand=transitions`. */
  readonly transitions?: readonly Transition[];
  /** With `expand=attachments`. */
  readonly attachments?: readonly Attachment[];
  /** Keys this parser does not know (custom and local fields), as received. */
  readonly extra: JsonObject;
}

/** A comment. `id` is the numeric id as a string; `longId` the hex one. */
export interface Comment extends Entity {
  readonly longId?: string;
  readonly text?: string;
  /** Only with `expand=html`. */
  readonly textHtml?: string;
  readonly createdBy?: Ref;
  readonly updatedBy?: Ref;
  readonly createdAt?: number;
  readonly updatedAt?: number;
  readonly version?: number;
  /** `standard`, `incoming` or `outcoming`. */
  readonly type?: string;
  /** `internal` or `email`. */
  readonly transport?: string;
  readonly attachments: readonly Ref[];
  readonly summonees: readonly Ref[];
  readonly maillistSummonees: readonly Ref[];
}

/** A workflow transition; `display` is the button label. */
export interface Transition extends Entity {
  readonly display?: string;
  readonly to?: Ref;
  readonly screen?: Ref;
}

/** One field change of a changelog entry; `from`/`to` are kept as received. */
export interface FieldChange {
  readonly field: Ref;
  readonly from: unknown;
  readonly to: unknown;
}

/** A changelog entry. */
export interface ChangelogEntry extends Entity {
  readonly issue?: Ref;
  readonly updatedAt?: number;
  readonly updatedBy?: Ref;
  /** `IssueCreated`, `IssueUpdated`, `IssueCommentAdded`, … */
  readonly type?: string;
  readonly transport?: string;
  readonly fields: readonly FieldChange[];
}

/** A link between two issues, seen from the issue it was listed on. */
export interface Link extends Entity {
  readonly type?: LinkType;
  /** `inward` or `outward`. */
  readonly direction?: string;
  /** The other issue. */
  readonly object?: Ref;
  readonly createdBy?: Ref;
  readonly updatedBy?: Ref;
  readonly createdAt?: number;
  readonly updatedAt?: number;
  readonly assignee?: Ref;
  readonly status?: Ref;
}

/** A worklog record. `duration` stays ISO-8601 (Tracker counts 1 week = 5 days, 1 day = 8 h). */
export interface Worklog extends Entity {
  readonly version?: number;
  readonly issue?: Ref;
  readonly comment?: string;
  readonly createdBy?: Ref;
  readonly updatedBy?: Ref;
  readonly createdAt?: number;
  readonly updatedAt?: number;
  readonly start?: number;
  readonly duration?: string;
}

/** An attachment's metadata. */
export interface Attachment extends Entity {
  readonly name?: string;
  /** The download URL as sent (follow it through the client). */
  readonly content?: string;
  readonly thumbnail?: string;
  readonly createdBy?: Ref;
  readonly createdAt?: number;
  readonly mimetype?: string;
  readonly size?: number;
  readonly metadata?: JsonObject;
}

/** An agile board. */
export interface Board extends Entity {
  readonly name?: string;
  readonly version?: number;
  readonly columns: readonly Ref[];
  readonly query?: string;
  readonly filter?: JsonObject;
  readonly orderBy?: string;
  readonly orderAsc?: boolean;
  readonly useRanking?: boolean;
}

/** A column of a board. */
export interface BoardColumn extends Entity {
  readonly name?: string;
  readonly statuses: readonly Ref[];
}

/** A sprint. Plain dates stay `YYYY-MM-DD` strings; the `…DateTime` ones are epoch ms. */
export interface Sprint extends Entity {
  readonly name?: string;
  readonly version?: number;
  readonly board?: Ref;
  /** `draft`, `in_progress`, `released` or `archived`. */
  readonly status?: string;
  readonly archived?: boolean;
  readonly createdBy?: Ref;
  readonly createdAt?: number;
  readonly startDate?: string;
  readonly endDate?: string;
  readonly startDateTime?: number;
  readonly endDateTime?: number;
}

/** A saved filter. */
export interface SavedFilter extends Entity {
  readonly name?: string;
  readonly query?: string;
  readonly filter?: JsonObject;
  readonly sorts?: unknown;
  readonly groupBy?: unknown;
}
