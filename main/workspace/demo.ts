/**
 * The demo workspace: the Tracker emulator started in-process with seeded data and gentle activity,
 * signed in as its demo user through the real API client, so the whole app works with no account.
 */
import { createTrackerClient, type TrackerClient } from '../api/index.ts';
import type { Logger } from '../log/types.ts';
import { startEmulator, type Emulator } from '../emulator/server.ts';

/** A running demo: the emulator and a client signed in to it. */
export interface DemoWorkspace {
  readonly emulator: Emulator;
  readonly client: TrackerClient;
  close(): Promise<void>;
}

/** Options of {@link openDemoWorkspace}. */
export interface DemoOptions {
  readonly fetch: typeof globalThis.fetch;
  readonly log: Logger;
  readonly language: () => 'ru' | 'en';
  /** Seeded issues (default 2,000). */
  readonly issues?: number;
  /** Simulated events per minute (default 4: a gentle trickle to sync and notify on). */
  readonly activity?: number;
  /**
   * Also seed the hostile-content corpus (the `HOSTILE` queue, main/emulator/hostile.ts). For
   * security tests in the Node host only; off by default.
   */
  readonly hostileCorpus?: boolean;
}

/** Starts the emulator on a free loopback port and builds a client with its demo token. */
export async function openDemoWorkspace(options: DemoOptions): Promise<DemoWorkspace> {
  const emulator = await startEmulator({
    issues: options.issues ?? 2000,
    seed: 1,
    activity: options.activity ?? 4,
    autoApprove: true,
    hostileCorpus: options.hostileCorpus ?? false,
    log: options.log.child({ scope: 'emulator' }),
  });
  const client = createTrackerClient({
    baseUrl: emulator.apiBase,
    fetch: options.fetch,
    credentials: async () => ({ kind: 'oauth', token: emulator.token }),
    org: { kind: '360', id: emulator.org.id },
    language: options.language,
    log: options.log.child({ scope: 'api' }),
  });
  return { emulator, client, close: () => emulator.close() };
}
