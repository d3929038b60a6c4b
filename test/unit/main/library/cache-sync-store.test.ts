/** The SQLite cache's adapter honours the sync port's contract, like the memory store does. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openCache, type TrackerCache } from '../../../../main/cache/index.ts';
import { cacheSyncStore } from '../../../../main/library/cache-sync-store.ts';
import type { SyncCommitChanges } from '../../../../main/library/commit-changes.ts';
import { createLogger } from '../../../../main/log/index.ts';
import { issue } from '../cache/fixtures.ts';
import { syncStoreContract } from '../sync/store-contract.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'cache-sync-store-'));
const open: TrackerCache[] = [];
let n = 0;

afterEach(() => {
  for (const cache of open.splice(0)) cache.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

syncStoreContract('sqlite cache', () => {
  const { cache } = openCache({
    file: path.join(dir, `cache-${++n}.sqlite`),
    log: createLogger({ sinks: [] }),
  });
  open.push(cache);
  return cacheSyncStore(cache);
});

describe('cache sync store: the commit hook', () => {
  function hooked(catchingUp: boolean) {
    const { cache } = openCache({
      file: path.join(dir, `cache-${++n}.sqlite`),
      log: createLogger({ sinks: [] }),
    });
    open.push(cache);
    const seen: SyncCommitChanges[] = [];
    const after: string[] = [];
    const store = cacheSyncStore(cache, {
      catchingUp: () => catchingUp,
      onCommit: (commit) => {
        seen.push(commit);
        return () => after.push(commit.scope);
      },
    });
    return { store, seen, after };
  }
  const watermark = { updatedAt: 10, complete: true };

  it('tells first and incremental runs apart, with the issue before and after', () => {
    const { store, seen, after } = hooked(false);
    store.commitPage({
      scope: 'assigned',
      issues: [issue('Q-1', { assignee: 'anna' })],
      watermark,
    });
    store.commitPage({
      scope: 'assigned',
      issues: [issue('Q-1', { assignee: 'me', version: 2, summary: 'Now mine' })],
      watermark,
    });
    expect(seen.map((c) => c.run)).toEqual(['first', 'incremental']);
    expect(seen[1]?.changes[0]?.before?.assignee?.id).toBe('anna');
    expect(seen[1]?.changes[0]?.after).toMatchObject({
      key: 'Q-1',
      summary: 'Now mine',
      assignee: { id: 'me' },
      version: 2,
    });
    expect(after).toEqual(['assigned', 'assigned']);
  });

  it('treats every page as a first run while catching up after a rebuilt cache', () => {
    const { store, seen } = hooked(true);
    store.commitPage({ scope: 'assigned', issues: [issue('Q-1')], watermark });
    store.commitPage({ scope: 'assigned', issues: [issue('Q-1', { version: 2 })], watermark });
    expect(seen.map((c) => c.run)).toEqual(['first', 'first']);
  });

  it('commits the page even when the hook throws', () => {
    const { cache } = openCache({
      file: path.join(dir, `cache-${++n}.sqlite`),
      log: createLogger({ sinks: [] }),
    });
    open.push(cache);
    const store = cacheSyncStore(cache, {
      onCommit: () => {
        throw new Error('boom');
      },
    });
    const result = store.commitPage({ scope: 'assigned', issues: [issue('Q-1')], watermark });
    expect(result.changed).toEqual(['Q-1']);
    expect(cache.getIssue('Q-1')).toBeDefined();
  });
});
