/**
 * Failures through the real client against the emulator's real faults and error answers: retries
 * and what they give up with, status → typed error → contract code, cancellation, and that none of
 * it leaks the token into logs or error messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AbortedError,
  ForbiddenError,
  InvalidResponseError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  toAppError,
  UnauthorizedError,
  ValidationError,
  VersionConflictError,
  type TrackerApiError,
} from '../../../../../main/api/index.ts';
import {
  NO_FAULTS,
  parseFaults,
  type FaultConfig,
} from '../../../../../main/emulator/http/faults.ts';
import { createMemorySink } from '../../../../../main/log/index.ts';
import {
  apiFailure,
  connect,
  FAST_RETRY,
  instantClock,
  rejection,
  requestsTo,
  settle,
  startSmall,
  type Connected,
  type Emulator,
} from './helpers.ts';

/** One sink for every client here: the redaction check at the end reads all of it. */
const sink = createMemorySink({ maxLines: 200_000 });
/** Every error the tests saw, for the same check. */
const failures: unknown[] = [];
const emulators: Emulator[] = [];

async function faulty(faults: FaultConfig, issues = 40): Promise<Emulator> {
  const emulator = await startSmall({ issues, faults });
  emulators.push(emulator);
  return emulator;
}

/** A client with fast retries and an instant clock (Retry-After waits are skipped). */
function fastClient(emulator: Emulator, overrides: Parameters<typeof connect>[1] = {}): Connected {
  return connect(
    emulator,
    { retry: FAST_RETRY, clock: instantClock(), random: () => 0.5, ...overrides },
    sink,
  );
}

async function failure(promise: Promise<unknown>): Promise<TrackerApiError> {
  const error = await apiFailure(promise);
  failures.push(error);
  return error;
}

/** Requests the emulator finished (it counts once a response is written out). */
async function served(emulator: Emulator): Promise<number> {
  await settle();
  return emulator.stats.requests;
}

let healthy: Emulator;
let api: Connected;

beforeAll(async () => {
  healthy = await startSmall();
  emulators.push(healthy);
  api = fastClient(healthy);
});

afterAll(async () => {
  await Promise.all(emulators.map((emulator) => emulator.close()));
});

