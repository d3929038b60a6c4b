/**
 * An in-memory {@link SyncStore}: the reference semantics of the port, used by the tests and usable
 * by a host without a cache. Each method either applies completely or (when it throws) not at all.
 */
import type { Comment, Issue } from '../api/parse/types.ts';
import type {
  CommitPage,
  CommitResult,
  IssueState,
  ScopeId,
  SyncMeta,
  SyncStore,
  Watermark,
} from './port.ts';

/** A {@link SyncStore} over maps, with a few inspection helpers for tests. */
export class MemorySyncStore implements SyncStore {
  readonly #issues = new Map<string, Issue>();
  readonly #comments = new Map<string, readonly Comment[]>();
  /** key → the issue's comment time when its comments were stored. */
  readonly #commentTime = new Map<string, number | undefined>();
  /** scope → member keys. */
  readonly #members = new Map<ScopeId, Set<string>>();
  readonly #watermarks = new Map<ScopeId, Watermark>();
  #meta: SyncMeta = {};
  /** Commits applied so far (tests count them). */
  commits = 0;
  /** When set, the next commit throws before changing anything (a crash mid-transaction). */
  failNextCommit: Error | undefined;

  getWatermark(scope: ScopeId): Watermark | undefined {
    return this.#watermarks.get(scope);
  }

  commitPage(page: CommitPage): CommitResult {
    const failure = this.failNextCommit;
    if (failure) {
      this.failNextCommit = undefined;
      throw failure;
    }
    const changed: string[] = [];
    const relocalized: string[] = [];
    const members = this.#scope(page.scope);
    for (const issue of page.issues) {
      const stored = this.#issues.get(issue.key);
      if (!stored || (issue.version ?? 0) > (stored.version ?? 0)) {
        this.#issues.set(issue.key, issue);
        changed.push(issue.key);
      } else if (page.rewrite === true && (issue.version ?? 0) === (stored.version ?? 0)) {
        this.#issues.set(issue.key, issue);
        relocalized.push(issue.key);
      }
      members.add(issue.key);
    }
    const times = new Map(page.issues.map((issue) => [issue.key, issue.lastCommentUpdatedAt]));
    for (const [key, comments] of page.comments ?? []) {
      if (!this.#issues.has(key)) continue;
      this.#comments.set(key, [...comments]);
      this.#commentTime.set(key, times.get(key));
    }
    this.#watermarks.set(page.scope, { ...page.watermark });
    this.commits++;
    return { changed, relocalized };
  }

  issueState(keys: readonly string[]): ReadonlyMap<string, IssueState> {
    const out = new Map<string, IssueState>();
    for (const key of keys) {
      const issue = this.#issues.get(key);
      if (issue) {
        out.set(key, { version: issue.version, lastCommentUpdatedAt: this.#commentTime.get(key) });
      }
    }
    return out;
  }

  scopeKeys(scope: ScopeId): readonly string[] {
    return [...(this.#members.get(scope) ?? [])];
  }

  removeFromScope(scope: ScopeId, keepKeys: ReadonlySet<string>): readonly string[] {
    const members = this.#members.get(scope);
    if (!members) return [];
    const dropped = [...members].filter((key) => !keepKeys.has(key));
    for (const key of dropped) members.delete(key);
    this.#collect(dropped);
    return dropped;
  }

  renameIssue(oldKey: string, newKey: string): void {
    if (oldKey === newKey) return;
    const issue = this.#issues.get(oldKey);
    if (issue && !this.#issues.has(newKey)) {
      this.#issues.set(newKey, issue);
      const comments = this.#comments.get(oldKey);
      if (comments) this.#comments.set(newKey, comments);
      if (this.#commentTime.has(oldKey))
        this.#commentTime.set(newKey, this.#commentTime.get(oldKey));
    }
    this.#issues.delete(oldKey);
    this.#comments.delete(oldKey);
    this.#commentTime.delete(oldKey);
    for (const members of this.#members.values()) {
      if (members.delete(oldKey)) members.add(newKey);
    }
  }

  knownScopes(): readonly ScopeId[] {
    return [...new Set([...this.#watermarks.keys(), ...this.#members.keys()])];
  }

  forgetScope(scope: ScopeId): readonly string[] {
    const dropped = this.removeFromScope(scope, new Set());
    this.#members.delete(scope);
    this.#watermarks.delete(scope);
    return dropped;
  }

  getSyncMeta(): SyncMeta {
    return { ...this.#meta };
  }

  setSyncMeta(meta: Partial<SyncMeta>): void {
    this.#meta = { ...this.#meta, ...meta };
  }

  /**
   * Adds issues to a scope without touching its watermark or comments: what the app does when the
   * user opens an issue (the `opened` scope is recorded by the app and kept fresh by sync).
   */
  addToScope(scope: ScopeId, issues: readonly Issue[]): void {
    const members = this.#scope(scope);
    for (const issue of issues) {
      const stored = this.#issues.get(issue.key);
      if (!stored || (issue.version ?? 0) > (stored.version ?? 0))
        this.#issues.set(issue.key, issue);
      members.add(issue.key);
    }
  }

  /** Every stored key (a renamed issue is listed under its new key before its new data lands). */
  keys(): string[] {
    return [...this.#issues.keys()];
  }

  /** Every stored issue. */
  issues(): Issue[] {
    return [...this.#issues.values()];
  }

  /** One stored issue. */
  issue(key: string): Issue | undefined {
    return this.#issues.get(key);
  }

  /** Stored comments of an issue, when any were stored. */
  comments(key: string): readonly Comment[] | undefined {
    return this.#comments.get(key);
  }

  #scope(scope: ScopeId): Set<string> {
    let members = this.#members.get(scope);
    if (!members) {
      members = new Set();
      this.#members.set(scope, members);
    }
    return members;
  }

  /** Deletes issues that no scope holds any more. */
  #collect(keys: readonly string[]): void {
    for (const key of keys) {
      let held = false;
      for (const members of this.#members.values()) held ||= members.has(key);
      if (!held) {
        this.#issues.delete(key);
        this.#comments.delete(key);
        this.#commentTime.delete(key);
      }
    }
  }
}
