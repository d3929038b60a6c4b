/**
 * The cache schema and its migrations. `PRAGMA user_version` holds the number of migrations
 * applied; each migration runs in its own transaction together with the version bump, so a crash
 * leaves the file at one version or the next, never in between. Migrations are functions (not just
 * SQL) because a future one may need JavaScript, e.g. re-stemming the search index.
 */
import type { Db } from './db.ts';

/** One schema step; runs inside a transaction opened by {@link migrate}. */
export type Migration = (db: Db) => void;

/**
 * The FTS5 tokenizer. The text is already lowercased and stemmed in JavaScript (text.ts), so this
 * only splits on spaces; `tokenchars '-'` keeps issue keys (`queue-12`) whole, and
 * `remove_diacritics 2` folds Latin accents (é → e) without touching Cyrillic (й stays й).
 */
const TOKENIZER = `unicode61 remove_diacritics 2 tokenchars '-'`;

/**
 * bm25 column weights, in the column order key, summary, description, comments: a word in the key
 * or summary counts five to ten times one in a comment.
 */
export const RANK_WEIGHTS = [10, 5, 2, 1] as const;

const V1 = `
-- One row per cached issue: the columns the list sorts and filters on, kept narrow (the raw JSON
-- lives in issue_raw) so a scan that no index serves still reads a few MB, not the whole cache.
-- *_sort columns hold case-folded copies (SQLite's lower() only folds ASCII).
CREATE TABLE issues (
  rid INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  id TEXT NOT NULL,
  queue TEXT NOT NULL,
  key_num INTEGER NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  summary_sort TEXT NOT NULL DEFAULT '',
  status_key TEXT,
  status_display TEXT,
  status_sort TEXT,
  priority_key TEXT,
  priority_display TEXT,
  priority_order INTEGER,
  type_key TEXT,
  type_display TEXT,
  assignee_id TEXT,
  assignee_login TEXT,
  assignee_display TEXT,
  assignee_sort TEXT,
  author_id TEXT,
  author_display TEXT,
  resolution_key TEXT,
  resolution_display TEXT,
  created_at INTEGER,
  updated_at INTEGER,
  version INTEGER,
  last_comment_updated_at INTEGER,
  aliases TEXT NOT NULL DEFAULT '[]',
  cached_at INTEGER NOT NULL
);
CREATE INDEX issues_id ON issues(id);
-- One index per sort column, ending in (queue, key_num): the tie-break, so a page is read straight
-- off the index in either direction without sorting.
CREATE INDEX issues_by_key ON issues(queue, key_num);
CREATE INDEX issues_by_updated ON issues(updated_at, queue, key_num);
CREATE INDEX issues_by_summary ON issues(summary_sort, queue, key_num);
CREATE INDEX issues_by_status ON issues(status_sort, queue, key_num);
CREATE INDEX issues_by_priority ON issues(priority_order, queue, key_num);
CREATE INDEX issues_by_assignee ON issues(assignee_sort, queue, key_num);
-- Filters.
CREATE INDEX issues_status ON issues(status_key);
CREATE INDEX issues_assignee ON issues(assignee_id);
CREATE INDEX issues_assignee_login ON issues(assignee_login);

-- The issue exactly as received, so no field (custom, local, future) is ever lost.
CREATE TABLE issue_raw (
  rid INTEGER PRIMARY KEY REFERENCES issues(rid) ON DELETE CASCADE,
  raw TEXT NOT NULL
);

-- Old keys of moved issues, so a link to QUEUE-1 still opens the issue now called OTHER-7.
CREATE TABLE issue_aliases (
  alias TEXT PRIMARY KEY,
  key TEXT NOT NULL REFERENCES issues(key) ON UPDATE CASCADE ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX issue_aliases_key ON issue_aliases(key);

-- Which sync scopes hold an issue; an issue in no scope is deleted. By rid, so a rename leaves
-- memberships alone and the list joins on integers.
CREATE TABLE issue_scopes (
  scope TEXT NOT NULL,
  rid INTEGER NOT NULL REFERENCES issues(rid) ON DELETE CASCADE,
  PRIMARY KEY (scope, rid)
) WITHOUT ROWID;
CREATE INDEX issue_scopes_rid ON issue_scopes(rid);

-- raw without its "text", which lives in the text column (half the size of a comment is its
-- text); text is NULL when the raw had none. rows.ts puts it back on read.
CREATE TABLE comments (
  issue_key TEXT NOT NULL REFERENCES issues(key) ON UPDATE CASCADE ON DELETE CASCADE,
  id TEXT NOT NULL,
  author_id TEXT,
  author_display TEXT,
  text TEXT,
  created_at INTEGER,
  updated_at INTEGER,
  raw TEXT NOT NULL,
  UNIQUE (issue_key, id)
);
CREATE INDEX comments_order ON comments(issue_key, created_at);

CREATE TABLE links (
  issue_key TEXT NOT NULL REFERENCES issues(key) ON UPDATE CASCADE ON DELETE CASCADE,
  id TEXT NOT NULL,
  raw TEXT NOT NULL,
  PRIMARY KEY (issue_key, id)
);

CREATE TABLE attachments (
  issue_key TEXT NOT NULL REFERENCES issues(key) ON UPDATE CASCADE ON DELETE CASCADE,
  id TEXT NOT NULL,
  name TEXT,
  size INTEGER,
  mimetype TEXT,
  created_at INTEGER,
  raw TEXT NOT NULL,
  PRIMARY KEY (issue_key, id)
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  login TEXT,
  display TEXT,
  email TEXT,
  dismissed INTEGER,
  raw TEXT NOT NULL
);
CREATE INDEX users_login ON users(login);

CREATE TABLE queues (
  key TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  name TEXT,
  version INTEGER,
  raw TEXT NOT NULL
);

CREATE TABLE statuses (
  id TEXT PRIMARY KEY,
  key TEXT,
  name TEXT,
  type TEXT,
  sort_order INTEGER,
  raw TEXT NOT NULL
);
CREATE INDEX statuses_key ON statuses(key);

CREATE TABLE priorities (
  id TEXT PRIMARY KEY,
  key TEXT,
  name TEXT,
  sort_order INTEGER,
  raw TEXT NOT NULL
);
CREATE INDEX priorities_key ON priorities(key);

-- Incremental sync position per scope: the highest updatedAt seen and the keys seen at exactly
-- that instant (the next query starts at the watermark again and skips only those).
CREATE TABLE sync_state (
  scope TEXT PRIMARY KEY,
  updated_at INTEGER,
  keys_at_watermark TEXT NOT NULL DEFAULT '[]',
  last_full_sync_at INTEGER,
  last_reconciled_at INTEGER,
  changed_at INTEGER NOT NULL
);

-- Small named values (JSON) that belong with the data, e.g. the sync engine's bookkeeping.
CREATE TABLE meta (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Notifications shown to the user. No foreign key: an entry outlives its issue leaving the cache.
CREATE TABLE inbox (
  id TEXT PRIMARY KEY,
  issue_key TEXT,
  kind TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  read INTEGER NOT NULL DEFAULT 0,
  payload TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX inbox_created ON inbox(created_at);

-- Writes made offline, waiting to be sent. User data: salvaged when the file is replaced.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
);

-- Full-text search over stemmed terms (text.ts). Contentless: the terms are derived from issues
-- and comments, so storing them again would double the file for nothing; contentless_delete lets
-- a row be replaced or deleted by rowid (= issues.rid). Snippets are cut from the original text
-- in JavaScript, never from these terms. prefix='3' also indexes every term under its first three
-- letters, so a prefix query ("про*") reads one list instead of merging hundreds.
CREATE VIRTUAL TABLE issue_fts USING fts5(
  key, summary, description, comments,
  content='', contentless_delete=1,
  prefix='3',
  tokenize="${TOKENIZER}"
);
-- Covers every way an issue leaves: direct deletes and merges on rename.
CREATE TRIGGER issues_fts_delete AFTER DELETE ON issues BEGIN
  DELETE FROM issue_fts WHERE rowid = old.rid;
END;
INSERT INTO issue_fts(issue_fts, rank) VALUES ('rank', 'bm25(${RANK_WEIGHTS.join(', ')})');
`;

