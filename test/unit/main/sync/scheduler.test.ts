/**
 * The scheduler on a fake clock: the interval, single flight with one follow-up, backoff that grows
 * and is capped, offline and sleep pauses with an immediate run when they end, focus after a long
 * gap, "sync now", stop, and the status it reports.
 */
import { describe, expect, it } from 'vitest';
import { NetworkError, RateLimitedError, ServerError } from '../../../../main/api/errors.ts';
import {
  createSyncScheduler,
  type SyncRunContext,
  type SyncSchedulerOptions,
} from '../../../../main/sync/scheduler.ts';
import type { SyncStatus } from '../../../../preload/contract.ts';
import { FakeClock } from './helpers.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

function network(): NetworkError {
  return new NetworkError({ method: 'POST', path: '/v3/issues/_search' });
}

/** A scheduler whose runs are scripted: each run takes `script[i]` (or succeeds at once). */
function harness(
  options: Partial<SyncSchedulerOptions> & {
    outcome?: (run: number, context: SyncRunContext) => Promise<void> | void;
  } = {},
) {
  const clock = new FakeClock();
  const runs: { at: number; trigger: string; signal: AbortSignal }[] = [];
  const statuses: SyncStatus[] = [];
  let active = 0;
  let maxActive = 0;
  const scheduler = createSyncScheduler({
    clock,
    random: () => 0,
    onStatus: (s) => statuses.push(s),
    async run(context) {
      active++;
      maxActive = Math.max(maxActive, active);
      runs.push({ at: clock.now(), trigger: context.trigger, signal: context.signal });
      try {
        await options.outcome?.(runs.length, context);
      } finally {
        active--;
      }
    },
    ...options,
  });
  return { clock, runs, statuses, scheduler, maxActive: () => maxActive };
}

