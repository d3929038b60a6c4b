/**
 * The command palette's state: the typed query, the commands it offers (fixed ones from
 * ../palette/commands.ts, an "Open KEY" for a typed issue key, search and query commands, and the
 * best offline search hits), which one is active, and running the chosen one.
 */
import type { IssueSummary } from '../../../../preload/contract.ts';
import { parseIssueKey } from '../list/issue-key.ts';
import { getBridge, resolveBridge, type BridgeSource } from '../bridge.ts';
import type { I18n } from '../i18n/i18n.svelte.ts';
import { interpolate } from '../i18n/i18n.svelte.ts';
import { dictionaries, type MessageKey } from '../i18n/messages.ts';
import {
  buildCommands,
  filterCommands,
  type PaletteAction,
  type PaletteCommand,
} from '../palette/commands.ts';
import type { BrowserContext } from './browser-context.ts';

/** How many offline search hits the palette offers. */
export const PALETTE_HITS = 5;

/** What the palette needs from the window. */
export type PaletteDeps = Pick<BrowserContext, 'navigation' | 'settings' | 'sync' | 'appInfo'> & {
  readonly i18n: I18n;
};

/** Options of {@link PaletteState}. */
export interface PaletteOptions {
  /** The bridge for `issues.search`; the app's by default. */
  readonly bridge?: BridgeSource;
  /** Milliseconds to wait after typing before searching (default 120). */
  readonly searchDelay?: number;
}

/** The palette's query, commands and selection; create one per palette. */
export class PaletteState {
  /** What the user typed. */
  query = $state('');
  /** Index of the active command in {@link items}. */
  active = $state(0);
  /** True while an offline search for the query is in flight or waiting. */
  searching = $state(false);

  /** The commands offered for the query, best first. */
  readonly items: PaletteCommand[] = $derived.by(() => this.#items());
  /** The command Enter runs, if any. */
  readonly current: PaletteCommand | undefined = $derived(this.items[this.active]);

  readonly #deps: PaletteDeps;
  readonly #source: BridgeSource;
  readonly #delay: number;
  #hits: IssueSummary[] = $state([]);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #seq = 0;

  /** Builds the palette on the window's state objects. */
  constructor(deps: PaletteDeps, options: PaletteOptions = {}) {
    this.#deps = deps;
    this.#source = options.bridge ?? getBridge;
    this.#delay = options.searchDelay ?? 120;
  }

  /** Sets the query, makes the first command active and searches the cache for it shortly. */
  setQuery(query: string): void {
    this.query = query;
    this.active = 0;
    this.#scheduleSearch(query);
  }

  /** Moves the active command by `step`, wrapping around the ends. */
  move(step: number): void {
    const count = this.items.length;
    if (count === 0) return;
    this.active = (((this.active + step) % count) + count) % count;
  }

  /** Makes the first (`'first'`) or last command active. */
  moveTo(where: 'first' | 'last'): void {
    this.active = where === 'first' ? 0 : Math.max(0, this.items.length - 1);
  }

  /** Clears the query and the hits, for the next opening. */
  reset(): void {
    this.#cancelSearch();
    this.query = '';
    this.active = 0;
    this.#hits = [];
  }

  /** Runs `command` (by default the active one); resolves false when there was none. */
  run(command: PaletteCommand | undefined = this.current): boolean {
    if (!command) return false;
    this.#perform(command.action);
    return true;
  }

  /** Stops a pending search; call when the palette goes away. */
  dispose(): void {
    this.#cancelSearch();
  }

  #perform(action: PaletteAction): void {
    const { navigation, settings, sync } = this.#deps;
    switch (action.type) {
      case 'view':
        navigation.goView(action.view);
        break;
      case 'issue':
        navigation.openIssue(action.key);
        break;
      case 'settings':
        navigation.openSettings();
        break;
      case 'syncNow':
        void sync.syncNow();
        break;
      case 'theme':
        void settings.update({ theme: action.theme });
        break;
      case 'language':
        void settings.update({ language: action.language });
        break;
    }
  }

  #items(): PaletteCommand[] {
    const { i18n, settings, appInfo } = this.#deps;
    const t = (key: MessageKey, params?: Readonly<Record<string, string>>) => i18n.t(key, params);
    const en = (key: MessageKey, params?: Readonly<Record<string, string>>) =>
      interpolate(dictionaries.en.messages[key], params);
    const base = buildCommands({
      t,
      en,
      pinnedQueues: settings.value?.pinnedQueues ?? [],
      savedSearches: settings.value?.savedSearches ?? [],
    });
    const text = this.query.trim();
    if (text === '') return base;
    const items: PaletteCommand[] = [];
    const key = parseIssueKey(text, { loose: true });
    if (key) {
      items.push({
        id: `issue:${key}`,
        label: t('palette.open', { key }),
        group: 'issue',
        action: { type: 'issue', key },
      });
    }
    items.push(...filterCommands(base, text));
    items.push({
      id: 'search:text',
      label: t('palette.search', { text }),
      group: 'search',
      action: { type: 'view', view: { kind: 'search', text, mode: 'text' } },
    });
    // Tracker queries run on the server, so they are offered only while online.
    if (appInfo.connection === 'online') {
      items.push({
        id: 'search:query',
        label: t('palette.query', { text }),
        group: 'search',
        action: { type: 'view', view: { kind: 'search', text, mode: 'query' } },
      });
    }
    for (const hit of this.#hits) {
      if (hit.key === key) continue;
      items.push({
        id: `hit:${hit.key}`,
        label: t('palette.openHit', { key: hit.key, summary: hit.summary }),
        group: 'issue',
        action: { type: 'issue', key: hit.key },
      });
    }
    return items;
  }

  #cancelSearch(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#seq += 1;
    this.searching = false;
  }

  #scheduleSearch(query: string): void {
    this.#cancelSearch();
    const text = query.trim();
    if (text.length < 2) {
      this.#hits = [];
      return;
    }
    const seq = this.#seq;
    this.searching = true;
    this.#timer = setTimeout(() => void this.#search(text, seq), this.#delay);
  }

  async #search(text: string, seq: number): Promise<void> {
    try {
      const result = await resolveBridge(this.#source).issues.search({ text, limit: PALETTE_HITS });
      if (seq !== this.#seq) return;
      // A failed search only means no hits: the palette still offers every other command.
      this.#hits = result.ok ? result.data.hits.map((hit) => hit.issue) : [];
    } catch {
      if (seq === this.#seq) this.#hits = [];
    } finally {
      if (seq === this.#seq) this.searching = false;
    }
  }
}
