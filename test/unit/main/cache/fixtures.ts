/** Builders for cache tests: normalized issues and comments, and a cache in a temp folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Comment, Issue, Ref } from '../../../../main/api/index.ts';
import {
  openCache,
  type OpenCacheResult,
  type TrackerCache,
} from '../../../../main/cache/index.ts';
import { createLogger, createMemorySink, type MemorySink } from '../../../../main/log/index.ts';

/** Fields a test may set on an issue; the rest get neutral defaults. */
export interface IssueInit {
  readonly summary?: string;
  readonly description?: string;
  readonly version?: number;
  readonly updatedAt?: number;
  readonly createdAt?: number;
  readonly lastCommentUpdatedAt?: number;
  readonly status?: string;
  readonly priority?: string;
  readonly assignee?: string;
  readonly assigneeLogin?: string;
  readonly id?: string;
  readonly aliases?: readonly string[];
  readonly resolution?: string;
}

function ref(key: string, display?: string): Ref {
  return { id: key, key, display: display ?? key[0]?.toUpperCase() + key.slice(1) };
}

/** A normalized issue with key `key`. */
export function issue(key: string, init: IssueInit = {}): Issue {
  const queue = key.slice(0, key.lastIndexOf('-'));
  const assignee: Ref | undefined = init.assignee
    ? { id: init.assignee, display: init.assignee.replace(/^./, (c) => c.toUpperCase()) }
    : undefined;
  const raw: Record<string, unknown> = {
    key,
    id: init.id ?? `id-${key}`,
    summary: init.summary ?? `Issue ${key}`,
    description: init.description,
    version: init.version ?? 1,
    customField: `custom ${key}`,
  };
  if (init.assigneeLogin) raw.assignee = { id: init.assignee, login: init.assigneeLogin };
  return {
    id: init.id ?? `id-${key}`,
    key,
    version: init.version ?? 1,
    summary: init.summary ?? `Issue ${key}`,
    description: init.description,
    aliases: init.aliases ?? [],
    queue: { id: queue, key: queue, display: queue },
    type: ref('task'),
    priority: ref(init.priority ?? 'normal'),
    status: ref(init.status ?? 'open'),
    resolution: init.resolution ? ref(init.resolution) : undefined,
    assignee,
    createdBy: { id: 'author', display: 'Author' },
    followers: [],
    sprint: [],
    tags: [],
    createdAt: init.createdAt ?? 1_700_000_000_000,
    updatedAt: init.updatedAt ?? 1_700_000_000_000,
    lastCommentUpdatedAt: init.lastCommentUpdatedAt,
    extra: {},
    raw,
  };
}

/** A normalized comment. */
export function comment(id: string, text: string, createdAt = 1_700_000_000_000): Comment {
  return {
    id,
    text,
    createdBy: { id: 'commenter', display: 'Commenter' },
    createdAt,
    updatedAt: createdAt,
    attachments: [],
    summonees: [],
    maillistSummonees: [],
    raw: { id, text },
  };
}

/** A temporary folder removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'tracker-cache-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A cache opened on a fresh file, its log sink, and a cleanup that closes it and its folder. */
export interface TestCache {
  readonly cache: TrackerCache;
  readonly file: string;
  readonly sink: MemorySink;
  readonly open: () => OpenCacheResult;
  readonly cleanup: () => void;
}

/** Opens a cache in a new temp folder (clock fixed unless given). */
export function testCache(now: () => number = () => 1_750_000_000_000): TestCache {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'cache.sqlite');
  const sink = createMemorySink();
  const log = createLogger({ sinks: [sink], level: 'debug' });
  const open = () => openCache({ file, log, now });
  const { cache } = open();
  return {
    cache,
    file,
    sink,
    open,
    cleanup: () => {
      try {
        cache.close();
      } catch {
        // Already closed by the test.
      }
      cleanup();
    },
  };
}