describe('transient faults', () => {
  it('429 with Retry-After on every answer: retried, then RateLimitedError with retryAfterMs', async () => {
    const emulator = await faulty({ ...NO_FAULTS, rateLimited: 1 });
    const clock = instantClock();
    const { client } = fastClient(emulator, { clock });
    const error = await failure(client.queues.list().toArray());
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(1000);
    expect(error.attempts).toBe(FAST_RETRY.maxAttempts);
    expect(await served(emulator)).toBe(FAST_RETRY.maxAttempts);
    expect(emulator.stats.byStatus.get(429)).toBe(FAST_RETRY.maxAttempts);
    // Retry-After (1 s) is honoured but capped at maxDelayMs.
    expect(clock.sleeps).toEqual([FAST_RETRY.maxDelayMs, FAST_RETRY.maxDelayMs]);
    const app = toAppError(error);
    expect(app.code).toBe('E_UNAVAILABLE');
    expect(app.message).toContain('Try again in 1 s');
  });

  it('429 whose Retry-After exceeds the total budget: gives up at once', async () => {
    const emulator = await faulty({ ...NO_FAULTS, rateLimited: 1 });
    const clock = instantClock();
    const { client } = fastClient(emulator, { clock, retry: { ...FAST_RETRY, maxTotalMs: 500 } });
    const error = await failure(client.dictionaries.priorities());
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.retryAfterMs).toBe(1000);
    expect(error.attempts).toBe(1);
    expect(clock.sleeps).toEqual([]);
    expect(await served(emulator)).toBe(1);
  });

  it('429 without Retry-After: backoff, then RateLimitedError without retryAfterMs', async () => {
    const emulator = await faulty({ ...NO_FAULTS, rateLimitedBare: 1 });
    const clock = instantClock();
    const error = await failure(fastClient(emulator, { clock }).client.myself());
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.retryAfterMs).toBeUndefined();
    expect(await served(emulator)).toBe(FAST_RETRY.maxAttempts);
    expect(clock.sleeps.every((ms) => ms <= FAST_RETRY.maxDelayMs)).toBe(true);
  });

  it('503 on a GET: ServerError after maxAttempts attempts', async () => {
    const emulator = await faulty({ ...NO_FAULTS, unavailable: 1 });
    const error = await failure(fastClient(emulator).client.issues.get('DESK-1'));
    expect(error).toBeInstanceOf(ServerError);
    expect(error.status).toBe(503);
    expect(error.attempts).toBe(FAST_RETRY.maxAttempts);
    expect(await served(emulator)).toBe(FAST_RETRY.maxAttempts);
    expect(emulator.stats.byStatus.get(503)).toBe(FAST_RETRY.maxAttempts);
    expect(toAppError(error).code).toBe('E_UNAVAILABLE');
  });

  it('500 on a search (POST _search is safe): retried like a GET', async () => {
    const emulator = await faulty({ ...NO_FAULTS, serverError: 1 });
    const error = await failure(
      fastClient(emulator).client.issues.search({ query: 'Queue: DESK' }).toArray(),
    );
    expect(error).toBeInstanceOf(ServerError);
    expect(error.status).toBe(500);
    expect(await served(emulator)).toBe(FAST_RETRY.maxAttempts);
  });

  it('503 on a PATCH, a comment, a transition and a worklog: not retried, one request each', async () => {
    const emulator = await faulty({ ...NO_FAULTS, unavailable: 1 });
    const { client } = fastClient(emulator);
    const key = emulator.store.allIssues()[0]?.key ?? '';
    const before = await served(emulator);
    const patch = await failure(client.issues.update(key, { summary: 'x' }, { version: 1 }));
    expect(patch).toBeInstanceOf(ServerError);
    expect(patch.attempts).toBe(1);
    expect(await served(emulator)).toBe(before + 1);
    await failure(client.comments.create(key, { text: 'once' }));
    expect(await served(emulator)).toBe(before + 2);
    await failure(client.transitions.execute(key, 'start_progress'));
    expect(await served(emulator)).toBe(before + 3);
    await failure(client.worklog.create(key, { start: Date.now(), duration: 'PT1H' }));
    expect(await served(emulator)).toBe(before + 4);
  });

  it('503 on an issue create: retried, since `unique` makes it idempotent', async () => {
    const emulator = await faulty({ ...NO_FAULTS, unavailable: 1 });
    const before = await served(emulator);
    const error = await failure(
      fastClient(emulator).client.issues.create({ queue: 'DESK', summary: 'x' }),
    );
    expect(error).toBeInstanceOf(ServerError);
    expect(await served(emulator)).toBe(before + FAST_RETRY.maxAttempts);
  });

  it('connection reset: NetworkError after the retries', async () => {
    const emulator = await faulty({ ...NO_FAULTS, reset: 1 });
    const connected = fastClient(emulator);
    const error = await failure(connected.client.queues.get('DESK'));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).timedOut).toBe(false);
    expect(error.status).toBe(0);
    expect(error.attempts).toBe(FAST_RETRY.maxAttempts);
    // The socket is destroyed before any answer: count what the client sent.
    expect(connected.sent).toHaveLength(FAST_RETRY.maxAttempts);
    expect(connected.sent.every((r) => r.status === undefined)).toBe(true);
    expect(toAppError(error).code).toBe('E_OFFLINE');
  });

  it('truncated JSON: InvalidResponseError after a single retry', async () => {
    const emulator = await faulty({ ...NO_FAULTS, truncated: 1 });
    const error = await failure(fastClient(emulator).client.dictionaries.statuses());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.status).toBe(200);
    expect(error.attempts).toBe(2);
    expect(await served(emulator)).toBe(2);
    expect(toAppError(error).code).toBe('E_UNAVAILABLE');
  });

  it('a per-attempt timeout against slow answers: NetworkError with timedOut', async () => {
    const emulator = await faulty({ ...NO_FAULTS, slow: 1, slowMs: 1500 });
    const started = performance.now();
    const error = await failure(
      fastClient(emulator, {
        timeoutMs: 100,
        retry: { ...FAST_RETRY, maxAttempts: 2 },
      }).client.myself(),
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).timedOut).toBe(true);
    expect(error.attempts).toBe(2);
    expect(performance.now() - started).toBeLessThan(1400);
    expect(toAppError(error).message).toContain('did not answer in time');
  });

  it('heavy random faults: a full paginated search still completes correctly', async () => {
    const emulator = await faulty({ ...parseFaults('heavy'), slowMs: 5 }, 1500);
    const { client, sent } = fastClient(emulator, {
      retry: { baseDelayMs: 1, maxDelayMs: 20, maxAttempts: 8 },
    });
    const selector = { query: 'Created: >= "2000-01-01" "Sort by": Key ASC' };
    const expected = emulator.search
      .select({ ...selector }, emulator.store.demoUid)
      .issues.map((i) => i.key);
    expect(expected).toHaveLength(1500);
    const pages: number[] = [];
    const keys: string[] = [];
    for await (const page of client.issues.search(selector, { perPage: 50 })) {
      pages.push(page.page ?? 0);
      keys.push(...page.items.map((i) => i.key));
      expect(page.totalCount).toBe(1500);
    }
    expect(keys).toEqual(expected);
    expect(pages).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // Faults did happen (error answers and lost ones), and retries absorbed them.
    expect(sent.length).toBeGreaterThan(pages.length);
    expect(sent.some((r) => r.status !== 200)).toBe(true);
    expect(sink.text()).toContain('tracker request retry');
  });

  it('a scroll under 429/5xx refusals completes exactly once per issue', async () => {
    const emulator = await faulty(
      { ...NO_FAULTS, rateLimited: 0.1, rateLimitedBare: 0.1, serverError: 0.1, unavailable: 0.1 },
      1500,
    );
    const { client, sent } = fastClient(emulator, {
      retry: { baseDelayMs: 1, maxDelayMs: 20, maxAttempts: 10 },
    });
    const expected = emulator.search
      .select({ filter: {} }, emulator.store.demoUid)
      .issues.map((i) => i.key);
    const scrolled = await client.issues.searchScroll({ filter: {} }, { perScroll: 100 }).toArray();
    expect(scrolled.map((i) => i.key)).toEqual(expected);
    expect(sent.length).toBeGreaterThan(expected.length / 100);
    expect(emulator.search.openScrolls()).toBe(0);
  });

  it('a scroll continuation whose answer is cut off fails instead of skipping a batch', async () => {
    const emulator = await faulty(NO_FAULTS, 1500);
    const { client, sent } = fastClient(emulator);
    const seen: string[] = [];
    const error = await failure(
      (async () => {
        for await (const page of client.issues.searchScroll({ filter: {} }, { perScroll: 100 })) {
          seen.push(...page.items.map((i) => i.key));
          // From now on every answer is cut in half (the server still serves the batch).
          emulator.faults.config = { ...NO_FAULTS, truncated: 1 };
        }
      })(),
    );
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.attempts).toBe(1);
    expect(seen).toHaveLength(100);
    // One continuation, not repeated (a repeat would have returned the batch after the lost one).
    const continuations = requestsTo(sent, 'issues/_search').filter((r) =>
      r.url.searchParams.has('scrollId'),
    );
    expect(continuations).toHaveLength(1);
    // Released all the same.
    expect(requestsTo(sent, 'system/search/scroll/_clear')).toHaveLength(1);
    expect(emulator.search.openScrolls()).toBe(0);
  });
});

