/**
 * Shared rig for the session tests: a real emulator, a recording fetch (which also learns every
 * secret that crosses the wire, for the leak checks), a scripted browser, an `auth.changed`
 * recorder that validates each payload against the contract, and a fake Platform for startSession.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as v from 'valibot';
import { expect } from 'vitest';
import type { AuthState, EventChannel, EventPayload } from '../../../../preload/contract.ts';
import { eventContract } from '../../../../preload/contract.ts';
import type { TrackerClient } from '../../../../main/api/index.ts';
import { resolveAuthConfig, type AuthConfig } from '../../../../main/auth/index.ts';
import type { Emulator } from '../../../../main/emulator/server.ts';
import { createOAuthHandler, type OAuthHandler } from '../../../../main/emulator/oauth/server.ts';
import type { EventEmitter } from '../../../../main/ipc/events.ts';
import { createLogger, createMemorySink, type MemorySink } from '../../../../main/log/index.ts';
import type { LogFields, Logger } from '../../../../main/log/types.ts';
import type { Platform } from '../../../../main/platform/types.ts';
import { createFakeDesktop } from '../../../fakes/desktop.ts';
import { noUpdates } from '../../../../main/update/types.ts';
import type { SafeStorageLike, SelectedSecretStore } from '../../../../main/secrets/index.ts';
import { AccountIndex, type AccountRecord } from '../../../../main/session/accounts.ts';
import { openSecretStore } from '../../../../main/session/open-secrets.ts';
import {
  createSessionService,
  type SessionDeps,
  type SessionService,
} from '../../../../main/session/service.ts';
import type { WorkspaceService } from '../../../../main/workspace/service.ts';
import type { WorkspaceState } from '../../../../preload/contract.ts';

export const CLIENT_ID = 'desktop-test';
export const DEVICE_ID = 'device-123456';

/** The desktop app's registration in the emulator. */
export const OAUTH_CLIENTS = [
  { clientId: CLIENT_ID, redirectUris: ['http://127.0.0.1/callback'], allowAnyLoopbackPort: true },
];

