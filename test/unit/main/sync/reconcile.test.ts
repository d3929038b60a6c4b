/**
 * Reconciliation and moved issues: issues that leave a scope are dropped by the periodic full
 * pass, moved issues are followed through their aliases, opened issues are kept fresh, and scopes
 * that are no longer configured are forgotten.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrackerApiError } from '../../../../main/api/errors.ts';
import { createSyncEngine } from '../../../../main/sync/engine.ts';
import { MemorySyncStore } from '../../../../main/sync/memory-store.ts';
import type { CommitEvent } from '../../../../main/sync/page.ts';
import type { SyncConfig } from '../../../../main/sync/config.ts';
import {
  colleague,
  commentRequests,
  connect,
  entries,
  expected,
  expectedKeys,
  held,
  quietLog,
  startWorld,
  type World,
} from './helpers.ts';

const MINUTE = 60_000;
let world: World;

beforeAll(async () => {
  world = await startWorld({ issues: 700, seed: 31 });
});

afterAll(async () => {
  await world.emulator.close();
});

function setup(config: Partial<SyncConfig> | (() => Partial<SyncConfig>)) {
  const { client, sent } = connect(world.emulator);
  const store = new MemorySyncStore();
  const commits: CommitEvent[] = [];
  const engine = createSyncEngine({
    api: client,
    store,
    config,
    log: quietLog(),
    now: () => world.clock.now,
    onCommit: (e) => commits.push(e),
  });
  return { client, store, engine, sent, commits };
}

/** An issue of `scope` that is in none of `others`. */
function onlyIn(scope: string, others: readonly string[], skip: readonly string[] = []) {
  const elsewhere = expected(world.emulator, others);
  const key = expectedKeys(world.emulator, scope).find(
    (k) => !elsewhere.has(k) && !skip.includes(k),
  );
  if (!key) throw new Error(`no issue only in ${scope}`);
  return world.emulator.store.getIssue(key)!;
}

