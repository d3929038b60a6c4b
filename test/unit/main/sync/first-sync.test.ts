/**
 * The first sync against the emulator: the store ends up holding exactly the scopes' issues (with
 * their comments), page by page as they arrive, with progress that only moves forward; large
 * scopes continue with a scroll.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncEngine, type SyncEngineOptions } from '../../../../main/sync/engine.ts';
import { MemorySyncStore } from '../../../../main/sync/memory-store.ts';
import type { CommitEvent } from '../../../../main/sync/page.ts';
import type { SyncProgress } from '../../../../main/sync/pass.ts';
import {
  commentRequests,
  connect,
  entries,
  expected,
  expectedKeys,
  held,
  quietLog,
  searchRequests,
  startWorld,
  type World,
} from './helpers.ts';

const SCOPES = ['assigned', 'followed', 'authored', 'summoned', 'favorites'] as const;

let world: World;

beforeAll(async () => {
  world = await startWorld({ issues: 900, seed: 21 });
});

afterAll(async () => {
  await world.emulator.close();
});

function setup(config: SyncEngineOptions['config']) {
  const { client, sent } = connect(world.emulator);
  const store = new MemorySyncStore();
  const progress: SyncProgress[] = [];
  const commits: CommitEvent[] = [];
  const engine = createSyncEngine({
    api: client,
    store,
    config,
    log: quietLog(),
    now: () => world.clock.now,
    onProgress: (p) => progress.push(p),
    onCommit: (e) => commits.push(e),
  });
  return { engine, store, sent, progress, commits };
}

describe('first sync', () => {
  it('fills the store with exactly the scopes, page by page, with comments', async () => {
    const { emulator } = world;
    const { engine, store, sent, progress, commits } = setup({
      scopes: [...SCOPES],
      pinnedQueues: ['DOCS'],
      pageSize: 25,
    });
    const result = await engine.run();
    const scopes = [...SCOPES, 'queue:DOCS'];
    expect(entries(held(store))).toEqual(entries(expected(emulator, scopes)));
    for (const scope of scopes) {
      expect([...store.scopeKeys(scope)].sort(), scope).toEqual(expectedKeys(emulator, scope));
      const max = Math.max(
        0,
        ...expectedKeys(emulator, scope).map((k) => emulator.store.getIssue(k)!.updatedAt),
      );
      expect(store.getWatermark(scope)).toEqual({ updatedAt: max, complete: true });
    }
    // Comments: every stored issue that has any holds exactly the emulator's.
    let withComments = 0;
    for (const key of store.keys()) {
      const want = emulator.store.comments(key).map((c) => String(c.id));
      const got = (store.comments(key) ?? []).map((c) => c.id);
      expect(got, key).toEqual(want);
      if (want.length > 0) withComments++;
    }
    expect(commentRequests(sent)).toHaveLength(withComments);
    // Pages are committed as they arrive, and the events say it is the first sync.
    expect(store.commits).toBeGreaterThan(scopes.length * 2);
    expect(commits.length).toBeGreaterThan(scopes.length);
    expect(commits.every((c) => c.firstSync)).toBe(true);
    expect(result.scopes.every((s) => s.firstSync && s.full)).toBe(true);
    expect(result.reconciled).toBe(true);
    expect(store.getSyncMeta()).toEqual({
      lastSuccessAt: world.clock.now,
      lastReconcileAt: world.clock.now,
    });
    // Progress: per scope, done never goes back, never passes total, and ends at total.
    for (const scope of scopes) {
      const events = progress.filter((p) => p.scope === scope);
      expect(events.length, scope).toBeGreaterThan(0);
      for (let i = 0; i < events.length; i++) {
        const e = events[i]!;
        expect(e.done).toBeLessThanOrEqual(e.total);
        if (i > 0) expect(e.done).toBeGreaterThanOrEqual(events[i - 1]!.done);
      }
      const last = events.at(-1)!;
      expect(last.done).toBe(last.total);
      expect(last.done).toBe(expectedKeys(emulator, scope).length);
    }
    // Only the sorted window queries went out, no scroll for these small scopes.
    for (const search of searchRequests(sent)) {
      expect(search.query).toMatch(/"Sort by": Updated ASC, Key ASC$/);
      expect(search.url.searchParams.has('scrollType')).toBe(false);
    }
  });

  it('makes the store usable before the run ends', async () => {
    const store = new MemorySyncStore();
    const sizes: number[] = [];
    const engine = createSyncEngine({
      api: connect(world.emulator).client,
      store,
      config: { scopes: ['followed'], pageSize: 10 },
      log: quietLog(),
      onProgress: () => sizes.push(store.scopeKeys('followed').length),
    });
    await engine.run();
    const total = expectedKeys(world.emulator, 'followed').length;
    expect(total).toBeGreaterThan(30);
    // After the first page the store already held that page, long before the last one.
    expect(sizes[0]).toBe(10);
    expect(sizes.filter((n) => n < total).length).toBeGreaterThan(2);
  });

  it('continues with a scroll when the first page reports more than the threshold', async () => {
    const { emulator } = world;
    const { engine, store, sent, progress } = setup({
      scopes: [],
      pinnedQueues: ['DESK'],
      pageSize: 40,
      scrollThreshold: 60,
    });
    await engine.run();
    expect([...store.scopeKeys('queue:DESK')].sort()).toEqual(expectedKeys(emulator, 'queue:DESK'));
    const searches = searchRequests(sent);
    expect(searches[0]!.url.searchParams.get('page')).toBe('1');
    expect(searches[1]!.url.searchParams.get('scrollType')).toBe('sorted');
    expect(searches.some((s) => s.url.searchParams.has('scrollId'))).toBe(true);
    // The scroll starts at the second of the first page's last issue.
    expect(searches[1]!.query).toMatch(/AND Updated: >= "\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"/);
    expect(emulator.search.openScrolls()).toBe(0);
    const last = progress.at(-1)!;
    expect(last).toEqual({
      scope: 'queue:DESK',
      done: expectedKeys(emulator, 'queue:DESK').length,
      total: expectedKeys(emulator, 'queue:DESK').length,
    });
  });
});