/** Waits until `predicate` holds, polling every few ms; fails after `ms`. */
export async function until(predicate: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A fresh temp folder, removed by `cleanup()`. */
export function tempDirs() {
  const made: string[] = [];
  return {
    make(): string {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'session-test-'));
      made.push(dir);
      return dir;
    },
    cleanup(): void {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Everything written to the log by this file's sessions: the redacted lines (memory sink) and the
 * raw calls (before redaction, to catch our own code passing a secret that the redactor hides).
 * `secrets` collects every token, code and verifier the tests saw, for {@link expectNoLeaks}.
 */
export interface LeakGuard {
  readonly log: Logger;
  readonly sink: MemorySink;
  readonly raw: string[];
  readonly secrets: Set<string>;
  /** Remembers a secret (ignores empty values). */
  saw(secret: string | null | undefined): void;
}

/** A debug-level logger recording raw calls and redacted lines, plus the secret collection. */
export function leakGuard(): LeakGuard {
  const sink = createMemorySink({ maxLines: 1_000_000 });
  const real = createLogger({ level: 'debug', sinks: [sink] });
  const raw: string[] = [];
  const secrets = new Set<string>();
  const wrap = (inner: Logger, bindings: LogFields): Logger => {
    const at =
      (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields?: LogFields) => {
        raw.push(`${level} ${message} ${safeJson({ ...bindings, ...fields })}`);
        inner[level](message, fields);
      };
    return {
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      child: (more) => wrap(inner.child(more), { ...bindings, ...more }),
    };
  };
  return {
    log: wrap(real, {}),
    sink,
    raw,
    secrets,
    saw(secret) {
      if (secret) secrets.add(secret);
    },
  };
}

function safeJson(value: unknown): string {
  try {
    // Errors serialize to {}; keep their message and stack, which is where a leak would be.
    return JSON.stringify(value, (_key, field: unknown) =>
      field instanceof Error
        ? { name: field.name, message: field.message, stack: field.stack, cause: field.cause }
        : field,
    );
  } catch {
    return String(value);
  }
}

/** Asserts that no secret the guard saw occurs in any log line (redacted or raw). */
export function expectNoLeaks(guard: LeakGuard): void {
  expect(guard.sink.lines.length).toBeGreaterThan(0);
  expect(guard.secrets.size).toBeGreaterThan(0);
  const texts = [...guard.sink.lines, ...guard.raw];
  for (const secret of guard.secrets) {
    // Very short values (e.g. a 7-digit user code) are not secrets worth matching.
    if (secret.length < 12) continue;
    for (const text of texts) expect(text.includes(secret), `leaked into: ${text}`).toBe(false);
  }
}

/** Everything an error shows: message, String(), stack, JSON and causes. */
export function errorTexts(error: unknown): string[] {
  const out: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 6; depth += 1) {
    out.push(String(current));
    if (current instanceof Error) {
      out.push(current.message, current.stack ?? '', safeJson(current));
      current = current.cause;
    } else {
      current = undefined;
    }
  }
  return out;
}

/** One request the session made. */
export interface SeenRequest {
  readonly url: URL;
  readonly method: string;
  readonly authorization: string | null;
  readonly orgId: string | null;
  readonly cloudOrgId: string | null;
  readonly form: URLSearchParams | null;
}

/** Answers instead of the network when it returns a Response. */
export type Intercept = (request: SeenRequest) => Response | undefined;

/**
 * Global fetch that records every request, lets a test answer some of them itself, and feeds the
 * leak guard with every token in headers, form bodies and OAuth answers.
 */
export function recordingFetch(guard: LeakGuard) {
  const requests: SeenRequest[] = [];
  const state: { intercept: Intercept | null } = { intercept: null };
  const fetcher: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init?.headers);
    const form = typeof init?.body === 'string' ? new URLSearchParams(init.body) : null;
    const seen: SeenRequest = {
      url,
      method: init?.method ?? 'GET',
      authorization: headers.get('authorization'),
      orgId: headers.get('x-org-id'),
      cloudOrgId: headers.get('x-cloud-org-id'),
      form,
    };
    requests.push(seen);
    guard.saw(seen.authorization?.split(' ')[1]);
    for (const name of ['code', 'code_verifier', 'refresh_token', 'access_token', 'device_code']) {
      guard.saw(form?.get(name));
    }
    const canned = state.intercept?.(seen);
    const response = canned ?? (await fetch(input, init));
    if (url.pathname.startsWith('/oauth/')) {
      const body = await response
        .clone()
        .json()
        .catch(() => null);
      if (body && typeof body === 'object') {
        for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
          if (/token|code/.test(key) && key !== 'user_code' && typeof value === 'string') {
            guard.saw(value);
          }
        }
      }
    }
    return response;
  };
  return {
    fetch: fetcher,
    requests,
    set intercept(fn: Intercept | null) {
      state.intercept = fn;
    },
    /** Refresh-token grants sent to the token endpoint. */
    refreshes: () =>
      requests.filter(
        (r) => r.url.pathname.endsWith('/token') && r.form?.get('grant_type') === 'refresh_token',
      ),
    /** Requests to the Tracker API. */
    api: () => requests.filter((r) => /^\/v[23]\//.test(r.url.pathname)),
    /** Requests to the OAuth server. */
    oauth: () => requests.filter((r) => r.url.pathname.startsWith('/oauth/')),
  };
}

export type RecordingFetch = ReturnType<typeof recordingFetch>;

/**
 * A scripted system browser for an emulator started with `autoApprove`: /authorize answers with a
 * 302 straight to the loopback callback, which it then loads. Runs in the background like a real
 * browser. `hang` makes it open nothing and never finish (the user walked away).
 */
export function scriptedBrowser(guard: LeakGuard, mode: 'follow' | 'hang' = 'follow') {
  const seen: {
    opened: string[];
    callbackStatus?: number;
    error?: unknown;
  } = { opened: [] };
  const openExternal = async (url: string): Promise<void> => {
    seen.opened.push(url);
    guard.saw(new URL(url).searchParams.get('state'));
    guard.saw(new URL(url).searchParams.get('code_challenge'));
    if (mode === 'hang') return new Promise<void>(() => undefined);
    void (async () => {
      const page = await fetch(url, { redirect: 'manual' });
      const location = page.headers.get('location');
      if (page.status !== 302 || !location) throw new Error(`authorize answered ${page.status}`);
      guard.saw(new URL(location).searchParams.get('code'));
      const callback = await fetch(location, { redirect: 'manual' });
      seen.callbackStatus = callback.status;
      await callback.text();
    })().catch((error: unknown) => {
      seen.error = error;
    });
  };
  return { openExternal, seen };
}

