/**
 * When sync runs. One run at a time (a trigger during a run books a single follow-up), every
 * `intervalMs` while all is well, exponential backoff with jitter after failures, nothing while
 * offline or asleep, and an immediate run on start, on resume, on coming back online, on "sync
 * now", and on window focus after a long quiet gap. Time and timers are injected.
 */
import { toAppError } from '../api/app-error.ts';
import { TrackerApiError } from '../api/errors.ts';
import type { Logger } from '../log/types.ts';
import type { IpcError, SyncStatus } from '../../preload/contract.ts';
import type { SyncProgress } from './pass.ts';

/** Time and timers of the scheduler. */
export interface SchedulerClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock; timers are unref'd so a pending sync never keeps a process alive. */
export const systemSchedulerClock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const timer = setTimeout(callback, ms);
    timer.unref?.();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Why a run started. */
export type SyncTrigger =
  'start' | 'interval' | 'retry' | 'now' | 'online' | 'resume' | 'focus' | 'follow-up';

/** What a run receives. */
export interface SyncRunContext {
  /** Aborted when the scheduler stops, goes offline or to sleep. */
  readonly signal: AbortSignal;
  readonly trigger: SyncTrigger;
  /** Reports progress into the status. */
  progress(progress: SyncProgress): void;
}

/** Options of {@link createSyncScheduler}. */
export interface SyncSchedulerOptions {
  /** One sync run, e.g. `({ signal, progress }) => engine.run({ signal, onProgress: progress })`. */
  run(context: SyncRunContext): Promise<unknown>;
  /** Receives every status change (the IPC layer forwards it as `sync.changed`). */
  onStatus(status: SyncStatus): void;
  /** Default 60 s; a function is read whenever the next run is planned. */
  readonly intervalMs?: number | (() => number);
  /** The first retry's ceiling; doubles per failure. Default 10 s. */
  readonly backoffBaseMs?: number;
  /** No retry waits longer. Default 15 min. */
  readonly backoffMaxMs?: number;
  /** Share of the delay that is random, 0..1; default 0.5 (the delay is in [ceiling/2, ceiling]). */
  readonly jitter?: number;
  /** Focus starts a run when the last success is older than this. Default 5 min. */
  readonly focusGapMs?: number;
  readonly clock?: SchedulerClock;
  /** Uniform in [0, 1). */
  readonly random?: () => number;
  /** The last success before this process (from the store), for the status and the focus gap. */
  readonly lastSuccessAt?: number | null;
  /** The platform's online state at creation. Default true. */
  readonly online?: boolean;
  readonly log?: Logger;
}

/** The scheduler. */
export interface SyncScheduler {
  /** Starts: runs at once, then on the interval. */
  start(): void;
  /** Stops timers and aborts a run in flight; resolves once it has settled. */
  stop(): Promise<void>;
  /** Runs now (or books the follow-up when a run is in flight); returns the status at once. */
  syncNow(): SyncStatus;
  /** The platform's online state: offline pauses (and aborts a run), online runs at once. */
  setOnline(online: boolean): void;
  /** The machine goes to sleep: pause and abort a run in flight. */
  suspend(): void;
  /** The machine woke up: run at once. */
  resume(): void;
  /** A window got focus: run when the last success is older than the focus gap. */
  focus(): void;
  status(): SyncStatus;
  /**
   * The interval changed: a planned interval run moves to the last success plus the new interval
   * (at once when that has passed). A retry after a failure keeps its backoff.
   */
  reschedule(): void;
  /** Epoch ms of the planned run, if one is planned. */
  nextRunAt(): number | undefined;
  /** Resolves when no run is in flight or booked. */
  whenIdle(): Promise<void>;
}

