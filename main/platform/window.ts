/**
 * The main window. Its webPreferences are the heart of the renderer's isolation, so they are built
 * by one exported function that the tests assert field by field.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { Logger } from '../log/types.ts';
import { APP_INDEX_URL } from './protocol.ts';
import type { WindowRegistry } from './window-registry.ts';

/** Title of the main window until the page sets its own. */
export const WINDOW_TITLE = 'Tracker Desktop';

/**
 * The main window's webPreferences: sandboxed, isolated, no Node anywhere, web security on, no
 * <webview>, no experimental Blink features, DevTools only in unpackaged builds.
 */
export function mainWindowWebPreferences(options: {
  preloadPath: string;
  isPackaged: boolean;
}): WebPreferences {
  return {
    preload: options.preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    spellcheck: false,
    devTools: !options.isPackaged,
  };
}

/** What {@link createMainWindow} needs. */
export interface MainWindowDeps {
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  readonly preloadPath: string;
  readonly isPackaged: boolean;
  readonly registry: WindowRegistry;
  readonly log: Logger;
  /** Page to load; the app's index unless a test says otherwise. */
  readonly url?: string;
  readonly backgroundColor?: string;
  /** Keep the window hidden once loaded (the app was started at login); shown on demand. */
  readonly startHidden?: boolean;
}

/** Full constructor options of the main window. */
export function mainWindowOptions(
  deps: Pick<MainWindowDeps, 'preloadPath' | 'isPackaged' | 'backgroundColor'>,
): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    // Shown once the first frame is painted, so the user never sees a blank flash.
    show: false,
    title: WINDOW_TITLE,
    backgroundColor: deps.backgroundColor ?? '#ffffff',
    webPreferences: mainWindowWebPreferences(deps),
  };
}

/** Creates the main window, registers it as trusted and starts loading the app. */
export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  const window = new deps.BrowserWindow(mainWindowOptions(deps));
  deps.registry.add(window.webContents);
  if (!deps.startHidden) window.once('ready-to-show', () => window.show());
  window.webContents.on('did-fail-load', (_event, code, description) => {
    deps.log.error('window failed to load', { code, description });
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    deps.log.error('renderer process gone', { reason: details.reason, exitCode: details.exitCode });
  });
  window.loadURL(deps.url ?? APP_INDEX_URL).catch((error: unknown) => {
    deps.log.error('window load rejected', { error });
  });
  return window;
}
