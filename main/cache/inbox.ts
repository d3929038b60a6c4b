/**
 * The inbox: things that happened to the user's issues, kept with the cache of the account they
 * belong to. Entries are added by the notification producer (idempotent by id, since a sync may
 * see the same change twice) and changed by the user: read, done, snoozed. An entry counts as
 * unread while it is not read, not done and not snoozed at the moment asked.
 */
import { jsonList, type CacheContext } from './context.ts';
import { parseObject } from './rows.ts';

/** The kinds of entries the renderer knows how to show. */
export const INBOX_KINDS = ['assigned', 'summoned', 'comment', 'status'] as const;

/** One of {@link INBOX_KINDS}. */
export type InboxKind = (typeof INBOX_KINDS)[number];

/** An entry to add. */
export interface NewInboxEntry {
  readonly id: string;
  readonly kind: InboxKind;
  readonly issueKey: string | null;
  readonly summary: string;
  readonly actor: string | null;
  /** Epoch ms. */
  readonly createdAt: number;
}

/** A stored entry. */
export interface InboxRow extends NewInboxEntry {
  readonly read: boolean;
  readonly done: boolean;
  /** Epoch ms until which the entry is hidden, or null. */
  readonly snoozedUntil: number | null;
}

/** What the user does to some entries; `until` goes with `snooze`. */
export type InboxAction =
  | { readonly action: 'read' | 'unread' | 'done' | 'undone' }
  | { readonly action: 'snooze'; readonly until: number };

/** The list is capped: older entries stay stored but are not shown. */
export const INBOX_LIST_LIMIT = 500;

interface InboxRecord {
  id: string;
  issue_key: string | null;
  kind: string;
  created_at: number;
  read: number;
  done: number;
  snoozed_until: number | null;
  payload: string;
}

const isKind = (kind: string): kind is InboxKind =>
  (INBOX_KINDS as readonly string[]).includes(kind);

/** Adds entries; an id already stored is left as it is (its read/done state included). */
export function addInboxEntries(ctx: CacheContext, entries: readonly NewInboxEntry[]): number {
  return ctx.db.transaction(() => {
    let added = 0;
    for (const entry of entries) {
      added += ctx.db.run(
        `INSERT OR IGNORE INTO inbox (id, issue_key, kind, created_at, payload)
         VALUES (?, ?, ?, ?, ?)`,
        entry.id,
        entry.issueKey,
        entry.kind,
        entry.createdAt,
        JSON.stringify({ summary: entry.summary, actor: entry.actor }),
      ).changes;
    }
    return added;
  });
}

/** The newest entries first, at most {@link INBOX_LIST_LIMIT}; unknown kinds are skipped. */
export function listInbox(ctx: CacheContext): InboxRow[] {
  return ctx.db
    .all<InboxRecord>(
      `SELECT id, issue_key, kind, created_at, read, done, snoozed_until, payload FROM inbox
       ORDER BY created_at DESC, id LIMIT ?`,
      INBOX_LIST_LIMIT,
    )
    .flatMap((r) => {
      if (!isKind(r.kind)) return [];
      const payload = parseObject(r.payload);
      return [
        {
          id: r.id,
          kind: r.kind,
          issueKey: r.issue_key,
          summary: typeof payload.summary === 'string' ? payload.summary : '',
          actor: typeof payload.actor === 'string' ? payload.actor : null,
          createdAt: r.created_at,
          read: r.read !== 0,
          done: r.done !== 0,
          snoozedUntil: r.snoozed_until,
        },
      ];
    });
}

const UPDATES: Record<InboxAction['action'], string> = {
  read: 'read = 1',
  unread: 'read = 0',
  done: 'done = 1',
  undone: 'done = 0',
  snooze: 'snoozed_until = ?',
};

/** Applies an action to the entries with `ids` (unknown ids are ignored); returns rows changed. */
export function updateInbox(
  ctx: CacheContext,
  ids: readonly string[],
  action: InboxAction,
): number {
  const params = action.action === 'snooze' ? [action.until] : [];
  return ctx.db.run(
    `UPDATE inbox SET ${UPDATES[action.action]} WHERE id IN (SELECT value FROM json_each(?))`,
    ...params,
    jsonList(ids),
  ).changes;
}

/** Entries not read, not done and not snoozed past `now`. */
export function unreadInbox(ctx: CacheContext, now: number = ctx.now()): number {
  return (
    ctx.db.get<{ n: number }>(
      `SELECT count(*) AS n FROM inbox
       WHERE read = 0 AND done = 0 AND (snoozed_until IS NULL OR snoozed_until <= ?)`,
      now,
    )?.n ?? 0
  );
}
