/** State shared by the repository modules of one open cache. */
import type { Logger } from '../log/types.ts';
import type { Db } from './db.ts';

/** What every repository function receives. */
export interface CacheContext {
  readonly db: Db;
  readonly log: Logger;
  /** Epoch ms; injectable so tests control `cached_at` and watermark times. */
  readonly now: () => number;
  /** Priority `order` by key, loaded on first use and dropped when priorities change. */
  priorityOrders: Map<string, number> | undefined;
  /**
   * Issues (by rid) whose search row must be rebuilt when the transaction commits, and whether
   * each is new to the index (fts.ts). Batching makes every issue indexed once per transaction.
   */
  readonly pendingIndex: Map<number, boolean>;
}

/** A context for `db` with empty caches. */
export function createContext(db: Db, log: Logger, now: () => number): CacheContext {
  return { db, log, now, priorityOrders: undefined, pendingIndex: new Map() };
}

/** The order of the priority with `key` (from the priorities dictionary), or null if unknown. */
export function priorityOrder(ctx: CacheContext, key: string | null): number | null {
  if (key === null) return null;
  if (!ctx.priorityOrders) {
    const rows = ctx.db.all<{ key: string; sort_order: number }>(
      'SELECT key, sort_order FROM priorities WHERE key IS NOT NULL AND sort_order IS NOT NULL',
    );
    ctx.priorityOrders = new Map(rows.map((row) => [row.key, row.sort_order]));
  }
  return ctx.priorityOrders.get(key) ?? null;
}

/** The login of the user with `id` from the users table, or null. */
export function userLogin(ctx: CacheContext, id: string | undefined): string | null {
  if (id === undefined) return null;
  return (
    ctx.db.get<{ login: string | null }>('SELECT login FROM users WHERE id = ?', id)?.login ?? null
  );
}

/** A JSON array parameter for `IN (SELECT value FROM json_each(?))`: one SQL text for any size. */
export function jsonList(values: readonly (string | number)[]): string {
  return JSON.stringify(values);
}
