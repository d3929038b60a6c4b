/**
 * The open workspace's data end to end: sync from the emulator into a real SQLite cache, then every
 * read channel answers from the cache, also after the emulator (the network) is gone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventChannel, EventPayload, SyncStatus } from '../../../../preload/contract.ts';
import { createTrackerClient } from '../../../../main/api/index.ts';
import { startEmulator, type Emulator } from '../../../../main/emulator/server.ts';
import type { EventEmitter } from '../../../../main/ipc/events.ts';
import { createWorkspaceData, type WorkspaceData } from '../../../../main/library/data.ts';
import { createLibraryService, type LibraryService } from '../../../../main/library/service.ts';
import { createRecordingLogger } from '../../../fakes/logger.ts';

let emulator: Emulator;
let data: WorkspaceData;
let library: LibraryService;
let dir: string;
let online = true;
const statuses: SyncStatus[] = [];
const changed: string[] = [];

async function until(predicate: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  emulator = await startEmulator({ issues: 400, seed: 9 });
  dir = mkdtempSync(path.join(os.tmpdir(), 'library-'));
  const log = createRecordingLogger();
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
  data = createWorkspaceData({ userData: dir, events, log, online: () => online });
  library = createLibraryService({
    cache: () => data.cache(),
    client: () => client,
    online: () => online,
    events,
    log,
  });
  await data.attach(client, 'demo-account');
  await until(() => statuses.some((s) => s.lastSuccessAt !== null));
}, 60_000);

afterAll(async () => {
  await data.detach();
  await emulator.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('workspace data', () => {
  it('syncs the scope into the cache with progress on the way', () => {
    const demo = emulator.store.demoUid;
    const assigned = emulator.store
      .allIssues()
      .filter((issue) => issue.assigneeUid === demo)
      .map((issue) => issue.key)
      .sort();
    const listed = library.list({ scope: 'assigned', offset: 0, limit: 1000 });
    expect(listed.rows.map((row) => row.key).sort()).toEqual(assigned);
    expect(listed.total).toBe(assigned.length);
    expect(statuses.some((s) => s.state === 'syncing' && s.progress !== undefined)).toBe(true);
    expect(statuses.at(-1)).toMatchObject({ state: 'idle' });
    expect(changed.length).toBeGreaterThan(0);
  });

  it('answers every read channel from the cache after the network is gone', async () => {
    const first = library.list({
      scope: 'all',
      offset: 0,
      limit: 5,
      sort: { field: 'updated', direction: 'desc' },
    });
    expect(first.rows.length).toBe(5);
    const key = first.rows[0]?.key ?? '';
    const word = (first.rows[0]?.summary ?? '').split(/\s+/).find((w) => w.length > 4) ?? key;
    await emulator.close();
    online = false;
    data.setOnline(false);

    const again = library.list({
      scope: 'all',
      offset: 0,
      limit: 5,
      sort: { field: 'updated', direction: 'desc' },
    });
    expect(again.rows.map((row) => row.key)).toEqual(first.rows.map((row) => row.key));
    const hits = library.search({ text: word, limit: 20 });
    expect(hits.hits.length).toBeGreaterThan(0);
    const detail = await library.get(key);
    expect(detail.issue.key).toBe(key);
    expect(detail.webUrl).toContain(key);
    expect(Array.isArray(library.comments(key))).toBe(true);
    expect(data.status()).toMatchObject({ online: false });
  });
});
