/**
 * `_search`, `_count` and scroll as Tracker serves them: one selector per request (queue, keys,
 * filter + order, query, or a saved filter), nulls meaning absent as the official Python client sends
 * them, a 400 on mixes, and scrolls that snapshot their result set and expire after their TTL.
 */
import { randomBytes } from 'node:crypto';
import { badRequest, EmulatorError, notFound } from './errors.ts';
import type { IssueRecord } from './model.ts';
import {
  compareKeys,
  compileFilter,
  compileQuery,
  QueryError,
  type CompiledSearch,
  type QueryContext,
} from './query/index.ts';
import type { EmulatorStore } from './store.ts';

/** The selector a search used; scroll refuses `queue` and `keys`. */
export type SelectorKind = 'queue' | 'keys' | 'filter' | 'query' | 'filterId' | 'all';

/** One page of a scroll. */
export interface ScrollPage {
  readonly issues: readonly IssueRecord[];
  readonly totalCount: number;
  /** Present while more pages remain; the scroll is gone after its last page. */
  readonly scrollId?: string;
  readonly scrollToken?: string;
}

interface ScrollState {
  readonly keys: readonly string[];
  position: number;
  readonly perScroll: number;
  ttlMs: number;
  expiresAt: number;
  readonly token: string;
}

const present = (value: unknown) => value !== null && value !== undefined;

/** Searches the store on behalf of a user. */
export class SearchService {
  readonly #scrolls = new Map<string, ScrollState>();

  constructor(
    private readonly store: EmulatorStore,
    private readonly clock: () => number,
  ) {}

  /** The compile context for `meUid` at the current time. */
  context(meUid: number, language: 'ru' | 'en' = 'en'): QueryContext {
    const store = this.store;
    return {
      meUid,
      now: this.clock(),
      users: store.users(),
      statuses: store.statuses(),
      priorities: store.priorities(),
      types: store.issueTypes(),
      resolutions: store.resolutions(),
      queues: store.queues(),
      language,
    };
  }

