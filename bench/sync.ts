/**
 * Sync benchmark: the real client and sync engine against an in-process emulator on loopback,
 * writing into a SQLite cache through the production adapter. Measures the initial sync of a
 * 10,000-issue world (every queue pinned, so every issue is in scope), one incremental run after
 * 10 issues changed among 50,000 cached, the open time and memory of a process holding the
 * 50,000-issue cache, and (through {@link runCacheBench}) search and list-page times over 50,000
 * issues and 200,000 comments. Median over a few rounds; it is a measurement, never a pass/fail test.
 * Built as `out/harness/bench-sync.js`; the work is in {@link runSyncBench}. Figures go to
 * `bench/results/sync.json` (and `cache.json`) under the working directory.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createTrackerClient, type TrackerClient } from '../main/api/index.ts';
import { openCache } from '../main/cache/index.ts';
import { NO_FAULTS } from '../main/emulator/http/faults.ts';
import { startEmulator, type Emulator } from '../main/emulator/server.ts';
import { cacheSyncStore } from '../main/library/cache-sync-store.ts';
import { createLogger } from '../main/log/index.ts';
import { createSyncEngine, type SyncConfig, type SyncRunResult } from '../main/sync/index.ts';
import { runCacheBench, type CacheBenchResult } from './cache.ts';
import { summarize, type Summary, isEntryPoint } from './stats.ts';

/** Options of {@link runSyncBench}. */
export interface SyncBenchOptions {
  /** Issues in the initial-sync world; default 10,000. */
  readonly initialIssues?: number;
  /** Issues cached before the incremental run; default 50,000. */
  readonly cachedIssues?: number;
  /** Issues changed before each incremental run; default 10. */
  readonly changed?: number;
  /** Rounds of the initial sync (slow); default 3. */
  readonly initialRounds?: number;
  /** Rounds of the incremental run; default 7. */
  readonly incrementalRounds?: number;
  /** Rounds of the cache open; default 7. */
  readonly openRounds?: number;
  /** Also run the cache bench (search / list over 50,000 + 200,000); default true. */
  readonly cacheBench?: boolean;
  /** Folder for sync.json / cache.json; default `bench/results` (undefined-free: '' skips). */
  readonly resultsDir?: string;
  readonly seed?: number;
  /** Where the report goes; default stdout. */
  readonly print?: (line: string) => void;
}

/** One measured case. */
export interface SyncBenchCase {
  readonly name: string;
  readonly unit: 'ms' | 'MiB';
  readonly summary: Summary;
  /** Which statistic the target applies to (and the README reports). */
  readonly statistic: 'median' | 'p95';
  /** The issue's target, when it sets one. */
  readonly target?: number;
  readonly meetsTarget?: boolean;
  readonly detail?: Record<string, number | string>;
}

/** Everything {@link runSyncBench} measured. */
export interface SyncBenchResult {
  readonly machine: { readonly cpus: number; readonly node: string; readonly platform: string };
  readonly cases: readonly SyncBenchCase[];
  readonly cache?: CacheBenchResult;
}

const quiet = () => createLogger({ level: 'error', sinks: [] });

function clientFor(emulator: Emulator): TrackerClient {
  return createTrackerClient({
    baseUrl: emulator.apiBase,
    fetch: globalThis.fetch,
    credentials: async () => ({ kind: 'oauth', token: emulator.token }),
    org: { kind: '360', id: emulator.org.id },
    language: () => 'en',
    log: quiet(),
  });
}

/** Pins every queue of the world (and no relation scope), so the whole world is in scope. */
function everyQueue(emulator: Emulator): Partial<SyncConfig> {
  const queues = [...new Set(emulator.store.allIssues().map((issue) => issue.queueKey))].sort();
  return { scopes: [], pinnedQueues: queues };
}

function changedKeys(result: SyncRunResult): Set<string> {
  return new Set(result.scopes.flatMap((scope) => scope.changed));
}

function commentRequests(result: SyncRunResult): number {
  return result.scopes.reduce((sum, scope) => sum + scope.commentRequests, 0);
}

/** A fresh temporary cache file (its folder is removed by the caller). */
function tempCacheFile(): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sync-bench-'));
  return { dir, file: path.join(dir, 'cache.sqlite') };
}

/** Runs a full sync of the emulator's world into `file`; returns the run and its time. */
async function fullSync(emulator: Emulator, file: string) {
  const log = quiet();
  const { cache } = openCache({ file, log });
  try {
    const engine = createSyncEngine({
      api: clientFor(emulator),
      store: cacheSyncStore(cache),
      config: everyQueue(emulator),
      log,
    });
    const started = performance.now();
    const result = await engine.run();
    const ms = performance.now() - started;
    return { ms, result, counts: cache.counts() };
  } finally {
    cache.close();
  }
}

