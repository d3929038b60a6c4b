/**
 * The desktop integration the notification service drives: notifications, the tray, the badge,
 * the window and start at login. The Electron host implements it over Electron's Notification,
 * Tray, Menu, app.setBadgeCount, BrowserWindow.setOverlayIcon and login items (an XDG autostart
 * file on Linux); the Node test host records every call so journeys can assert on them and click.
 */

/** What the tray icon shows. */
export type TrayState = 'normal' | 'unread' | 'offline' | 'error';

/** Where a click on a notification leads. */
export type NoticeTarget = { readonly issueKey: string } | 'inbox';

/** One desktop notification, already worded in the UI language. */
export interface DesktopNotice {
  readonly title: string;
  readonly body: string;
  readonly target: NoticeTarget;
}

/** Everything the tray shows, worded in the UI language; rebuilt whole on every change. */
export interface TrayModel {
  readonly state: TrayState;
  readonly unread: number;
  /** Tooltip, e.g. "Tracker Desktop — 3 unread". */
  readonly tooltip: string;
  /** The ten most recent issues assigned to the user, newest first. */
  readonly recent: readonly { readonly key: string; readonly summary: string }[];
  /** Notifications are paused (the menu then offers "Resume"). */
  readonly paused: boolean;
  readonly labels: {
    readonly open: string;
    readonly recent: string;
    readonly syncNow: string;
    readonly pauseHour: string;
    readonly pauseTomorrow: string;
    readonly resume: string;
    readonly quit: string;
  };
}

/** What the tray menu's items do. */
export interface TrayActions {
  open(): void;
  openIssue(key: string): void;
  syncNow(): void;
  pause(until: 'hour' | 'tomorrow' | 'resume'): void;
  quit(): void;
}

/** The desktop integration of one host. */
export interface DesktopShell {
  /** Shows a notification; `onClick` runs when the user clicks it (after the window is focused). */
  notify(notice: DesktopNotice, onClick: () => void): void;
  /** Shows or updates the tray; a no-op where the desktop has no tray. */
  setTray(model: TrayModel, actions: TrayActions): void;
  /** The unread count on the dock or launcher badge, or the taskbar overlay on Windows; 0 clears. */
  setBadge(count: number): void;
  /** Shows, restores and focuses the main window. */
  focusWindow(): void;
  /** Turns start at login on or off (login items; an XDG autostart file on Linux). */
  setStartAtLogin(enabled: boolean): Promise<void>;
  /** True when this run was started at login (the window then starts hidden). */
  readonly launchedAtLogin: boolean;
}
