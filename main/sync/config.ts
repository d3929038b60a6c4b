/**
 * What to sync and how often: the scopes (the user's issues by role, pinned queues, opened issues)
 * and the knobs of the incremental recipe (tracker-api.md §6).
 */
import type { ScopeId } from './port.ts';

/** A scope defined by the user's relation to an issue. */
export type ScopeName = 'assigned' | 'followed' | 'authored' | 'summoned' | 'favorites' | 'opened';

/** Sync settings; see {@link DEFAULT_SYNC_CONFIG}. */
export interface SyncConfig {
  /** Relation scopes to keep; pinned queues come on top. */
  readonly scopes: readonly ScopeName[];
  /** Queue keys the user pinned; each is the scope `queue:<KEY>`. */
  readonly pinnedQueues: readonly string[];
  /** Time between runs when all is well. */
  readonly intervalMs: number;
  /**
   * How far before the watermark each incremental search starts. It absorbs the search index lag
   * and the unconfirmed time zone of query date literals; the overlap is de-duplicated by version.
   */
  readonly overlapMs: number;
  /** Issues per search page (and per scroll batch, at most 1000). */
  readonly pageSize: number;
  /** Above this many results a pass continues with a scroll instead of pages. */
  readonly scrollThreshold: number;
  /** How often a run also re-lists every scope to drop issues that left it. */
  readonly reconcileIntervalMs: number;
  /** Comment lists fetched in parallel. */
  readonly commentConcurrency: number;
}

/** The defaults. */
export const DEFAULT_SYNC_CONFIG: SyncConfig = {
  scopes: ['assigned', 'summoned', 'followed', 'authored', 'favorites', 'opened'],
  pinnedQueues: [],
  intervalMs: 60_000,
  overlapMs: 10 * 60_000,
  pageSize: 100,
  scrollThreshold: 10_000,
  reconcileIntervalMs: 3 * 60 * 60_000,
  commentConcurrency: 4,
};

const QUEUE_KEY = /^[A-Z][A-Z0-9_]{0,31}$/;
const SCOPE_NAMES: ReadonlySet<string> = new Set<ScopeName>([
  'assigned',
  'followed',
  'authored',
  'summoned',
  'favorites',
  'opened',
]);

/** Relation scope → query (`opened` has none: it is a list of keys). */
const QUERIES: Readonly<Record<Exclude<ScopeName, 'opened'>, string>> = {
  assigned: 'Assignee: me()',
  followed: 'Followers: me()',
  authored: 'Author: me()',
  summoned: '"Pending Reply From": me()',
  favorites: '"Favorited by": me()',
};

function positive(value: number, name: string, min = 1): number {
  if (!Number.isFinite(value) || value < min)
    throw new RangeError(`${name} must be a number ≥ ${min}`);
  return value;
}

/** Fills in defaults and validates; throws RangeError on a bad value. */
export function resolveSyncConfig(partial: Partial<SyncConfig> = {}): SyncConfig {
  const config = { ...DEFAULT_SYNC_CONFIG, ...partial };
  for (const scope of config.scopes) {
    if (!SCOPE_NAMES.has(scope)) throw new RangeError(`unknown sync scope "${scope}"`);
  }
  // Queue keys end up inside a query: anything but a plain key could change its meaning.
  for (const key of config.pinnedQueues) {
    if (!QUEUE_KEY.test(key)) throw new RangeError(`"${key}" is not a queue key`);
  }
  positive(config.intervalMs, 'intervalMs');
  positive(config.overlapMs, 'overlapMs', 0);
  positive(config.pageSize, 'pageSize');
  positive(config.scrollThreshold, 'scrollThreshold');
  positive(config.reconcileIntervalMs, 'reconcileIntervalMs', 0);
  positive(config.commentConcurrency, 'commentConcurrency');
  return {
    ...config,
    pageSize: Math.min(1000, Math.floor(config.pageSize)),
    commentConcurrency: Math.floor(config.commentConcurrency),
  };
}

/** The scopes a config asks for, in sync order (relation scopes, then pinned queues). */
export function configuredScopes(config: SyncConfig): ScopeId[] {
  const scopes: ScopeId[] = [...new Set(config.scopes)];
  for (const key of new Set(config.pinnedQueues)) scopes.push(`queue:${key}`);
  return scopes;
}

/** The search query of a scope; undefined for `opened` (searched by its keys) and unknown ids. */
export function scopeQuery(scope: ScopeId): string | undefined {
  if (scope.startsWith('queue:')) {
    const key = scope.slice('queue:'.length);
    return QUEUE_KEY.test(key) ? `Queue: ${key}` : undefined;
  }
  return Object.hasOwn(QUERIES, scope) ? QUERIES[scope as keyof typeof QUERIES] : undefined;
}
