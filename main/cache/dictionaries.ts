/**
 * Users, queues, statuses and priorities: small tables the list joins by key for names, filters and
 * ordering. Each upsert is one transaction and touches a row only when its raw JSON changed.
 */
import type { Priority, Queue, Status, User } from '../api/index.ts';
import { jsonList, type CacheContext } from './context.ts';
import { parseObject } from './rows.ts';
import type { JsonObject } from '../api/index.ts';

/** A dictionary entry as stored: identity, the name the UI shows, and the raw JSON. */
export interface DictionaryRow {
  readonly id: string;
  readonly key: string | undefined;
  readonly name: string | undefined;
  /** Statuses and priorities: their `order`; queues: undefined. */
  readonly order: number | undefined;
  /** Statuses only: the category (`new`, `inProgress`, `done`, …). */
  readonly type: string | undefined;
  readonly raw: JsonObject;
}

/** A stored user. */
export interface UserRow {
  readonly id: string;
  readonly login: string | undefined;
  readonly display: string | undefined;
  readonly email: string | undefined;
  readonly dismissed: boolean;
  readonly raw: JsonObject;
}

/** Stores users; returns how many rows changed. Fills the login of issues assigned to them. */
export function upsertUsers(ctx: CacheContext, users: readonly User[]): number {
  return ctx.db.transaction(() => {
    let changed = 0;
    for (const user of users) {
      const raw = JSON.stringify(user.raw);
      changed += ctx.db.run(
        `INSERT INTO users (id, login, display, email, dismissed, raw) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET login = excluded.login, display = excluded.display,
           email = excluded.email, dismissed = excluded.dismissed, raw = excluded.raw
         WHERE users.raw IS NOT excluded.raw`,
        user.id,
        user.login ?? null,
        user.display ?? null,
        user.email ?? null,
        user.dismissed ? 1 : 0,
        raw,
      ).changes;
      // Issue refs carry no login; the list filters by login, so copy it onto the issues.
      if (user.login !== undefined) {
        ctx.db.run(
          'UPDATE issues SET assignee_login = ? WHERE assignee_id = ? AND assignee_login IS NOT ?',
          user.login,
          user.id,
          user.login,
        );
      }
    }
    return changed;
  });
}

/** Stores queues; returns how many rows changed. */
export function upsertQueues(ctx: CacheContext, queues: readonly Queue[]): number {
  return ctx.db.transaction(() => {
    let changed = 0;
    for (const queue of queues) {
      changed += ctx.db.run(
        `INSERT INTO queues (key, id, name, version, raw) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET id = excluded.id, name = excluded.name,
           version = excluded.version, raw = excluded.raw
         WHERE queues.raw IS NOT excluded.raw`,
        queue.key,
        queue.id,
        queue.name ?? null,
        queue.version ?? null,
        JSON.stringify(queue.raw),
      ).changes;
    }
    return changed;
  });
}

/** Stores statuses; returns how many rows changed. */
export function upsertStatuses(ctx: CacheContext, statuses: readonly Status[]): number {
  return ctx.db.transaction(() => {
    let changed = 0;
    for (const status of statuses) {
      changed += ctx.db.run(
        `INSERT INTO statuses (id, key, name, type, sort_order, raw) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET key = excluded.key, name = excluded.name,
           type = excluded.type, sort_order = excluded.sort_order, raw = excluded.raw
         WHERE statuses.raw IS NOT excluded.raw`,
        status.id,
        status.key ?? null,
        status.name ?? null,
        status.type ?? null,
        status.order ?? null,
        JSON.stringify(status.raw),
      ).changes;
    }
    return changed;
  });
}

/**
 * Stores priorities; returns how many rows changed. Issues keep a copy of their priority's order
 * (so sorting by priority uses an index), refreshed here for every changed priority.
 */
export function upsertPriorities(ctx: CacheContext, priorities: readonly Priority[]): number {
  return ctx.db.transaction(() => {
    let changed = 0;
    for (const priority of priorities) {
      changed += ctx.db.run(
        `INSERT INTO priorities (id, key, name, sort_order, raw) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET key = excluded.key, name = excluded.name,
           sort_order = excluded.sort_order, raw = excluded.raw
         WHERE priorities.raw IS NOT excluded.raw`,
        priority.id,
        priority.key ?? null,
        priority.name ?? null,
        priority.order ?? null,
        JSON.stringify(priority.raw),
      ).changes;
      const key = priority.key ?? priority.id;
      ctx.db.run(
        'UPDATE issues SET priority_order = ? WHERE priority_key = ? AND priority_order IS NOT ?',
        priority.order ?? null,
        key,
        priority.order ?? null,
      );
    }
    ctx.priorityOrders = undefined;
    return changed;
  });
}

interface DictionaryRecord {
  id: string;
  key: string | null;
  name: string | null;
  sort_order: number | null;
  type: string | null;
  raw: string;
}

/** Every stored entry of one dictionary, by order then name. */
export function listDictionary(
  ctx: CacheContext,
  kind: 'queues' | 'statuses' | 'priorities',
): DictionaryRow[] {
  const sql = {
    queues: 'SELECT id, key, name, NULL AS sort_order, NULL AS type, raw FROM queues ORDER BY key',
    statuses: 'SELECT id, key, name, sort_order, type, raw FROM statuses ORDER BY sort_order, name',
    priorities: `SELECT id, key, name, sort_order, NULL AS type, raw FROM priorities
      ORDER BY sort_order, name`,
  }[kind];
  return ctx.db.all<DictionaryRecord>(sql).map((r) => ({
    id: r.id,
    key: r.key ?? undefined,
    name: r.name ?? undefined,
    order: r.sort_order ?? undefined,
    type: r.type ?? undefined,
    raw: parseObject(r.raw),
  }));
}

interface UserRecord {
  id: string;
  login: string | null;
  display: string | null;
  email: string | null;
  dismissed: number | null;
  raw: string;
}

/** Stored users by id or login; unknown ones are left out. */
export function getUsers(ctx: CacheContext, idsOrLogins: readonly string[]): UserRow[] {
  const list = jsonList(idsOrLogins);
  return ctx.db
    .all<UserRecord>(
      `SELECT id, login, display, email, dismissed, raw FROM users
       WHERE id IN (SELECT value FROM json_each(?1)) OR login IN (SELECT value FROM json_each(?1))`,
      list,
    )
    .map((r) => ({
      id: r.id,
      login: r.login ?? undefined,
      display: r.display ?? undefined,
      email: r.email ?? undefined,
      dismissed: r.dismissed === 1,
      raw: parseObject(r.raw),
    }));
}
