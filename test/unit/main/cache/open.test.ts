import { openSync, readFileSync, readdirSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../main/cache/db.ts';
import { CACHE_FILE_NAME, openCache, SCHEMA_VERSION } from '../../../../main/cache/index.ts';
import { createLogger } from '../../../../main/log/index.ts';
import { migrate, MIGRATIONS, type Migration } from '../../../../main/cache/schema.ts';
import { issue, tempDir, testCache, type TestCache } from './fixtures.ts';

const STAMP = '20250615T150640Z'; // the fixtures' clock, 1_750_000_000_000

let t: TestCache | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

/** Runs `fn` on a plain connection to `file` (the way another tool or an older app would). */
function raw(file: string, fn: (db: DatabaseSync) => void): void {
  const db = new DatabaseSync(file);
  try {
    fn(db);
  } finally {
    db.close();
  }
}

/** A cache with issues, inbox and outbox rows, closed so its WAL is folded into the file. */
function filledCache(): TestCache {
  const made = testCache();
  raw(made.file, (db) => {
    db.exec(`INSERT INTO inbox (id, issue_key, kind, created_at, read, payload)
             VALUES ('n1', 'Q-1', 'assigned', 1, 0, '{"by":"anna"}'),
                    ('n2', 'Q-2', 'assigned', 2, 1, '{}');
             INSERT INTO outbox (kind, payload, created_at, attempts, last_error)
             VALUES ('comment', '{"text":"offline"}', 3, 2, 'network')`);
  });
  const many = Array.from({ length: 300 }, (_, i) =>
    issue(`Q-${i + 1}`, { summary: `issue number ${i} `.repeat(20) }),
  );
  made.cache.upsertIssues(many, 'assigned');
  made.cache.close();
  return made;
}

describe('openCache on a new or healthy file', () => {
  it('creates the folder and the schema, in WAL mode', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = path.join(dir, 'cache', encodeURIComponent('org:1/anna'), CACHE_FILE_NAME);
      const log = createLogger({ sinks: [] });
      const { cache, recovered } = openCache({ file, log });
      expect(recovered).toBeUndefined();
      expect(cache.file).toBe(file);
      expect(cache.schemaVersion).toBe(SCHEMA_VERSION);
      expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
      raw(file, (db) => {
        expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
        expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: SCHEMA_VERSION });
      });
      cache.close();
    } finally {
      cleanup();
    }
  });

  it('reopens without recovery and keeps the data', () => {
    t = testCache();
    t.cache.upsertIssues([issue('Q-1')], 'assigned');
    t.cache.setWatermark('assigned', { updatedAt: 42 });
    t.cache.close();
    const again = t.open();
    expect(again.recovered).toBeUndefined();
    expect(again.cache.getIssue('Q-1')?.key).toBe('Q-1');
    expect(again.cache.getWatermark('assigned')?.updatedAt).toBe(42);
    again.cache.close();
  });

  it('applies each missing migration in its own transaction; a failing one changes nothing', () => {
    const { dir, cleanup } = tempDir();
    const db = openDatabase(path.join(dir, 'm.sqlite'));
    try {
      expect(migrate(db)).toEqual({ from: 0, to: SCHEMA_VERSION });
      const addColumn: Migration = (d) => d.exec('ALTER TABLE inbox ADD COLUMN extra TEXT');
      const broken: Migration = (d) => {
        d.exec('CREATE TABLE half_done (x)');
        throw new Error('boom');
      };
      expect(migrate(db, [...MIGRATIONS, addColumn])).toEqual({
        from: SCHEMA_VERSION,
        to: SCHEMA_VERSION + 1,
      });
      expect(() => migrate(db, [...MIGRATIONS, addColumn, broken])).toThrow('boom');
      expect(db.pragma('user_version')).toBe(SCHEMA_VERSION + 1);
      expect(db.all("SELECT name FROM sqlite_schema WHERE name = 'half_done'")).toEqual([]);
    } finally {
      db.close();
      cleanup();
    }
  });
});

