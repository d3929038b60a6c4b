/**
 * Full-text search: the query is stemmed like the index (text.ts), matched by FTS5, ranked by bm25
 * with the column weights of schema.ts, filtered like the list, and each hit gets a snippet cut
 * from the original text (snippet.ts).
 */
import type { CacheContext } from './context.ts';
import type { SqlValue } from './db.ts';
import { jsonList } from './context.ts';
import { filterSql } from './filters.ts';
import {
  ISSUE_ROW_COLUMNS,
  parseObject,
  parseStrings,
  toIssueRow,
  type IssueRecord,
} from './rows.ts';
import { keySnippet, snippet } from './snippet.ts';
import { parseQuery, type QueryTerm } from './text.ts';
import type { SearchHit, SearchQuery, SnippetField } from './types.ts';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 500;
/** Up to this many matches, bm25 ranks them whatever share of the cache they are. */
const ALWAYS_RANK = 1000;

interface HitRecord extends IssueRecord {
  rid: number;
  rank: number;
  raw: string;
}

/**
 * The best `limit` issues matching `query.text` and the filters, best first. Text with no
 * searchable word gives no hits (use the list to browse).
 */
export function search(ctx: CacheContext, query: SearchQuery): SearchHit[] {
  const parsed = parseQuery(query.text, { prefix: query.prefix ?? true });
  if (!parsed) return [];
  // Membership is checked per hit: the full-text match always drives this query.
  const { conditions, params } = filterSql(query, 'probe');
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.trunc(query.limit ?? DEFAULT_LIMIT)));
  const ranked = rankHits(ctx, parsed.match, conditions, params, limit);
  if (ranked.length === 0) return [];
  // Phase 2: the rows of the hits, with raw JSON for description snippets.
  const byRid = new Map(
    ctx.db
      .all<Omit<HitRecord, 'rank'>>(
        `SELECT ${ISSUE_ROW_COLUMNS}, i.rid, r.raw FROM issues i JOIN issue_raw r ON r.rid = i.rid
         WHERE i.rid IN (SELECT value FROM json_each(?))`,
        jsonList(ranked.map((hit) => hit.rid)),
      )
      .map((row) => [row.rid, row]),
  );
  const records: HitRecord[] = [];
  for (const hit of ranked) {
    const row = byRid.get(hit.rid);
    if (row) records.push({ ...row, rank: hit.rank });
  }
  const snippets = new Map<string, { text: string; field: SnippetField }>();
  const needComments: string[] = [];
  // A key query ("QUEUE-12") is best explained by the key itself, even if some text mentions it.
  const keyQuery = parsed.terms.some((term) => term.isKey);
  for (const record of records) {
    const found =
      (keyQuery ? fallbackSnippet(record, parsed.terms) : undefined) ??
      textSnippet(record, parsed.terms);
    if (found) snippets.set(record.key, found);
    else needComments.push(record.key);
  }
  for (const [key, text] of commentSnippets(ctx, needComments, parsed.terms)) {
    snippets.set(key, { text, field: 'comment' });
  }
  return records.map((record) => {
    const found = snippets.get(record.key) ??
      fallbackSnippet(record, parsed.terms) ?? { text: record.summary, field: 'summary' };
    return {
      ...toIssueRow(record),
      rank: record.rank,
      snippet: found.text,
      snippetField: found.field,
    };
  });
}

/**
 * Phase 1: the rowids and scores of the best hits, never carrying issue rows through the sort.
 * CROSS JOIN keeps the FTS table as the outer loop (SQLite never reorders it); `rank` is bm25
 * with the weights configured on the table.
 *
 * bm25's IDF, log((N - n + 0.5) / (n + 0.5)), is floored to ~0 by FTS5 once a query matches half
 * the documents: the scores are then noise, and computing them costs ~1.5 µs per match (80 ms for
 * 50,000). Such queries list the most recently cached matches first instead, which stops at the
 * limit; a first sync stores issues by `updatedAt`, so that is roughly "most recently updated".
 */
function rankHits(
  ctx: CacheContext,
  match: string,
  conditions: readonly string[],
  params: readonly SqlValue[],
  limit: number,
): { rid: number; rank: number }[] {
  const count = (sql: string, ...args: SqlValue[]) =>
    ctx.db.get<{ n: number }>(sql, ...args)?.n ?? 0;
  const matches = count('SELECT count(*) AS n FROM issue_fts WHERE issue_fts MATCH ?', match);
  if (matches === 0) return [];
  const broad = matches > ALWAYS_RANK && matches * 2 >= count('SELECT count(*) AS n FROM issues');
  const order = broad ? 'issue_fts.rowid DESC' : 'issue_fts.rank';
  const join = conditions.length === 0 ? '' : 'CROSS JOIN issues i ON i.rid = issue_fts.rowid';
  return ctx.db.all<{ rid: number; rank: number }>(
    `SELECT issue_fts.rowid AS rid, issue_fts.rank AS rank
     FROM issue_fts ${join}
     WHERE issue_fts MATCH ? ${conditions.map((c) => `AND ${c}`).join(' ')}
     ORDER BY ${order} LIMIT ?`,
    match,
    ...params,
    limit,
  );
}

/** A snippet from the summary, else the description (read from the raw JSON). */
function textSnippet(
  record: HitRecord,
  terms: readonly QueryTerm[],
): { text: string; field: SnippetField } | undefined {
  const inSummary = snippet(record.summary, terms);
  if (inSummary !== undefined) return { text: inSummary, field: 'summary' };
  const description = parseObject(record.raw).description;
  const inDescription = snippet(typeof description === 'string' ? description : undefined, terms);
  return inDescription === undefined ? undefined : { text: inDescription, field: 'description' };
}

/** For hits not explained by their own text: the newest matching comment of each, by key. */
function commentSnippets(
  ctx: CacheContext,
  keys: readonly string[],
  terms: readonly QueryTerm[],
): Map<string, string> {
  const out = new Map<string, string>();
  if (keys.length === 0) return out;
  const rows = ctx.db.all<{ issue_key: string; text: string | null }>(
    `SELECT issue_key, text FROM comments WHERE issue_key IN (SELECT value FROM json_each(?))
     ORDER BY issue_key, created_at DESC`,
    jsonList(keys),
  );
  for (const row of rows) {
    if (out.has(row.issue_key)) continue;
    const found = snippet(row.text ?? undefined, terms);
    if (found !== undefined) out.set(row.issue_key, found);
  }
  return out;
}

/** A hit found by its key or an alias (`QUEUE-12`, `12`): that key, highlighted. */
function fallbackSnippet(
  record: HitRecord,
  terms: readonly QueryTerm[],
): { text: string; field: SnippetField } | undefined {
  const key = keySnippet([record.key, ...parseStrings(record.aliases)], terms);
  return key === undefined ? undefined : { text: key, field: 'key' };
}
