/**
 * Live activity for the demo workspace: simulated colleagues keep filing, commenting, moving and
 * reassigning issues (some to the demo user) at a steady rate, so sync and notifications have
 * something to show. Driven by `tick(now)` it is deterministic for a seed, which is how tests use
 * it; `start()` drives it from an unref'd timer for the live server.
 */
import type { ActivityEvent, ActivityKind } from './activity/actions.ts';
import { Actors } from './activity/actions.ts';
import { isEmulatorError } from './errors.ts';
import { Rng, weightedPicker } from './random.ts';
import type { EmulatorStore } from './store.ts';

export type { ActivityEvent, ActivityKind } from './activity/actions.ts';

/** Options of {@link createActivitySimulator}. */
export interface ActivityOptions {
  /** Average events per minute of simulated time. */
  readonly ratePerMinute: number;
  readonly seed: number;
  /** Epoch ms; read by `start()` and its timer (tests call `tick` with their own clock). */
  readonly clock: () => number;
  readonly demoUid: number;
  /** Timer period of `start()`; default 5000 ms. */
  readonly intervalMs?: number;
  /** Cap on events per tick, so waking from sleep does not flood; default 200. */
  readonly maxPerTick?: number;
  /** Receives each event as it happens (logging, push to clients). */
  readonly onEvent?: (event: ActivityEvent) => void;
  /** Receives unexpected errors thrown from timer-driven ticks (default: ignored). */
  readonly onError?: (error: unknown) => void;
}

/** A running or idle activity source. */
export interface ActivitySimulator {
  /** Performs the events due between the previous tick and `now`; returns them in order. */
  tick(now: number): ActivityEvent[];
  /** Starts ticking on a timer (unref'd, so it never keeps the process alive). */
  start(): void;
  /** Stops the timer. */
  stop(): void;
  /** Whether the timer is running. */
  readonly running: boolean;
}

const KINDS: readonly ActivityKind[] = [
  'created',
  'commented',
  'transitioned',
  'reassigned',
  'edited',
];
const KIND_WEIGHTS = [14, 32, 24, 14, 16];

/** Creates a simulator acting on `store`; simulated time starts at `options.clock()`. */
export function createActivitySimulator(
  store: EmulatorStore,
  options: ActivityOptions,
): ActivitySimulator {
  const rng = new Rng(options.seed);
  const actors = new Actors(store, rng.fork('actors'), options.demoUid);
  const pickKind = weightedPicker(KINDS, KIND_WEIGHTS);
  const maxPerTick = options.maxPerTick ?? 200;
  let last = options.clock();
  let carry = 0;
  let timer: ReturnType<typeof setInterval> | null = null;

  const perform = (kind: ActivityKind, at: number): ActivityEvent | null => {
    switch (kind) {
      case 'created':
        return actors.create(at);
      case 'commented':
        return actors.comment(at);
      case 'transitioned':
        return actors.transition(at);
      case 'reassigned':
        return actors.reassign(at);
      default:
        return actors.edit(at);
    }
  };

  const tick = (now: number): ActivityEvent[] => {
    if (!(now > last)) return [];
    const from = last;
    const elapsed = now - last;
    last = now;
    carry += (Math.max(0, options.ratePerMinute) * elapsed) / 60_000;
    let count = Math.floor(carry);
    carry -= count;
    if (count > maxPerTick) {
      count = maxPerTick;
      carry = 0;
    }
    const events: ActivityEvent[] = [];
    for (let k = 1; k <= count; k++) {
      // Spread the batch over the elapsed interval so updatedAt values look organic.
      const at = from + Math.round((elapsed * k) / count);
      try {
        const event = perform(pickKind(rng), at);
        if (event) {
          events.push(event);
          options.onEvent?.(event);
        }
      } catch (error) {
        // A colleague hitting a validation error (e.g. a race with the real user) just skips.
        if (!isEmulatorError(error)) throw error;
      }
    }
    return events;
  };

  return {
    tick,
    start() {
      if (timer) return;
      last = Math.max(last, options.clock());
      timer = setInterval(() => {
        try {
          tick(options.clock());
        } catch (error) {
          options.onError?.(error);
        }
      }, options.intervalMs ?? 5000);
      timer.unref?.();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    get running() {
      return timer !== null;
    },
  };
}
