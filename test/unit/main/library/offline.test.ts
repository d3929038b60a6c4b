/**
 * The open workspace's data end to end: sync from the emulator into a real SQLite cache, then every
 * read channel answers from the cache, also after the emulator (the network) is gone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../preload/contract.ts';
import type { Emulator } from '../../../../main/emulator/server.ts';
import type { WorkspaceData } from '../../../../main/library/data.ts';
import { createLibraryService, type LibraryService } from '../../../../main/library/service.ts';
import { attachWorkspace, type AttachedWorkspace } from './attached-workspace.ts';

let workspace: AttachedWorkspace;
let emulator: Emulator;
let data: WorkspaceData;
let library: LibraryService;
let statuses: SyncStatus[];
let changed: string[];

beforeAll(async () => {
  workspace = await attachWorkspace();
  ({ emulator, data, statuses, changed } = workspace);
  library = createLibraryService({
    cache: () => data.cache(),
    client: () => workspace.client,
    online: () => workspace.online,
    events: workspace.events,
    log: workspace.log,
  });
}, 60_000);

afterAll(() => workspace.close());

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
    workspace.online = false;
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