/** Records `auth.changed` payloads; any payload that breaks the contract is recorded as a violation. */
export function eventRecorder() {
  const changes: AuthState[] = [];
  const violations: string[] = [];
  const emitter: EventEmitter = {
    emit<E extends EventChannel>(channel: E, payload: EventPayload<E>): void {
      if (!v.safeParse(eventContract[channel], payload).success) violations.push(channel);
      if (channel === 'auth.changed') changes.push(payload as AuthState);
    },
  };
  return { emitter, changes, violations };
}

/** The auth config the session tests use, pointing at `oauthBase`. */
export function authConfig(oauthBase: string): AuthConfig {
  return resolveAuthConfig(
    { TRACKER_OAUTH_BASE: oauthBase, TRACKER_CLIENT_ID: CLIENT_ID },
    { deviceId: DEVICE_ID, deviceName: 'test', loopbackPorts: [0] },
  );
}

/** One onClient call. */
export interface ClientCall {
  readonly client: TrackerClient | null;
  readonly account: AccountRecord | null;
  readonly clearCache: boolean;
}

/** Options of {@link createRig}. */
export interface RigOptions {
  readonly safeStorage?: SafeStorageLike | null;
  readonly weakOptIn?: boolean;
  /** Reuse a data folder (restart); a fresh one otherwise. */
  readonly dataDir?: string;
  readonly openExternal?: (url: string) => Promise<void>;
  /** The OAuth server; the emulator's by default. */
  readonly oauthBase?: string;
  readonly auth?: AuthConfig | null;
}

/** A session built with createSessionService over real parts, plus everything it did. */
export interface Rig {
  readonly session: SessionService;
  readonly changes: AuthState[];
  readonly violations: string[];
  readonly clientCalls: ClientCall[];
  readonly weakOptIns: boolean[];
  readonly secrets: SelectedSecretStore;
  readonly accounts: AccountIndex;
  readonly dataDir: string;
  readonly net: RecordingFetch;
}

/** Builds a session over the emulator. */
export async function createRig(
  emulator: Emulator,
  guard: LeakGuard,
  dirs: ReturnType<typeof tempDirs>,
  options: RigOptions = {},
): Promise<Rig> {
  const dataDir = options.dataDir ?? dirs.make();
  const net = recordingFetch(guard);
  const events = eventRecorder();
  const clientCalls: ClientCall[] = [];
  const weakOptIns: boolean[] = [];
  const secrets = await openSecretStore({
    safeStorage: options.safeStorage ?? null,
    platform: 'linux',
    dataDir,
    weakOptIn: options.weakOptIn ?? false,
    log: guard.log,
  });
  const accounts = new AccountIndex(dataDir);
  const deps: SessionDeps = {
    events: events.emitter,
    log: guard.log,
    fetch: net.fetch,
    openExternal: options.openExternal ?? scriptedBrowser(guard).openExternal,
    secrets,
    accounts,
    auth: options.auth === undefined ? authConfig(options.oauthBase ?? emulator.oauthBase) : null,
    apiBase: emulator.apiBase,
    language: () => 'en',
    async onClient(client, account, clearCache) {
      clientCalls.push({ client, account, clearCache });
    },
    saveWeakOptIn: (allow) => weakOptIns.push(allow),
  };
  return {
    session: createSessionService(deps),
    changes: events.changes,
    violations: events.violations,
    clientCalls,
    weakOptIns,
    secrets,
    accounts,
    dataDir,
    net,
  };
}

