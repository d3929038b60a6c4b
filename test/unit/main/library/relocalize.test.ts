/**
 * The UI language changes under a filled SQLite cache: the next sync re-reads every scope in the
 * new language and rewrites the same-version issues (reported as relocalized, not changed), without
 * fetching comments again; a cache that never recorded its language adopts the current one as is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../../../main/api/parse/values.ts';
import { openCache, type TrackerCache } from '../../../../main/cache/index.ts';
import { cacheSyncStore } from '../../../../main/library/cache-sync-store.ts';
import { createLogger } from '../../../../main/log/index.ts';
import type { SyncConfig } from '../../../../main/sync/config.ts';
import { createSyncEngine } from '../../../../main/sync/engine.ts';
import type { CommitEvent } from '../../../../main/sync/page.ts';
import type { SyncStore } from '../../../../main/sync/port.ts';
import {
  commentRequests,
  connect,
  expectedKeys,
  quietLog,
  startWorld,
  type World,
} from '../sync/helpers.ts';

const SCOPES = ['assigned', 'followed', 'queue:DOCS'];
const CONFIG: Partial<SyncConfig> = {
  scopes: ['assigned', 'followed'],
  pinnedQueues: ['DOCS'],
  pageSize: 40,
};

let world: World;
const dir = mkdtempSync(path.join(tmpdir(), 'relocalize-'));
const open: TrackerCache[] = [];

beforeAll(async () => {
  world = await startWorld({ issues: 400, seed: 11 });
});
afterEach(() => {
  for (const cache of open.splice(0)) cache.close();
});
afterAll(async () => {
  await world.emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A cache, a client whose language the test sets, and an engine over both. */
function setup(name: string, initial: Language, trackLanguage = true) {
  const { cache } = openCache({
    file: path.join(dir, `${name}.sqlite`),
    log: createLogger({ sinks: [] }),
  });
  open.push(cache);
  const lang = { current: initial };
  const store = cacheSyncStore(cache, () => world.clock.now);
  const { client, sent } = connect(world.emulator, { language: () => lang.current });
  const commits: CommitEvent[] = [];
  const engine = (tracked: boolean) =>
    createSyncEngine({
      api: client,
      store,
      config: CONFIG,
      log: quietLog(),
      now: () => world.clock.now,
      onCommit: (event) => commits.push(event),
      ...(tracked ? { language: () => lang.current } : {}),
    });
  return { cache, store, lang, sent, commits, engine: engine(trackLanguage), engine_: engine };
}

/** Every cached key of the synced scopes. */
function cachedKeys(store: SyncStore): string[] {
  return [...new Set(SCOPES.flatMap((scope) => store.scopeKeys(scope)))].sort();
}

/** key → [status, priority] display names the cache holds. */
function names(cache: TrackerCache, keys: readonly string[]): Map<string, [string?, string?]> {
  return new Map(
    keys.map((key) => {
      const row = cache.getIssue(key);
      return [key, [row?.statusDisplay, row?.priorityDisplay]];
    }),
  );
}

/** key → [status, priority] names the emulator gives in `language`. */
function emulatorNames(
  keys: readonly string[],
  language: Language,
): Map<string, [string?, string?]> {
  const { store } = world.emulator;
  const statuses = new Map(store.statuses().map((s) => [s.key, s.name[language]]));
  const priorities = new Map(store.priorities().map((p) => [p.key, p.name[language]]));
  return new Map(
    keys.map((key) => {
      const issue = store.getIssue(key)!;
      return [key, [statuses.get(issue.statusKey), priorities.get(issue.priorityKey)]];
    }),
  );
}

describe('relocalizing the cache', () => {
  it('a cache fetched in English holds Russian names after one sync in Russian', async () => {
    const { cache, store, lang, sent, commits, engine } = setup('switch', 'en');
    await engine.run();
    const keys = cachedKeys(store);
    expect(keys.length).toBeGreaterThan(20);
    expect(keys).toEqual(
      [...new Set(SCOPES.flatMap((scope) => expectedKeys(world.emulator, scope)))].sort(),
    );
    expect(store.getSyncMeta().language).toBe('en');
    expect(names(cache, keys)).toEqual(emulatorNames(keys, 'en'));
    // The two languages differ somewhere, or this test would prove nothing.
    expect(emulatorNames(keys, 'ru')).not.toEqual(emulatorNames(keys, 'en'));

    // An ordinary incremental run afterwards rewrites nothing.
    world.clock.advance(60_000);
    const quiet = await engine.run();
    expect(quiet.relocalized).toBeUndefined();
    expect(quiet.scopes.every((s) => !s.full && s.relocalized.length === 0)).toBe(true);

    lang.current = 'ru';
    world.clock.advance(60_000);
    sent.length = 0;
    commits.length = 0;
    const result = await engine.run();
    expect(result.relocalized).toEqual({ from: 'en', to: 'ru' });
    for (const report of result.scopes) {
      expect(report.full, report.scope).toBe(true);
      expect(report.changed, report.scope).toEqual([]);
      expect([...report.relocalized].sort(), report.scope).toEqual(
        expectedKeys(world.emulator, report.scope),
      );
    }
    // Nothing changed on the server: the notifier hears of no change, only relocalizations.
    expect(commits.flatMap((c) => c.changed)).toEqual([]);
    expect(new Set(commits.flatMap((c) => c.relocalized ?? []))).toEqual(new Set(keys));
    // Comments did not change with the language and are not fetched again.
    expect(commentRequests(sent)).toEqual([]);
    expect(names(cache, keys)).toEqual(emulatorNames(keys, 'ru'));
    expect(store.getSyncMeta().language).toBe('ru');

    // Recorded: the next run is incremental again.
    world.clock.advance(60_000);
    const after = await engine.run();
    expect(after.relocalized).toBeUndefined();
    expect(after.scopes.every((s) => !s.full && s.relocalized.length === 0)).toBe(true);
  });

  it('a run that fails part-way keeps the old language, so the next run relocalizes again', async () => {
    const { store, lang, engine } = setup('failing', 'en');
    await engine.run();
    lang.current = 'ru';
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await expect(engine.run({ signal: controller.signal })).rejects.toThrow();
    expect(store.getSyncMeta().language).toBe('en');
    const result = await engine.run();
    expect(result.relocalized).toEqual({ from: 'en', to: 'ru' });
    expect(store.getSyncMeta().language).toBe('ru');
  });

  it('a cache without a recorded language adopts the current one without a re-fetch', async () => {
    const { cache, store, lang, engine_ } = setup('legacy', 'en', false);
    // Filled by an engine that did not track languages: a cache from before this was recorded.
    await engine_(false).run();
    expect(store.getSyncMeta().language).toBeUndefined();
    const keys = cachedKeys(store);

    lang.current = 'ru';
    world.clock.advance(60_000);
    const result = await engine_(true).run();
    expect(result.relocalized).toBeUndefined();
    expect(result.scopes.every((s) => !s.full && s.relocalized.length === 0)).toBe(true);
    expect(store.getSyncMeta().language).toBe('ru');
    // Its names stay as they were fetched, until the language changes again.
    expect(names(cache, keys)).toEqual(emulatorNames(keys, 'en'));
  });
});
