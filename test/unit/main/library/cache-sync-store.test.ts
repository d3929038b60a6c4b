/** The SQLite cache's adapter honours the sync port's contract, like the memory store does. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { openCache, type TrackerCache } from '../../../../main/cache/index.ts';
import { cacheSyncStore } from '../../../../main/library/cache-sync-store.ts';
import { createLogger } from '../../../../main/log/index.ts';
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
