/**
 * Crash safety of sync into the SQLite cache: a child process syncing from the emulator is
 * SIGKILLed at random moments; each time the cache opens without recovery and holds only whole
 * pages (current versions, all comments), and a final run makes it equal to the emulator's scopes.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCache, type TrackerCache } from '../../../../main/cache/index.ts';
import { NO_FAULTS } from '../../../../main/emulator/http/faults.ts';
import { startEmulator, type Emulator } from '../../../../main/emulator/server.ts';
import { cacheSyncStore } from '../../../../main/library/cache-sync-store.ts';
import { createLogger } from '../../../../main/log/index.ts';
import { createSyncEngine } from '../../../../main/sync/engine.ts';
import type { SyncStore } from '../../../../main/sync/port.ts';
import { connect, expectedKeys, quietLog } from '../sync/helpers.ts';

const CHILD = path.join(import.meta.dirname, 'sync-crash-child.ts');
const SCOPES = ['assigned', 'followed', 'authored', 'queue:DOCS'];
const KILLS = 4;
const dir = mkdtempSync(path.join(tmpdir(), 'sync-crash-'));
const file = path.join(dir, 'cache.sqlite');
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({
    issues: 500,
    seed: 33,
    faults: { ...NO_FAULTS, slow: 1, slowMs: 40 },
  });
});
afterAll(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the child, lets it sync for `ms` after it is ready, then SIGKILLs it. */
async function syncAndKill(ms: number): Promise<'killed' | 'done'> {
  const child = spawn(process.execPath, [CHILD, file, emulator.apiBase, emulator.org.id], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TRACKER_TOKEN: emulator.token },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit');
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('ready')) resolve();
    });
    child.on('exit', () => reject(new Error(`child exited early: ${stderr}`)));
  });
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
  child.kill('SIGKILL');
  const [code, signal] = (await exited) as [number | null, string | null];
  expect(stderr).toBe('');
  if (stdout.includes('done')) {
    expect(code).toBe(0);
    return 'done';
  }
  expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' });
  return 'killed';
}

/** What every held issue must satisfy after any crash: current version, all of its comments. */
function expectWholePages(cache: TrackerCache, store: SyncStore): number {
  const held = new Set<string>();
  for (const scope of SCOPES) {
    const keys = store.scopeKeys(scope);
    expect(new Set(keys).size, `${scope} has duplicates`).toBe(keys.length);
    const want = new Set(expectedKeys(emulator, scope));
    for (const key of keys) {
      expect(want.has(key), `${key} is not in ${scope}`).toBe(true);
      held.add(key);
    }
  }
  expect(cache.counts().issues).toBe(held.size);
  const states = store.issueState([...held]);
  for (const key of held) {
    const issue = emulator.store.getIssue(key)!;
    expect(states.get(key)?.version, key).toBe(issue.version);
    expect(
      cache.listComments(key).map((c) => c.id),
      `comments of ${key}`,
    ).toEqual(emulator.store.comments(key).map((c) => String(c.id)));
  }
  return held.size;
}

describe('sync crash safety', () => {
  it('survives SIGKILL at random moments and then converges', { timeout: 30_000 }, async () => {
    const log = createLogger({ sinks: [] });
    let kills = 0;
    let previous = 0;
    for (let round = 0; round < KILLS; round++) {
      const outcome = await syncAndKill(300 + Math.floor(Math.random() * 900));
      if (outcome === 'killed') kills++;

      const check = new DatabaseSync(file);
      expect(check.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
      check.close();

      const { cache, recovered } = openCache({ file, log });
      try {
        expect(recovered).toBeUndefined();
        const held = expectWholePages(cache, cacheSyncStore(cache));
        expect(held).toBeGreaterThanOrEqual(previous);
        previous = held;
      } finally {
        cache.close();
      }
      if (outcome === 'done') break;
    }
    expect(kills).toBeGreaterThanOrEqual(2);
    expect(previous).toBeGreaterThan(0);

    // A last run, in this process, completes the sync.
    emulator.faults.config = NO_FAULTS;
    const { cache, recovered } = openCache({ file, log });
    try {
      expect(recovered).toBeUndefined();
      const store = cacheSyncStore(cache);
      const engine = createSyncEngine({
        api: connect(emulator).client,
        store,
        config: {
          scopes: ['assigned', 'followed', 'authored'],
          pinnedQueues: ['DOCS'],
          pageSize: 20,
        },
        log: quietLog(),
      });
      await engine.run();
      expectWholePages(cache, store);
      for (const scope of SCOPES) {
        expect([...store.scopeKeys(scope)].sort(), scope).toEqual(expectedKeys(emulator, scope));
        expect(store.getWatermark(scope)?.complete, scope).toBe(true);
      }
    } finally {
      cache.close();
    }
  });
});
