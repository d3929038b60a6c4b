/**
 * Tracker API fetch benchmark: the real client against an in-process emulator holding 12,000
 * issues, fetching every issue that matches a query selecting all of them, by page pagination
 * (perPage 1000 and 100) and by scroll (perScroll 1000). Reports the median and p95 time of a full
 * fetch over several rounds after a warm-up; it is a measurement, never a pass/fail test.
 * Built as `out/harness/bench-api.js`; the work is in {@link runApiBench}.
 */
import { performance } from 'node:perf_hooks';
import { createTrackerClient, type TrackerClient } from '../main/api/index.ts';
import { NO_FAULTS } from '../main/emulator/http/faults.ts';
import { startEmulator } from '../main/emulator/server.ts';
import { createLogger } from '../main/log/index.ts';
import { summarize, type Summary, isEntryPoint } from './stats.ts';

/** Options of {@link runApiBench}. */
export interface ApiBenchOptions {
  /** Issues in the emulated world; default 12,000 (past the 10,000 page-pagination mark). */
  readonly issues?: number;
  /** Measured rounds per case, after one warm-up; default 5. */
  readonly rounds?: number;
  readonly seed?: number;
  /** Where the table goes; default stdout. */
  readonly print?: (line: string) => void;
}

/** One measured case. */
export interface ApiBenchResult {
  readonly name: string;
  /** Issues fetched per round. */
  readonly issues: number;
  /** Milliseconds per full fetch. */
  readonly summary: Summary;
  /** Issues per second at the median. */
  readonly issuesPerSecond: number;
}

/** A query the emulator accepts that selects every issue. */
const EVERYTHING = { query: 'Created: >= "2000-01-01"' } as const;

interface BenchCase {
  readonly name: string;
  /** Fetches everything once; resolves to the ids seen. */
  run(client: TrackerClient): Promise<string[]>;
}

async function ids(pages: AsyncIterable<{ items: readonly { id: string }[] }>): Promise<string[]> {
  const out: string[] = [];
  for await (const page of pages) for (const issue of page.items) out.push(issue.id);
  return out;
}

const CASES: readonly BenchCase[] = [
  {
    name: 'pages, perPage 1000',
    run: (client) => ids(client.issues.search(EVERYTHING, { perPage: 1000 })),
  },
  {
    name: 'pages, perPage 100',
    run: (client) => ids(client.issues.search(EVERYTHING, { perPage: 100 })),
  },
  {
    name: 'scroll, perScroll 1000',
    run: (client) => ids(client.issues.searchScroll(EVERYTHING, { perScroll: 1000 })),
  },
];

/** Formats the result table (one line per case, plus a header). */
export function formatTable(results: readonly ApiBenchResult[]): string[] {
  const header = `${'case'.padEnd(26)}${'issues'.padStart(8)}${'median ms'.padStart(11)}${'p95 ms'.padStart(9)}${'issues/s'.padStart(10)}`;
  return [
    header,
    ...results.map(
      (r) =>
        `${r.name.padEnd(26)}${String(r.issues).padStart(8)}${r.summary.median.toFixed(0).padStart(11)}${r.summary.p95.toFixed(0).padStart(9)}${r.issuesPerSecond.toFixed(0).padStart(10)}`,
    ),
  ];
}

/** Runs every case against a fresh emulator and prints the table; resolves to the figures. */
export async function runApiBench(options: ApiBenchOptions = {}): Promise<ApiBenchResult[]> {
  const issues = options.issues ?? 12_000;
  const rounds = Math.max(1, options.rounds ?? 5);
  const print = options.print ?? ((line: string) => console.log(line));
  const seeded = performance.now();
  const emulator = await startEmulator({ issues, seed: options.seed ?? 1, faults: NO_FAULTS });
  const seedMs = performance.now() - seeded;
  const results: ApiBenchResult[] = [];
  try {
    const client = createTrackerClient({
      baseUrl: emulator.apiBase,
      fetch: globalThis.fetch,
      credentials: async () => ({ kind: 'oauth', token: emulator.token }),
      org: { kind: '360', id: emulator.org.id },
      language: () => 'en',
      log: createLogger({ level: 'error', sinks: [] }),
    });
    const expected = await client.issues.count(EVERYTHING);
    if (expected < 10_000) throw new Error(`the query selects only ${expected} issues`);
    for (const bench of CASES) {
      const samples: number[] = [];
      for (let round = 0; round <= rounds; round++) {
        const started = performance.now();
        const seen = await bench.run(client);
        const elapsed = performance.now() - started;
        // Every round must really fetch everything once, or its time means nothing.
        if (seen.length !== expected || new Set(seen).size !== expected) {
          throw new Error(`${bench.name}: got ${seen.length} issues, expected ${expected}`);
        }
        if (round > 0) samples.push(elapsed); // round 0 is the warm-up
      }
      const summary = summarize(samples);
      results.push({
        name: bench.name,
        issues: expected,
        summary,
        issuesPerSecond: (expected * 1000) / summary.median,
      });
    }
    if (emulator.search.openScrolls() !== 0) throw new Error('a scroll was left open');
  } finally {
    await emulator.close();
  }
  print(
    `Tracker API fetch: all ${results[0]?.issues ?? 0} matching issues from a ${issues}-issue emulator ` +
      `(seeded in ${seedMs.toFixed(0)} ms), ${rounds} rounds after a warm-up, Node ${process.versions.node}`,
  );
  for (const line of formatTable(results)) print(line);
  return results;
}

if (isEntryPoint(import.meta.url)) await runApiBench();
