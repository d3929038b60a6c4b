/**
 * Issue writes: upsert a page of issues into a scope, rename moved issues, drop issues that left a
 * scope. Each call is one transaction (nested inside the caller's, if any), so a page of issues
 * and the watermark written with it commit together or not at all.
 */
import type { Issue } from '../api/index.ts';
import { writeAttachments } from './activity-write.ts';
import { jsonList, priorityOrder, userLogin, type CacheContext } from './context.ts';
import { markForIndex } from './fts.ts';
import {
  ISSUE_WRITE_COLUMNS,
  issueValues,
  parseStrings,
  refKey,
  refLogin,
  splitKey,
} from './rows.ts';
import {
  assertScope,
  type RemoveFromScopeResult,
  type Scope,
  type UpsertOptions,
  type UpsertResult,
} from './types.ts';

/** What decides which of two copies of an issue is newer. */
interface Freshness {
  version: number | null;
  updated_at: number | null;
  last_comment_updated_at: number | null;
}

interface StoredIssue extends Freshness {
  rid: number;
  key: string;
  aliases: string;
  summary: string;
  description: unknown;
}

const STORED = `SELECT i.rid, i.key, i.version, i.updated_at, i.last_comment_updated_at, i.aliases,
  i.summary, json_extract(r.raw, '$.description') AS description
  FROM issues i LEFT JOIN issue_raw r ON r.rid = i.rid`;
const INSERT_ISSUE = `INSERT INTO issues (${ISSUE_WRITE_COLUMNS.join(', ')})
  VALUES (${ISSUE_WRITE_COLUMNS.map(() => '?').join(', ')})`;
const UPDATE_ISSUE = `UPDATE issues SET ${ISSUE_WRITE_COLUMNS.map((c) => `${c} = ?`).join(', ')}
  WHERE rid = ?`;

function freshness(issue: Issue): Freshness {
  return {
    version: issue.version ?? null,
    updated_at: issue.updatedAt ?? null,
    last_comment_updated_at: issue.lastCommentUpdatedAt ?? null,
  };
}

/**
 * > 0 when `a` is newer than `b`, 0 when the same, < 0 when older: version first (Tracker bumps it
 * on every edit), then updatedAt, then lastCommentUpdatedAt (a comment may not bump the version).
 * With nothing to compare, the incoming copy wins.
 */
function compare(a: Freshness, b: Freshness): number {
  if (a.version !== null && b.version !== null && a.version !== b.version) {
    return a.version - b.version;
  }
  if (a.updated_at !== null && b.updated_at !== null && a.updated_at !== b.updated_at) {
    return a.updated_at - b.updated_at;
  }
  const ac = a.last_comment_updated_at;
  const bc = b.last_comment_updated_at;
  if (ac !== null && ac !== bc) return bc === null ? 1 : ac - bc;
  if (a.version === null && a.updated_at === null) return 1;
  return 0;
}

/** The newest copy of each key in a batch (a page may repeat an issue that changed mid-sync). */
function newestPerKey(issues: readonly Issue[]): Issue[] {
  const byKey = new Map<string, Issue>();
  for (const issue of issues) {
    const seen = byKey.get(issue.key);
    if (!seen || compare(freshness(issue), freshness(seen)) > 0) byKey.set(issue.key, issue);
  }
  return [...byKey.values()];
}

/**
 * Upserts `issues` into `scope` in one transaction; see {@link UpsertResult}. A copy as fresh as
 * the cached one is skipped unless `options.rewrite`; an older copy always is.
 */
