/**
 * The Electron host's {@link DesktopShell}: notifications through Electron's Notification, a tray
 * created lazily (and given up quietly where the desktop has none), the dock/launcher badge or the
 * Windows taskbar overlay, start at login, and close-to-tray for the main window.
 */
import type {
  App,
  BrowserWindow,
  Menu,
  NativeImage,
  Notification,
  NotificationConstructorOptions,
  Tray,
  nativeImage,
} from 'electron';
import type { Logger } from '../log/types.ts';
import { HIDDEN_ARG, setXdgAutostart } from './autostart.ts';
import type { DesktopShell, TrayActions, TrayModel, TrayState } from './desktop.ts';
import { overlayIconPngs, overlayLabel, trayIconPngs, type IconPngs } from './tray-icons.ts';
import { trayMenuSignature, trayMenuTemplate } from './tray-menu.ts';

/** How many shown notifications are kept referenced (so a click still reaches us) at most. */
export const MAX_KEPT_NOTIFICATIONS = 20;

/** The process fields the shell reads; injectable for tests. */
export interface DesktopProcess {
  readonly platform: string;
  readonly argv: readonly string[];
  readonly execPath: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** What {@link createElectronDesktop} is built from (Electron's modules satisfy each field). */
export interface ElectronDesktopDeps {
  readonly app: Pick<
    App,
    | 'getName'
    | 'setBadgeCount'
    | 'setLoginItemSettings'
    | 'getLoginItemSettings'
    | 'on'
    | 'isPackaged'
  >;
  readonly Notification: Pick<typeof Notification, 'isSupported'> &
    (new (options: NotificationConstructorOptions) => Notification);
  readonly Tray: new (image: NativeImage) => Tray;
  readonly Menu: Pick<typeof Menu, 'buildFromTemplate'>;
  readonly nativeImage: Pick<typeof nativeImage, 'createFromBuffer'>;
  /** The main window, or null when there is none. */
  readonly getWindow: () => BrowserWindow | null;
  /** Opens a new main window (macOS keeps running with none); focusWindow uses it then. */
  readonly openWindow?: () => BrowserWindow | null;
  readonly log: Logger;
  readonly process: DesktopProcess;
}

/** The shell plus what only the Electron entry calls. */
export interface ElectronDesktop extends DesktopShell {
  /** Closing the main window hides it while on and a tray is shown (the host follows the setting). */
  setCloseToTray(on: boolean): void;
  /** Hooks close-to-tray into a new main window and re-applies the overlay icon. */
  attachWindow(window: BrowserWindow): void;
  /** True while a tray icon exists. */
  hasTray(): boolean;
  /** How many shown notifications are held for their click (diagnostics and tests). */
  keptCount(): number;
  /** Removes the tray. */
  dispose(): void;
}

/** True when the app was started at login: `--hidden` on the command line, or macOS says so. */
export function wasLaunchedAtLogin(
  proc: Pick<DesktopProcess, 'argv' | 'platform'>,
  app: Pick<App, 'getLoginItemSettings'>,
): boolean {
  if (proc.argv.includes(HIDDEN_ARG)) return true;
  if (proc.platform !== 'darwin') return false;
  try {
    return app.getLoginItemSettings().wasOpenedAtLogin === true;
  } catch {
    return false;
  }
}

/** Builds the Electron desktop shell; call after the app is ready (Tray and images need it). */
export function createElectronDesktop(deps: ElectronDesktopDeps): ElectronDesktop {
  const { log, process: proc } = deps;
  const mac = proc.platform === 'darwin';
  const windows = proc.platform === 'win32';
  const kept = new Set<Notification>();
  const trayImages = new Map<TrayState, NativeImage>();
  let tray: Tray | null = null;
  let trayFailed = false;
  let shown: { state: TrayState; tooltip: string; menu: string } | null = null;
  let actions: TrayActions | null = null;
  let tooltip = '';
  let badge = 0;
  let closeToTray = false;
  let quitting = false;

  deps.app.on('before-quit', () => {
    quitting = true;
  });

  function toImage(pngs: IconPngs): NativeImage {
    const image = deps.nativeImage.createFromBuffer(pngs.byScale.get(1)!, { scaleFactor: 1 });
    for (const [scaleFactor, buffer] of pngs.byScale) {
      if (scaleFactor !== 1) image.addRepresentation({ scaleFactor, buffer });
    }
    return image;
  }

  function trayImage(state: TrayState): NativeImage {
    let image = trayImages.get(state);
    if (!image) {
      image = toImage(trayIconPngs(state, mac));
      // macOS tints template images for light and dark menu bars.
      if (mac) image.setTemplateImage(true);
      trayImages.set(state, image);
    }
    return image;
  }

  function applyOverlay(window: BrowserWindow | null): void {
    if (!window || window.isDestroyed()) return;
    const image = badge > 0 ? toImage(overlayIconPngs(badge)) : null;
    window.setOverlayIcon(image, badge > 0 ? tooltip || overlayLabel(badge) : '');
  }

  function focusWindow(): void {
    let window = deps.getWindow();
    if (!window || window.isDestroyed()) window = deps.openWindow?.() ?? null;
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  function keep(notification: Notification): () => void {
    kept.add(notification);
    // Oldest first: a Set iterates in insertion order.
    for (const old of kept) {
      if (kept.size <= MAX_KEPT_NOTIFICATIONS) break;
      kept.delete(old);
    }
    return () => void kept.delete(notification);
  }

  let loginItemQueue: Promise<void> = Promise.resolve();

  async function applyStartAtLogin(enabled: boolean): Promise<void> {
    // A development run is bare Electron: a login item would start Electron's default app.
    if (!deps.app.isPackaged) {
      log.info('start at login applies to the installed app; not changed in development');
      return;
    }
    if (proc.platform === 'linux') {
      await setXdgAutostart(enabled, {
        name: deps.app.getName(),
        execPath: proc.execPath,
        env: proc.env,
      });
    } else if (mac) {
      // Setting it again shows macOS's "background item added" notice again: only on a change.
      if (deps.app.getLoginItemSettings().openAtLogin === enabled) return;
      deps.app.setLoginItemSettings({ openAtLogin: enabled });
    } else if (windows) {
      deps.app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_ARG] });
    } else {
      log.info('start at login is not supported here', { platform: proc.platform });
    }
  }
  return {
    launchedAtLogin: wasLaunchedAtLogin(proc, deps.app),

    notify(notice, onClick) {
      if (!deps.Notification.isSupported()) {
        log.info('notifications are not supported here');
        return;
      }
      try {
        const notification = new deps.Notification({
          title: notice.title,
          body: notice.body,
          silent: false,
        });
        // Electron drops a garbage-collected notification's click: hold it until it is done.
        const release = keep(notification);
        notification.on('click', () => {
          release();
          focusWindow();
          try {
            onClick();
          } catch (error) {
            log.error('notification click handler failed', { error });
          }
        });
        notification.on('close', () => {
          // Windows moves a closed toast to the Action Center, where it can still be clicked.
          if (!windows) release();
        });
        notification.on('failed', (_event, error) => {
          release();
          log.warn('notification failed', { error });
        });
        notification.show();
      } catch (error) {
        log.warn('notification could not be shown', { error });
      }
    },

    setTray(model: TrayModel, next: TrayActions) {
      actions = next;
      tooltip = model.tooltip;
      if (trayFailed) return;
      const menu = trayMenuSignature(model);
      try {
        if (!tray) {
          tray = new deps.Tray(trayImage(model.state));
          tray.on('click', () => actions?.open());
          shown = null;
        } else if (shown?.state !== model.state) {
          tray.setImage(trayImage(model.state));
        }
        if (shown?.tooltip !== model.tooltip) tray.setToolTip(model.tooltip);
        if (shown?.menu !== menu) {
          // Linux re-reads the menu only when it is set again, so it is always set whole.
          const template = trayMenuTemplate(model, () => actions!);
          tray.setContextMenu(deps.Menu.buildFromTemplate(template));
        }
        shown = { state: model.state, tooltip: model.tooltip, menu };
      } catch (error) {
        // No tray on this desktop (or it broke): the app goes on without one.
        trayFailed = true;
        log.warn('tray unavailable', { error });
        try {
          tray?.destroy();
        } catch {
          // already gone
        }
        tray = null;
        shown = null;
      }
    },

    setBadge(count) {
      badge = Math.max(0, Math.floor(count));
      try {
        if (windows) applyOverlay(deps.getWindow());
        else deps.app.setBadgeCount(badge);
      } catch (error) {
        log.warn('badge update failed', { error });
      }
    },

    focusWindow,

    setStartAtLogin(enabled) {
      // One change at a time, in order: the startup re-apply and a quick toggle must not interleave
      // a write and a removal of the same entry.
      const run = loginItemQueue.then(() => applyStartAtLogin(enabled));
      loginItemQueue = run.catch(() => undefined);
      return run;
    },

    setCloseToTray(on) {
      closeToTray = on;
    },

    attachWindow(window) {
      window.on('close', (event) => {
        if (quitting || !closeToTray || !tray) return;
        event.preventDefault();
        window.hide();
      });
      if (windows && badge > 0) applyOverlay(window);
    },

    hasTray: () => tray !== null,
    keptCount: () => kept.size,

    dispose() {
      try {
        tray?.destroy();
      } catch {
        // already gone
      }
      tray = null;
      kept.clear();
    },
  };
}