describe('reconciliation', () => {
  it('drops issues reassigned away, keeping those another scope still holds', async () => {
    const { emulator, clock } = world;
    const scopes = ['assigned', 'followed'] as const;
    const { store, engine, commits } = setup({
      scopes: [...scopes],
      reconcileIntervalMs: 60 * MINUTE,
    });
    await engine.run();
    const gone = onlyIn('assigned', ['followed']);
    const both = expectedKeys(emulator, 'assigned').find((k) =>
      expectedKeys(emulator, 'followed').includes(k),
    )!;
    const now = clock.advance(MINUTE);
    for (const key of [gone.key, both]) {
      const issue = emulator.store.getIssue(key)!;
      const to = colleague(emulator, issue.queueKey);
      emulator.store.patchIssue(key, { assignee: to.login }, {}, to.uid, now);
    }
    // Not due yet: an incremental run cannot see an issue that no longer matches.
    const quick = await engine.run();
    expect(quick.reconciled).toBe(false);
    expect(store.scopeKeys('assigned')).toContain(gone.key);
    expect(store.issue(both)?.assignee?.id).not.toBe(String(emulator.store.demoUid));

    clock.advance(60 * MINUTE);
    commits.length = 0;
    const full = await engine.run();
    expect(full.reconciled).toBe(true);
    expect([...store.scopeKeys('assigned')].sort()).toEqual(expectedKeys(emulator, 'assigned'));
    expect(store.issue(gone.key)).toBeUndefined();
    expect(store.comments(gone.key)).toBeUndefined();
    expect(store.issue(both)).toBeDefined();
    expect([...(commits.find((c) => c.scope === 'assigned')?.removed ?? [])].sort()).toEqual(
      [gone.key, both].sort(),
    );
    expect(entries(held(store))).toEqual(entries(expected(emulator, [...scopes])));
  });

  it('follows a moved issue through its aliases, comments included', async () => {
    const { emulator, clock } = world;
    const { store, engine, sent, commits } = setup({ scopes: ['assigned'] });
    await engine.run();
    const issue = expectedKeys(emulator, 'assigned')
      .map((k) => emulator.store.getIssue(k)!)
      .find((i) => emulator.store.comments(i.key).length > 0 && i.queueKey !== 'WEB')!;
    const oldKey = issue.key;
    const actor = colleague(emulator, issue.queueKey);
    emulator.store.moveIssue(oldKey, 'WEB', actor.uid, clock.advance(MINUTE));
    expect(issue.key).not.toBe(oldKey);
    sent.length = 0;
    const result = await engine.run({ reconcile: false });
    expect(result.scopes[0]!.renamed).toEqual([[oldKey, issue.key]]);
    expect(commits.at(-1)?.renamed).toEqual([[oldKey, issue.key]]);
    expect(store.issue(oldKey)).toBeUndefined();
    expect(store.issue(issue.key)?.aliases).toContain(oldKey);
    expect(store.scopeKeys('assigned')).toContain(issue.key);
    // The comments moved with it; their time did not change, so none were fetched.
    expect(store.comments(issue.key)?.map((c) => c.id)).toEqual(
      emulator.store.comments(issue.key).map((c) => String(c.id)),
    );
    expect(commentRequests(sent)).toEqual([]);
    expect(entries(held(store))).toEqual(entries(expected(emulator, ['assigned'])));
  });

  it('moves memberships between pinned queues and drops an issue moved out of them', async () => {
    const { emulator, clock } = world;
    const queues = ['queue:DOCS', 'queue:INFRA'];
    const { store, engine } = setup({ scopes: [], pinnedQueues: ['DOCS', 'INFRA'] });
    await engine.run();
    const across = onlyIn('queue:DOCS', []);
    const out = onlyIn('queue:DOCS', [], [across.key]);
    const actor = colleague(emulator, 'DOCS');
    const now = clock.advance(MINUTE);
    emulator.store.moveIssue(across.key, 'INFRA', actor.uid, now);
    emulator.store.moveIssue(out.key, 'MOBILE', actor.uid, now);
    await engine.run({ reconcile: true });
    for (const scope of queues) {
      expect([...store.scopeKeys(scope)].sort(), scope).toEqual(expectedKeys(emulator, scope));
    }
    expect(store.issue(across.key)?.queue?.key).toBe('INFRA');
    expect(entries(held(store))).toEqual(entries(expected(emulator, queues)));
  });

  it('keeps opened issues fresh and follows them when moved', async () => {
    const { emulator, clock } = world;
    const { client, store, engine } = setup({ scopes: ['opened'] });
    const key = emulator.store
      .allIssues()
      .find((i) => i.queueKey === 'SUPPORT' && i.lastCommentUpdatedAt !== null)!.key;
    // What the app does when the user opens an issue: fetch it and record it as opened.
    store.addToScope('opened', [await client.issues.get(key)]);
    await engine.run();
    expect(store.getWatermark('opened')?.complete).toBe(true);
    // The app stored it without comments; sync brings them.
    expect(store.comments(key)?.map((c) => c.id)).toEqual(
      emulator.store.comments(key).map((c) => String(c.id)),
    );
    const actor = colleague(emulator, 'SUPPORT');
    emulator.store.patchIssue(
      key,
      { tags: { add: ['opened'] } },
      {},
      actor.uid,
      clock.advance(MINUTE),
    );
    await engine.run({ reconcile: false });
    expect(store.issue(key)?.tags).toContain('opened');
    const moved = emulator.store.moveIssue(key, 'DESK', actor.uid, clock.advance(MINUTE));
    await engine.run({ reconcile: false });
    expect(store.scopeKeys('opened')).toEqual([moved.key]);
    expect(store.issue(moved.key)?.version).toBe(moved.version);
    await engine.run({ reconcile: true });
    expect(store.scopeKeys('opened')).toEqual([moved.key]);
  });

  it('forgets a scope once it is no longer configured', async () => {
    const { emulator } = world;
    let pinned = ['MOBILE'];
    const { store, engine, commits } = setup(() => ({
      scopes: ['favorites'],
      pinnedQueues: pinned,
    }));
    await engine.run();
    expect(store.knownScopes()).toEqual(['favorites', 'queue:MOBILE']);
    pinned = [];
    commits.length = 0;
    await engine.run();
    expect(store.knownScopes()).toEqual(['favorites']);
    expect(store.getWatermark('queue:MOBILE')).toBeUndefined();
    expect(entries(held(store))).toEqual(entries(expected(emulator, ['favorites'])));
    const forgot = commits.find((c) => c.scope === 'queue:MOBILE');
    expect(forgot?.removed.length).toBeGreaterThan(0);
  });

  it('syncs the other scopes when the server refuses one', async () => {
    const { emulator } = world;
    const { store, engine } = setup({ scopes: ['assigned'], pinnedQueues: ['NOPE'] });
    const error = await engine.run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrackerApiError);
    expect((error as TrackerApiError).kind).toMatch(/validation|not_found/);
    expect([...store.scopeKeys('assigned')].sort()).toEqual(expectedKeys(emulator, 'assigned'));
    expect(store.getSyncMeta().lastSuccessAt).toBeUndefined();
  });
});
