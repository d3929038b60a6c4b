/**
 * One opened issue as the detail screen shows it: the issue itself, its comments and its extras
 * (links, attachments, activity), each loaded from main's cache through the bridge and reloaded
 * when main reports the issue changed (after a background refresh or a sync).
 */
import type {
  InvokeResponse,
  IpcError,
  IssueDetail,
  IssueExtras,
  TrackerBridge,
  Unsubscribe,
} from '../../../../preload/contract.ts';
import { getBridge, resolveBridge, toIpcError, unwrap, type BridgeSource } from '../bridge.ts';

/** A comment as `comments.list` answers it. */
export type IssueComment = InvokeResponse<'comments.list'>[number];

/** Where the issue itself is: first load, shown, missing from Tracker and the cache, or failed. */
export type IssueDetailStatus = 'loading' | 'ready' | 'notFound' | 'error';

/** A part of the issue that loads on its own: data, or why it failed. */
export interface DetailPart<T> {
  /** The last successful answer; kept while a reload runs or after a reload fails. */
  readonly data: T | null;
  /** The last failure, cleared by the next success. */
  readonly error: IpcError | null;
}

// Only raster and SVG data: URLs reach an <img>; an SVG there cannot run script.
const IMAGE_DATA_URL = /^data:image\/(?:png|jpe?g|gif|webp|avif|bmp|svg\+xml)[;,]/i;

/** The detail screen's state for one issue key; create one per opened issue. */
export class IssueDetailState {
  /** The issue key this state loads. */
  readonly key: string;
  /** Progress of the issue itself (comments and extras have their own errors). */
  status: IssueDetailStatus = $state('loading');
  /** The issue, once loaded; kept through reloads. */
  detail: IssueDetail | null = $state(null);
  /** Why loading the issue failed (with `status` `error` or `notFound`), or null. */
  error: IpcError | null = $state(null);
  /** The comments, oldest first as main answers them. */
  comments: DetailPart<IssueComment[]> = $state({ data: null, error: null });
  /** Links, attachments and activity. */
  extras: DetailPart<IssueExtras> = $state({ data: null, error: null });
  /** True while a load runs over data already shown (a reload after `issue.changed`). */
  refreshing = $state(false);

  readonly #source: BridgeSource;
  #unsubscribe: Unsubscribe | null = null;
  // Only the newest load may write, so a slow answer to an older load cannot replace a newer one.
  #seq = 0;
  // A cache of pending fetches, never rendered, so it need not be reactive.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #images = new Map<string, Promise<string | null>>();

  /** Loads `key` through `bridge`; by default the app's bridge, looked up lazily. */
  constructor(key: string, bridge: BridgeSource = getBridge) {
    this.key = key;
    this.#source = bridge;
  }

  /** Loads the issue, its comments and extras in parallel; never throws. */
  async load(): Promise<void> {
    const seq = ++this.#seq;
    if (this.detail) this.refreshing = true;
    else {
      this.status = 'loading';
      this.error = null;
    }
    let bridge: TrackerBridge;
    try {
      bridge = resolveBridge(this.#source);
    } catch (error) {
      this.#fail(toIpcError(error));
      return;
    }
    const request = { key: this.key };
    const issue = this.#settle(bridge.issues.get(request));
    const comments = this.#settle(bridge.comments.list(request));
    const extras = this.#settle(bridge.issues.extras(request));
    const [issueResult, commentsResult, extrasResult] = await Promise.all([
      issue,
      comments,
      extras,
    ]);
    if (seq !== this.#seq) return;
    this.refreshing = false;
    if (issueResult.ok) {
      this.detail = issueResult.data;
      this.status = 'ready';
      this.error = null;
    } else {
      this.#fail(issueResult.error);
    }
    this.comments = commentsResult.ok
      ? { data: commentsResult.data, error: null }
      : { data: this.comments.data, error: commentsResult.error };
    this.extras = extrasResult.ok
      ? { data: extrasResult.data, error: null }
      : { data: this.extras.data, error: extrasResult.error };
  }

  /**
   * Reloads whenever main reports this issue changed, until {@link dispose}; start before `load()`
   * so a change between the two is not missed. Calling it twice keeps one subscription.
   */
  start(): void {
    if (this.#unsubscribe) return;
    try {
      this.#unsubscribe = resolveBridge(this.#source).issue.onChanged(({ key }) => {
        if (key === this.key) void this.load();
      });
    } catch (error) {
      this.#fail(toIpcError(error));
    }
  }

  /** Stops following changes and drops late answers; harmless to call twice. */
  dispose(): void {
    this.#seq++;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  /**
   * An image attachment of this issue as a `data:image/` URL, or null when it cannot be shown
   * (not an image, too large, offline and not cached, or main answered something else). Each id
   * is fetched once per opened issue.
   */
  image(id: string): Promise<string | null> {
    let pending = this.#images.get(id);
    if (!pending) {
      pending = this.#fetchImage(id);
      this.#images.set(id, pending);
    }
    return pending;
  }

  /** Asks main to open `url` in the system browser; resolves with the error, or null on success. */
  async openExternal(url: string): Promise<IpcError | null> {
    try {
      const { opened } = unwrap(await resolveBridge(this.#source).app.openExternal({ url }));
      return opened ? null : { code: 'E_FORBIDDEN', message: url };
    } catch (error) {
      return toIpcError(error);
    }
  }

  async #fetchImage(id: string): Promise<string | null> {
    try {
      const image = unwrap(
        await resolveBridge(this.#source).attachments.image({ key: this.key, id }),
      );
      return IMAGE_DATA_URL.test(image.dataUrl) ? image.dataUrl : null;
    } catch {
      // A failed image stays a placeholder; the next opening of the issue tries again.
      this.#images.delete(id);
      return null;
    }
  }

  #fail(error: IpcError): void {
    this.refreshing = false;
    this.error = error;
    // A failed reload keeps the issue on screen; only a first load turns into an error screen.
    if (this.detail && error.code !== 'E_NOT_FOUND') return;
    this.status = error.code === 'E_NOT_FOUND' ? 'notFound' : 'error';
  }

  async #settle<T>(call: Promise<{ ok: true; data: T } | { ok: false; error: IpcError }>) {
    try {
      return await call;
    } catch (error) {
      return { ok: false as const, error: toIpcError(error) };
    }
  }
}
