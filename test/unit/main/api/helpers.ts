/** Test doubles for the Tracker client: a scripted fetch, a fake clock, a client factory. */
import { createLogger, createMemorySink, type MemorySink } from '../../../../main/log/index.ts';
import {
  createTrackerClient,
  type TrackerClient,
  type TrackerClientOptions,
} from '../../../../main/api/index.ts';

/** What the fake fetch saw. */
export interface Call {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  /** The raw body as given to fetch. */
  readonly body: unknown;
  /** The body parsed as JSON when it was a string. */
  readonly json: unknown;
  readonly signal: AbortSignal | undefined;
  readonly redirect: RequestRedirect | undefined;
}

/** Answers one request. */
export type Handler = (call: Call, index: number) => Response | Promise<Response>;

/** A fetch that runs `handler` and rejects with the abort reason like real fetch does. */
export function fakeFetch(handler: Handler): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetchImpl = async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const body = init.body;
    let json: unknown;
    if (typeof body === 'string') {
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
    }
    const call: Call = {
      method: init.method ?? 'GET',
      url,
      headers: new Headers(init.headers),
      body,
      json,
      signal: init.signal ?? undefined,
      redirect: init.redirect,
    };
    calls.push(call);
    const signal = init.signal;
    if (signal?.aborted) throw signal.reason;
    const answer = Promise.resolve(handler(call, calls.length - 1));
    if (!signal) return answer;
    return new Promise<Response>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  };
  return { fetch: fetchImpl as typeof fetch, calls };
}

/** A response that never comes (until the request's signal aborts). */
export function never(): Promise<Response> {
  return new Promise<Response>(() => undefined);
}

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** A text response (HTML pages, truncated JSON, gateway bodies). */
export function text(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers });
}

/** A clock whose sleeps advance time instantly and are recorded. */
export interface FakeClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  readonly sleeps: number[];
  advance(ms: number): void;
}

/** Creates a {@link FakeClock} starting at `start`. */
export function fakeClock(start = Date.UTC(2024, 0, 2, 3, 4, 5)): FakeClock {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleeps,
    advance(ms) {
      t += ms;
    },
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      t += ms;
      await Promise.resolve();
      if (signal?.aborted) throw signal.reason;
    },
  };
}

/** Realistic-looking but fake credentials. */
export const OAUTH_TOKEN = 'y0_AgAAAABkZXYtdG9rZW4tMTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1u';
export const IAM_TOKEN = 't1.9euelZqKzs2Xk5CQnJiQkZKaxpqLl-3rnpWakJuSx8aTkcaLjJuZ.c2lnbmF0dXJl';

/** A client wired to a fake fetch, fake clock and memory log. */
export interface TestClient {
  readonly client: TrackerClient;
  readonly calls: Call[];
  readonly clock: FakeClock;
  readonly sink: MemorySink;
}

/** Creates a client answering with `handler`; `overrides` replace any option. */
export function makeClient(
  handler: Handler,
  overrides: Partial<TrackerClientOptions> = {},
): TestClient {
  const { fetch, calls } = fakeFetch(handler);
  const clock = fakeClock();
  const sink = createMemorySink({ maxLines: 100_000 });
  const log = createLogger({ level: 'debug', sinks: [sink] });
  const client = createTrackerClient({
    baseUrl: 'https://tracker.test',
    fetch,
    credentials: async () => ({ kind: 'oauth', token: OAUTH_TOKEN }),
    org: { kind: '360', id: '4242' },
    log,
    clock,
    random: () => 0.5,
    ...overrides,
  });
  return { client, calls, clock, sink };
}

/** Minimal issue JSON, cheap enough to generate by the ten thousand. */
export function issueJson(n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: n.toString(16).padStart(24, '0'),
    key: `TEST-${n}`,
    summary: `Issue ${n}`,
    ...extra,
  };
}