export function upsertIssues(
  ctx: CacheContext,
  issues: readonly Issue[],
  scope: Scope,
  options: UpsertOptions = {},
): UpsertResult {
  assertScope(scope);
  const rewrite = options.rewrite === true;
  const result = {
    inserted: 0,
    updated: 0,
    relocalized: 0,
    unchanged: 0,
    insertedKeys: [] as string[],
    updatedKeys: [] as string[],
    relocalizedKeys: [] as string[],
    commentsChanged: [] as string[],
    renamed: [] as { from: string; to: string }[],
  };
  const { db } = ctx;
  db.transaction(() => {
    for (const issue of newestPerKey(issues)) {
      let stored = db.get<StoredIssue>(`${STORED} WHERE i.key = ?`, issue.key);
      if (!stored) {
        // Same id under another key: the issue moved queues since we cached it.
        const moved = db.get<StoredIssue>(`${STORED} WHERE i.id = ? LIMIT 1`, issue.id);
        if (moved && compare(freshness(issue), moved) > 0) {
          renameIssue(ctx, moved.key, issue.key);
          result.renamed.push({ from: moved.key, to: issue.key });
          stored = { ...moved, key: issue.key };
        } else if (moved) {
          result.unchanged += 1;
          addToScope(ctx, scope, moved.rid);
          continue;
        }
      }
      const order = stored ? compare(freshness(issue), stored) : 1;
      if (stored && (order < 0 || (order === 0 && !rewrite))) {
        result.unchanged += 1;
        addToScope(ctx, scope, stored.rid);
        continue;
      }
      // Tracker never forgets an alias, but a stale response may lack one a rename just added.
      const aliases = [
        ...new Set([...issue.aliases, ...parseStrings(stored?.aliases ?? '[]')]),
      ].filter((alias) => alias !== issue.key);
      const values = issueValues(issue, {
        aliases,
        priorityOrder: priorityOrder(ctx, refKey(issue.priority)),
        assigneeLogin:
          refLogin(issue.raw, 'assignee') ?? userLogin(ctx, issue.assignee?.id) ?? null,
        cachedAt: ctx.now(),
      });
      const raw = JSON.stringify(issue.raw);
      let rid: number;
      if (stored) {
        rid = stored.rid;
        db.run(UPDATE_ISSUE, ...values, rid);
        db.run('UPDATE issue_raw SET raw = ? WHERE rid = ?', raw, rid);
        // Most updates are status or assignee changes: re-index only when the text moved.
        const textChanged =
          (issue.summary ?? '') !== stored.summary ||
          (issue.description ?? null) !== (stored.description ?? null) ||
          stored.aliases !== JSON.stringify(aliases);
        if (textChanged) markForIndex(ctx, rid, false);
        if (stored.aliases !== JSON.stringify(aliases)) writeAliases(ctx, issue.key, aliases);
        if (order === 0) {
          // Same freshness, rewritten on request: only its display names (language) moved.
          result.relocalized += 1;
          result.relocalizedKeys.push(issue.key);
        } else {
          result.updated += 1;
          result.updatedKeys.push(issue.key);
        }
        if ((issue.lastCommentUpdatedAt ?? null) !== stored.last_comment_updated_at) {
          result.commentsChanged.push(issue.key);
        }
      } else {
        rid = db.run(INSERT_ISSUE, ...values).lastInsertRowid;
        db.run('INSERT INTO issue_raw (rid, raw) VALUES (?, ?)', rid, raw);
        markForIndex(ctx, rid, true);
        if (aliases.length > 0) writeAliases(ctx, issue.key, aliases);
        result.inserted += 1;
        result.insertedKeys.push(issue.key);
        if (issue.lastCommentUpdatedAt !== undefined) result.commentsChanged.push(issue.key);
      }
      if (issue.attachments !== undefined) writeAttachments(ctx, issue.key, issue.attachments);
      addToScope(ctx, scope, rid);
    }
  });
  return result;
}

function addToScope(ctx: CacheContext, scope: Scope, rid: number): void {
  ctx.db.run('INSERT OR IGNORE INTO issue_scopes (scope, rid) VALUES (?, ?)', scope, rid);
}

function writeAliases(ctx: CacheContext, key: string, aliases: readonly string[]): void {
  for (const alias of aliases) {
    ctx.db.run('INSERT OR REPLACE INTO issue_aliases (alias, key) VALUES (?, ?)', alias, key);
  }
}

