/**
 * The only module that touches `node:sqlite`. Node 26 renames `DatabaseSync` to `Database`
 * (DEP0210 keeps an alias for a while), so the constructor is looked up once here and nothing else
 * in the app names either. On top of the raw handle it adds what every repository needs: a
 * bounded cache of prepared statements, typed row helpers and nestable transactions (savepoints
 * inside) with a commit hook.
 */
import * as sqlite from 'node:sqlite';
import type { SQLInputValue, StatementSync } from 'node:sqlite';

/** A value that can be bound to a statement parameter. */
export type SqlValue = SQLInputValue;

/** The result of a write statement. */
export interface RunResult {
  readonly changes: number;
  readonly lastInsertRowid: number;
}

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** Open without write access (used to salvage rows from a file that is being moved aside). */
  readonly readOnly?: boolean;
  /** How long a statement waits for another connection's lock, in ms; default 5000. */
  readonly busyTimeoutMs?: number;
}

type DatabaseHandle = InstanceType<typeof sqlite.DatabaseSync>;
type DatabaseConstructor = new (
  path: string,
  options?: sqlite.DatabaseSyncOptions,
) => DatabaseHandle;

// Prefer the Node 26 name so the deprecated alias is never touched once it exists.
const Database: DatabaseConstructor =
  ((sqlite as Record<string, unknown>)['Database'] as DatabaseConstructor | undefined) ??
  sqlite.DatabaseSync;

/** Distinct SQL texts kept prepared; list queries build a few hundred variants at most. */
const STATEMENT_CACHE_SIZE = 256;

/** A synchronous SQLite connection with cached statements and nestable transactions. */
export interface Db {
  /** The file this connection is open on. */
  readonly file: string;
  /** Whether a transaction is open on this connection. */
  readonly inTransaction: boolean;
  /** Runs one or more statements without parameters (DDL, pragmas). */
  exec(sql: string): void;
  /** The prepared statement for `sql`, prepared once and reused. */
  statement(sql: string): StatementSync;
  /** The first row of a query, typed by the caller (the SQL decides the shape). */
  get<T extends object>(sql: string, ...params: SqlValue[]): T | undefined;
  /** Every row of a query, typed by the caller. */
  all<T extends object>(sql: string, ...params: SqlValue[]): T[];
  /** Runs a write statement. */
  run(sql: string, ...params: SqlValue[]): RunResult;
  /** The value of a pragma that returns one value, e.g. `user_version`. */
  pragma(name: string): SqlValue | undefined;
  /**
   * Runs `fn` in a transaction: BEGIN IMMEDIATE at the outermost level (so a writer never has to
   * upgrade a read lock), a savepoint when nested. Commits when `fn` returns, rolls back and
   * rethrows when it throws. `fn` must be synchronous: an async body would commit before its
   * awaits.
   */
  transaction<T>(fn: () => T): T;
  /**
   * Work tied to the outermost transaction: `beforeCommit` runs inside it just before COMMIT (a
   * throw rolls everything back), `afterRollback` after it was rolled back.
   */
  setTransactionHooks(hooks: TransactionHooks): void;
  /** Closes the connection; later calls throw. Safe to call twice. */
  close(): void;
}

/** See {@link Db.setTransactionHooks}. */
export interface TransactionHooks {
  readonly beforeCommit?: () => void;
  readonly afterRollback?: () => void;
}

/** Opens (creating when missing, unless read-only) the SQLite file at `file`. */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  const handle = new Database(file, {
    readOnly: options.readOnly ?? false,
    timeout: options.busyTimeoutMs ?? 5000,
    enableForeignKeyConstraints: true,
    // Double-quoted strings are identifiers only: a typo must fail, not compare to a string.
    enableDoubleQuotedStringLiterals: false,
  });
  return new Connection(file, handle);
}

class Connection implements Db {
  readonly file: string;
  readonly #handle: DatabaseHandle;
  // Insertion-ordered, so the first key is the least recently prepared (refreshed on use).
  readonly #statements = new Map<string, StatementSync>();
  #depth = 0;
  #closed = false;
  #hooks: TransactionHooks = {};

  constructor(file: string, handle: DatabaseHandle) {
    this.file = file;
    this.#handle = handle;
  }

  get inTransaction(): boolean {
    return this.#depth > 0;
  }

  exec(sql: string): void {
    this.#handle.exec(sql);
  }

  statement(sql: string): StatementSync {
    const cached = this.#statements.get(sql);
    if (cached) {
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    const prepared = this.#handle.prepare(sql);
    if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
      const oldest = this.#statements.keys().next().value;
      if (oldest !== undefined) this.#statements.delete(oldest);
    }
    this.#statements.set(sql, prepared);
    return prepared;
  }

  get<T extends object>(sql: string, ...params: SqlValue[]): T | undefined {
    // node:sqlite types rows as Record<string, value>; the SQL text fixes the real shape.
    return this.statement(sql).get(...params) as T | undefined;
  }

  all<T extends object>(sql: string, ...params: SqlValue[]): T[] {
    return this.statement(sql).all(...params) as T[];
  }

  run(sql: string, ...params: SqlValue[]): RunResult {
    const result = this.statement(sql).run(...params);
    return { changes: Number(result.changes), lastInsertRowid: Number(result.lastInsertRowid) };
  }

  pragma(name: string): SqlValue | undefined {
    const row = this.#handle.prepare(`PRAGMA ${name}`).get();
    return row === undefined ? undefined : Object.values(row)[0];
  }

  transaction<T>(fn: () => T): T {
    const level = this.#depth;
    const savepoint = level === 0 ? undefined : `sp${level}`;
    this.#handle.exec(savepoint ? `SAVEPOINT ${savepoint}` : 'BEGIN IMMEDIATE');
    this.#depth = level + 1;
    let result: T;
    try {
      result = fn();
      if (isPromiseLike(result)) {
        throw new TypeError('transaction(fn): fn must be synchronous (it returned a promise)');
      }
      if (level === 0) this.#hooks.beforeCommit?.();
    } catch (error) {
      this.#depth = level;
      this.#rollback(savepoint);
      throw error;
    }
    this.#depth = level;
    try {
      this.#handle.exec(savepoint ? `RELEASE ${savepoint}` : 'COMMIT');
    } catch (error) {
      // A failed COMMIT (SQLITE_BUSY, disk full) leaves the transaction open: end it.
      this.#rollback(savepoint);
      throw error;
    }
    return result;
  }

  setTransactionHooks(hooks: TransactionHooks): void {
    this.#hooks = hooks;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#statements.clear();
    this.#handle.close();
  }

  #rollback(savepoint: string | undefined): void {
    try {
      if (savepoint) this.#handle.exec(`ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
      else if (this.#handle.isTransaction) this.#handle.exec('ROLLBACK');
    } catch {
      // SQLite may already have rolled back (e.g. after SQLITE_FULL); the original error matters.
    }
    if (!savepoint) this.#hooks.afterRollback?.();
  }
}

function isPromiseLike(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
