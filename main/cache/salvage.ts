/**
 * Rescue of user data from a cache file that is being replaced. Issues, comments and dictionaries
 * come back with the next full sync; inbox entries (read flags) and outbox entries (writes made
 * offline) do not, so their readable rows are copied into the fresh file.
 */
import type { SQLOutputValue } from 'node:sqlite';
import { openDatabase, type Db, type SqlValue } from './db.ts';

type Row = Record<string, SQLOutputValue>;

/** What was read from one table of the old file. */
interface TableRows {
  readonly rows: Row[];
  /** Why reading stopped early or could not start, if it did. */
  readonly error?: string;
}

/** Rows read from the inbox and outbox of a damaged or incompatible file. */
export interface SalvagedRows {
  readonly inbox: TableRows;
  readonly outbox: TableRows;
}

/** How much of the salvaged data made it into the new file. */
export interface SalvageReport {
  readonly inbox: number;
  readonly outbox: number;
  /** Problems met while reading the old file (one line per table), if any. */
  readonly errors: string[];
}

interface TableSpec {
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

/** The columns this schema knows; a newer schema may have more (ignored) but needs these. */
const TABLES: Record<'inbox' | 'outbox', TableSpec> = {
  inbox: {
    required: ['id', 'kind', 'created_at'],
    optional: ['issue_key', 'read', 'payload', 'done', 'snoozed_until'],
  },
  outbox: {
    required: ['kind', 'payload', 'created_at'],
    optional: ['id', 'attempts', 'last_error'],
  },
};

/** Reads whatever inbox and outbox rows `file` still yields; never throws. */
export function readSalvage(file: string): SalvagedRows {
  let db: Db | undefined;
  try {
    db = openDatabase(file, { busyTimeoutMs: 0 });
    const opened = db;
    return { inbox: readTable(opened, 'inbox'), outbox: readTable(opened, 'outbox') };
  } catch (error) {
    const failed = { rows: [], error: message(error) };
    return { inbox: failed, outbox: failed };
  } finally {
    try {
      db?.close();
    } catch {
      // Closing a damaged file can fail too; nothing else depends on it.
    }
  }
}

function readTable(db: Db, table: 'inbox' | 'outbox'): TableRows {
  const spec = TABLES[table];
  let present: Set<string>;
  try {
    present = new Set(
      db.all<{ name: string }>(`SELECT name FROM pragma_table_info('${table}')`).map((c) => c.name),
    );
  } catch (error) {
    return { rows: [], error: `${table}: ${message(error)}` };
  }
  if (present.size === 0) return { rows: [] };
  const missing = spec.required.filter((column) => !present.has(column));
  if (missing.length > 0) return { rows: [], error: `${table}: no column ${missing.join(', ')}` };
  const columns = [...spec.required, ...spec.optional.filter((column) => present.has(column))];
  const rows: Row[] = [];
  try {
    // Row by row, so a damaged page late in the table still leaves the rows before it.
    for (const row of db.statement(`SELECT ${columns.join(', ')} FROM ${table}`).iterate()) {
      rows.push(row);
    }
    return { rows };
  } catch (error) {
    return { rows, error: `${table}: stopped after ${rows.length} rows: ${message(error)}` };
  }
}

/** Inserts salvaged rows into the fresh database (one transaction); bad rows are skipped. */
export function writeSalvage(db: Db, salvaged: SalvagedRows): SalvageReport {
  const errors = [salvaged.inbox.error, salvaged.outbox.error].filter(
    (e): e is string => e !== undefined,
  );
  const counts = db.transaction(() => ({
    inbox: insertAll(db, 'inbox', salvaged.inbox.rows),
    outbox: insertAll(db, 'outbox', salvaged.outbox.rows),
  }));
  return { ...counts, errors };
}

function insertAll(db: Db, table: 'inbox' | 'outbox', rows: readonly Row[]): number {
  let inserted = 0;
  for (const row of rows) {
    const columns = Object.keys(row);
    const values: SqlValue[] = columns.map((column) => row[column] ?? null);
    try {
      inserted += db.run(
        `INSERT OR IGNORE INTO ${table} (${columns.join(', ')})
         VALUES (${columns.map(() => '?').join(', ')})`,
        ...values,
      ).changes;
    } catch {
      // A row the current schema rejects (e.g. NULL where it needs a value) is lost, not fatal.
    }
  }
  return inserted;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
