/**
 * The issue browser's reads against the emulator: opening an issue brings its links, attachments
 * and changelog into the cache; Tracker queries run on the server (and fail cleanly offline or on a
 * bad query); the dictionaries are filled at attach; image attachments are served, kept on disk and shown offline; and changed sync
 * settings apply to the running sync.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../../main/emulator/server.ts';
import type { WorkspaceData } from '../../../../main/library/data.ts';
import { createAttachmentImages, type AttachmentImages } from '../../../../main/library/images.ts';
import { createLibraryService, type LibraryService } from '../../../../main/library/service.ts';
import type { SyncConfig } from '../../../../main/sync/config.ts';
import { attachWorkspace, until, type AttachedWorkspace } from './attached-workspace.ts';

let workspace: AttachedWorkspace;
let emulator: Emulator;
let data: WorkspaceData;
let library: LibraryService;
let images: AttachmentImages;
let syncConfig: Partial<SyncConfig> = { scopes: ['assigned', 'opened'], pinnedQueues: [] };
let changed: string[];

beforeAll(async () => {
  workspace = await attachWorkspace({ syncConfig: () => syncConfig });
  ({ emulator, data, changed } = workspace);
  const deps = {
    cache: () => data.cache(),
    client: () => workspace.client,
    online: () => workspace.online,
    log: workspace.log,
  };
  library = createLibraryService({ ...deps, events: workspace.events });
  images = createAttachmentImages(deps);
}, 60_000);

afterAll(() => workspace.close());

/** An issue with links, a PNG and a non-image attachment, and history. */
function richIssue() {
  const found = emulator.store
    .allIssues()
    .map((issue) => issue.key)
    .find((key) => {
      const files = emulator.store.attachments(key);
      return (
        emulator.store.links(key).length > 0 &&
        files.some((a) => a.mimetype === 'image/png') &&
        files.some((a) => !a.mimetype.startsWith('image/')) &&
        emulator.store.changelog(key).length > 1
      );
    });
  if (!found) throw new Error('the seed has no issue with links, images and documents');
  return found;
}

describe('issue extras', () => {
  it('fetches links, attachments and the changelog when an issue is opened', async () => {
    const key = richIssue();
    expect(library.extras(key)).toEqual({ links: [], attachments: [], activity: [] });
    const detail = await library.get(key);
    expect(detail.issue.key).toBe(key);
    const extras = library.extras(key);
    const links = emulator.store.links(key);
    expect(extras.links.map((l) => l.id).sort()).toEqual(links.map((l) => String(l.id)).sort());
    for (const link of extras.links) {
      expect(link.relation).not.toBe('');
      expect(link.key).toMatch(/^[A-Z][A-Z0-9_]*-\d+$/);
      expect(link.summary).toBe(emulator.store.getIssue(link.key)?.summary);
      expect(link.status?.key).toBe(emulator.store.getIssue(link.key)?.statusKey);
    }
    const files = emulator.store.attachments(key);
    expect(extras.attachments.map((a) => a.name).sort()).toEqual(files.map((a) => a.name).sort());
    expect(extras.attachments.every((a) => a.author !== null && a.createdAt !== null)).toBe(true);
    expect(extras.activity).toHaveLength(emulator.store.changelog(key).length);
    expect(extras.activity.map((a) => a.at)).toEqual([...extras.activity.map((a) => a.at)].sort());
    expect(extras.activity.some((a) => a.fields.length > 0)).toBe(true);
    for (const entry of extras.activity) {
      for (const field of entry.fields) {
        expect(typeof field.field).toBe('string');
        expect(field.from === null || typeof field.from === 'string').toBe(true);
      }
    }
  });

  it('refreshes the extras of a cached issue in the background, then emits issue.changed', async () => {
    const key = library.list({ scope: 'assigned', offset: 0, limit: 1 }).rows[0]?.key ?? '';
    expect(library.extras(key).activity).toEqual([]);
    const before = changed.length;
    await library.get(key);
    await until(() => changed.slice(before).includes(key));
    expect(library.extras(key).activity.length).toBe(emulator.store.changelog(key).length);
  });
});

