/**
 * Incremental runs: after simulated activity or direct changes, a run picks up exactly the changed
 * issues of the scopes (once each), refetches comments only where `lastCommentUpdatedAt` moved,
 * and searches from the watermark minus the overlap.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSyncEngine } from '../../../../main/sync/engine.ts';
import { MemorySyncStore } from '../../../../main/sync/memory-store.ts';
import type { CommitEvent } from '../../../../main/sync/page.ts';
import { formatQueryDate } from '../../../../main/sync/query.ts';
import {
  colleague,
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
const ALL = [...SCOPES, 'queue:SYNC'];
const MINUTE = 60_000;

const worlds: World[] = [];

afterEach(async () => {
  await Promise.all(worlds.splice(0).map((w) => w.emulator.close()));
});

async function synced(options: Parameters<typeof startWorld>[0] = {}) {
  const world = await startWorld(options);
  worlds.push(world);
  const { client, sent } = connect(world.emulator);
  const store = new MemorySyncStore();
  const commits: CommitEvent[] = [];
  const engine = createSyncEngine({
    api: client,
    store,
    config: { scopes: [...SCOPES], pinnedQueues: ['SYNC'], pageSize: 30 },
    log: quietLog(),
    now: () => world.clock.now,
    onCommit: (e) => commits.push(e),
  });
  await engine.run();
  sent.length = 0;
  commits.length = 0;
  return { ...world, store, engine, sent, commits };
}

function changedKeys(commits: readonly CommitEvent[]): string[] {
  return commits.flatMap((c) => c.changed);
}

describe('incremental sync', () => {
  it('picks up exactly what simulated activity changed, once each', async () => {
    const { emulator, clock, store, engine, sent, commits } = await synced({
      issues: 900,
      seed: 5,
      activity: 600,
    });
    const before = held(store);
    const commentTimes = new Map(
      [...store.issueState(store.keys())].map(([k, s]) => [k, s.lastCommentUpdatedAt]),
    );
    let events = 0;
    for (let i = 0; i < 3; i++) events += emulator.activity!.tick(clock.advance(10_000)).length;
    expect(events).toBeGreaterThan(100);
    clock.advance(MINUTE);
    const result = await engine.run({ reconcile: false });
    expect(result.reconciled).toBe(false);

    // Everything now in a scope is in the store at its current version.
    const want = expected(emulator, ALL);
    const now = held(store);
    for (const [key, version] of want) expect(now.get(key), key).toBe(version);
    // The changes are exactly the in-scope issues whose version moved, each reported once.
    const changed = changedKeys(commits);
    expect(new Set(changed).size).toBe(changed.length);
    const moved = [...want].filter(([key, version]) => before.get(key) !== version).map(([k]) => k);
    expect(moved.length).toBeGreaterThan(10);
    expect([...changed].sort()).toEqual(moved.sort());
    expect(commits.every((c) => !c.firstSync)).toBe(true);
    // Comments were fetched for exactly the issues whose comment time moved (or new ones with any).
    const needed = moved.filter((key) => {
      const time = emulator.store.getIssue(key)!.lastCommentUpdatedAt ?? undefined;
      return commentTimes.has(key) ? commentTimes.get(key) !== time : time !== undefined;
    });
    expect(needed.length).toBeGreaterThan(0);
    expect(
      commentRequests(sent)
        .map((r) => decodeURIComponent(r.url.pathname.split('/')[3]!))
        .sort(),
    ).toEqual(needed.sort());
    for (const key of want.keys()) {
      expect(
        (store.comments(key) ?? []).map((c) => c.id),
        key,
      ).toEqual(emulator.store.comments(key).map((c) => String(c.id)));
    }

    // Issues that left every scope are still held until reconciliation drops them.
    await engine.run({ reconcile: true });
    expect(entries(held(store))).toEqual(entries(expected(emulator, ALL)));
    for (const scope of ALL) {
      expect([...store.scopeKeys(scope)].sort(), scope).toEqual(expectedKeys(emulator, scope));
    }
  });

  it('refetches comments only where they moved, and searches from watermark − overlap', async () => {
    const { emulator, clock, store, engine, sent, commits } = await synced({
      issues: 600,
      seed: 9,
    });
    const watermark = store.getWatermark('assigned')!;
    const assigned = expectedKeys(emulator, 'assigned').map((k) => emulator.store.getIssue(k)!);
    const [c1, c2, c3, p1, p2] = assigned;
    const now = clock.advance(MINUTE);
    for (const issue of [c1!, c2!, c3!]) {
      const actor = colleague(emulator, issue.queueKey);
      emulator.store.addComment(issue.key, { text: `ping ${issue.key}` }, actor.uid, now);
    }
    for (const issue of [p1!, p2!]) {
      const actor = colleague(emulator, issue.queueKey);
      emulator.store.patchIssue(issue.key, { tags: { add: ['synced'] } }, {}, actor.uid, now);
    }
    await engine.run({ reconcile: false });

    const touched = [c1!, c2!, c3!, p1!, p2!].map((i) => i.key).sort();
    expect([...new Set(changedKeys(commits))].sort()).toEqual(touched);
    const fetched = commentRequests(sent).map((r) =>
      decodeURIComponent(r.url.pathname.split('/')[3]!),
    );
    expect(fetched.sort()).toEqual([c1!, c2!, c3!].map((i) => i.key).sort());
    expect(store.comments(c1!.key)?.at(-1)?.text).toBe(`ping ${c1!.key}`);
    expect(store.issue(p1!.key)?.tags).toContain('synced');
    // One search per scope, each from the watermark minus the 10-minute overlap.
    const assignedQuery = searchRequests(sent).find((s) => s.query?.startsWith('(Assignee: me())'));
    expect(assignedQuery?.query).toBe(
      `(Assignee: me()) AND Updated: >= "${formatQueryDate(watermark.updatedAt - 10 * MINUTE)}" "Sort by": Updated ASC, Key ASC`,
    );
    expect(store.getWatermark('assigned')).toEqual({ updatedAt: now, complete: true });

    // A run with nothing new changes nothing and fetches no comments.
    sent.length = 0;
    commits.length = 0;
    await engine.run({ reconcile: false });
    expect(changedKeys(commits)).toEqual([]);
    expect(commentRequests(sent)).toEqual([]);
    expect(searchRequests(sent)).toHaveLength(ALL.length);
  });

  it('sees late changes within the overlap; reconciliation catches older ones', async () => {
    const { emulator, clock, store, engine } = await synced({ issues: 600, seed: 13 });
    const watermark = store.getWatermark('authored')!.updatedAt;
    clock.advance(MINUTE);
    // Changes that become visible late, stamped before the watermark (index lag, clock skew).
    const [late, later] = expectedKeys(emulator, 'authored')
      .map((k) => emulator.store.getIssue(k)!)
      .filter((i) => i.updatedAt < watermark - 30 * MINUTE)
      // Only in this scope: another scope's older watermark would see the change anyway.
      .filter(
        (i) =>
          !expected(
            emulator,
            ALL.filter((s) => s !== 'authored'),
          ).has(i.key),
      );
    const actor = colleague(emulator, late!.queueKey);
    emulator.store.patchIssue(
      late!.key,
      { tags: { add: ['late'] } },
      {},
      actor.uid,
      watermark - 5 * MINUTE,
    );
    emulator.store.patchIssue(
      later!.key,
      { tags: { add: ['later'] } },
      {},
      actor.uid,
      watermark - 20 * MINUTE,
    );
    await engine.run({ reconcile: false });
    expect(store.issue(late!.key)?.tags).toContain('late');
    expect(store.issue(later!.key)?.tags).not.toContain('later');
    await engine.run({ reconcile: true });
    expect(store.issue(later!.key)?.tags).toContain('later');
    expect(entries(held(store))).toEqual(entries(expected(emulator, ALL)));
  });
  it('pages through a block of changes within one second that is larger than a page', async () => {
    const { emulator, clock, store, engine, sent, commits } = await synced({
      issues: 900,
      seed: 17,
    });
    const block = expectedKeys(emulator, 'queue:SYNC').slice(0, 70);
    expect(block).toHaveLength(70);
    const now = clock.advance(MINUTE);
    const actor = colleague(emulator, 'SYNC');
    for (const key of block) {
      emulator.store.patchIssue(key, { tags: { add: ['bulk'] } }, {}, actor.uid, now);
    }
    await engine.run({ reconcile: false });
    // Some of them are also assigned or followed: whichever scope comes first reports them.
    const changed = changedKeys(commits);
    expect(changed.sort()).toEqual([...block].sort());
    for (const key of block) expect(store.issue(key)?.tags, key).toContain('bulk');
    const pages = searchRequests(sent)
      .filter((s) => s.query?.startsWith('(Queue: SYNC)'))
      .map((s) => s.url.searchParams.get('page'));
    expect(pages).toContain('2');
    expect(entries(held(store))).toEqual(entries(expected(emulator, ALL)));
  });

  it('does not read whole scopes from the store on an incremental run; a full pass does', async () => {
    const { store, engine } = await synced({ issues: 120, seed: 5 });
    const read: string[] = [];
    const scopeKeys = store.scopeKeys.bind(store);
    store.scopeKeys = (scope) => {
      read.push(scope);
      return scopeKeys(scope);
    };
    await engine.run({ reconcile: false });
    expect(read).toEqual([]);
    await engine.run({ reconcile: true });
    expect(new Set(read)).toEqual(new Set(ALL));
  });
});
