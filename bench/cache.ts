/**
 * Offline cache benchmark: fills a cache file with a synthetic world (by default 50,000 issues and
 * 200,000 comments of mixed Russian/English text with a Zipf word distribution), committed in
 * sync-sized pages, then times full-text searches and list pages. Prints insert time, p95 search
 * and list times, file size and memory; it is a measurement, never a pass/fail test.
 * Run: `npx node bench/cache.ts [issues] [comments] [page size] [--keep]` (Node 24 strips the
 * types); the work is in {@link runCacheBench}. Memory is read from a fresh child process that
 * opens the finished file and runs the queries, so the generator's garbage does not count.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Comment, Issue } from '../main/api/index.ts';
import {
  openCache,
  type ListQuery,
  type SearchQuery,
  type TrackerCache,
} from '../main/cache/index.ts';
import { createLogger } from '../main/log/index.ts';
import { summarize, type Summary, isEntryPoint } from './stats.ts';

/** Options of {@link runCacheBench}. */
export interface CacheBenchOptions {
  /** Issues to create; default 50,000. */
  readonly issues?: number;
  /** Comments spread over them; default 200,000. */
  readonly comments?: number;
  /** Issues per committed page, as a sync would write them; default 500. */
  readonly pageSize?: number;
  /** Measured rounds per query after one warm-up; default 20. */
  readonly rounds?: number;
  /** Keep the database file (its path is printed) for a closer look. */
  readonly keepFile?: boolean;
  /** Where the report goes; default stdout. */
  readonly print?: (line: string) => void;
}

/** The figures {@link runCacheBench} measured. */
export interface CacheBenchResult {
  /** Time spent in the cache writing every page (data generation excluded). */
  readonly insertMs: number;
  /** One page transaction (issues + their comments + watermark), ms. */
  readonly page: Summary;
  readonly optimizeMs: number;
  /** openCache on the filled file, health check included. */
  readonly reopenMs: number;
  /** Database file size after close (WAL checkpointed), bytes. */
  readonly fileBytes: number;
  /** Every search sample together, ms. */
  readonly search: Summary;
  /** Every list-page sample together, ms. */
  readonly list: Summary;
  /** Per query (JSON), ms. */
  readonly searchCases: Record<string, Summary>;
  readonly listCases: Record<string, Summary>;
  /** Of a fresh process that opened the cache and ran the queries. */
  readonly rssBytes: number;
  readonly heapBytes: number;
}