/** RSS and heap of a fresh process that opens the cache and runs a few searches and lists. */
function measureMemory(file: string): { rss: number; heapUsed: number; openMs: number } {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--memory', file], {
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`memory probe failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as {
    rss: number;
    heapUsed: number;
    openMs: number;
  };
}

function memoryProbe(file: string): void {
  const log = quiet();
  const started = performance.now();
  const { cache } = openCache({ file, log });
  const openMs = performance.now() - started;
  const sort = { field: 'updated', direction: 'desc' } as const;
  for (const text of ['error', 'issue', 'sync', 'test', 'release']) cache.search({ text });
  for (const offset of [0, 1000, 25_000]) cache.listIssues({ sort, offset, limit: 50 });
  const { rss, heapUsed } = process.memoryUsage();
  cache.close();
  console.log(JSON.stringify({ rss, heapUsed, openMs }));
}

function makeCase(
  name: string,
  unit: SyncBenchCase['unit'],
  samples: number[],
  statistic: SyncBenchCase['statistic'],
  target: number | undefined,
  detail?: SyncBenchCase['detail'],
): SyncBenchCase {
  const summary = summarize(samples);
  return {
    name,
    unit,
    summary,
    statistic,
    ...(target === undefined ? {} : { target, meetsTarget: summary[statistic] < target }),
    ...(detail ? { detail } : {}),
  };
}

/** Initial sync of a fresh cache, `rounds` times against one emulator. */
async function initialSync(
  issues: number,
  rounds: number,
  seed: number,
  print: (l: string) => void,
) {
  const seeded = performance.now();
  const emulator = await startEmulator({ issues, seed, faults: NO_FAULTS });
  print(`  emulator with ${issues} issues seeded in ${(performance.now() - seeded).toFixed(0)} ms`);
  const samples: number[] = [];
  let detail: Record<string, number> = {};
  try {
    for (let round = 0; round < rounds; round += 1) {
      const { dir, file } = tempCacheFile();
      try {
        const requestsBefore = emulator.stats.requests;
        const { ms, result, counts } = await fullSync(emulator, file);
        if (counts.issues < issues * 0.95) {
          throw new Error(`initial sync cached ${counts.issues} of ${issues} issues`);
        }
        samples.push(ms);
        detail = {
          issues: counts.issues,
          comments: counts.comments,
          scopes: result.scopes.length,
          httpRequests: emulator.stats.requests - requestsBefore,
          commentRequests: commentRequests(result),
          fileBytes: statSync(file).size,
        };
        print(`  initial sync round ${round + 1}: ${ms.toFixed(0)} ms`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await emulator.close();
  }
  return { samples, detail };
}

/** Full sync of a big world (untimed), then incremental runs after `changed` issues changed. */
async function incrementalSync(
  issues: number,
  changed: number,
  rounds: number,
  openRounds: number,
  seed: number,
  print: (l: string) => void,
) {
  const seeded = performance.now();
  const emulator = await startEmulator({ issues, seed, faults: NO_FAULTS });
  print(`  emulator with ${issues} issues seeded in ${(performance.now() - seeded).toFixed(0)} ms`);
  const { dir, file } = tempCacheFile();
  try {
    const first = await fullSync(emulator, file);
    print(
      `  full sync of ${first.counts.issues} issues, ${first.counts.comments} comments (untimed): ${(first.ms / 1000).toFixed(1)} s`,
    );
    const log = quiet();
    const { cache } = openCache({ file, log });
    const samples: number[] = [];
    let detail: Record<string, number> = {};
    try {
      const engine = createSyncEngine({
        api: clientFor(emulator),
        // As in the app: the notifier's hook makes every page read the issues' previous state.
        store: cacheSyncStore(cache, { onCommit: () => undefined }),
        config: everyQueue(emulator),
        log,
      });
      await engine.run({ reconcile: false }); // settles anything the first pass left behind
      const all = emulator.store.allIssues();
      const actor = emulator.store.demoUid;
      for (let round = 0; round < rounds; round += 1) {
        // Spread the changed issues over the world: half edited, half edited and commented.
        const keys: string[] = [];
        for (let i = 0; i < changed; i += 1) {
          const issue = all[Math.floor(((round * changed + i) * 7919) % all.length)];
          if (issue) keys.push(issue.key);
        }
        keys.forEach((key, i) => {
          const now = Date.now();
          emulator.store.patchIssue(key, { summary: `bench ${round}.${i} ${key}` }, {}, actor, now);
          if (i % 2 === 1)
            emulator.store.addComment(key, { text: `bench comment ${round}` }, actor, now);
        });
        const requestsBefore = emulator.stats.requests;
        const started = performance.now();
        const result = await engine.run({ reconcile: false });
        const ms = performance.now() - started;
        const seen = changedKeys(result);
        const missed = keys.filter((key) => !seen.has(key));
        if (missed.length > 0) throw new Error(`incremental sync missed ${missed.join(', ')}`);
        samples.push(ms);
        detail = {
          cachedIssues: cache.counts().issues,
          cachedComments: cache.counts().comments,
          changedIssues: keys.length,
          scopes: result.scopes.length,
          fetched: result.scopes.reduce((sum, scope) => sum + scope.fetched, 0),
          httpRequests: emulator.stats.requests - requestsBefore,
          commentRequests: commentRequests(result),
        };
        print(`  incremental run ${round + 1}: ${ms.toFixed(1)} ms`);
      }
    } finally {
      cache.close();
    }
    const openSamples: number[] = [];
    for (let round = 0; round < openRounds; round += 1) {
      const started = performance.now();
      const opened = openCache({ file, log });
      openSamples.push(performance.now() - started);
      opened.cache.close();
    }
    const memory = measureMemory(file);
    return {
      samples,
      detail,
      openSamples,
      memory,
      fileBytes: statSync(file).size,
      benchRss: process.memoryUsage().rss,
    };
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function writeJson(dir: string, name: string, data: unknown): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, name), `${JSON.stringify(data, null, 2)}\n`);
}

/** Runs every case, prints a report, writes the JSON results and returns the figures. */
export async function runSyncBench(options: SyncBenchOptions = {}): Promise<SyncBenchResult> {
  const print = options.print ?? ((line: string) => console.log(line));
  const seed = options.seed ?? 1;
  const initialIssues = options.initialIssues ?? 10_000;
  const cachedIssues = options.cachedIssues ?? 50_000;
  const changed = options.changed ?? 10;
  const resultsDir = options.resultsDir ?? path.resolve('bench/results');
  const mib = (bytes: number) => bytes / 1048576;
  const machine = { cpus: cpus().length, node: process.versions.node, platform: process.platform };
  print(`Sync bench: ${machine.cpus} cores, Node ${machine.node}, emulator on loopback`);

  const cases: SyncBenchCase[] = [];
  const initial = await initialSync(initialIssues, options.initialRounds ?? 3, seed, print);
  cases.push(
    makeCase(
      `initial sync, ${initialIssues} issues`,
      'ms',
      initial.samples,
      'median',
      3000,
      initial.detail,
    ),
  );

  const inc = await incrementalSync(
    cachedIssues,
    changed,
    options.incrementalRounds ?? 7,
    options.openRounds ?? 7,
    seed,
    print,
  );
  cases.push(
    makeCase(
      `incremental sync, ${changed} changed of ${cachedIssues}`,
      'ms',
      inc.samples,
      'median',
      150,
      inc.detail,
    ),
  );
  cases.push(
    makeCase(`cache open, ${cachedIssues} issues`, 'ms', inc.openSamples, 'median', undefined, {
      fileBytes: inc.fileBytes,
      freshProcessOpenMs: Number(inc.memory.openMs.toFixed(1)),
    }),
  );
  cases.push(
    makeCase(
      `main process RSS, ${cachedIssues} issues cached`,
      'MiB',
      [mib(inc.memory.rss)],
      'median',
      200,
      {
        heapMiB: Number(mib(inc.memory.heapUsed).toFixed(1)),
        benchProcessWithEmulatorMiB: Number(mib(inc.benchRss).toFixed(1)),
      },
    ),
  );

  let cache: CacheBenchResult | undefined;
  if (options.cacheBench ?? true) {
    cache = runCacheBench({ print: () => {} });
    cases.push({
      name: `search, ${50_000} issues + ${200_000} comments`,
      unit: 'ms',
      summary: cache.search,
      statistic: 'p95',
    });
    cases.push({
      name: `list page, ${50_000} issues`,
      unit: 'ms',
      summary: cache.list,
      statistic: 'p95',
    });
    cases.push(
      makeCase('main process RSS, cache bench world', 'MiB', [mib(cache.rssBytes)], 'median', 200, {
        heapMiB: Number(mib(cache.heapBytes).toFixed(1)),
      }),
    );
  }

  print(
    `${'case'.padEnd(48)}${'median'.padStart(10)}${'p95'.padStart(10)}${'target'.padStart(12)}`,
  );
  for (const c of cases) {
    const target =
      c.target === undefined ? '—' : `${c.statistic === 'p95' ? 'p95' : 'med'} < ${c.target}`;
    print(
      `${`${c.name} (${c.unit})`.padEnd(48)}${c.summary.median.toFixed(1).padStart(10)}${c.summary.p95.toFixed(1).padStart(10)}${target.padStart(12)}${c.meetsTarget === false ? '  (missed)' : ''}`,
    );
  }
  const result: SyncBenchResult = { machine, cases, ...(cache ? { cache } : {}) };
  if (resultsDir !== '') {
    const measuredAt = new Date().toISOString();
    writeJson(resultsDir, 'sync.json', { measuredAt, machine, cases });
    if (cache) writeJson(resultsDir, 'cache.json', { measuredAt, machine, ...cache });
    print(`  results written to ${resultsDir}`);
  }
  return result;
}

if (isEntryPoint(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args[0] === '--memory' && args[1]) memoryProbe(args[1]);
  else {
    const [initialIssues, cachedIssues] = args.filter((a) => !a.startsWith('--')).map(Number);
    runSyncBench({
      initialIssues,
      cachedIssues,
      cacheBench: !args.includes('--no-cache'),
      ...(args.includes('--no-write') ? { resultsDir: '' } : {}),
    }).catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
  }
}
