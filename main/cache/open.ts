/**
 * Opening the cache file: pragmas, a health check, migrations, and recovery. A file that is
 * corrupt, from a newer schema, or that a migration cannot upgrade is renamed aside (never deleted:
 * support may want it) and replaced by a fresh one; the caller is told why so the app can say so
 * and run a full sync. Inbox and outbox rows are copied over when the old file still yields them.
 * Errors that say nothing about the file (locked by another process, disk full, no permission)
 * are thrown instead: moving a healthy file aside because it was busy would lose the user's data.
 */
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log/types.ts';
import { createCache, type TrackerCache } from './cache.ts';
import { createContext } from './context.ts';
import { openDatabase, type Db } from './db.ts';
import { readSalvage, writeSalvage, type SalvageReport } from './salvage.ts';
import { migrate, schemaVersion, SCHEMA_VERSION } from './schema.ts';

/** Options of {@link openCache}. */
export interface OpenCacheOptions {
  /** The database file, normally `<accountCacheDir>/cache.sqlite`; its folder is created. */
  readonly file: string;
  readonly log: Logger;
  /** Epoch ms; default Date.now. */
  readonly now?: () => number;
  /** Files larger than this get `quick_check` instead of the slower `integrity_check`; 64 MiB. */
  readonly fullCheckMaxBytes?: number;
}

/** Why the previous file was replaced. */
export type RecoveryReason = 'corrupt' | 'incompatible' | 'migration-failed';

/** What {@link openCache} did to a file it could not use. */
export interface CacheRecovery {
  readonly reason: RecoveryReason;
  /** The check or error message, for the log and a support report. */
  readonly detail: string;
  /** Where the old file went (`cache.sqlite.corrupt-20250102T030405Z`, `.incompatible-…`). */
  readonly movedTo: string;
  /** Inbox and outbox rows carried into the new file. */
  readonly salvaged: SalvageReport;
}

/** The open cache, and the recovery report when the old file had to be replaced. */
export interface OpenCacheResult {
  readonly cache: TrackerCache;
  readonly recovered?: CacheRecovery;
}

/** Signals that the file itself is unusable, as opposed to an environment failure. */
class UnusableFile extends Error {
  readonly reason: RecoveryReason;
  constructor(reason: RecoveryReason, detail: string) {
    super(detail);
    this.reason = reason;
  }
}

// SQLite primary result codes meaning "this file is damaged or not a database".
const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;

/** Opens (creating, migrating, or recovering) the cache database at `options.file`. */
export function openCache(options: OpenCacheOptions): OpenCacheResult {
  const { file, log } = options;
  const now = options.now ?? Date.now;
  mkdirSync(path.dirname(file), { recursive: true });
  let db: Db | undefined;
  try {
    db = prepare(file, options.fullCheckMaxBytes ?? 64 * 1024 * 1024);
  } catch (error) {
    closeQuietly(db);
    const unusable = asUnusable(error);
    if (!unusable) throw error;
    const recovered = replace(file, unusable, now, log);
    db = openDatabase(file);
    configure(db);
    migrate(db);
    const salvaged = writeSalvage(db, recovered.rows);
    const recovery: CacheRecovery = { ...recovered.report, salvaged };
    log.warn('cache file replaced', {
      reason: recovery.reason,
      detail: recovery.detail,
      movedTo: recovery.movedTo,
      salvagedInbox: salvaged.inbox,
      salvagedOutbox: salvaged.outbox,
      salvageErrors: salvaged.errors,
    });
    return { cache: createCache(createContext(db, log, now)), recovered: recovery };
  }
  return { cache: createCache(createContext(db, log, now)) };
}

/** Opens, configures, checks and migrates; throws UnusableFile for a file to replace. */
function prepare(file: string, fullCheckMaxBytes: number): Db {
  const size = existsSync(file) ? statSync(file).size : 0;
  const db = openDatabase(file);
  try {
    configure(db);
    const check = size > fullCheckMaxBytes ? 'quick_check' : 'integrity_check';
    const problems = db
      .all<Record<string, string>>(`PRAGMA ${check}(10)`)
      .map((row) => String(Object.values(row)[0]))
      .filter((line) => line !== 'ok');
    if (problems.length > 0) throw new UnusableFile('corrupt', `${check}: ${problems.join('; ')}`);
    const version = schemaVersion(db);
    if (version > SCHEMA_VERSION) {
      throw new UnusableFile(
        'incompatible',
        `schema version ${version} is newer than ${SCHEMA_VERSION} (written by a newer app)`,
      );
    }
    try {
      migrate(db);
    } catch (error) {
      if (isEnvironmentError(error)) throw error;
      throw new UnusableFile('migration-failed', `from version ${version}: ${describe(error)}`);
    }
    return db;
  } catch (error) {
    closeQuietly(db);
    throw error;
  }
}

/** Connection settings; WAL + NORMAL: a crash loses at most the last commits, never consistency. */
function configure(db: Db): void {
  db.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = NORMAL;
    PRAGMA foreign_keys = ON;
    PRAGMA temp_store = MEMORY;
    PRAGMA cache_size = -16000;
  `);
}

function replace(
  file: string,
  unusable: UnusableFile,
  now: () => number,
  log: Logger,
): { report: Omit<CacheRecovery, 'salvaged'>; rows: ReturnType<typeof readSalvage> } {
  const stamp = new Date(now())
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const kind = unusable.reason === 'incompatible' ? 'incompatible' : 'corrupt';
  let movedTo = `${file}.${kind}-${stamp}`;
  for (let n = 1; existsSync(movedTo); n += 1) movedTo = `${file}.${kind}-${stamp}-${n}`;
  renameSync(file, movedTo);
  // The WAL holds committed pages not yet copied into the file: it travels with it.
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, movedTo + suffix);
  }
  log.warn('cache file moved aside', { reason: unusable.reason, movedTo });
  return {
    report: { reason: unusable.reason, detail: unusable.message, movedTo },
    rows: readSalvage(movedTo),
  };
}

/** The UnusableFile an open error stands for, or undefined when the file is not to blame. */
function asUnusable(error: unknown): UnusableFile | undefined {
  if (error instanceof UnusableFile) return error;
  const code = sqliteCode(error);
  if (code === SQLITE_CORRUPT || code === SQLITE_NOTADB) {
    return new UnusableFile('corrupt', describe(error));
  }
  return undefined;
}

function isEnvironmentError(error: unknown): boolean {
  const code = sqliteCode(error);
  return code !== undefined && code !== 1 && code !== SQLITE_CORRUPT && code !== SQLITE_NOTADB;
}

/** The primary SQLite result code of a node:sqlite error (`errcode` is the extended code). */
function sqliteCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { errcode?: unknown }).errcode;
  return typeof code === 'number' ? code & 0xff : undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function closeQuietly(db: Db | undefined): void {
  try {
    db?.close();
  } catch {
    // Already closed or unusable; the error that brought us here is the one to report.
  }
}