describe('error answers', () => {
  it('404 → NotFoundError → E_NOT_FOUND', async () => {
    const error = await failure(api.client.issues.get('NOSUCH-1'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.attempts).toBe(1);
    expect(toAppError(error).code).toBe('E_NOT_FOUND');
  });

  it('401 with a bad token → UnauthorizedError → E_UNAUTHORIZED, not retried', async () => {
    const bad = connect(
      healthy,
      { credentials: async () => ({ kind: 'oauth', token: 'y0_not-a-real-token-at-all' }) },
      sink,
    );
    const error = await failure(bad.client.myself());
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.status).toBe(401);
    expect(bad.sent).toHaveLength(1);
    expect(toAppError(error).code).toBe('E_UNAUTHORIZED');
  });

  it('403 for the wrong organization header kind → ForbiddenError with a hint', async () => {
    const wrong = connect(healthy, { org: { kind: 'cloud', id: healthy.org.id } }, sink);
    const error = await failure(wrong.client.myself());
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).hint).toMatch(/Yandex 360/);
    const app = toAppError(error);
    expect(app.code).toBe('E_FORBIDDEN');
    expect(app.message).toContain((error as ForbiddenError).hint);
    // Not only on myself: the emulator's message names the organization.
    const elsewhere = await failure(wrong.client.queues.get('DESK'));
    expect((elsewhere as ForbiddenError).hint).toMatch(/Yandex 360/);
    const reverse = connect(healthy, { org: { kind: '360', id: healthy.cloudOrg.id } }, sink);
    const other = await failure(reverse.client.myself());
    expect((other as ForbiddenError).hint).toMatch(/Cloud/);
  });

  it('400 for a create without summary → ValidationError with the field message', async () => {
    const error = await failure(api.client.issues.create({ queue: 'DESK', summary: '   ' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.status).toBe(400);
    expect(error.errors.summary).toBeTruthy();
    expect(toAppError(error).code).toBe('E_BAD_REQUEST');
  });

  it('422 for an unknown field value → ValidationError naming the field', async () => {
    const error = await failure(
      api.client.issues.create({ queue: 'DESK', summary: 'x', type: 'no-such-type' }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.status).toBe(422);
    expect(Object.keys(error.errors)).toEqual(['type']);
    expect(toAppError(error).code).toBe('E_BAD_REQUEST');
  });

  it('400 for bad query syntax in a search and a count', async () => {
    const error = await failure(api.client.issues.search({ query: 'Status: ((open' }).toArray());
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.status).toBe(400);
    expect(error.errorMessages.length).toBeGreaterThan(0);
    expect(error.attempts).toBe(1);
    const count = await failure(api.client.issues.count({ query: 'Created: >> "x' }));
    expect(count).toBeInstanceOf(ValidationError);
  });

  it('409 for a stale version → VersionConflictError → E_BAD_REQUEST', async () => {
    const key = healthy.store.allIssues()[3]?.key ?? '';
    const version = healthy.store.getIssue(key)?.version ?? 0;
    const error = await failure(
      api.client.issues.update(key, { summary: 'x' }, { version: version - 1 }),
    );
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error.status).toBe(409);
    expect(error.errors.version).toBeTruthy();
    const app = toAppError(error);
    expect(app.code).toBe('E_BAD_REQUEST');
    expect(app.message).toContain('changed elsewhere');
  });
});

