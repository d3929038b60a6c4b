/**
 * A workspace attached to an emulator, as the library tests need it: the emulator, a real cache in
 * a temporary folder, the sync running against it, the events main would emit (recorded), and a
 * switch for the network. Resolves once the first sync has succeeded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventChannel, EventPayload, SyncStatus } from '../../../../preload/contract.ts';
import { createTrackerClient, type TrackerClient } from '../../../../main/api/index.ts';
import { startEmulator, type Emulator } from '../../../../main/emulator/server.ts';
import type { EventEmitter } from '../../../../main/ipc/events.ts';
import { createWorkspaceData, type WorkspaceData } from '../../../../main/library/data.ts';
import type { Logger } from '../../../../main/log/types.ts';
import type { SyncConfig } from '../../../../main/sync/config.ts';
import { createRecordingLogger } from '../../../fakes/logger.ts';

/** What {@link attachWorkspace} gives a test. */
export interface AttachedWorkspace {
  readonly emulator: Emulator;
  readonly client: TrackerClient;
  readonly data: WorkspaceData;
  readonly events: EventEmitter;
  readonly log: Logger;
  /** Every `sync.changed` payload, oldest first. */
  readonly statuses: SyncStatus[];
  /** Every `issue.changed` key, oldest first. */
  readonly changed: string[];
  /** The network as the workspace sees it; tests flip it. */
  online: boolean;
  /** Detaches, stops the emulator and removes the folder. */
  close(): Promise<void>;
}

/** Polls `predicate` every 20 ms until it holds, failing after `ms`. */
export async function until(predicate: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Starts an emulator (400 issues, seed 9) and attaches a workspace to it. */
export async function attachWorkspace(
  options: { syncConfig?: () => Partial<SyncConfig> } = {},
): Promise<AttachedWorkspace> {
  const emulator = await startEmulator({ issues: 400, seed: 9 });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'library-'));
  const log = createRecordingLogger();
  const statuses: SyncStatus[] = [];
  const changed: string[] = [];
  const events: EventEmitter = {
    emit<E extends EventChannel>(channel: E, payload: EventPayload<E>) {
      if (channel === 'sync.changed') statuses.push(payload as SyncStatus);
      if (channel === 'issue.changed') changed.push((payload as { key: string }).key);
    },
  };
  const client = createTrackerClient({
    baseUrl: emulator.apiBase,
    fetch: globalThis.fetch,
    credentials: async () => ({ kind: 'oauth', token: emulator.token }),
    org: { kind: '360', id: emulator.org.id },
    log,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
  });
  const workspace: AttachedWorkspace = {
    emulator,
    client,
    events,
    log,
    statuses,
    changed,
    online: true,
    data: createWorkspaceData({
      userData: dir,
      events,
      log,
      online: () => workspace.online,
      ...(options.syncConfig ? { syncConfig: options.syncConfig } : {}),
    }),
    async close() {
      await workspace.data.detach();
      await emulator.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await workspace.data.attach(client, 'demo-account');
  await until(() => statuses.some((s) => s.lastSuccessAt !== null));
  return workspace;
}