/** The emulator's OAuth tokens for the demo user, issued without a device id (a pasted token). */
export function pastedToken(emulator: Emulator, guard: LeakGuard): string {
  const { accessToken, refreshToken } = emulator.tokens.issue({
    uid: emulator.store.demoUid,
    clientId: CLIENT_ID,
    scopes: ['tracker:read', 'tracker:write'],
  });
  guard.saw(accessToken);
  guard.saw(refreshToken);
  return accessToken;
}

/**
 * The emulator's OAuth endpoints mounted on a server of their own with a 1 s device polling
 * interval (startEmulator does not expose `devicePollIntervalSec`), sharing the emulator's token
 * registry so the tokens it issues work against the emulator's API.
 */
export async function startShortDeviceOAuth(
  emulator: Emulator,
): Promise<{ oauthBase: string; oauth: OAuthHandler; close(): Promise<void> }> {
  const oauth = createOAuthHandler({
    tokens: emulator.tokens,
    basePath: '/oauth',
    users: (ref) => {
      const user = emulator.store.user(ref);
      return user ? { uid: user.uid, login: user.login, display: user.display.en } : undefined;
    },
    clients: OAUTH_CLIENTS,
    defaultUserUid: emulator.store.demoUid,
    devicePollIntervalSec: 1,
  });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    oauth.handle(req, res, url).then(
      (handled) => {
        if (!handled) res.writeHead(404).end();
      },
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    oauthBase: `http://127.0.0.1:${port}/oauth`,
    oauth,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** GET /v3/myself with an OAuth token in the emulator's 360 organization: the status. */
export async function myselfStatus(emulator: Emulator, accessToken: string): Promise<number> {
  const res = await fetch(`${emulator.apiBase}/v3/myself`, {
    headers: { Authorization: `OAuth ${accessToken}`, 'X-Org-ID': emulator.org.id },
  });
  await res.arrayBuffer();
  return res.status;
}

/** A workspace that only records what the session asked of it. */
export function fakeWorkspace() {
  let current: WorkspaceState = { status: 'none' };
  const calls: string[] = [];
  const workspace: WorkspaceService = {
    state: () => current,
    openDemo: async () => current,
    async openTracker(_client, user, org) {
      calls.push(`open ${user.login} ${org.kind}`);
      current = {
        status: 'ready',
        kind: 'tracker',
        user,
        org,
        counts: { assignedOpen: 0, total: 0 },
      };
      return current;
    },
    async closeTracker() {
      if (current.status === 'none') return current;
      calls.push('close');
      current = { status: 'none' };
      return current;
    },
    async close() {
      calls.push('close');
      current = { status: 'none' };
      return current;
    },
    client: () => null,
    dispose: async () => undefined,
  };
  return { workspace, calls };
}

/** A Platform for startSession: the emulator's bases, a recording fetch, the given safeStorage. */
export function fakePlatform(options: {
  readonly emulator: Emulator;
  readonly userData: string;
  readonly fetch: typeof globalThis.fetch;
  readonly safeStorage: SafeStorageLike | null;
  readonly openExternal?: (url: string) => Promise<void>;
}): Platform {
  return {
    host: 'web',
    identity: { name: 'Tracker Desktop', version: '0.0.0', locale: 'en-US', isPackaged: false },
    runtime: { platform: 'linux', arch: 'x64', versions: { node: process.versions.node } },
    paths: { userData: options.userData, logs: path.join(options.userData, 'logs') },
    appOrigin: 'http://127.0.0.1:1',
    ipc: { handle: () => undefined, removeHandler: () => undefined },
    senders: { isTrusted: () => true },
    renderers: { broadcast: () => undefined },
    network: { isOnline: () => true, onChange: () => () => undefined },
    fetch: options.fetch,
    openExternal: options.openExternal ?? (async () => undefined),
    safeStorage: options.safeStorage,
    env: {
      TRACKER_OAUTH_BASE: options.emulator.oauthBase,
      TRACKER_CLIENT_ID: CLIENT_ID,
      TRACKER_API_BASE: options.emulator.apiBase,
    },
    deviceName: 'test',
    lifecycle: {
      onSuspend: () => () => undefined,
      onResume: () => () => undefined,
      onWindowFocus: () => () => undefined,
    },
    desktop: createFakeDesktop(),
    updater: noUpdates('0.0.0'),
  };
}
