/**
 * One running instance per user: a second launch hands its command line to the first (deep links
 * later) and quits, so two instances never share the cache database or the tray.
 */
import type { App, BrowserWindow } from 'electron';

/**
 * Takes the single-instance lock. Returns false, after asking the app to quit, when another
 * instance holds it; otherwise calls `onSecondInstance(argv)` whenever another launch is attempted.
 */
export function acquireSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  onSecondInstance: (argv: readonly string[]) => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv) => onSecondInstance([...argv]));
  return true;
}

/** Brings a window to the front: restores it if minimized, shows it if hidden, then focuses it. */
export function revealWindow(
  window: Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus'> | null,
): boolean {
  if (!window || window.isDestroyed()) return false;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
  return true;
}
