/**
 * Writes of the search index. issue_fts is contentless (schema.ts): each issue's row is computed
 * from the issues and comments tables. Writers only mark an issue; the rows are rebuilt once, in
 * rowid order, just before the outermost transaction commits. FTS5 buffers ascending inserts in
 * memory, while rewriting a row twice in one transaction (issue, then its comments) would force a
 * flush of that buffer per issue. The trade-off: a search inside an open write transaction sees
 * the index as of its start.
 */
import type { CacheContext } from './context.ts';
import { jsonList } from './context.ts';
import { parseStrings } from './rows.ts';
import { indexTerms, keyTerms, MAX_INDEXED_CHARS } from './text.ts';

/** Comment text indexed per issue in all; past this a long thread stops adding terms. */
const MAX_COMMENT_CHARS = 4 * MAX_INDEXED_CHARS;

/** Marks an issue's search row for a rebuild at commit; `isNew` when it has none yet. */
export function markForIndex(ctx: CacheContext, rid: number, isNew: boolean): void {
  const known = ctx.pendingIndex.get(rid);
  ctx.pendingIndex.set(rid, known ?? isNew);
}

interface SourceRecord {
  rid: number;
  key: string;
  aliases: string;
  summary: string;
  description: unknown;
}

/** Rebuilds the search rows of every marked issue (run by the commit hook). */
export function flushIndex(ctx: CacheContext): void {
  if (ctx.pendingIndex.size === 0) return;
  const pending = [...ctx.pendingIndex].sort((a, b) => a[0] - b[0]);
  ctx.pendingIndex.clear();
  const rids = jsonList(pending.map(([rid]) => rid));
  const sources = new Map(
    ctx.db
      .all<SourceRecord>(
        `SELECT i.rid, i.key, i.aliases, i.summary,
           json_extract(r.raw, '$.description') AS description
         FROM issues i LEFT JOIN issue_raw r ON r.rid = i.rid
         WHERE i.rid IN (SELECT value FROM json_each(?))`,
        rids,
      )
      .map((row) => [row.rid, row]),
  );
  const comments = new Map<number, string[]>();
  for (const row of ctx.db.all<{ rid: number; text: string | null }>(
    `SELECT i.rid, c.text FROM issues i JOIN comments c ON c.issue_key = i.key
     WHERE i.rid IN (SELECT value FROM json_each(?)) ORDER BY c.created_at, c.rowid`,
    rids,
  )) {
    const list = comments.get(row.rid) ?? [];
    list.push(row.text ?? '');
    comments.set(row.rid, list);
  }
  for (const [rid, isNew] of pending) {
    const source = sources.get(rid);
    // Deleted since it was marked: the delete trigger already removed its row.
    if (!source) continue;
    const description = typeof source.description === 'string' ? source.description : undefined;
    ctx.db.run(
      `${isNew ? 'INSERT' : 'INSERT OR REPLACE'} INTO issue_fts
         (rowid, key, summary, description, comments) VALUES (?, ?, ?, ?, ?)`,
      rid,
      keyTerms(source.key, parseStrings(source.aliases)),
      indexTerms(source.summary),
      indexTerms(description),
      commentTerms(comments.get(rid) ?? []),
    );
  }
}

function commentTerms(texts: readonly string[]): string {
  const terms: string[] = [];
  let chars = 0;
  for (const text of texts) {
    if (chars >= MAX_COMMENT_CHARS) break;
    terms.push(indexTerms(text));
    chars += text.length;
  }
  return terms.join(' ');
}