describe('cancellation', () => {
  it('an already-aborted signal fails at once without a request', async () => {
    const connected = fastClient(healthy);
    const controller = new AbortController();
    controller.abort();
    const error = await failure(connected.client.myself({ signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortedError);
    expect(connected.sent).toHaveLength(0);
    expect(toAppError(error).code).toBe('E_INTERNAL');
    const scroll = await rejection(
      connected.client.issues.searchScroll({ filter: {} }, { signal: controller.signal }).toArray(),
    );
    expect(scroll).toBeInstanceOf(AbortedError);
    expect(connected.sent).toHaveLength(0);
  });

  it('an abort during a slow answer ends the call quickly', async () => {
    const emulator = await faulty({ ...NO_FAULTS, slow: 1, slowMs: 2000 });
    const { client } = fastClient(emulator);
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(client.issues.get('DESK-1', { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortedError);
    expect(error.attempts).toBe(1);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('an abort during a retry wait ends the call', async () => {
    const emulator = await faulty({ ...NO_FAULTS, unavailable: 1 });
    // The real clock here, with a long backoff to abort in.
    const { client } = connect(
      emulator,
      { retry: { baseDelayMs: 5000, maxDelayMs: 5000, maxAttempts: 5 }, random: () => 1 },
      sink,
    );
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 100);
    const error = await failure(client.queues.get('DESK', { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortedError);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await served(emulator)).toBe(1);
  });
});

describe('redaction', () => {
  it('no log line, error message or String(error) carries a token', async () => {
    const tokens = emulators.map((e) => e.token);
    expect(failures.length).toBeGreaterThan(20);
    const text = sink.text();
    expect(text.length).toBeGreaterThan(0);
    expect(text).toContain('tracker request');
    for (const token of tokens) {
      expect(text).not.toContain(token);
      for (const error of failures) {
        const app = toAppError(error);
        for (const value of [
          String(error),
          (error as Error).message,
          (error as Error).stack ?? '',
          JSON.stringify(error),
          String((error as Error).cause ?? ''),
          app.message,
          String(app),
        ]) {
          expect(value).not.toContain(token);
        }
      }
    }
  });
});
