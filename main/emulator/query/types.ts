/**
 * Public types of the query engine: the context a search is compiled against, the compiled result
 * and the error every unsupported or malformed search raises.
 */
import type {
  IssueRecord,
  IssueTypeRecord,
  PriorityRecord,
  QueueRecord,
  ResolutionRecord,
  StatusRecord,
  UserRecord,
} from '../model.ts';

/** A collection the engine may iterate more than once: a plain array or the values of a map. */
export type Collection<T> = readonly T[] | ReadonlyMap<unknown, T>;

/** The user fields the engine reads (a full `UserRecord` satisfies it). */
export type QueryUser = Pick<UserRecord, 'uid' | 'login' | 'display' | 'firstName' | 'lastName'> &
  Partial<Pick<UserRecord, 'email'>>;
/** The status fields the engine reads. */
export type QueryStatus = Pick<StatusRecord, 'id' | 'key' | 'name' | 'order'>;
/** The priority fields the engine reads. */
export type QueryPriority = Pick<PriorityRecord, 'id' | 'key' | 'name' | 'order'>;
/** The issue type fields the engine reads. */
export type QueryIssueType = Pick<IssueTypeRecord, 'id' | 'key' | 'name'>;
/** The resolution fields the engine reads. */
export type QueryResolution = Pick<ResolutionRecord, 'id' | 'key' | 'name' | 'order'>;
/** The queue fields the engine reads. */
export type QueryQueue = Pick<QueueRecord, 'id' | 'key' | 'name'>;

/**
 * Everything a search needs besides the issues. Plain collections, so any store (or a test) can
 * satisfy it without the engine depending on the store's class. Read at compile time only.
 */
export interface QueryContext {
  /** uid of the requesting user: what `me()` means. */
  readonly meUid: number;
  /** "Now" in epoch milliseconds: the base of now(), today(), week(), month(), quarter(), year(). */
  readonly now: number;
  readonly users: Collection<QueryUser>;
  readonly statuses: Collection<QueryStatus>;
  readonly priorities: Collection<QueryPriority>;
  readonly types: Collection<QueryIssueType>;
  readonly resolutions: Collection<QueryResolution>;
  readonly queues: Collection<QueryQueue>;
  /** Which display names sorting by a user or by a dictionary name uses; default 'en'. */
  readonly language?: 'ru' | 'en';
}

/** One key of the effective ordering, by canonical field id (e.g. `updated`, `key`). */
export interface SortKey {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

/** A search compiled against a context: a predicate plus the ordering to present results in. */
export interface CompiledSearch {
  /** Whether the issue satisfies the search. Allocation-free for non-text conditions. */
  matches(issue: IssueRecord): boolean;
  /** Comparator for `Array.prototype.sort`; always ends with key ascending, so it is total. */
  compare(a: IssueRecord, b: IssueRecord): number;
  /** True when the search asked for an order ("Sort by" or `order`); false means key ascending. */
  readonly sorted: boolean;
  /** The requested order (empty when `sorted` is false), without the implicit key tie-break. */
  readonly order: readonly SortKey[];
}

/**
 * A search the emulator refuses: malformed, or outside the supported subset. `position` is the
 * 0-based character offset into the query text when there is one (never for the filter form); the
 * message repeats it so it survives being flattened into an API error body.
 */
export class QueryError extends Error {
  /** 0-based offset into the query text, when the error has one. */
  readonly position?: number;

  constructor(message: string, position?: number) {
    super(position === undefined ? message : `${message} at position ${position}`);
    this.name = 'QueryError';
    if (position !== undefined) this.position = position;
  }
}

/** Iterates a {@link Collection} afresh (a map's `values()` iterator is single-use). */
export function each<T>(collection: Collection<T>): Iterable<T> {
  return Array.isArray(collection) ? collection : (collection as ReadonlyMap<unknown, T>).values();
}
