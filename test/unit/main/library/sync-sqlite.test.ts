/**
 * The real engine over the real SQLite cache against a faulty emulator: failed runs are retried,
 * activity happens, and one clean run makes every scope of the cache equal the emulator's, with the
 * current versions and comments.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NO_FAULTS } from '../../../../main/emulator/http/faults.ts';
import { openCache, type TrackerCache } from '../../../../main/cache/index.ts';
import { cacheSyncStore } from '../../../../main/library/cache-sync-store.ts';
import { createLogger } from '../../../../main/log/index.ts';
import { createSyncEngine } from '../../../../main/sync/engine.ts';
import type { CommitEvent } from '../../../../main/sync/page.ts';
import type { SyncStore } from '../../../../main/sync/port.ts';
import { connect, expectedKeys, quietLog, startWorld } from '../sync/helpers.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'sync-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCOPES = ['assigned', 'followed', 'authored', 'queue:DOCS'];

/** key → version of what the cache holds. */
function versions(store: SyncStore, keys: readonly string[]): Map<string, number | undefined> {
  return new Map([...store.issueState(keys)].map(([key, s]) => [key, s.version]));
}

/** Checks that every scope of `cache` equals the emulator's, at the emulator's versions. */
function expectEqual(
  cache: TrackerCache,
  store: SyncStore,
  emulator: Parameters<typeof expectedKeys>[0],
) {
  const all = new Set<string>();
  for (const scope of SCOPES) {
    const keys = [...store.scopeKeys(scope)];
    expect(new Set(keys).size, `${scope} has duplicates`).toBe(keys.length);
    expect([...keys].sort(), scope).toEqual(expectedKeys(emulator, scope));
    for (const key of keys) all.add(key);
  }
  const want = new Map([...all].map((key) => [key, emulator.store.getIssue(key)!.version]));
  expect(versions(store, [...all])).toEqual(want);
  // The cache holds the union of the scopes and nothing else.
  expect(cache.counts().issues).toBe(all.size);
}

describe('sync into the SQLite cache', () => {
  it('converges with the emulator through faults and activity', { timeout: 30_000 }, async () => {
    const { emulator, clock } = await startWorld({
      issues: 500,
      seed: 21,
      activity: 600,
      faults: {
        ...NO_FAULTS,
        rateLimited: 0.15,
        rateLimitedBare: 0.05,
        serverError: 0.1,
        reset: 0.05,
        truncated: 0.05,
      },
    });
    const { cache } = openCache({
      file: path.join(dir, 'cache.sqlite'),
      log: createLogger({ sinks: [] }),
    });
    try {
      const store = cacheSyncStore(cache, () => clock.now);
      const commits: CommitEvent[] = [];
      const { client } = connect(emulator, {
        retry: { baseDelayMs: 1, maxDelayMs: 20, maxAttempts: 6 },
      });
      const engine = createSyncEngine({
        api: client,
        store,
        config: {
          scopes: ['assigned', 'followed', 'authored'],
          pinnedQueues: ['DOCS'],
          pageSize: 25,
        },
        log: quietLog(),
        now: () => clock.now,
        onCommit: (event) => commits.push(event),
      });

      /** Runs until one run succeeds; returns the number of failed runs. */
      async function runUntilSuccess(): Promise<number> {
        for (let failures = 0; failures < 30; failures++) {
          try {
            await engine.run();
            return failures;
          } catch {
            clock.advance(1000);
          }
        }
        throw new Error('no run succeeded');
      }

      let failures = await runUntilSuccess();
      expect(cache.counts().issues).toBeGreaterThan(50);

      // Activity between runs: colleagues edit, comment, move and file issues.
      const commentTimes = new Map(
        emulator.store.allIssues().map((i) => [i.id, i.lastCommentUpdatedAt]),
      );
      let events = 0;
      for (let i = 0; i < 3; i++) events += emulator.activity!.tick(clock.advance(10_000)).length;
      expect(events).toBeGreaterThan(50);
      clock.advance(60_000);
      failures += await runUntilSuccess();
      expect(failures).toBeGreaterThan(0);

      emulator.faults.config = NO_FAULTS;
      for (let i = 0; i < 2; i++) emulator.activity!.tick(clock.advance(10_000));
      clock.advance(60_000);
      await engine.run({ reconcile: true });
      expectEqual(cache, store, emulator);

      // Comments of every held issue whose comment time moved during the activity are current.
      const held = new Set(SCOPES.flatMap((s) => store.scopeKeys(s)));
      const moved = emulator.store
        .allIssues()
        .filter((i) => held.has(i.key) && commentTimes.get(i.id) !== i.lastCommentUpdatedAt);
      expect(moved.length).toBeGreaterThan(0);
      for (const issue of moved) {
        expect(
          cache.listComments(issue.key).map((c) => [c.id, c.text]),
          issue.key,
        ).toEqual(emulator.store.comments(issue.key).map((c) => [String(c.id), c.text]));
      }
      expect(commits.length).toBeGreaterThan(0);
    } finally {
      cache.close();
      await emulator.close();
    }
  });
});