// Deterministic pseudo-random numbers (mulberry32), so every run builds the same world.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RU = `задач ошибк синхронизац сервер клиент пользовател отчет релиз тест сборк документац
  интерфейс настройк уведомлен очеред поиск данн файл запрос ответ проверк исправлен обновлен
  функц модул компонент систем окн кнопк страниц список таблиц поле значен статус приоритет
  проект команд встреч срок план оценк работ разработк верси платформ устройств сет доступ`.split(
  /\s+/,
);
const RU_ENDINGS = ['а', 'и', 'ы', 'е', 'у', 'ой', 'ом', 'ам', 'ами', 'ах', 'ия', 'ии', 'ию', ''];
const EN = `run issue build test fix deploy release server client user report sync search
  index cache query page list table field value status priority project team meeting plan
  estimate work develop version platform device network access crash error warning log`.split(
  /\s+/,
);
const EN_ENDINGS = ['', 's', 'ed', 'ing', 'er'];

/** A Zipf-distributed word source over Russian, English and identifier-like words. */
function vocabulary(rand: () => number): () => string {
  const words: string[] = [];
  for (const s of RU) for (const e of RU_ENDINGS) words.push(s + e);
  for (const s of EN) for (const e of EN_ENDINGS) words.push(s + e);
  for (let i = 0; i < 20_000; i += 1) words.push(`id${(i * 7919).toString(36)}`);
  for (let i = words.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [words[i], words[j]] = [words[j] as string, words[i] as string];
  }
  const cumulative: number[] = [];
  let total = 0;
  for (let r = 1; r <= words.length; r += 1) cumulative.push((total += 1 / r));
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo] ?? 'x';
  };
}

function sentence(word: () => string, rand: () => number, min: number, max: number): string {
  const n = min + Math.floor(rand() * (max - min + 1));
  return Array.from({ length: n }, word).join(' ');
}

const QUEUES = Array.from({ length: 20 }, (_, i) => `Q${i}`);
const STATUSES = ['open', 'inProgress', 'review', 'testing', 'resolved', 'closed'];
const PRIORITIES = ['trivial', 'minor', 'normal', 'critical', 'blocker'];
const T0 = Date.UTC(2024, 0, 1);

function makeIssue(n: number, word: () => string, rand: () => number): Issue {
  const queue = QUEUES[n % QUEUES.length] ?? 'Q0';
  const key = `${queue}-${Math.floor(n / QUEUES.length) + 1}`;
  const ref = (k: string) => ({ id: k, key: k, display: k });
  const user = Math.floor(rand() * 200);
  const updatedAt = T0 + Math.floor(rand() * 365 * 86_400_000);
  const summary = sentence(word, rand, 5, 10);
  const description = sentence(word, rand, 30, 80);
  const raw = { key, id: `id${n}`, summary, description, version: 1, updatedAt };
  return {
    id: `id${n}`,
    key,
    version: 1,
    summary,
    description,
    aliases: [],
    queue: ref(queue),
    type: ref('task'),
    status: ref(STATUSES[Math.floor(rand() * STATUSES.length)] ?? 'open'),
    priority: ref(PRIORITIES[Math.floor(rand() * PRIORITIES.length)] ?? 'normal'),
    assignee: rand() < 0.1 ? undefined : { id: `u${user}`, display: `User ${user}` },
    createdBy: { id: `u${user}`, display: `User ${user}` },
    followers: [],
    sprint: [],
    tags: [],
    createdAt: updatedAt - 86_400_000,
    updatedAt,
    lastCommentUpdatedAt: updatedAt,
    extra: {},
    raw,
  };
}

function makeComments(key: string, count: number, word: () => string, rand: () => number) {
  const out: Comment[] = [];
  for (let i = 0; i < count; i += 1) {
    const text = sentence(word, rand, 10, 40);
    const at = T0 + Math.floor(rand() * 365 * 86_400_000);
    out.push({
      id: `${key}-c${i}`,
      text,
      createdBy: { id: 'u1', display: 'User 1' },
      createdAt: at,
      updatedAt: at,
      attachments: [],
      summonees: [],
      maillistSummonees: [],
      raw: { id: `${key}-c${i}`, text },
    });
  }
  return out;
}

function timed(samples: number[], fn: () => unknown): void {
  const started = performance.now();
  fn();
  samples.push(performance.now() - started);
}

const SEARCHES: readonly SearchQuery[] = [
  { text: 'задачи' },
  { text: 'running' },
  { text: 'ошибка сервера' },
  { text: 'синхронизации клиента' },
  { text: 'зад' },
  { text: 'синхрониз' },
  { text: 'runn' },
  { text: 'за' },
  { text: 'id1' },
  { text: 'id1', assignees: ['u7'] },
  { text: 'Q1' },
  { text: 'Q1-1' },
  { text: '12' },
  { text: 'release notes crash' },
  { text: `id${(4242 * 7919).toString(36)}` },
  { text: 'Q3-1234' },
  { text: 'Q3-12' },
  { text: 'отчет', queues: ['Q1', 'Q2'] },
  { text: 'error', scope: 'assigned' },
  { text: 'тест', statuses: ['open'], assignees: ['u7'] },
];

function listQueries(): ListQuery[] {
  const out: ListQuery[] = [];
  const fields = ['key', 'summary', 'status', 'priority', 'assignee', 'updated'] as const;
  for (const field of fields) {
    for (const direction of ['asc', 'desc'] as const) {
      for (const offset of [0, 1000, 25_000])
        out.push({ sort: { field, direction }, offset, limit: 50 });
    }
  }
  const sort = { field: 'updated', direction: 'desc' } as const;
  out.push({ sort, queues: ['Q5'], limit: 50 });
  out.push({ sort, statuses: ['open', 'review'], limit: 50 });
  out.push({ sort, assignees: ['u3'], limit: 50 });
  out.push({ sort, scope: 'assigned', limit: 50 });
  out.push({ sort, scope: 'queue:Q7', offset: 500, limit: 50 });
  out.push({ sort, updatedFrom: T0 + 300 * 86_400_000, limit: 50 });
  out.push({ sort: { field: 'priority', direction: 'desc' }, queues: ['Q1'], statuses: ['open'] });
  return out;
}

/** Writes the synthetic world in sync-sized pages; returns the ms each page's commit took. */
function fill(cache: TrackerCache, issueCount: number, commentCount: number, pageSize: number) {
  const rand = random(42);
  const word = vocabulary(rand);
  let commentsLeft = commentCount;
  const pages: number[] = [];
  for (let first = 0; first < issueCount; first += pageSize) {
    const page: Issue[] = [];
    const comments = new Map<string, Comment[]>();
    for (let n = first; n < Math.min(issueCount, first + pageSize); n += 1) {
      const issue = makeIssue(n, word, rand);
      const count = Math.round(commentsLeft / (issueCount - n));
      commentsLeft -= count;
      page.push(issue);
      comments.set(issue.key, makeComments(issue.key, count, word, rand));
    }
    const started = performance.now();
    // One transaction per page, as the sync engine commits: issues, their comments, watermark.
    cache.transaction(() => {
      for (const queue of new Set(page.map((issue) => issue.queue?.key ?? 'Q0'))) {
        const issues = page.filter((issue) => issue.queue?.key === queue);
        cache.upsertIssues(issues, `queue:${queue}`);
      }
      cache.upsertIssues(
        page.filter((_, i) => i % 20 === 0),
        'assigned',
      );
      for (const [key, list] of comments) if (list.length > 0) cache.replaceComments(key, list);
      cache.setWatermark('assigned', { updatedAt: first });
    });
    pages.push(performance.now() - started);
  }
  return pages;
}

/** Runs every search and list case `rounds` times after a warm-up; milliseconds per case. */
function measure(cache: TrackerCache, rounds: number) {
  const search: Record<string, number[]> = {};
  const list: Record<string, number[]> = {};
  for (let round = 0; round <= rounds; round += 1) {
    for (const query of SEARCHES) {
      timed(round === 0 ? [] : (search[JSON.stringify(query)] ??= []), () => cache.search(query));
    }
    for (const query of listQueries()) {
      timed(round === 0 ? [] : (list[JSON.stringify(query)] ??= []), () => cache.listIssues(query));
    }
  }
  return { search, list };
}

/** RSS and heap of a fresh process that opens the cache and runs the query mix. */
function measureMemory(file: string): { rss: number; heapUsed: number } {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--memory', file], {
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`memory probe failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as {
    rss: number;
    heapUsed: number;
  };
}

