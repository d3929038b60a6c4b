/**
 * A {@link DesktopShell} that records every call instead of touching a desktop: the Node host uses
 * it so journeys can assert on notifications, the tray and the badge, and click a notification as
 * the user would; unit tests use it through test/fakes/desktop.ts.
 */
import type {
  DesktopNotice,
  DesktopShell,
  TrayActions,
  TrayModel,
} from '../../main/platform/desktop.ts';

/** One notification shown; `click()` runs what the app asked to run on a click. */
export interface RecordedNotice {
  readonly notice: DesktopNotice;
  click(): void;
}

/** The recorder: a DesktopShell plus what it was told. */
export interface DesktopRecorder extends DesktopShell {
  /** Every notification shown, oldest first. */
  readonly notices: RecordedNotice[];
  /** The last tray model and actions, or null before the first `setTray`. */
  readonly tray: { readonly model: TrayModel; readonly actions: TrayActions } | null;
  /** The last badge count, or null before the first `setBadge`. */
  readonly badge: number | null;
  /** How many times the window was focused. */
  readonly focusCount: number;
  /** The last start-at-login setting applied, or null before the first call. */
  readonly startAtLogin: boolean | null;
}

/** Builds a recorder; `launchedAtLogin` simulates a start by the OS at login. */
export function createDesktopRecorder(
  options: { launchedAtLogin?: boolean } = {},
): DesktopRecorder {
  const notices: RecordedNotice[] = [];
  let tray: DesktopRecorder['tray'] = null;
  let badge: number | null = null;
  let focusCount = 0;
  let startAtLogin: boolean | null = null;
  return {
    notices,
    get tray() {
      return tray;
    },
    get badge() {
      return badge;
    },
    get focusCount() {
      return focusCount;
    },
    get startAtLogin() {
      return startAtLogin;
    },
    launchedAtLogin: options.launchedAtLogin ?? false,
    notify(notice, onClick) {
      notices.push({
        notice,
        // The app's handler focuses the window itself, so focusCount counts what the app did.
        click: onClick,
      });
    },
    setTray(model, actions) {
      tray = { model, actions };
    },
    setBadge(count) {
      badge = count;
    },
    focusWindow() {
      focusCount++;
    },
    setStartAtLogin(enabled) {
      startAtLogin = enabled;
      return Promise.resolve();
    },
  };
}
