/**
 * Shared wiring for the client-against-emulator tests: a real emulator on 127.0.0.1, the real
 * global fetch (wrapped only to record what was sent), a memory logger, and an instant retry clock.
 */
import {
  createTrackerClient,
  isTrackerApiError,
  type Clock,
  type TrackerApiError,
  type TrackerClient,
  type TrackerClientOptions,
} from '../../../../../main/api/index.ts';
import {
  startEmulator,
  type Emulator,
  type EmulatorOptions,
} from '../../../../../main/emulator/server.ts';
import { createLogger, createMemorySink, type MemorySink } from '../../../../../main/log/index.ts';

export type { Emulator } from '../../../../../main/emulator/server.ts';

/** One request the client handed to fetch. */
export interface SentRequest {
  readonly method: string;
  readonly url: URL;
  /** The response status; undefined while pending or when fetch failed. */
  status: number | undefined;
}

/** The global fetch, recording each call (the request itself is untouched). */
export function recordingFetch(): { fetch: typeof fetch; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  const wrapped = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const record: SentRequest = { method: init?.method ?? 'GET', url, status: undefined };
    sent.push(record);
    const response = await globalThis.fetch(input, init);
    record.status = response.status;
    return response;
  };
  return { fetch: wrapped as typeof fetch, sent };
}

/** A clock whose sleeps return at once (advancing `now`), so retry tests do not wait. */
export interface InstantClock extends Clock {
  readonly sleeps: number[];
}

/** Creates an {@link InstantClock} that honours the abort signal like the real one. */
export function instantClock(): InstantClock {
  let offset = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => Date.now() + offset,
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      offset += ms;
      await new Promise((resolve) => setImmediate(resolve));
      if (signal?.aborted) throw signal.reason;
    },
  };
}

/** Retry settings that keep fault tests fast. */
export const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 20, maxAttempts: 3 } as const;

/** A client bound to an emulator, with what it sent and logged. */
export interface Connected {
  readonly client: TrackerClient;
  readonly sink: MemorySink;
  readonly sent: SentRequest[];
}

/**
 * A client of `emulator` as the app configures one (OAuth token, Yandex 360 org), with the real
 * fetch and a debug-level memory logger; `overrides` replace any option.
 */
export function connect(
  emulator: Emulator,
  overrides: Partial<TrackerClientOptions> = {},
  sink: MemorySink = createMemorySink({ maxLines: 100_000 }),
): Connected {
  const { fetch, sent } = recordingFetch();
  const client = createTrackerClient({
    baseUrl: emulator.apiBase,
    fetch,
    credentials: async () => ({ kind: 'oauth', token: emulator.token }),
    org: { kind: '360', id: emulator.org.id },
    log: createLogger({ level: 'debug', sinks: [sink] }),
    ...overrides,
  });
  return { client, sink, sent };
}

/** Starts an emulator with a small seeded world unless told otherwise. */
export function startSmall(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ issues: 300, seed: 7, ...options });
}

/** The error a promise rejects with; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Like {@link rejection}, asserting a client error. */
export async function apiFailure(promise: Promise<unknown>): Promise<TrackerApiError> {
  const error = await rejection(promise);
  if (!isTrackerApiError(error))
    throw new Error(`expected a TrackerApiError, got ${String(error)}`);
  return error;
}

/** The API path after the version prefix (`/v3/issues/_search` → `issues/_search`). */
export function apiPath(request: SentRequest): string {
  return request.url.pathname.replace(/^\/v[23]\//, '');
}

/** Requests to `path` (after the version prefix), optionally of one method. */
export function requestsTo(sent: readonly SentRequest[], path: string, method?: string) {
  return sent.filter((r) => apiPath(r) === path && (method === undefined || r.method === method));
}

/** Lets the event loop run (the emulator counts a response once it has been written out). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 10));
}
