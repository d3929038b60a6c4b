import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { openCache } from '../../../../main/cache/index.ts';
import { createLogger } from '../../../../main/log/index.ts';
import { tempDir } from './fixtures.ts';

const BATCH = 150;
const ROUNDS = 5;
const WRITER = path.join(import.meta.dirname, 'crash-writer.ts');
const { dir, cleanup } = tempDir();
afterAll(cleanup);

/** Starts the writer, lets it run for `ms` after it is ready, then SIGKILLs it. */
async function writeAndKill(file: string, ms: number): Promise<void> {
  const child = spawn(process.execPath, [WRITER, file, String(BATCH)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit');
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.on('exit', () => reject(new Error(`writer exited early: ${stderr}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, ms));
  child.kill('SIGKILL');
  const [code, signal] = (await exited) as [number | null, string | null];
  expect({ code, signal, stderr }).toEqual({ code: null, signal: 'SIGKILL', stderr: '' });
}

describe('crash safety', () => {
  it('leaves only whole batches after SIGKILL at random moments', { timeout: 30_000 }, async () => {
    const file = path.join(dir, 'cache.sqlite');
    const log = createLogger({ sinks: [] });
    let previous = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      await writeAndKill(file, 40 + Math.floor(Math.random() * 160));

      const check = new DatabaseSync(file);
      expect(check.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
      check.exec(`INSERT INTO issue_fts(issue_fts) VALUES ('integrity-check')`);
      check.close();

      const { cache, recovered } = openCache({ file, log });
      expect(recovered).toBeUndefined();
      const batches = (cache.getWatermark('assigned')?.updatedAt ?? -1) + 1;
      const counts = cache.counts();
      expect(counts.issues % BATCH).toBe(0);
      expect(counts.issues).toBe(batches * BATCH);
      expect(counts.comments).toBe(batches);
      expect(counts.scopes).toEqual(batches > 0 ? { assigned: batches * BATCH } : {});
      if (batches > 0) {
        const last = batches - 1;
        expect(cache.getWatermark('assigned')?.keysAtWatermark).toEqual([`CR-${last * BATCH + 1}`]);
        expect(cache.search({ text: `batch${last} `, limit: 200 })).toHaveLength(BATCH);
        expect(cache.getIssue(`CR-${batches * BATCH + 1}`)).toBeUndefined();
      }
      expect(counts.issues).toBeGreaterThanOrEqual(previous);
      previous = counts.issues;
      cache.close();
    }
    expect(previous).toBeGreaterThan(0);
  });
});
