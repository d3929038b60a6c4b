/**
 * Failure and crash safety: under injected faults repeated runs converge and one clean run makes
 * the store equal to the emulator; a failing run never moves a watermark past what it committed;
 * a crash in the middle of the first sync resumes from the last committed page.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { NetworkError, ServerError } from '../../../../main/api/errors.ts';
import { NO_FAULTS } from '../../../../main/emulator/http/faults.ts';
import { createSyncEngine, type SyncEngineOptions } from '../../../../main/sync/engine.ts';
import { MemorySyncStore } from '../../../../main/sync/memory-store.ts';
import type { CommitEvent } from '../../../../main/sync/page.ts';
import type { Watermark } from '../../../../main/sync/port.ts';
import { formatQueryDate } from '../../../../main/sync/query.ts';
import {
  colleague,
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

const MINUTE = 60_000;
const worlds: World[] = [];

afterEach(async () => {
  await Promise.all(worlds.splice(0).map((w) => w.emulator.close()));
});

async function world(options: Parameters<typeof startWorld>[0] = {}): Promise<World> {
  const w = await startWorld(options);
  worlds.push(w);
  return w;
}

function engineFor(
  w: World,
  store: MemorySyncStore,
  extra: Partial<SyncEngineOptions> = {},
  client = connect(w.emulator, { retry: { baseDelayMs: 1, maxDelayMs: 20, maxAttempts: 6 } }),
) {
  const engine = createSyncEngine({
    api: client.client,
    store,
    config: { scopes: ['assigned', 'followed', 'summoned'], pinnedQueues: ['DOCS'], pageSize: 20 },
    log: quietLog(),
    now: () => w.clock.now,
    ...extra,
  });
  return { engine, sent: client.sent };
}

const SCOPES = ['assigned', 'followed', 'summoned', 'queue:DOCS'];

function watermarks(store: MemorySyncStore): Map<string, Watermark | undefined> {
  return new Map(SCOPES.map((s) => [s, store.getWatermark(s)]));
}

describe('sync under faults', () => {
  it('converges through rate limits, 500s, resets and truncated bodies', async () => {
    const w = await world({
      issues: 800,
      seed: 3,
      faults: { ...NO_FAULTS, rateLimited: 0.2, serverError: 0.1, reset: 0.05, truncated: 0.05 },
    });
    const store = new MemorySyncStore();
    const { engine } = engineFor(w, store);
    let failures = 0;
    let successes = 0;
    for (let attempt = 0; attempt < 60 && successes < 2; attempt++) {
      const before = watermarks(store);
      try {
        await engine.run();
        successes++;
      } catch {
        failures++;
      }
      // Watermarks only ever move forward.
      for (const [scope, mark] of watermarks(store)) {
        const was = before.get(scope);
        if (was) expect(mark!.updatedAt).toBeGreaterThanOrEqual(was.updatedAt);
      }
      // Some change between runs, so later runs are incremental ones with something to find.
      const issue = w.emulator.store.getIssue(expectedKeys(w.emulator, 'assigned')[attempt % 5]!)!;
      const actor = colleague(w.emulator, issue.queueKey);
      w.emulator.store.patchIssue(
        issue.key,
        { tags: { add: [`t${attempt}`] } },
        {},
        actor.uid,
        w.clock.advance(MINUTE),
      );
    }
    expect(successes).toBe(2);
    expect(failures).toBeGreaterThan(0);
    w.emulator.faults.config = NO_FAULTS;
    await engine.run();
    expect(entries(held(store))).toEqual(entries(expected(w.emulator, SCOPES)));
    for (const scope of SCOPES) {
      expect([...store.scopeKeys(scope)].sort(), scope).toEqual(expectedKeys(w.emulator, scope));
    }
    for (const key of store.keys()) {
      expect(
        (store.comments(key) ?? []).map((c) => c.id),
        key,
      ).toEqual(w.emulator.store.comments(key).map((c) => String(c.id)));
    }
  });

  it('does not move the watermark or the data when a run fails', async () => {
    const w = await world({ issues: 400, seed: 4 });
    const store = new MemorySyncStore();
    const { engine } = engineFor(w, store);
    await engine.run();
    const marks = watermarks(store);
    const data = held(store);
    const key = expectedKeys(w.emulator, 'assigned')[0]!;
    const actor = colleague(w.emulator, w.emulator.store.getIssue(key)!.queueKey);
    w.emulator.store.patchIssue(
      key,
      { tags: { add: ['x'] } },
      {},
      actor.uid,
      w.clock.advance(MINUTE),
    );
    w.emulator.faults.config = { ...NO_FAULTS, serverError: 1 };
    await expect(engine.run()).rejects.toBeInstanceOf(ServerError);
    expect(watermarks(store)).toEqual(marks);
    expect(held(store)).toEqual(data);
    expect(store.getSyncMeta().lastSuccessAt).toBe(w.clock.now - MINUTE);
    w.emulator.faults.config = NO_FAULTS;
    await engine.run();
    expect(store.issue(key)?.tags).toContain('x');
  });

  it('commits nothing of a page whose comments could not be fetched', async () => {
    const w = await world({ issues: 400, seed: 8 });
    const store = new MemorySyncStore();
    const keys = expectedKeys(w.emulator, 'followed')
      .map((k) => w.emulator.store.getIssue(k)!)
      .sort((a, b) => a.updatedAt - b.updatedAt || (a.key < b.key ? -1 : 1));
    // The 15th issue of the first sync (second page of ten): its comments never arrive.
    const victim = keys.filter((i) => i.lastCommentUpdatedAt !== null)[14]!;
    const offline = connect(w.emulator, {
      fetch: (async (input: string | URL | Request, init?: RequestInit) => {
        const url = String(input instanceof Request ? input.url : input);
        if (url.includes(`/issues/${victim.key}/comments`)) throw new TypeError('fetch failed');
        return globalThis.fetch(input, init);
      }) as typeof fetch,
    });
    const { engine } = engineFor(
      w,
      store,
      { config: { scopes: ['followed'], pageSize: 10 } },
      offline,
    );
    await expect(engine.run()).rejects.toBeInstanceOf(NetworkError);
    expect(store.issue(victim.key)).toBeUndefined();
    const mark = store.getWatermark('followed')!;
    expect(mark.complete).toBe(false);
    expect(mark.updatedAt).toBeLessThanOrEqual(victim.updatedAt);
  });

  it('resumes an interrupted first sync from the last committed page', async () => {
    const w = await world({ issues: 600, seed: 12 });
    const store = new MemorySyncStore();
    let pages = 0;
    const commits: CommitEvent[] = [];
    const config = { scopes: ['followed' as const], pageSize: 10 };
    const first = engineFor(w, store, {
      config,
      onProgress: () => {
        // The process dies while committing the fourth page.
        if (++pages === 3) store.failNextCommit = new Error('power cut');
      },
    });
    await expect(first.engine.run()).rejects.toThrow('power cut');
    const mark = store.getWatermark('followed')!;
    expect(mark.complete).toBe(false);
    expect(store.scopeKeys('followed')).toHaveLength(28);
    // Everything older than the watermark's second is already held.
    const want = expectedKeys(w.emulator, 'followed').map((k) => w.emulator.store.getIssue(k)!);
    for (const issue of want.filter((i) => i.updatedAt < Math.floor(mark.updatedAt / 1000) * 1000))
      expect(store.issue(issue.key), issue.key).toBeDefined();

    // A new process over the same store.
    const second = engineFor(w, store, { config, onCommit: (e) => commits.push(e) });
    await second.engine.run();
    const [resumed] = searchRequests(second.sent);
    expect(resumed?.query).toContain(
      `Updated: >= "${formatQueryDate(mark.updatedAt - 10 * MINUTE)}"`,
    );
    expect(commits.every((c) => c.firstSync)).toBe(true);
    expect(store.getWatermark('followed')?.complete).toBe(true);
    expect(entries(held(store))).toEqual(entries(expected(w.emulator, ['followed'])));
  });
});
