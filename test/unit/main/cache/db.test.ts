import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../../main/cache/db.ts';
import { tempDir } from './fixtures.ts';

let db: Db;
let cleanup: () => void;
beforeEach(() => {
  const dir = tempDir();
  cleanup = dir.cleanup;
  db = openDatabase(path.join(dir.dir, 'db.sqlite'));
  db.exec('CREATE TABLE t (x INTEGER)');
});
afterEach(() => {
  db.close();
  cleanup();
});

const values = () => db.all<{ x: number }>('SELECT x FROM t ORDER BY x').map((r) => r.x);

describe('Db.transaction', () => {
  it('nests as savepoints: an inner failure rolls back only the inner part', () => {
    db.transaction(() => {
      db.run('INSERT INTO t VALUES (1)');
      expect(() =>
        db.transaction(() => {
          db.run('INSERT INTO t VALUES (2)');
          throw new Error('inner');
        }),
      ).toThrow('inner');
      db.transaction(() => db.run('INSERT INTO t VALUES (3)'));
      expect(db.inTransaction).toBe(true);
    });
    expect(db.inTransaction).toBe(false);
    expect(values()).toEqual([1, 3]);
  });

  it('rolls back everything when the outer part fails, and runs the hooks', () => {
    const calls: string[] = [];
    db.setTransactionHooks({
      beforeCommit: () => calls.push('commit'),
      afterRollback: () => calls.push('rollback'),
    });
    expect(() =>
      db.transaction(() => {
        db.transaction(() => db.run('INSERT INTO t VALUES (1)'));
        throw new Error('outer');
      }),
    ).toThrow('outer');
    db.transaction(() => db.run('INSERT INTO t VALUES (2)'));
    expect(values()).toEqual([2]);
    expect(calls).toEqual(['rollback', 'commit']);
  });

  it('rolls back when the commit hook throws', () => {
    db.setTransactionHooks({
      beforeCommit: () => {
        throw new Error('hook');
      },
    });
    expect(() => db.transaction(() => db.run('INSERT INTO t VALUES (1)'))).toThrow('hook');
    db.setTransactionHooks({});
    expect(values()).toEqual([]);
  });

  it('reuses prepared statements and reads pragmas', () => {
    expect(db.statement('SELECT 1')).toBe(db.statement('SELECT 1'));
    expect(db.pragma('foreign_keys')).toBe(1);
  });
});
