/**
 * Sync bookkeeping: watermarks (one record per scope, see {@link Watermark}), scope membership
 * queries, and named JSON values for the engine's own state.
 */
import type { CacheContext } from './context.ts';
import { removeFromScope } from './issues-write.ts';
import { opt, parseStrings } from './rows.ts';
import type { RemoveFromScopeResult, Scope, Watermark, WatermarkPatch } from './types.ts';

/** A JSON value as stored by {@link setMeta}. */
export type MetaValue =
  null | boolean | number | string | MetaValue[] | { [key: string]: MetaValue };

interface WatermarkRecord {
  scope: string;
  updated_at: number | null;
  keys_at_watermark: string;
  last_full_sync_at: number | null;
  last_reconciled_at: number | null;
  changed_at: number;
}

const SELECT = `SELECT scope, updated_at, keys_at_watermark, last_full_sync_at, last_reconciled_at,
  changed_at FROM sync_state`;

function toWatermark(r: WatermarkRecord): Watermark {
  return {
    scope: r.scope,
    updatedAt: opt(r.updated_at),
    keysAtWatermark: parseStrings(r.keys_at_watermark),
    lastFullSyncAt: opt(r.last_full_sync_at),
    lastReconciledAt: opt(r.last_reconciled_at),
    changedAt: r.changed_at,
  };
}

/** The watermark of `scope`, or undefined before its first sync. */
export function getWatermark(ctx: CacheContext, scope: string): Watermark | undefined {
  const record = ctx.db.get<WatermarkRecord>(`${SELECT} WHERE scope = ?`, scope);
  return record ? toWatermark(record) : undefined;
}

/** Every stored watermark, by scope. */
export function listWatermarks(ctx: CacheContext): Watermark[] {
  return ctx.db.all<WatermarkRecord>(`${SELECT} ORDER BY scope`).map(toWatermark);
}

/**
 * Changes the given fields of `scope`'s watermark (creating it); the others keep their values.
 * Returns the record as stored. Call it inside the transaction that stored the page it describes.
 */
export function setWatermark(ctx: CacheContext, scope: string, patch: WatermarkPatch): Watermark {
  return ctx.db.transaction(() => {
    const before = getWatermark(ctx, scope);
    const pick = <K extends keyof WatermarkPatch>(field: K): WatermarkPatch[K] =>
      field in patch ? patch[field] : before?.[field];
    const next: WatermarkRecord = {
      scope,
      updated_at: pick('updatedAt') ?? null,
      keys_at_watermark: JSON.stringify(pick('keysAtWatermark') ?? []),
      last_full_sync_at: pick('lastFullSyncAt') ?? null,
      last_reconciled_at: pick('lastReconciledAt') ?? null,
      changed_at: ctx.now(),
    };
    ctx.db.run(
      `INSERT OR REPLACE INTO sync_state (scope, updated_at, keys_at_watermark, last_full_sync_at,
         last_reconciled_at, changed_at) VALUES (?, ?, ?, ?, ?, ?)`,
      next.scope,
      next.updated_at,
      next.keys_at_watermark,
      next.last_full_sync_at,
      next.last_reconciled_at,
      next.changed_at,
    );
    return toWatermark(next);
  });
}

/** Forgets `scope`'s watermark (the next sync of it is a full one); true if one existed. */
export function clearWatermark(ctx: CacheContext, scope: string): boolean {
  return ctx.db.run('DELETE FROM sync_state WHERE scope = ?', scope).changes > 0;
}

/** The keys of every issue in `scope`, sorted. */
export function scopeKeys(ctx: CacheContext, scope: string): string[] {
  return ctx.db
    .all<{ key: string }>(
      `SELECT i.key FROM issue_scopes s JOIN issues i ON i.rid = s.rid
       WHERE s.scope = ? ORDER BY i.key`,
      scope,
    )
    .map((row) => row.key);
}

/** Scopes that have a watermark or members (to find scopes no longer configured). */
export function knownScopes(ctx: CacheContext): string[] {
  return ctx.db
    .all<{ scope: string }>(
      'SELECT scope FROM sync_state UNION SELECT DISTINCT scope FROM issue_scopes ORDER BY scope',
    )
    .map((row) => row.scope);
}

/** Empties `scope` (deleting issues left in no scope) and forgets its watermark, atomically. */
export function forgetScope(ctx: CacheContext, scope: Scope): RemoveFromScopeResult {
  return ctx.db.transaction(() => {
    const result = removeFromScope(ctx, scope, []);
    clearWatermark(ctx, scope);
    return result;
  });
}

/** A named JSON value, or undefined when never set (or unreadable). */
export function getMeta(ctx: CacheContext, name: string): MetaValue | undefined {
  const row = ctx.db.get<{ value: string }>('SELECT value FROM meta WHERE name = ?', name);
  if (!row) return undefined;
  try {
    return JSON.parse(row.value) as MetaValue;
  } catch {
    return undefined;
  }
}

/** Stores a named JSON value (replacing the previous one). */
export function setMeta(ctx: CacheContext, name: string, value: MetaValue): void {
  ctx.db.run(
    'INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)',
    name,
    JSON.stringify(value),
  );
}