function memoryProbe(file: string): void {
  const log = createLogger({ level: 'error', sinks: [] });
  const { cache } = openCache({ file, log });
  measure(cache, 2);
  const { rss, heapUsed } = process.memoryUsage();
  cache.close();
  console.log(JSON.stringify({ rss, heapUsed }));
}

/** Builds the synthetic cache, measures it, prints a report and returns the figures. */
export function runCacheBench(options: CacheBenchOptions = {}): CacheBenchResult {
  const issueCount = options.issues ?? 50_000;
  const commentCount = options.comments ?? 200_000;
  const pageSize = options.pageSize ?? 500;
  const print = options.print ?? ((line: string) => console.log(line));
  const dir = mkdtempSync(path.join(tmpdir(), 'cache-bench-'));
  const file = path.join(dir, 'cache.sqlite');
  const log = createLogger({ level: 'error', sinks: [] });
  try {
    let cache = openCache({ file, log }).cache;
    const pages = fill(cache, issueCount, commentCount, pageSize);
    const insertMs = pages.reduce((sum, ms) => sum + ms, 0);
    const optimizeStarted = performance.now();
    cache.optimize();
    const optimizeMs = performance.now() - optimizeStarted;
    cache.close();
    const reopenStarted = performance.now();
    cache = openCache({ file, log }).cache;
    const reopenMs = performance.now() - reopenStarted;
    const counts = cache.counts();
    const times = measure(cache, options.rounds ?? 20);
    cache.close();
    const fileBytes = statSync(file).size;
    const memory = measureMemory(file);
    const cases = (samples: Record<string, number[]>) =>
      Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, summarize(s)]));
    const result: CacheBenchResult = {
      insertMs,
      page: summarize(pages),
      optimizeMs,
      reopenMs,
      fileBytes,
      search: summarize(Object.values(times.search).flat()),
      list: summarize(Object.values(times.list).flat()),
      searchCases: cases(times.search),
      listCases: cases(times.list),
      rssBytes: memory.rss,
      heapBytes: memory.heapUsed,
    };
    const ms = (v: number) => `${v.toFixed(2)} ms`;
    const stats = (s: Summary) => `p95 ${ms(s.p95)}, median ${ms(s.median)}, max ${ms(s.max)}`;
    const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;
    const node = process.versions.node;
    print(`Cache bench: ${counts.issues} issues, ${counts.comments} comments, Node ${node}`);
    print(`  insert (time in the cache): ${(insertMs / 1000).toFixed(1)} s`);
    print(`  one page of ${pageSize} issues + comments + watermark: ${stats(result.page)}`);
    print(`  optimize: ${ms(optimizeMs)}; reopen with integrity/quick check: ${ms(reopenMs)}`);
    print(`  file size: ${mib(fileBytes)}`);
    print(`  search (${SEARCHES.length} queries): ${stats(result.search)}`);
    print(`  list page (${listQueries().length} queries): ${stats(result.list)}`);
    const memoryLine = `rss ${mib(memory.rss)}, heap ${mib(memory.heapUsed)}`;
    print(`  memory of a process with the cache open: ${memoryLine}`);
    for (const [name, s] of Object.entries(result.searchCases))
      print(`    search ${name}: ${stats(s)}`);
    for (const [name, s] of Object.entries(result.listCases))
      print(`    list ${name}: ${stats(s)}`);
    return result;
  } finally {
    if (options.keepFile) print(`  kept ${file}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (isEntryPoint(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args[0] === '--memory' && args[1]) memoryProbe(args[1]);
  else {
    const [issues, comments, pageSize] = args.filter((a) => !a.startsWith('--')).map(Number);
    runCacheBench({ issues, comments, pageSize, keepFile: args.includes('--keep') });
  }
}