/**
 * Renames a cached issue (moved to another queue): comments, scopes, links and attachments follow
 * through ON UPDATE CASCADE, the old key becomes an alias, and the search index learns the new key.
 * If `newKey` is already cached, the old copy is merged into it (its scopes kept) and dropped.
 * Returns false when `oldKey` is not cached.
 */
export function renameIssue(ctx: CacheContext, oldKey: string, newKey: string): boolean {
  if (oldKey === newKey) {
    return ctx.db.get('SELECT 1 AS x FROM issues WHERE key = ?', oldKey) !== undefined;
  }
  return ctx.db.transaction(() => {
    const old = ctx.db.get<StoredIssue>(`${STORED} WHERE i.key = ?`, oldKey);
    if (!old) return false;
    const target = ctx.db.get<StoredIssue>(`${STORED} WHERE i.key = ?`, newKey);
    const aliases = [
      ...new Set([...parseStrings(target?.aliases ?? '[]'), ...parseStrings(old.aliases), oldKey]),
    ].filter((alias) => alias !== newKey);
    if (target) {
      ctx.db.run(
        `INSERT OR IGNORE INTO issue_scopes (scope, rid)
         SELECT scope, ? FROM issue_scopes WHERE rid = ?`,
        target.rid,
        old.rid,
      );
      ctx.db.run('DELETE FROM issues WHERE rid = ?', old.rid);
      ctx.db.run(
        'UPDATE issues SET aliases = ? WHERE rid = ?',
        JSON.stringify(aliases),
        target.rid,
      );
      writeAliases(ctx, newKey, aliases);
      markForIndex(ctx, target.rid, false);
      return true;
    }
    const { queue, num } = splitKey(newKey);
    ctx.db.run('DELETE FROM issue_aliases WHERE alias = ?', newKey);
    // The issue_aliases rows of the old key follow through ON UPDATE CASCADE.
    ctx.db.run(
      'UPDATE issues SET key = ?, queue = ?, key_num = ?, aliases = ? WHERE rid = ?',
      newKey,
      queue,
      num,
      JSON.stringify(aliases),
      old.rid,
    );
    // Until the next sync brings the moved issue, its raw JSON at least names it correctly.
    ctx.db.run(
      `UPDATE issue_raw SET raw = json_set(raw, '$.key', ?, '$.aliases', json(?)) WHERE rid = ?`,
      newKey,
      JSON.stringify(aliases),
      old.rid,
    );
    writeAliases(ctx, newKey, [oldKey]);
    markForIndex(ctx, old.rid, false);
    return true;
  });
}

/**
 * Ends `scope`'s membership of every issue not in `keysStillInScope` (an alias of a cached issue
 * counts as its key), then deletes those of them that no scope holds anymore, with their comments,
 * links, attachments and search entries (all by cascade). An empty list empties the scope.
 */
export function removeFromScope(
  ctx: CacheContext,
  scope: Scope,
  keysStillInScope: readonly string[],
): RemoveFromScopeResult {
  assertScope(scope);
  return ctx.db.transaction(() => {
    const keep = jsonList(keysStillInScope);
    const leaving = ctx.db.all<{ rid: number; key: string }>(
      `SELECT i.rid, i.key FROM issue_scopes s JOIN issues i ON i.rid = s.rid
       WHERE s.scope = ?1
         AND i.key NOT IN (SELECT value FROM json_each(?2))
         AND i.key NOT IN (SELECT a.key FROM issue_aliases a
                           WHERE a.alias IN (SELECT value FROM json_each(?2)))`,
      scope,
      keep,
    );
    const removed: string[] = [];
    const deleted: string[] = [];
    for (const { rid, key } of leaving) {
      ctx.db.run('DELETE FROM issue_scopes WHERE scope = ? AND rid = ?', scope, rid);
      removed.push(key);
      const gone = ctx.db.run(
        `DELETE FROM issues
         WHERE rid = ?1 AND NOT EXISTS (SELECT 1 FROM issue_scopes WHERE rid = ?1)`,
        rid,
      );
      if (gone.changes > 0) deleted.push(key);
    }
    return { removed: removed.sort(), deleted: deleted.sort() };
  });
}
