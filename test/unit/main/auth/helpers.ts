/**
 * Shared helpers for the auth tests: configs, a logger that records both the redacted JSON lines
 * (createMemorySink) and the raw, unredacted calls (so a leak in our own code is caught even where
 * the logger would have scrubbed it), a scripted browser for the emulator's consent page, raw HTTP
 * requests with forged headers, and free ports.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { AuthConfig } from '../../../../main/auth/config.ts';
import { YANDEX_ENDPOINTS } from '../../../../main/auth/config.ts';
import { createLogger, createMemorySink } from '../../../../main/log/index.ts';
import type { MemorySink } from '../../../../main/log/index.ts';
import type { LogFields, Logger } from '../../../../main/log/types.ts';
import type { FetchLike } from '../../../../main/auth/oauth-client.ts';
import type { Emulator } from '../../../../main/emulator/server.ts';

/** The client id the emulator tests register. */
export const CLIENT_ID = 'desktop-test';

/** A config for tests; `oauthBase` is required, the rest has sensible defaults. */
export function testConfig(oauthBase: string, overrides: Partial<AuthConfig> = {}): AuthConfig {
  return {
    clientId: CLIENT_ID,
    oauthBase,
    endpoints: YANDEX_ENDPOINTS,
    loopbackPorts: [0],
    deviceId: 'test-install-0001',
    deviceName: 'Test laptop',
    ...overrides,
  };
}

/** A logger plus everything it was given. */
export interface TestLog {
  readonly log: Logger;
  readonly sink: MemorySink;
  /** Raw calls, JSON-encoded without redaction: what our code passed in. */
  readonly raw: string[];
  /** Raw calls and the written lines together, for leak checks. */
  text(): string;
}

/** A debug-level logger recording raw calls and redacted lines. */
export function testLog(): TestLog {
  const sink = createMemorySink();
  const real = createLogger({ level: 'debug', sinks: [sink] });
  const raw: string[] = [];
  const wrap = (inner: Logger, bindings: LogFields): Logger => {
    const record =
      (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields?: LogFields) => {
        raw.push(JSON.stringify({ level, message, ...bindings, ...fields }));
        inner[level](message, fields);
      };
    return {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
      child: (more) => wrap(inner.child(more), { ...bindings, ...more }),
    };
  };
  return { log: wrap(real, {}), sink, raw, text: () => `${raw.join('\n')}\n${sink.text()}` };
}

/** Asserts that none of `secrets` (ignoring empty ones) occurs in any of `texts`. */
export function expectNoSecrets(
  texts: readonly string[],
  secrets: readonly (string | undefined)[],
) {
  for (const secret of secrets) {
    if (secret === undefined || secret === '') continue;
    for (const text of texts) expect(text.includes(secret), `leaked into: ${text}`).toBe(false);
  }
}

/** Everything an error shows: message, String(), stack and causes. */
export function errorTexts(error: unknown): string[] {
  const out: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth += 1) {
    out.push(String(current));
    if (current instanceof Error) {
      out.push(current.message, current.stack ?? '', JSON.stringify(current));
      current = current.cause;
    } else {
      current = undefined;
    }
  }
  return out;
}

/** The hidden inputs of the first form on a page. */
export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[match[1] ?? ''] = (match[2] ?? '').replaceAll('&amp;', '&');
  }
  return fields;
}

/** What the scripted browser saw. */
export interface BrowserLog {
  /** The authorize URL it was opened at. */
  opened: string[];
  /** Status of the loopback page, once reached. */
  callbackStatus?: number;
  /** The callback URL (it carries the code: only for assertions, never printed). */
  callbackUrl?: string;
  /** Any failure while browsing. */
  error?: unknown;
}

/**
 * A scripted browser for the emulator: loads the authorize URL, answers the consent form with
 * `decision`, follows the 302 to the loopback callback and loads it. Runs in the background like a
 * real browser: `openExternal` resolves as soon as the "browser" has started.
 */
export function emulatorBrowser(decision: 'allow' | 'deny' = 'allow') {
  const seen: BrowserLog = { opened: [] };
  async function browse(url: string): Promise<void> {
    const page = await fetch(url, { redirect: 'manual' });
    let location: string;
    if (page.status === 302) {
      location = page.headers.get('location') ?? '';
    } else {
      const html = await page.text();
      const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1] ?? '';
      const answer = await fetch(new URL(action, url), {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...hiddenFields(html), decision }).toString(),
      });
      location = answer.headers.get('location') ?? '';
    }
    seen.callbackUrl = location;
    const callback = await fetch(location, { redirect: 'manual' });
    seen.callbackStatus = callback.status;
    await callback.text();
  }
  const openExternal = async (url: string): Promise<void> => {
    seen.opened.push(url);
    void browse(url).catch((error: unknown) => {
      seen.error = error;
    });
  };
  return { openExternal, seen };
}

/** A raw response. */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Sends one request with `http.request`, so Host and method can be anything. */
export function rawRequest(
  port: number,
  options: { path: string; method?: string; host?: string; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: { Host: options.host ?? `127.0.0.1:${port}` },
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Resolves with the connect error code (ECONNREFUSED…) or 'connected'. */
export function probe(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

/** Occupies a port on 127.0.0.1 (any free one when 0); returns it and a closer. */
export async function occupy(port = 0): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `count` distinct ports that were free a moment ago. */
export async function freePorts(count: number): Promise<number[]> {
  const held = await Promise.all(Array.from({ length: count }, () => occupy()));
  await Promise.all(held.map((h) => h.close()));
  return held.map((h) => h.port);
}

/** Waits until `predicate` holds (polling every few ms), or fails after `ms`. */
export async function until(predicate: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** GET /v3/myself on the emulator with an OAuth token: the status and the login. */
export async function myself(
  e: Emulator,
  accessToken: string,
): Promise<{ status: number; login?: string }> {
  const res = await fetch(`${e.apiBase}/v3/myself`, {
    headers: { Authorization: `OAuth ${accessToken}`, 'X-Org-ID': e.org.id },
  });
  const body = (await res.json()) as { login?: string };
  return { status: res.status, ...(body.login !== undefined && { login: body.login }) };
}

/** Global fetch that records every form body it sends (to learn the verifier for leak checks). */
export function recordingFetch(): { fetch: FetchLike; bodies: URLSearchParams[] } {
  const bodies: URLSearchParams[] = [];
  return {
    bodies,
    fetch: (url, init) => {
      bodies.push(new URLSearchParams(String(init.body)));
      return fetch(url, init);
    },
  };
}
