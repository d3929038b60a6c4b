/**
 * When and how long to wait before repeating a request. Pure functions of the failure, the attempt
 * number and the clock, so the timing is testable with a fake clock.
 */
import type { TrackerApiError } from './errors.ts';

/** Retry limits; every field is required here (defaults are applied by the client). */
export interface RetryPolicy {
  /** Attempts in total, the first included. */
  readonly maxAttempts: number;
  /** The backoff ceiling of the first retry; doubles per retry. */
  readonly baseDelayMs: number;
  /** No single wait is longer than this. */
  readonly maxDelayMs: number;
  /** No retry starts (or waits) past this much time since the first attempt. */
  readonly maxTotalMs: number;
}

/** The defaults of {@link RetryPolicy}. */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxTotalMs: 120_000,
};

/** Time source and sleeper; injectable so retry timing is testable. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, rejects with the signal's reason if it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

/** Whether a failure is transient (worth repeating when the request is safe to repeat). */
export function isTransient(error: TrackerApiError): boolean {
  if (error.kind === 'network' || error.kind === 'invalid_response') return true;
  return RETRYABLE_STATUS.has(error.status);
}

// IMF-fixdate, the form RFC 9110 requires senders to use: `Sun, 06 Nov 1994 08:49:37 GMT`.
const IMF_FIXDATE =
  /^[A-Za-z]{3}, (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Parses `Retry-After` (delta seconds or an HTTP-date) into milliseconds from `now`; a date in the
 * past gives 0. Unparseable values give undefined (then the normal backoff applies).
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const m = IMF_FIXDATE.exec(text);
  if (!m) return undefined;
  const at = Date.UTC(
    Number(m[3]),
    MONTHS.indexOf(m[2] ?? ''),
    Number(m[1]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
  );
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** "Full jitter" exponential backoff: uniform in [0, min(maxDelay, base · 2^(retry-1))]. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(ceiling * r);
}

/** What to do after a failed attempt. */
export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number; readonly reason: string }
  | { readonly retry: false; readonly why: 'not-retryable' | 'attempts' | 'budget' };

/** Decides whether attempt number `attempt` (1-based) is followed by another, and after how long. */
export function decideRetry(input: {
  readonly error: TrackerApiError;
  readonly attempt: number;
  readonly safe: boolean;
  readonly elapsedMs: number;
  readonly policy: RetryPolicy;
  readonly random: () => number;
}): RetryDecision {
  const { error, attempt, policy } = input;
  if (!input.safe || !isTransient(error)) return { retry: false, why: 'not-retryable' };
  if (attempt >= policy.maxAttempts) return { retry: false, why: 'attempts' };
  const remaining = policy.maxTotalMs - input.elapsedMs;
  const asked = error.retryAfterMs;
  // A server that asks for more than we are willing to wait in total gets an honest "later"
  // rather than an early retry it would reject again.
  if (asked !== undefined && asked > remaining) return { retry: false, why: 'budget' };
  const delayMs =
    asked !== undefined
      ? Math.min(asked, policy.maxDelayMs)
      : backoffDelay(attempt, policy, input.random);
  if (delayMs > remaining) return { retry: false, why: 'budget' };
  const reason = error.status ? `status ${error.status}` : error.kind;
  return { retry: true, delayMs, reason };
}