describe('openCache on a file it cannot use', () => {
  it('moves a garbage file aside and starts fresh, saying why', () => {
    t = testCache();
    t.cache.close();
    writeFileSync(t.file, Buffer.from('this is not an sqlite database at all '.repeat(200)));
    const { cache, recovered } = t.open();
    expect(recovered).toMatchObject({
      reason: 'corrupt',
      movedTo: `${t.file}.corrupt-${STAMP}`,
      salvaged: { inbox: 0, outbox: 0 },
    });
    expect(recovered?.detail).toMatch(/not a database/);
    expect(readFileSync(recovered!.movedTo, 'utf8')).toContain('not an sqlite database');
    expect(cache.counts().issues).toBe(0);
    cache.upsertIssues([issue('Q-1')], 'assigned');
    expect(cache.counts().issues).toBe(1);
    expect(t.sink.text()).toContain('cache file replaced');
    cache.close();
  });

  it('detects damaged pages, salvages inbox and outbox rows into the new file', () => {
    t = filledCache();
    let pageSize = 4096;
    let pages: number[] = [];
    raw(t.file, (db) => {
      pageSize = Number(db.prepare('PRAGMA page_size').get()?.page_size);
      pages = db
        .prepare(`SELECT pageno FROM dbstat WHERE name IN ('issues', 'issues_by_summary')`)
        .all()
        .map((row) => Number(row.pageno));
    });
    expect(pages.length).toBeGreaterThan(2);
    const fd = openSync(t.file, 'r+');
    for (const page of pages.slice(1)) {
      writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize);
    }
    closeSync(fd);

    const { cache, recovered } = t.open();
    expect(recovered?.reason).toBe('corrupt');
    expect(recovered?.salvaged).toEqual({ inbox: 2, outbox: 1, errors: [] });
    const inbox = new DatabaseSync(t.file);
    try {
      expect(inbox.prepare('SELECT id, read, payload FROM inbox ORDER BY id').all()).toEqual([
        { id: 'n1', read: 0, payload: '{"by":"anna"}' },
        { id: 'n2', read: 1, payload: '{}' },
      ]);
      expect(inbox.prepare('SELECT kind, attempts, last_error FROM outbox').all()).toEqual([
        { kind: 'comment', attempts: 2, last_error: 'network' },
      ]);
    } finally {
      inbox.close();
    }
    expect(cache.counts()).toMatchObject({ issues: 0, inbox: 2, unreadInbox: 1, outbox: 1 });
    cache.close();
  });

  it('moves a file from a newer schema aside, salvaging the columns it knows', () => {
    t = filledCache();
    raw(t.file, (db) => {
      db.exec(`ALTER TABLE inbox ADD COLUMN priority INTEGER;
               PRAGMA user_version = ${SCHEMA_VERSION + 5};`);
    });
    const { cache, recovered } = t.open();
    expect(recovered).toMatchObject({
      reason: 'incompatible',
      movedTo: `${t.file}.incompatible-${STAMP}`,
      salvaged: { inbox: 2, outbox: 1, errors: [] },
    });
    expect(recovered?.detail).toMatch(/newer/);
    expect(cache.schemaVersion).toBe(SCHEMA_VERSION);
    raw(recovered!.movedTo, (db) => {
      expect(db.prepare('PRAGMA user_version').get()).toEqual({
        user_version: SCHEMA_VERSION + 5,
      });
    });
    cache.close();
    expect(t.open().recovered).toBeUndefined();
  });

  it('moves aside a file a migration cannot upgrade', () => {
    t = testCache();
    t.cache.close();
    const other = path.join(path.dirname(t.file), 'other.sqlite');
    raw(other, (db) => db.exec('CREATE TABLE issues (whatever TEXT)'));
    const { open } = t;
    writeFileSync(t.file, readFileSync(other));
    const { cache, recovered } = open();
    expect(recovered?.reason).toBe('migration-failed');
    expect(recovered?.detail).toMatch(/already exists/);
    cache.close();
  });

  it('never overwrites an earlier moved-aside file', () => {
    t = testCache();
    t.cache.close();
    for (let round = 0; round < 2; round += 1) {
      writeFileSync(t.file, 'garbage'.repeat(1000));
      const { cache } = t.open();
      cache.close();
    }
    const names = readdirSync(path.dirname(t.file)).filter((name) => name.includes('.corrupt-'));
    expect(names.sort()).toEqual([
      `cache.sqlite.corrupt-${STAMP}`,
      `cache.sqlite.corrupt-${STAMP}-1`,
    ]);
    t.open().cache.close();
  });
});
