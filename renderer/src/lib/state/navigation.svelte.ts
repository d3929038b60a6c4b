/**
 * Where the window is: which view of issues, which issue, the inbox or the settings, with a back
 * history like a browser's. Every screen reads the route from here and moves through its methods,
 * so the sidebar, the palette, links inside issues and the keyboard all navigate the same way.
 */

/** Relation views, each one of the sync scopes (`all`: everything in the cache). */
export const SCOPE_VIEWS = [
  'assigned',
  'followed',
  'authored',
  'summoned',
  'favorites',
  'all',
] as const;

/** One of {@link SCOPE_VIEWS}. */
export type ScopeView = (typeof SCOPE_VIEWS)[number];

/** A list the sidebar or the palette can show. */
export type ViewId =
  | { readonly kind: 'inbox' }
  | { readonly kind: 'scope'; readonly scope: ScopeView }
  | { readonly kind: 'queue'; readonly queue: string }
  | { readonly kind: 'saved'; readonly id: string }
  /** Search results: offline full text, or a Tracker query run on the server. */
  | { readonly kind: 'search'; readonly text: string; readonly mode: 'text' | 'query' };

/** A screen of the window. */
export type Route =
  | { readonly screen: 'view'; readonly view: ViewId }
  | { readonly screen: 'issue'; readonly key: string }
  | { readonly screen: 'settings' };

/** The view the window starts on. */
export const DEFAULT_VIEW: ViewId = { kind: 'scope', scope: 'assigned' };

const MAX_HISTORY = 50;

/** True when `a` and `b` name the same view. */
export function sameView(a: ViewId, b: ViewId): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** True when `a` and `b` name the same screen. */
export function sameRoute(a: Route, b: Route): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The window's route and history; create one per window. */
export class Navigation {
  /** The screen shown now. */
  route: Route = $state({ screen: 'view', view: DEFAULT_VIEW });
  /** The last list view shown (the one an issue was opened from, the one "back to list" returns to). */
  lastView: ViewId = $state(DEFAULT_VIEW);
  /** Whether {@link back} has somewhere to go. */
  readonly canGoBack: boolean = $derived.by(() => this.#history.length > 0);

  #history: Route[] = $state([]);

  /** Shows `route`, remembering the current one for {@link back}; the same route is a no-op. */
  go(route: Route): void {
    if (sameRoute(route, this.route)) return;
    this.#history = [...this.#history, this.route].slice(-MAX_HISTORY);
    this.#show(route);
  }

  /** Shows a list view. */
  goView(view: ViewId): void {
    this.go({ screen: 'view', view });
  }

  /** Opens an issue by key. */
  openIssue(key: string): void {
    this.go({ screen: 'issue', key });
  }

  /** Opens the settings. */
  openSettings(): void {
    this.go({ screen: 'settings' });
  }

  /** Goes back one step; without history, from an issue or the settings to the last view. */
  back(): boolean {
    const previous = this.#history.at(-1);
    if (previous) {
      this.#history = this.#history.slice(0, -1);
      this.#show(previous);
      return true;
    }
    if (this.route.screen === 'view') return false;
    this.#show({ screen: 'view', view: this.lastView });
    return true;
  }

  /** Forgets the history and goes to the default view (a new account, a closed workspace). */
  reset(): void {
    this.#history = [];
    this.lastView = DEFAULT_VIEW;
    this.route = { screen: 'view', view: DEFAULT_VIEW };
  }

  #show(route: Route): void {
    this.route = route;
    if (route.screen === 'view') this.lastView = route.view;
  }
}
