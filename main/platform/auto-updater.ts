/**
 * electron-updater's autoUpdater, behind a module main/index.ts imports on demand: the package
 * requires electron as it loads, and a development run or a unit test must never load it.
 */
import electronUpdater from 'electron-updater';
import type { AppUpdaterLike } from './electron-updater.ts';

/** The platform's updater (NSIS, macOS, AppImage or deb), configured by the adapter on first use. */
export function autoUpdater(): AppUpdaterLike {
  // The package is CommonJS: its named exports hang off the default export.
  return electronUpdater.autoUpdater;
}