describe('Tracker queries', () => {
  it('fills the queues, statuses and priorities the picker and the chips name', async () => {
    await until(() => (data.cache()?.listDictionary('queues').length ?? 0) > 0);
    const cache = data.cache()!;
    const queues = cache.listDictionary('queues').map((row) => row.key);
    expect(queues.sort()).toEqual(
      emulator.store
        .queues()
        .map((q) => q.key)
        .sort(),
    );
    expect(cache.listDictionary('statuses').length).toBe(emulator.store.statuses().length);
    expect(cache.listDictionary('priorities').length).toBeGreaterThan(0);
  });

  it('runs a query on the server without caching the results', async () => {
    const queue = emulator.store.allIssues()[0]?.queueKey ?? '';
    const inQueue = emulator.store.allIssues().filter((issue) => issue.queueKey === queue);
    const result = await library.query({ query: `Queue: ${queue}`, limit: 3 });
    expect(result.total).toBe(inQueue.length);
    expect(result.rows).toHaveLength(Math.min(3, inQueue.length));
    const row = result.rows[0];
    expect(row?.queue).toBe(queue);
    expect(row?.status).not.toBeNull();
    const source = emulator.store.getIssue(row?.key ?? '');
    expect(row?.summary).toBe(source?.summary);
    const cached = data.cache()?.getIssue(row?.key ?? '');
    // Only an issue some scope already held is in the cache; a query adds nothing.
    if (cached) expect(cached.scopes.length).toBeGreaterThan(0);
    // More than one page of hits: paged up to the limit, the total from the server.
    const many = await library.query({ query: 'Status: !closed', limit: 150 });
    expect(many.rows).toHaveLength(Math.min(150, many.total));
    expect(many.total).toBeGreaterThan(150);
    expect(new Set(many.rows.map((r) => r.key)).size).toBe(many.rows.length);
    const total = data.cache()?.counts().issues;
    await library.query({ query: 'Queue: ' + queue, limit: 50 });
    expect(data.cache()?.counts().issues).toBe(total);
  });

  it('passes Tracker’s message on for a bad query', async () => {
    const failure = await library.query({ query: 'Status: ((', limit: 5 }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'E_BAD_REQUEST' });
    // Tracker's own words, not the generic sentence for a rejected request.
    expect((failure as Error).message).not.toBe('Tracker did not accept this query.');
    expect((failure as Error).message).not.toBe('Tracker rejected the request.');
    expect((failure as Error).message.length).toBeGreaterThan(0);
  });
});

describe('image attachments', () => {
  it('serves a PNG, refuses documents and other issues’ attachments', async () => {
    const key = richIssue();
    await library.get(key);
    const png = emulator.store.attachments(key).find((a) => a.mimetype === 'image/png');
    const doc = emulator.store.attachments(key).find((a) => !a.mimetype.startsWith('image/'));
    const image = await images.image(key, String(png?.id));
    expect(image.mimetype).toBe('image/png');
    expect(image.dataUrl.startsWith('data:image/png;base64,iVBORw0KGgo')).toBe(true);
    await expect(images.image(key, String(doc?.id))).rejects.toMatchObject({
      code: 'E_BAD_REQUEST',
    });
    const other = library.list({ scope: 'assigned', offset: 0, limit: 1 }).rows[0]?.key ?? '';
    await expect(images.image(other, String(png?.id))).rejects.toMatchObject({
      code: 'E_NOT_FOUND',
    });
  });
});

describe('sync settings applied live', () => {
  it('syncs a newly pinned queue at once and forgets a dropped scope', async () => {
    // The config at attach applied: only the scopes it named were synced.
    expect(data.cache()?.knownScopes()).toContain('assigned');
    expect(data.cache()?.knownScopes()).not.toContain('followed');
    const queue = emulator.store.allIssues()[0]?.queueKey ?? '';
    syncConfig = { scopes: ['assigned', 'opened'], pinnedQueues: [queue] };
    data.syncConfigChanged({ scopes: true, interval: false });
    await until(() => data.cache()?.knownScopes().includes(`queue:${queue}`) ?? false);
    await until(() => data.status().state === 'idle');
    const inQueue = emulator.store.allIssues().filter((issue) => issue.queueKey === queue).length;
    expect(library.facets(`queue:${queue}`).queues).toEqual([
      expect.objectContaining({ key: queue, count: inQueue }),
    ]);
    syncConfig = { scopes: ['opened'], pinnedQueues: [queue] };
    data.syncConfigChanged({ scopes: true, interval: false });
    await until(() => !(data.cache()?.knownScopes().includes('assigned') ?? true));
    expect(library.list({ scope: 'assigned', offset: 0, limit: 5 }).total).toBe(0);
  });
});

describe('offline', () => {
  it('shows an image seen before, refuses one never downloaded, and refuses queries', async () => {
    const key = richIssue();
    const png = emulator.store.attachments(key).find((a) => a.mimetype === 'image/png');
    // Another issue opened (so its attachments are listed) whose image was never shown.
    const unseen = emulator.store
      .allIssues()
      .filter((issue) => issue.key !== key)
      .flatMap((issue) =>
        emulator.store
          .attachments(issue.key)
          .filter((a) => a.mimetype === 'image/png')
          .map((a) => ({ key: issue.key, id: String(a.id) })),
      )[0];
    await library.get(unseen?.key ?? '');
    await until(() => library.extras(unseen?.key ?? '').attachments.length > 0);
    await emulator.close();
    workspace.online = false;
    data.setOnline(false);
    await expect(images.image(key, String(png?.id))).resolves.toMatchObject({
      mimetype: 'image/png',
    });
    expect(unseen).toBeDefined();
    await expect(images.image(unseen?.key ?? '', unseen?.id ?? '')).rejects.toMatchObject({
      code: 'E_OFFLINE',
    });
    await expect(library.query({ query: 'Queue: X', limit: 5 })).rejects.toMatchObject({
      code: 'E_OFFLINE',
    });
  });
});