const V2 = `
-- An issue's history as Tracker's changelog lists it, fetched when the issue is opened. \`at\` is the
-- entry's time (epoch ms) so the activity reads in order without parsing the JSON.
CREATE TABLE changelog (
  issue_key TEXT NOT NULL REFERENCES issues(key) ON UPDATE CASCADE ON DELETE CASCADE,
  id TEXT NOT NULL,
  at INTEGER,
  raw TEXT NOT NULL,
  UNIQUE (issue_key, id)
);
CREATE INDEX changelog_order ON changelog(issue_key, at);

-- The inbox gains "done" and "snoozed until" next to "read"; unread counts skip both.
ALTER TABLE inbox ADD COLUMN done INTEGER NOT NULL DEFAULT 0;
ALTER TABLE inbox ADD COLUMN snoozed_until INTEGER;

-- Filter facets group every issue of a view by these columns at once: with this covering index
-- the unscoped count is an index-only scan instead of a walk over the table (facets.ts).
CREATE INDEX issues_facets ON issues(queue, status_key, assignee_id, assignee_login);
`;

/** Every migration, in order; the schema version is the length of this list. */
export const MIGRATIONS: readonly Migration[] = [(db) => db.exec(V1), (db) => db.exec(V2)];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** The schema version stored in the file (0 for a new file). */
export function schemaVersion(db: Db): number {
  return Number(db.pragma('user_version') ?? 0);
}

/**
 * Applies the migrations the file lacks, each in its own transaction. Returns the versions before
 * and after. The caller has already refused files from a newer schema.
 */
export function migrate(
  db: Db,
  migrations: readonly Migration[] = MIGRATIONS,
): { from: number; to: number } {
  const from = schemaVersion(db);
  for (let version = from; version < migrations.length; version += 1) {
    const step = migrations[version];
    if (!step) break;
    db.transaction(() => {
      step(db);
      // user_version lives in the file header, which is written by the same transaction.
      db.exec(`PRAGMA user_version = ${version + 1}`);
    });
  }
  return { from, to: schemaVersion(db) };
}
