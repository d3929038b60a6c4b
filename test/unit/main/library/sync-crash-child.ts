/**
 * Child process of sync-crash.test.ts: opens the cache and runs the real sync engine against the
 * parent's emulator until it is killed (or the sync finishes: prints `done`). Runs under Node's
 * type stripping: `node sync-crash-child.ts <cache file> <api base> <org id>`, token in
 * TRACKER_TOKEN.
 */
import { createTrackerClient } from '../../../../main/api/index.ts';
import { openCache } from '../../../../main/cache/index.ts';
import { cacheSyncStore } from '../../../../main/library/cache-sync-store.ts';
import { createLogger } from '../../../../main/log/index.ts';
import { createSyncEngine } from '../../../../main/sync/engine.ts';

const [file, apiBase, orgId] = process.argv.slice(2);
const token = process.env['TRACKER_TOKEN'];
if (!file || !apiBase || !orgId || !token) {
  throw new Error('usage: sync-crash-child.ts <file> <api base> <org id> (TRACKER_TOKEN set)');
}

const log = createLogger({ sinks: [] });
const { cache, recovered } = openCache({ file, log });
if (recovered) throw new Error(`cache was recovered: ${JSON.stringify(recovered)}`);
const client = createTrackerClient({
  baseUrl: apiBase,
  fetch: globalThis.fetch,
  credentials: async () => ({ kind: 'oauth', token }),
  org: { kind: '360', id: orgId },
  log,
  retry: { baseDelayMs: 1, maxDelayMs: 20, maxAttempts: 6 },
});
const engine = createSyncEngine({
  api: client,
  store: cacheSyncStore(cache),
  config: { scopes: ['assigned', 'followed', 'authored'], pinnedQueues: ['DOCS'], pageSize: 20 },
  log,
});
process.stdout.write('ready\n');
await engine.run();
cache.close();
process.stdout.write('done\n');
