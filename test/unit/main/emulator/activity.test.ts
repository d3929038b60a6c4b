import { describe, it, expect, vi, afterEach } from 'vitest';
import { createActivitySimulator } from '../../../../main/emulator/activity.ts';
import type { ActivityEvent } from '../../../../main/emulator/activity.ts';
import { isResolvedType, workflowStatuses } from '../../../../main/emulator/seed/index.ts';
import { EmulatorStore } from '../../../../main/emulator/store.ts';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const MINUTE = 60_000;

function run(seed: number, minutes: number, ratePerMinute = 12) {
  const store = EmulatorStore.fromSeed({ seed: 11, issues: 400, now: NOW });
  const sim = createActivitySimulator(store, {
    ratePerMinute,
    seed,
    clock: () => NOW,
    demoUid: store.demoUid,
  });
  const events: ActivityEvent[] = [];
  for (let m = 1; m <= minutes; m++) events.push(...sim.tick(NOW + m * MINUTE));
  return { store, events };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createActivitySimulator', () => {
  it('is deterministic for a seed with a fake clock', () => {
    const a = run(3, 30);
    const b = run(3, 30);
    const c = run(4, 30);
    expect(JSON.stringify(a.events)).toBe(JSON.stringify(b.events));
    expect(JSON.stringify(a.store.allIssues().slice(-60))).toBe(
      JSON.stringify(b.store.allIssues().slice(-60)),
    );
    expect(a.store.revision).toBe(b.store.revision);
    expect(JSON.stringify(a.events)).not.toBe(JSON.stringify(c.events));
  });

  it('performs events in proportion to elapsed time, spread over the interval', () => {
    const { store, events } = run(5, 60, 12);
    expect(events.length).toBeGreaterThan(600);
    expect(events.length).toBeLessThanOrEqual(720);
    expect(store.revision).toBe(events.length);
    for (let i = 1; i < events.length; i++)
      expect(events[i]!.at).toBeGreaterThanOrEqual(events[i - 1]!.at);
    expect(events[0]!.at).toBeGreaterThan(NOW);
    expect(events.at(-1)!.at).toBeLessThanOrEqual(NOW + 60 * MINUTE);
    const kinds = new Set(events.map((e) => e.kind));
    expect(kinds).toEqual(
      new Set(['created', 'commented', 'transitioned', 'reassigned', 'edited']),
    );
    const demo = store.user(store.demoUid)!;
    expect(events.every((e) => e.actorUid !== demo.uid)).toBe(true);
  });

  it('reassigns to and summons the demo user at a reasonable rate', () => {
    const { store, events } = run(6, 120, 10);
    const reassigned = events.filter((e) => e.kind === 'reassigned');
    const toDemo = reassigned.filter((e) => e.touchesDemo);
    expect(toDemo.length / reassigned.length).toBeGreaterThan(0.2);
    expect(toDemo.length / reassigned.length).toBeLessThan(0.5);
    const perHour = events.filter((e) => e.touchesDemo).length / 2;
    expect(perHour).toBeGreaterThan(10);
    expect(perHour).toBeLessThan(200);
    for (const e of toDemo) expect(store.getIssue(e.key)?.updatedAt).toBeGreaterThanOrEqual(e.at);
    const summoned = events.filter((e) => e.kind === 'commented' && e.touchesDemo);
    expect(summoned.length).toBeGreaterThan(0);
    expect(
      store
        .allIssues()
        .some((i) => i.pendingReplyUids.includes(store.demoUid) && i.updatedAt > NOW),
    ).toBe(true);
  });

  it('keeps store invariants after many ticks', () => {
    const { store } = run(7, 300, 20);
    const typeOf = new Map(store.statuses().map((s) => [s.key, s.type]));
    const keys = store.allIssues().flatMap((i) => [i.key, ...i.aliases]);
    expect(new Set(keys).size).toBe(keys.length);
    const writers = new Set(
      store
        .users()
        .filter((u) => u.hasLicense && !u.dismissed)
        .map((u) => u.uid),
    );
    const known = new Set(store.users().map((u) => u.uid));
    let lastComment = 0;
    for (const issue of store.allIssues()) {
      expect(workflowStatuses(store.workflowOfQueue(issue.queueKey)!)).toContain(issue.statusKey);
      expect(issue.resolutionKey !== null).toBe(
        isResolvedType(typeOf.get(issue.statusKey) ?? 'new'),
      );
      expect(issue.updatedAt).toBeGreaterThanOrEqual(issue.createdAt);
      if (issue.updatedAt > NOW) expect(writers.has(issue.updatedByUid)).toBe(true);
      for (const uid of [...issue.pendingReplyUids, ...issue.followerUids])
        expect(known.has(uid)).toBe(true);
      const log = store.changelog(issue.key);
      for (let i = 1; i < log.length; i++) expect(log[i]!.seq).toBeGreaterThan(log[i - 1]!.seq);
      for (const entry of log.filter((c) => c.updatedAt > NOW)) {
        expect(writers.has(entry.updatedByUid)).toBe(true);
        const assignee = entry.fields.find((f) => f.field === 'assignee');
        if (assignee?.to != null) expect(writers.has(assignee.to as number)).toBe(true);
      }
      expect(log.at(-1)!.updatedAt).toBeLessThanOrEqual(issue.updatedAt);
      const comments = store.comments(issue.key);
      for (let i = 1; i < comments.length; i++)
        expect(comments[i]!.id).toBeGreaterThan(comments[i - 1]!.id);
      if (comments.length) {
        expect(issue.lastCommentUpdatedAt).toBeGreaterThanOrEqual(
          Math.max(...comments.map((c) => c.createdAt)),
        );
        lastComment = Math.max(lastComment, ...comments.map((c) => c.id));
      }
    }
    expect(lastComment).toBeGreaterThan(store.world.counters.nextCommentId);
  });

  it('ignores clocks that do not advance and caps bursts', () => {
    const store = EmulatorStore.fromSeed({ seed: 1, issues: 100, now: NOW });
    const sim = createActivitySimulator(store, {
      ratePerMinute: 60,
      seed: 1,
      clock: () => NOW,
      demoUid: store.demoUid,
      maxPerTick: 25,
    });
    expect(sim.tick(NOW)).toEqual([]);
    expect(sim.tick(NOW - MINUTE)).toEqual([]);
    expect(sim.tick(NOW + 24 * 60 * MINUTE).length).toBeLessThanOrEqual(25);
    expect(sim.tick(NOW + 24 * 60 * MINUTE + 30_000).length).toBeLessThanOrEqual(30);
  });

  it('runs on an unref’d timer between start and stop', () => {
    vi.useFakeTimers();
    let now = NOW;
    const store = EmulatorStore.fromSeed({ seed: 2, issues: 100, now: NOW });
    const seen: ActivityEvent[] = [];
    const sim = createActivitySimulator(store, {
      ratePerMinute: 60,
      seed: 2,
      clock: () => now,
      demoUid: store.demoUid,
      intervalMs: 1000,
      onEvent: (e) => seen.push(e),
    });
    sim.start();
    expect(sim.running).toBe(true);
    now += 10_000;
    vi.advanceTimersByTime(1000);
    expect(seen.length).toBeGreaterThanOrEqual(8);
    sim.stop();
    expect(sim.running).toBe(false);
    const count = seen.length;
    now += 60_000;
    vi.advanceTimersByTime(5000);
    expect(seen.length).toBe(count);
  });
});