/** Creates a scheduler (idle until `start`). */
export function createSyncScheduler(options: SyncSchedulerOptions): SyncScheduler {
  const clock = options.clock ?? systemSchedulerClock;
  const random = options.random ?? Math.random;
  const backoffBaseMs = options.backoffBaseMs ?? 10_000;
  const backoffMaxMs = options.backoffMaxMs ?? 15 * 60_000;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0.5));
  const focusGapMs = options.focusGapMs ?? 5 * 60_000;
  const log = options.log?.child({ scope: 'sync-scheduler' });
  const interval = () =>
    typeof options.intervalMs === 'function'
      ? options.intervalMs()
      : (options.intervalMs ?? 60_000);

  let started = false;
  let asleep = false;
  let online = options.online ?? true;
  let lastSuccessAt: number | null = options.lastSuccessAt ?? null;
  let lastError: IpcError | undefined;
  let networkDown = false;
  let failures = 0;
  let progress: SyncProgress | undefined;
  let running: Promise<void> | undefined;
  let controller: AbortController | undefined;
  let followUp = false;
  let timer: unknown;
  let nextAt: number | undefined;
  let nextTrigger: SyncTrigger | undefined;
  let emitted = '';

  function status(): SyncStatus {
    const state: SyncStatus['state'] =
      !started || asleep
        ? 'paused'
        : running
          ? 'syncing'
          : !online || networkDown
            ? 'offline'
            : lastError
              ? 'error'
              : 'idle';
    const out: SyncStatus = { state, online: online && !networkDown, lastSuccessAt };
    if (progress && running) out.progress = { ...progress };
    if (lastError) out.error = { ...lastError };
    return out;
  }

  function emit(): void {
    const next = status();
    const text = JSON.stringify(next);
    if (text === emitted) return;
    emitted = text;
    options.onStatus(next);
  }

  function clearTimer(): void {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    nextAt = undefined;
    nextTrigger = undefined;
  }

  function plan(ms: number, trigger: SyncTrigger): void {
    clearTimer();
    nextAt = clock.now() + ms;
    nextTrigger = trigger;
    timer = clock.setTimeout(() => {
      timer = undefined;
      nextAt = undefined;
      nextTrigger = undefined;
      trigger_(trigger);
    }, ms);
  }

  function backoff(error: unknown): number {
    const ceiling = Math.min(backoffMaxMs, backoffBaseMs * 2 ** Math.max(0, failures - 1));
    const delay = ceiling * (1 - jitter * Math.min(1, Math.max(0, random())));
    const asked = error instanceof TrackerApiError ? (error.retryAfterMs ?? 0) : 0;
    return Math.round(Math.min(backoffMaxMs, Math.max(delay, asked)));
  }

  function launch(trigger: SyncTrigger): void {
    clearTimer();
    const abort = new AbortController();
    controller = abort;
    progress = undefined;
    const work = async () => {
      let failed: unknown;
      let ok = false;
      try {
        await options.run({
          signal: abort.signal,
          trigger,
          progress: (p) => {
            if (controller !== abort) return;
            progress = p;
            emit();
          },
        });
        ok = true;
      } catch (error) {
        failed = error;
      }
      controller = undefined;
      running = undefined;
      progress = undefined;
      if (ok) {
        failures = 0;
        lastSuccessAt = clock.now();
        lastError = undefined;
        networkDown = false;
      } else if (!abort.signal.aborted) {
        failures++;
        lastError = toAppError(failed).toIpcError();
        networkDown = failed instanceof TrackerApiError && failed.kind === 'network';
        log?.warn('sync run failed', { trigger, failures, code: lastError.code });
      }
      // Stop, sleep and going offline are what abort a run; each also decides what comes next.
      if (started && !asleep && online) {
        if (followUp) {
          followUp = false;
          launch('follow-up');
          return;
        }
        plan(ok ? interval() : backoff(failed), ok ? 'interval' : 'retry');
      }
      followUp = false;
      emit();
    };
    running = work();
    emit();
  }

  function trigger_(trigger: SyncTrigger): void {
    if (!started || asleep) return;
    // Offline pauses automatic runs; an explicit "sync now" still tries (the flag can be wrong).
    if (!online && trigger !== 'now') return;
    if (running) {
      followUp = true;
      return;
    }
    launch(trigger);
  }

  function halt(): void {
    clearTimer();
    followUp = false;
    controller?.abort(new Error('sync paused'));
  }

  return {
    start() {
      if (started) return;
      started = true;
      trigger_('start');
      emit();
    },
    async stop() {
      started = false;
      halt();
      while (running) await running;
      emit();
    },
    syncNow() {
      trigger_('now');
      return status();
    },
    setOnline(value) {
      if (value === online) return;
      online = value;
      if (!value) halt();
      else trigger_('online');
      emit();
    },
    suspend() {
      if (asleep) return;
      asleep = true;
      halt();
      emit();
    },
    resume() {
      if (!asleep) return;
      asleep = false;
      trigger_('resume');
      emit();
    },
    focus() {
      if (running) return;
      if (lastSuccessAt !== null && clock.now() - lastSuccessAt <= focusGapMs) return;
      trigger_('focus');
    },
    reschedule() {
      if (timer === undefined || nextTrigger !== 'interval') return;
      const since = lastSuccessAt ?? clock.now();
      plan(Math.max(0, since + interval() - clock.now()), 'interval');
    },
    status,
    nextRunAt: () => nextAt,
    async whenIdle() {
      while (running) await running;
    },
  };
}
