/**
 * Wiring for the sync tests: an emulator on a fake clock, a real client over the real fetch that
 * records what it sent (with the search queries), instant retry sleeps, and what a scope should
 * hold computed straight from the emulator's store.
 */
import {
  createTrackerClient,
  type Clock,
  type TrackerClient,
  type TrackerClientOptions,
} from '../../../../main/api/index.ts';
import type { IssueRecord } from '../../../../main/emulator/model.ts';
import {
  startEmulator,
  type Emulator,
  type EmulatorOptions,
} from '../../../../main/emulator/server.ts';
import { createLogger, createMemorySink, type Logger } from '../../../../main/log/index.ts';
import type { MemorySyncStore } from '../../../../main/sync/memory-store.ts';
import type { ScopeId } from '../../../../main/sync/port.ts';
import type { SchedulerClock } from '../../../../main/sync/scheduler.ts';

export type { Emulator } from '../../../../main/emulator/server.ts';

/** The start of simulated time. */
export const T0 = Date.UTC(2025, 5, 2, 9, 0, 0);

/** A settable clock shared by the emulator and the engine. */
export interface TestClock {
  now: number;
  advance(ms: number): number;
}

/** An emulator whose clock the test moves; its activity timer is stopped (tests tick by hand). */
export interface World {
  readonly emulator: Emulator;
  readonly clock: TestClock;
}

/** Starts a seeded emulator on a fake clock. */
export async function startWorld(options: EmulatorOptions = {}): Promise<World> {
  const clock: TestClock = {
    now: T0,
    advance(ms) {
      this.now += ms;
      return this.now;
    },
  };
  const emulator = await startEmulator({
    issues: 600,
    seed: 7,
    clock: () => clock.now,
    ...options,
  });
  emulator.activity?.stop();
  return { emulator, clock };
}

/** One request the client sent. */
export interface Sent {
  readonly method: string;
  readonly url: URL;
  /** The `query` of a search body, when there was one. */
  readonly query?: string;
}

/** A silent logger (warnings kept in memory). */
export function quietLog(): Logger {
  return createLogger({ level: 'warn', sinks: [createMemorySink({ maxLines: 10_000 })] });
}

/** Retry sleeps that return at once, so fault tests do not wait. */
export function instantClock(): Clock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason;
      offset += ms;
      await new Promise((resolve) => setImmediate(resolve));
      if (signal?.aborted) throw signal.reason;
    },
  };
}

/** A client of `emulator` with fast retries, recording what it sends. */
export function connect(
  emulator: Emulator,
  overrides: Partial<TrackerClientOptions> = {},
): { client: TrackerClient; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetchImpl = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    let query: string | undefined;
    if (typeof init?.body === 'string') {
      const body = JSON.parse(init.body) as { query?: unknown };
      if (typeof body.query === 'string') query = body.query;
    }
    sent.push({ method: init?.method ?? 'GET', url, query });
    return globalThis.fetch(input, init);
  };
  const client = createTrackerClient({
    baseUrl: emulator.apiBase,
    fetch: fetchImpl as typeof fetch,
    credentials: async () => ({ kind: 'oauth', token: emulator.token }),
    org: { kind: '360', id: emulator.org.id },
    log: quietLog(),
    retry: { baseDelayMs: 1, maxDelayMs: 20, maxAttempts: 3 },
    clock: instantClock(),
    random: () => 0.5,
    ...overrides,
  });
  return { client, sent };
}

/** Comment-list requests among `sent`. */
export function commentRequests(sent: readonly Sent[]): Sent[] {
  return sent.filter((s) => /\/issues\/[^/]+\/comments$/.test(s.url.pathname));
}

/** Search requests among `sent` (pages and scroll). */
export function searchRequests(sent: readonly Sent[]): Sent[] {
  return sent.filter((s) => s.url.pathname.endsWith('/issues/_search'));
}

/** Whether an emulator issue belongs to `scope` for the demo user. */
export function inScope(emulator: Emulator, scope: ScopeId, issue: IssueRecord): boolean {
  const me = emulator.store.demoUid;
  switch (scope) {
    case 'assigned':
      return issue.assigneeUid === me;
    case 'followed':
      return issue.followerUids.includes(me);
    case 'authored':
      return issue.authorUid === me;
    case 'summoned':
      return issue.pendingReplyUids.includes(me);
    case 'favorites':
      return issue.favoritedByUids.includes(me);
    default:
      if (scope.startsWith('queue:')) return issue.queueKey === scope.slice(6);
      throw new Error(`no predicate for ${scope}`);
  }
}

/** key → version of the emulator's issues in any of `scopes`. */
export function expected(emulator: Emulator, scopes: readonly ScopeId[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const issue of emulator.store.allIssues()) {
    if (scopes.some((scope) => inScope(emulator, scope, issue))) out.set(issue.key, issue.version);
  }
  return out;
}

/** Sorted keys of the emulator's issues in `scope`. */
export function expectedKeys(emulator: Emulator, scope: ScopeId): string[] {
  return emulator.store
    .allIssues()
    .filter((issue) => inScope(emulator, scope, issue))
    .map((issue) => issue.key)
    .sort();
}

/** key → version of what the store holds. */
export function held(store: MemorySyncStore): Map<string, number> {
  return new Map([...store.issueState(store.keys())].map(([key, s]) => [key, s.version ?? -1]));
}

/** A map as sorted entries (readable diffs in failures). */
export function entries(map: ReadonlyMap<string, number>): [string, number][] {
  return [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Some licensed colleague of the demo user in a queue (an actor for direct store mutations). */
export function colleague(emulator: Emulator, queueKey: string): { uid: number; login: string } {
  const queue = emulator.store.queue(queueKey);
  const uid = queue?.teamUids.find((u) => {
    const user = emulator.store.user(u);
    return u !== emulator.store.demoUid && user?.hasLicense && !user.dismissed;
  });
  const user = uid === undefined ? undefined : emulator.store.user(uid);
  if (!user) throw new Error(`no colleague in ${queueKey}`);
  return { uid: user.uid, login: user.login };
}

/** Timers that fire only when the test advances time. */
export class FakeClock implements SchedulerClock {
  time = 1_000_000;
  #id = 0;
  readonly #timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = ++this.#id;
    this.#timers.set(id, { at: this.time + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  get pending(): number {
    return this.#timers.size;
  }

  /** Moves time forward, firing due timers in order and letting their work settle. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await flush();
      const due = [...this.#timers]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at);
      const first = due[0];
      if (!first) break;
      this.#timers.delete(first[0]);
      this.time = first[1].at;
      first[1].callback();
    }
    this.time = end;
    await flush();
  }
}

/** Lets promise chains and I/O callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