  /** The matching issues in result order, and which selector chose them. */
  select(
    body: Record<string, unknown>,
    meUid: number,
  ): { issues: IssueRecord[]; kind: SelectorKind } {
    const kind = selectorOf(body);
    const all = this.store.allIssues();
    if (kind === 'keys') return { kind, issues: this.#byKeys(body.keys) };
    if (kind === 'queue') {
      const queue = this.store.queue(String(body.queue));
      if (!queue) throw notFound(`Queue ${String(body.queue)} does not exist`);
      return {
        kind,
        issues: all
          .filter((i) => i.queueKey === queue.key)
          .sort((a, b) => compareKeys(a.key, b.key)),
      };
    }
    const compiled = this.#compile(kind, body, meUid);
    const issues = all.filter((issue) => compiled.matches(issue));
    issues.sort((a, b) => compiled.compare(a, b));
    return { kind, issues };
  }

  /** `_count`: how many issues match. */
  count(body: Record<string, unknown>, meUid: number): number {
    const kind = selectorOf(body);
    if (kind === 'keys' || kind === 'queue') return this.select(body, meUid).issues.length;
    const compiled = this.#compile(kind, body, meUid);
    let count = 0;
    for (const issue of this.store.allIssues()) if (compiled.matches(issue)) count++;
    return count;
  }

  /** First call of a scroll: snapshots the result set (sorted, or in storage order). */
  startScroll(
    body: Record<string, unknown>,
    meUid: number,
    options: { sorted: boolean; perScroll: number; ttlMs: number },
  ): ScrollPage {
    const kind = selectorOf(body);
    if (kind === 'keys' || kind === 'queue') {
      throw badRequest('Scroll is not supported for searches by keys or queue');
    }
    const compiled = this.#compile(kind, body, meUid);
    const matching = this.store.allIssues().filter((issue) => compiled.matches(issue));
    if (options.sorted) matching.sort((a, b) => compiled.compare(a, b));
    const state: ScrollState = {
      keys: matching.map((issue) => issue.id),
      position: 0,
      perScroll: options.perScroll,
      ttlMs: options.ttlMs,
      expiresAt: 0,
      token: `${randomBytes(16).toString('hex')}:${this.clock()}`,
    };
    const id = randomBytes(24).toString('base64url');
    this.#scrolls.set(id, state);
    return this.#page(id, state);
  }

  /** A later call of a scroll; an unknown or expired id is a 404. */
  continueScroll(scrollId: string, ttlMs: number | null): ScrollPage {
    this.#sweep();
    const state = this.#scrolls.get(scrollId);
    if (!state) throw notFound('The scroll does not exist or has expired');
    if (ttlMs !== null) state.ttlMs = ttlMs;
    return this.#page(scrollId, state);
  }

  /** Releases scrolls early (`system/search/scroll/_clear`); unknown ids are ignored. */
  clearScrolls(ids: Iterable<string>): number {
    let cleared = 0;
    for (const id of ids) if (this.#scrolls.delete(id)) cleared++;
    return cleared;
  }

  /** Scrolls still held, for tests that check clients release theirs. */
  openScrolls(): number {
    this.#sweep();
    return this.#scrolls.size;
  }

  #page(id: string, state: ScrollState): ScrollPage {
    const slice = state.keys.slice(state.position, state.position + state.perScroll);
    state.position += slice.length;
    const issues = slice
      .map((issueId) => this.store.getIssue(issueId))
      .filter((issue): issue is IssueRecord => issue !== undefined);
    const totalCount = state.keys.length;
    if (state.position >= state.keys.length) {
      this.#scrolls.delete(id);
      return { issues, totalCount };
    }
    state.expiresAt = this.clock() + state.ttlMs;
    return { issues, totalCount, scrollId: id, scrollToken: state.token };
  }

  #sweep(): void {
    const now = this.clock();
    for (const [id, state] of this.#scrolls) if (state.expiresAt <= now) this.#scrolls.delete(id);
  }

  #byKeys(keys: unknown): IssueRecord[] {
    const list = Array.isArray(keys) ? keys : [keys];
    const seen = new Set<string>();
    const issues: IssueRecord[] = [];
    for (const key of list) {
      if (typeof key !== 'string') throw badRequest('"keys" must be a key or a list of keys');
      const issue = this.store.getIssue(key);
      if (issue && !seen.has(issue.id)) {
        seen.add(issue.id);
        issues.push(issue);
      }
    }
    return issues;
  }

  #compile(kind: SelectorKind, body: Record<string, unknown>, meUid: number): CompiledSearch {
    const context = this.context(meUid);
    try {
      if (kind === 'filter') return compileFilter(body.filter, body.order, context);
      if (present(body.order)) throw badRequest('"order" can only be used together with "filter"');
      if (kind === 'query') {
        if (typeof body.query !== 'string') throw badRequest('"query" must be a string');
        return compileQuery(body.query, context);
      }
      if (kind === 'filterId') {
        const saved = this.store.filter(Number(body.filterId));
        if (!saved) throw notFound(`Filter ${String(body.filterId)} does not exist`);
        return compileQuery(saved.query, context);
      }
      return compileQuery('', context);
    } catch (error) {
      if (error instanceof QueryError) throw new EmulatorError(400, {}, [error.message]);
      throw error;
    }
  }
}

/**
 * Which selector a body uses. `queue` and `keys` cannot be combined with anything (400, as the
 * service says: "You can only use keys, a queue, or a search query"); among the search selectors the
 * documented precedence applies: filter over query over a saved filter.
 */
export function selectorOf(body: Record<string, unknown>): SelectorKind {
  const given = (['queue', 'keys', 'filter', 'query', 'filterId'] as const).filter((name) =>
    present(body[name]),
  );
  const exclusive = given.filter((name) => name === 'queue' || name === 'keys');
  if (exclusive.length > 0 && given.length > 1) {
    throw badRequest('You can only use keys, a queue, or a search query');
  }
  // Checked here too, since keys and queue searches never compile: they would drop the order.
  if (present(body.order) && !given.includes('filter')) {
    throw badRequest('"order" can only be used together with "filter"');
  }
  if (given.includes('filter')) {
    if (typeof body.filter !== 'object' || Array.isArray(body.filter))
      throw badRequest('"filter" must be an object');
    return 'filter';
  }
  return given[0] ?? 'all';
}