/** A promise the test settles. */
function gate() {
  let open!: () => void;
  let fail!: (error: unknown) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

describe('sync scheduler', () => {
  it('runs at start, then every interval', async () => {
    const { clock, runs, scheduler, statuses } = harness();
    expect(scheduler.status().state).toBe('paused');
    scheduler.start();
    await clock.advance(0);
    expect(runs.map((r) => r.trigger)).toEqual(['start']);
    expect(scheduler.nextRunAt()).toBe(clock.now() + MINUTE);
    await clock.advance(3 * MINUTE);
    expect(runs.map((r) => r.at - runs[0]!.at)).toEqual([0, MINUTE, 2 * MINUTE, 3 * MINUTE]);
    expect(scheduler.status()).toEqual({ state: 'idle', online: true, lastSuccessAt: clock.now() });
    expect(statuses.some((s) => s.state === 'syncing')).toBe(true);
  });

  it('re-plans the next interval run when the interval changes, keeping a retry backoff', async () => {
    let interval = 10 * MINUTE;
    const { clock, runs, scheduler } = harness({ intervalMs: () => interval });
    scheduler.start();
    await clock.advance(0);
    const first = clock.now();
    expect(scheduler.nextRunAt()).toBe(first + 10 * MINUTE);
    await clock.advance(MINUTE);
    interval = 5 * MINUTE;
    scheduler.reschedule();
    // Counted from the last success, not from the change.
    expect(scheduler.nextRunAt()).toBe(first + 5 * MINUTE);
    interval = 30 * SECOND;
    scheduler.reschedule();
    expect(scheduler.nextRunAt()).toBe(clock.now());
    await clock.advance(0);
    expect(runs.map((r) => r.trigger)).toEqual(['start', 'interval']);

    let failing = true;
    const failingRig = harness({
      intervalMs: () => interval,
      outcome: () => {
        if (failing) throw new ServerError({ method: 'GET', path: '/v3/x', status: 500 });
      },
    });
    failingRig.scheduler.start();
    await failingRig.clock.advance(0);
    const retryAt = failingRig.scheduler.nextRunAt();
    interval = 10 * MINUTE;
    failingRig.scheduler.reschedule();
    expect(failingRig.scheduler.nextRunAt()).toBe(retryAt);
    failing = false;
  });

  it('never runs twice at once: a trigger during a run books one follow-up', async () => {
    const gates = [gate(), gate()];
    const { clock, runs, scheduler, maxActive } = harness({
      outcome: (n) => gates[n - 1]?.promise,
    });
    scheduler.start();
    await clock.advance(0);
    expect(scheduler.syncNow().state).toBe('syncing');
    scheduler.syncNow();
    scheduler.resume();
    scheduler.focus();
    await clock.advance(5 * MINUTE);
    expect(runs).toHaveLength(1);
    gates[0]!.open();
    await clock.advance(0);
    expect(runs.map((r) => r.trigger)).toEqual(['start', 'follow-up']);
    gates[1]!.open();
    await clock.advance(0);
    expect(runs).toHaveLength(2);
    expect(maxActive()).toBe(1);
    await clock.advance(MINUTE);
    expect(runs.map((r) => r.trigger)).toEqual(['start', 'follow-up', 'interval']);
  });

  it('backs off exponentially after failures, capped, and resets on success', async () => {
    let failing = true;
    const { clock, runs, scheduler } = harness({
      backoffBaseMs: 10 * SECOND,
      backoffMaxMs: 2 * MINUTE,
      outcome: () => {
        if (failing)
          throw new ServerError({ method: 'POST', path: '/v3/issues/_search', status: 500 });
      },
    });
    scheduler.start();
    await clock.advance(20 * MINUTE);
    const gaps = runs.slice(1).map((r, i) => r.at - runs[i]!.at);
    expect(gaps.slice(0, 6)).toEqual([10, 20, 40, 80, 120, 120].map((s) => s * SECOND));
    expect(scheduler.status().state).toBe('error');
    expect(scheduler.status().error?.code).toBe('E_UNAVAILABLE');
    failing = false;
    const count = runs.length;
    expect(scheduler.nextRunAt()! - clock.now()).toBeLessThanOrEqual(2 * MINUTE);
    await clock.advance(scheduler.nextRunAt()! - clock.now());
    expect(runs.length).toBe(count + 1);
    expect(scheduler.status().state).toBe('idle');
    expect(scheduler.status().error).toBeUndefined();
    await clock.advance(MINUTE);
    expect(runs.at(-1)!.at - runs.at(-2)!.at).toBe(MINUTE);
  });

  it('jitters the backoff within [ceiling/2, ceiling] and honours Retry-After', async () => {
    const { clock, runs, scheduler } = harness({
      backoffBaseMs: 10 * SECOND,
      random: () => 0.999,
      outcome: (n) => {
        throw n === 3
          ? new RateLimitedError({
              method: 'POST',
              path: '/x',
              status: 429,
              retryAfterMs: 7 * MINUTE,
            })
          : new ServerError({ method: 'POST', path: '/x', status: 503 });
      },
    });
    scheduler.start();
    await clock.advance(15 * MINUTE);
    const gaps = runs.slice(1).map((r, i) => r.at - runs[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(5 * SECOND);
    expect(gaps[0]).toBeLessThan(10 * SECOND);
    expect(gaps[1]).toBeGreaterThanOrEqual(10 * SECOND);
    expect(gaps[1]).toBeLessThan(20 * SECOND);
    expect(gaps[2]).toBe(7 * MINUTE);
  });

  it('shows offline after a network failure until the next success', async () => {
    let down = true;
    const { clock, scheduler } = harness({
      outcome: () => {
        if (down) throw network();
      },
    });
    scheduler.start();
    await clock.advance(0);
    expect(scheduler.status()).toMatchObject({
      state: 'offline',
      online: false,
      lastSuccessAt: null,
    });
    expect(scheduler.status().error?.code).toBe('E_OFFLINE');
    down = false;
    await clock.advance(MINUTE);
    expect(scheduler.status()).toMatchObject({ state: 'idle', online: true });
  });

  it('pauses while offline and runs at once when back online', async () => {
    const slow = gate();
    const { clock, runs, scheduler } = harness({
      outcome: (n) => (n === 1 ? slow.promise : undefined),
    });
    scheduler.start();
    await clock.advance(0);
    scheduler.setOnline(false);
    expect(runs[0]!.signal.aborted).toBe(true);
    slow.fail(new Error('aborted'));
    await clock.advance(10 * MINUTE);
    expect(runs).toHaveLength(1);
    expect(scheduler.status()).toMatchObject({ state: 'offline', online: false });
    expect(scheduler.status().error).toBeUndefined();
    expect(clock.pending).toBe(0);
    scheduler.setOnline(true);
    await clock.advance(0);
    expect(runs.map((r) => r.trigger)).toEqual(['start', 'online']);
    expect(scheduler.status().state).toBe('idle');
  });

  it('sleeps without running and runs at once on resume', async () => {
    const { clock, runs, scheduler } = harness();
    scheduler.start();
    await clock.advance(0);
    scheduler.suspend();
    expect(scheduler.status().state).toBe('paused');
    await clock.advance(30 * MINUTE);
    scheduler.syncNow();
    await clock.advance(0);
    expect(runs).toHaveLength(1);
    scheduler.resume();
    await clock.advance(0);
    expect(runs.map((r) => r.trigger)).toEqual(['start', 'resume']);
  });

  it('runs on focus only after a long gap since the last success', async () => {
    const { clock, runs, scheduler } = harness({ intervalMs: 60 * MINUTE, focusGapMs: 5 * MINUTE });
    scheduler.start();
    await clock.advance(4 * MINUTE);
    scheduler.focus();
    await clock.advance(0);
    expect(runs).toHaveLength(1);
    await clock.advance(2 * MINUTE);
    scheduler.focus();
    await clock.advance(0);
    expect(runs.map((r) => r.trigger)).toEqual(['start', 'focus']);
  });

  it('syncs now on demand, even when the platform says offline', async () => {
    const { clock, runs, scheduler } = harness({ online: false });
    scheduler.start();
    await clock.advance(5 * MINUTE);
    expect(runs).toHaveLength(0);
    scheduler.syncNow();
    await clock.advance(0);
    expect(runs.map((r) => r.trigger)).toEqual(['now']);
  });

  it('reports progress while syncing and clears it afterwards', async () => {
    const hold = gate();
    const { clock, scheduler, statuses } = harness({
      outcome: async (_n, context) => {
        context.progress({ scope: 'assigned', done: 10, total: 40 });
        await hold.promise;
      },
    });
    scheduler.start();
    await clock.advance(0);
    expect(scheduler.status().progress).toEqual({ scope: 'assigned', done: 10, total: 40 });
    expect(statuses.at(-1)?.progress).toEqual({ scope: 'assigned', done: 10, total: 40 });
    hold.open();
    await scheduler.whenIdle();
    expect(scheduler.status().progress).toBeUndefined();
    expect(statuses.at(-1)?.state).toBe('idle');
  });

  it('stops: aborts the run in flight and plans nothing more', async () => {
    const hold = gate();
    const { clock, runs, scheduler } = harness({ outcome: () => hold.promise });
    scheduler.start();
    await clock.advance(0);
    const stopped = scheduler.stop();
    expect(runs[0]!.signal.aborted).toBe(true);
    hold.fail(new Error('aborted'));
    await stopped;
    await clock.advance(60 * MINUTE);
    expect(runs).toHaveLength(1);
    expect(clock.pending).toBe(0);
    expect(scheduler.status().state).toBe('paused');
    expect(scheduler.status().error).toBeUndefined();
  });
});
