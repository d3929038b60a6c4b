/**
 * The search box's state: the typed text, instant offline hits from the cache (debounced), an
 * exact issue key to open directly, and which option of the dropdown is highlighted.
 */
import type { InvokeResponse, IpcError } from '../../../../preload/contract.ts';
import { getBridge, resolveBridge, toIpcError, unwrap, type BridgeSource } from '../bridge.ts';
import { parseIssueKey } from '../list/issue-key.ts';

/** A search hit as `issues.search` answers it. */
export type Hit = InvokeResponse<'issues.search'>['hits'][number];

/** One option of the dropdown: open a key typed exactly, or a hit. */
export type SearchOption =
  { readonly kind: 'key'; readonly key: string } | { readonly kind: 'hit'; readonly hit: Hit };

/** Tuning for {@link SearchState}. */
export interface SearchOptions {
  /** Quiet time after the last keystroke before searching; 120 ms by default. */
  readonly debounceMs?: number;
  /** Hits shown in the dropdown; 8 by default. */
  readonly limit?: number;
}

/** The search box as reactive fields; one per search box. */
export class SearchState {
  /** The text in the box. */
  text = $state('');
  /** Hits for {@link searchedText}. */
  hits: readonly Hit[] = $state.raw([]);
  /** The text the hits answer. */
  searchedText = $state('');
  /** True while a search is pending or in flight. */
  busy = $state(false);
  /** The last failed search. */
  error: IpcError | null = $state(null);
  /** The highlighted option, or -1 for none. */
  highlighted = $state(-1);

  /** The issue key the text spells exactly, if any. */
  readonly typedKey: string | null = $derived(parseIssueKey(this.text));
  /** The dropdown's options: the typed key first, then the hits. */
  readonly options: readonly SearchOption[] = $derived.by(() => {
    const options: SearchOption[] = [];
    const key = this.typedKey;
    if (key) options.push({ kind: 'key', key });
    for (const hit of this.hits) {
      if (hit.issue.key !== key) options.push({ kind: 'hit', hit });
    }
    return options;
  });

  readonly #source: BridgeSource;
  readonly #debounceMs: number;
  readonly #limit: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #seq = 0;

  constructor(bridge: BridgeSource = getBridge, options: SearchOptions = {}) {
    this.#source = bridge;
    this.#debounceMs = options.debounceMs ?? 120;
    this.#limit = options.limit ?? 8;
  }

  /** Sets the text and searches after the debounce; an empty text clears the hits at once. */
  input(text: string): void {
    this.text = text;
    // A typed issue key is what the user most likely wants: Enter opens it straight away.
    this.highlighted = this.typedKey ? 0 : -1;
    clearTimeout(this.#timer);
    const seq = ++this.#seq;
    if (!text.trim()) {
      this.hits = [];
      this.searchedText = '';
      this.busy = false;
      this.error = null;
      return;
    }
    this.busy = true;
    this.#timer = setTimeout(() => void this.#search(seq, text.trim()), this.#debounceMs);
  }

  /** Moves the highlight by `delta`, wrapping around; none when there are no options. */
  move(delta: number): void {
    const count = this.options.length;
    if (count === 0) {
      this.highlighted = -1;
      return;
    }
    if (this.highlighted < 0) this.highlighted = delta > 0 ? 0 : count - 1;
    else this.highlighted = (this.highlighted + delta + count) % count;
  }

  /** The highlighted option, if any. */
  get current(): SearchOption | undefined {
    return this.highlighted >= 0 ? this.options[this.highlighted] : undefined;
  }

  /** Empties the box and forgets the hits. */
  clear(): void {
    this.input('');
  }

  /** Cancels a pending search. */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#seq++;
  }

  async #search(seq: number, text: string): Promise<void> {
    try {
      const { hits } = unwrap(
        await resolveBridge(this.#source).issues.search({
          text: text.slice(0, 500),
          limit: this.#limit,
        }),
      );
      if (seq !== this.#seq) return;
      this.hits = hits;
      this.searchedText = text;
      this.error = null;
    } catch (error) {
      if (seq !== this.#seq) return;
      this.hits = [];
      this.error = toIpcError(error);
    } finally {
      if (seq === this.#seq) this.busy = false;
    }
  }
}
