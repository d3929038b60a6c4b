/**
 * The tray's context menu as a template built from the {@link TrayModel}. Items call through
 * `actions()` at click time, so a newer set of actions takes effect without rebuilding the menu.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { TrayActions, TrayModel } from './desktop.ts';

/** How many recent issues the menu lists. */
export const TRAY_RECENT_LIMIT = 10;
/** Longest issue summary shown in the menu, in characters (the key comes first). */
export const TRAY_SUMMARY_MAX = 60;

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > TRAY_SUMMARY_MAX ? `${flat.slice(0, TRAY_SUMMARY_MAX - 1)}…` : flat;
}

/** What the menu depends on; the menu is rebuilt only when this changes. */
export function trayMenuSignature(model: TrayModel): string {
  return JSON.stringify([
    model.labels,
    model.paused,
    model.recent.slice(0, TRAY_RECENT_LIMIT).map((issue) => [issue.key, issue.summary]),
  ]);
}

/**
 * The menu: Open, the recent issues (a submenu, omitted when empty), Sync now, Pause for an hour /
 * until tomorrow (or Resume while paused), Quit.
 */
export function trayMenuTemplate(
  model: TrayModel,
  actions: () => TrayActions,
): MenuItemConstructorOptions[] {
  const { labels } = model;
  const recent = model.recent
    .slice(0, TRAY_RECENT_LIMIT)
    .map((issue): MenuItemConstructorOptions => ({
      label: `${issue.key}  ${shorten(issue.summary)}`,
      click: () => actions().openIssue(issue.key),
    }));
  const pause: MenuItemConstructorOptions[] = model.paused
    ? [{ label: labels.resume, click: () => actions().pause('resume') }]
    : [
        { label: labels.pauseHour, click: () => actions().pause('hour') },
        { label: labels.pauseTomorrow, click: () => actions().pause('tomorrow') },
      ];
  return [
    { label: labels.open, click: () => actions().open() },
    ...(recent.length > 0
      ? [{ type: 'separator' as const }, { label: labels.recent, submenu: recent }]
      : []),
    { type: 'separator' },
    { label: labels.syncNow, click: () => actions().syncNow() },
    ...pause,
    { type: 'separator' },
    { label: labels.quit, click: () => actions().quit() },
  ];
}
