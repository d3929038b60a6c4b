/**
 * A tiny fetch wrapper for the emulator's HTTP contract tests: adds the demo token and the 360
 * organization header (each overridable), encodes JSON bodies, and reads the answer once.
 */
import { request } from 'node:http';
import { expect } from 'vitest';
import type { Emulator, EmulatorOptions } from '../../../../../main/emulator/server.ts';

/** A fixed moment for the seeded worlds of these tests (2025-06-01 12:00 UTC). */
export const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);

/** Tracker's date-time wire format. */
export const TRACKER_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/;

/** A clock the tests move by hand. */
export interface ManualClock {
  now: number;
  readonly read: () => number;
}

/** A clock standing at `start` until a test moves `now`. */
export function manualClock(start = NOW): ManualClock {
  const clock: ManualClock = { now: start, read: () => clock.now };
  return clock;
}

/** The options every test file starts its emulator with, plus overrides. */
export function emulatorOptions(
  clock: ManualClock,
  extra: Partial<EmulatorOptions> = {},
): EmulatorOptions {
  return { issues: 300, seed: 1, clock: clock.read, ...extra };
}

/** One request. `body` is sent as JSON unless it is a string or FormData. */
export interface CallOptions {
  readonly method?: string;
  readonly body?: unknown;
  /** Replace the default headers; a value of null removes that header. */
  readonly headers?: Readonly<Record<string, string | null>>;
  readonly version?: 'v2' | 'v3';
  readonly redirect?: RequestRedirect;
}

/** An answer, read once. `body` is the parsed JSON, or undefined for an empty/non-JSON body. */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: unknown;
}

/** Calls `path` (relative to `/v3`, or an absolute URL such as a Link target). */
export type Call = (path: string, options?: CallOptions) => Promise<Reply>;

/** A client for `emulator`; `defaults` replace or (with null) drop the auth/org headers. */
export function client(
  emulator: Emulator,
  defaults: Readonly<Record<string, string | null>> = {},
): Call {
  const base: Record<string, string | null> = {
    Authorization: `OAuth ${emulator.token}`,
    'X-Org-ID': emulator.org.id,
    ...defaults,
  };
  return async (path, options = {}) => {
    const url = /^https?:/.test(path)
      ? path
      : `${emulator.apiBase}/${options.version ?? 'v3'}${path}`;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries({ ...base, ...options.headers })) {
      if (value !== null) headers[name] = value;
    }
    let body: string | FormData | undefined;
    if (typeof options.body === 'string' || options.body instanceof FormData) body = options.body;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const response = await fetch(url, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      redirect: options.redirect ?? 'follow',
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, text, body: parsed };
  };
}

/**
 * A GET through node:http with exactly `headers`, names sent in the given case (fetch would
 * lower-case them) and any Host header, as odd clients send them.
 */
export function rawGet(
  emulator: Emulator,
  path: string,
  headers: Readonly<Record<string, string>>,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: Number(new URL(emulator.apiBase).port), path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const replyHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === 'string') replyHeaders.set(name, value);
          }
          let body: unknown;
          try {
            body = text === '' ? undefined : (JSON.parse(text) as unknown);
          } catch {
            body = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: replyHeaders, text, body });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** A JSON object, or a test failure. */
export function obj(value: unknown): Record<string, unknown> {
  expect(value).toBeTypeOf('object');
  expect(value).not.toBeNull();
  expect(Array.isArray(value)).toBe(false);
  return value as Record<string, unknown>;
}

/** A JSON array of objects, or a test failure. */
export function list(value: unknown): Record<string, unknown>[] {
  expect(Array.isArray(value)).toBe(true);
  return (value as unknown[]).map(obj);
}

/** The value at a path of object keys / array indexes (undefined where the path breaks). */
export function at(value: unknown, ...path: readonly (string | number)[]): unknown {
  let current = value;
  for (const step of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/** Asserts a Tracker error answer: the status and the `{errors, errorMessages, statusCode}` body. */
export function expectError(reply: Reply, status: number): void {
  expect(reply.status, reply.text).toBe(status);
  const body = obj(reply.body);
  expect(body.statusCode).toBe(status);
  expect(body.errors).toBeTypeOf('object');
  expect(Array.isArray(body.errorMessages)).toBe(true);
  const messages = (body.errorMessages as unknown[]).concat(Object.values(obj(body.errors)));
  expect(messages.length).toBeGreaterThan(0);
  for (const message of messages) expect(message).toBeTypeOf('string');
}

/** Asserts a 4xx Tracker error answer whatever its exact status. */
export function expectClientError(reply: Reply): void {
  expect(reply.status, reply.text).toBeGreaterThanOrEqual(400);
  expect(reply.status, reply.text).toBeLessThan(500);
  expectError(reply, reply.status);
}

/** The rel → URL map of a `Link` header (comma-joined values). */
export function links(reply: Reply): Map<string, string> {
  const out = new Map<string, string>();
  for (const match of (reply.headers.get('link') ?? '').matchAll(
    /<([^>]*)>\s*;\s*rel="([^"]+)"/g,
  )) {
    out.set(match[2] as string, match[1] as string);
  }
  return out;
}

/** The keys of a page of issues. */
export function keysOf(reply: Reply): string[] {
  return list(reply.body).map((issue) => String(issue.key));
}

/** Issue keys sorted naturally (queue, then number), for comparing result sets. */
export function sortKeys(keys: Iterable<string>): string[] {
  return [...keys].sort((a, b) => {
    const [qa = '', na = '0'] = a.split('-');
    const [qb = '', nb = '0'] = b.split('-');
    return qa === qb ? Number(na) - Number(nb) : qa < qb ? -1 : 1;
  });
}
