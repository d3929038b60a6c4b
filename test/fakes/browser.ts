/**
 * Everything a component of the issue browser needs to render in a test: a fake bridge, the
 * window's state objects on it, and the Svelte context map (i18n + browser context) to mount with.
 */
import { I18n, i18nContext } from '../../renderer/src/lib/i18n/i18n.svelte.ts';
import type { Locale } from '../../renderer/src/lib/i18n/messages.ts';
import { AppInfoState } from '../../renderer/src/lib/state/app-info.svelte.ts';
import { UpdateStore } from '../../renderer/src/lib/state/updates.svelte.ts';
import { AuthStore } from '../../renderer/src/lib/state/auth.svelte.ts';
import {
  browserContextMap,
  type BrowserContext,
} from '../../renderer/src/lib/state/browser-context.ts';
import { Navigation } from '../../renderer/src/lib/state/navigation.svelte.ts';
import { SettingsStore } from '../../renderer/src/lib/state/settings.svelte.ts';
import { SyncStore } from '../../renderer/src/lib/state/sync.svelte.ts';
import { WorkspaceStore } from '../../renderer/src/lib/state/workspace.svelte.ts';
import { createFakeBridge, type FakeBridge, type FakeBridgeOptions } from './bridge.ts';

/** Options of {@link createBrowserFixture}. */
export interface BrowserFixtureOptions extends FakeBridgeOptions {
  /** UI language; English by default. Dates are formatted in UTC. */
  readonly locale?: Locale;
}

/** A fake bridge with the browser's state objects on it and the context to mount with. */
export interface BrowserFixture extends BrowserContext {
  readonly fake: FakeBridge;
  readonly i18n: I18n;
  /** Pass as `context` to `render()` / `mount()`. */
  readonly context: Map<symbol, unknown>;
}

/** Builds a {@link BrowserFixture}; settings are loaded (await `ready`) before components mount. */
export async function createBrowserFixture(
  options: BrowserFixtureOptions = {},
): Promise<BrowserFixture> {
  const fake = createFakeBridge(options);
  const i18n = new I18n(options.locale ?? 'en', { timeZone: 'UTC' });
  const browser: BrowserContext = {
    navigation: new Navigation(),
    settings: new SettingsStore(fake.bridge),
    sync: new SyncStore(fake.bridge),
    workspace: new WorkspaceStore(fake.bridge),
    auth: new AuthStore(fake.bridge),
    appInfo: new AppInfoState(fake.bridge),
    updates: new UpdateStore(fake.bridge),
  };
  browser.settings.start();
  browser.sync.start();
  await Promise.all([
    browser.settings.load(),
    browser.sync.load(),
    browser.appInfo.load(),
    browser.updates.load(),
  ]);
  const context = new Map<symbol, unknown>([...i18nContext(i18n), ...browserContextMap(browser)]);
  return { ...browser, fake, i18n, context };
}
