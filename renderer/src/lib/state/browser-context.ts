/**
 * The window's shared state objects, handed to every screen of the issue browser through Svelte
 * context, so deep components reach navigation, settings, sync and the session without props
 * threaded through every level.
 */
import { getContext, setContext } from 'svelte';
import type { AppInfoState } from './app-info.svelte.ts';
import type { AuthStore } from './auth.svelte.ts';
import type { Navigation } from './navigation.svelte.ts';
import type { SettingsStore } from './settings.svelte.ts';
import type { SyncStore } from './sync.svelte.ts';
import type { UpdateStore } from './updates.svelte.ts';
import type { WorkspaceStore } from './workspace.svelte.ts';

/** What every screen of the browser may use. */
export interface BrowserContext {
  readonly navigation: Navigation;
  readonly settings: SettingsStore;
  readonly sync: SyncStore;
  readonly workspace: WorkspaceStore;
  readonly auth: AuthStore;
  readonly appInfo: AppInfoState;
  readonly updates: UpdateStore;
}

const KEY = Symbol('browser');

/** Provides `context` to the calling component's descendants; call during init. */
export function setBrowserContext(context: BrowserContext): BrowserContext {
  return setContext(KEY, context);
}

/** The context provided by an ancestor; call during component init. */
export function getBrowserContext(): BrowserContext {
  const context = getContext<BrowserContext | undefined>(KEY);
  if (!context) throw new Error('No BrowserContext: render inside App or pass browserContextMap()');
  return context;
}

/** A context map holding `context`, for `mount(…, { context })` and component tests. */
export function browserContextMap(context: BrowserContext): Map<symbol, BrowserContext> {
  return new Map([[KEY, context]]);
}
