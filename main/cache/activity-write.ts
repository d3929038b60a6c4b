/**
 * Per-issue collections fetched separately from the issue: comments (also indexed for search),
 * links, attachment metadata and the changelog. Each replace swaps the whole collection in one transaction, since
 * the API always returns the whole collection and a deletion is otherwise invisible.
 */
import type { Attachment, ChangelogEntry, Comment, Link } from '../api/index.ts';
import type { CacheContext } from './context.ts';
import { markForIndex } from './fts.ts';

/** What {@link replaceComments} did. */
export interface ReplaceCommentsResult {
  /** False when the issue is not cached (nothing was written). */
  readonly known: boolean;
  readonly stored: number;
  /** Comments that were cached before and are gone now. */
  readonly removed: number;
}

/** The rid and current key of a cached issue addressed by key or alias, or undefined. */
export function resolveIssue(
  ctx: CacheContext,
  keyOrAlias: string,
): { rid: number; key: string } | undefined {
  return (
    ctx.db.get<{ rid: number; key: string }>(
      'SELECT rid, key FROM issues WHERE key = ?',
      keyOrAlias,
    ) ??
    ctx.db.get<{ rid: number; key: string }>(
      `SELECT i.rid, i.key FROM issue_aliases a JOIN issues i ON i.key = a.key WHERE a.alias = ?`,
      keyOrAlias,
    )
  );
}

/** The current key of a cached issue addressed by key or alias, or undefined. */
export function resolveKey(ctx: CacheContext, keyOrAlias: string): string | undefined {
  return resolveIssue(ctx, keyOrAlias)?.key;
}

/**
 * Replaces the comments of an issue (addressed by key or alias) and re-indexes their text.
 * Comments of an issue that is not cached are dropped with a warning: they would have no row to
 * belong to, and the next sync of that issue fetches them again.
 */
export function replaceComments(
  ctx: CacheContext,
  issueKey: string,
  comments: readonly Comment[],
): ReplaceCommentsResult {
  return ctx.db.transaction(() => {
    const found = resolveIssue(ctx, issueKey);
    if (found === undefined) {
      ctx.log.warn('comments for an issue that is not cached were dropped', { issueKey });
      return { known: false, stored: 0, removed: 0 };
    }
    const { key, rid } = found;
    const before = ctx.db
      .all<{ id: string }>('SELECT id FROM comments WHERE issue_key = ?', key)
      .map((row) => row.id);
    ctx.db.run('DELETE FROM comments WHERE issue_key = ?', key);
    const unique = new Map(comments.map((comment) => [comment.id, comment]));
    for (const comment of unique.values()) {
      // The text is stored once, in its column; rows.ts puts it back into raw on read.
      const { text: rawText, ...rest } = comment.raw;
      const moved = typeof rawText === 'string' && rawText === comment.text;
      ctx.db.run(
        `INSERT INTO comments (issue_key, id, author_id, author_display, text, created_at,
           updated_at, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        key,
        comment.id,
        comment.createdBy?.id ?? null,
        comment.createdBy?.display ?? null,
        comment.text ?? null,
        comment.createdAt ?? null,
        comment.updatedAt ?? null,
        JSON.stringify(moved ? rest : comment.raw),
      );
    }
    markForIndex(ctx, rid, false);
    const removed = before.filter((id) => !unique.has(id)).length;
    return { known: true, stored: unique.size, removed };
  });
}

/** Replaces the links of a cached issue; returns false when the issue is not cached. */
export function replaceLinks(ctx: CacheContext, issueKey: string, links: readonly Link[]): boolean {
  return ctx.db.transaction(() => {
    const key = resolveKey(ctx, issueKey);
    if (key === undefined) return false;
    ctx.db.run('DELETE FROM links WHERE issue_key = ?', key);
    for (const link of links) {
      ctx.db.run(
        'INSERT OR REPLACE INTO links (issue_key, id, raw) VALUES (?, ?, ?)',
        key,
        link.id,
        JSON.stringify(link.raw),
      );
    }
    return true;
  });
}

/** Replaces the attachment metadata of a cached issue; returns false when it is not cached. */
export function replaceAttachments(
  ctx: CacheContext,
  issueKey: string,
  attachments: readonly Attachment[],
): boolean {
  return ctx.db.transaction(() => {
    const key = resolveKey(ctx, issueKey);
    if (key === undefined) return false;
    writeAttachments(ctx, key, attachments);
    return true;
  });
}

/** Writes attachment rows for a key known to exist (also used by the issue upsert). */
export function writeAttachments(
  ctx: CacheContext,
  key: string,
  attachments: readonly Attachment[],
): void {
  ctx.db.run('DELETE FROM attachments WHERE issue_key = ?', key);
  for (const attachment of attachments) {
    ctx.db.run(
      `INSERT OR REPLACE INTO attachments (issue_key, id, name, size, mimetype, created_at, raw)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      key,
      attachment.id,
      attachment.name ?? null,
      attachment.size ?? null,
      attachment.mimetype ?? null,
      attachment.createdAt ?? null,
      JSON.stringify(attachment.raw),
    );
  }
}

/** Replaces the changelog of a cached issue; returns false when the issue is not cached. */
export function replaceChangelog(
  ctx: CacheContext,
  issueKey: string,
  entries: readonly ChangelogEntry[],
): boolean {
  return ctx.db.transaction(() => {
    const key = resolveKey(ctx, issueKey);
    if (key === undefined) return false;
    ctx.db.run('DELETE FROM changelog WHERE issue_key = ?', key);
    for (const entry of entries) {
      ctx.db.run(
        'INSERT OR REPLACE INTO changelog (issue_key, id, at, raw) VALUES (?, ?, ?, ?)',
        key,
        entry.id,
        entry.updatedAt ?? null,
        JSON.stringify(entry.raw),
      );
    }
    return true;
  });
}
