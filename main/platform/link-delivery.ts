/**
 * Deep links on their way from the OS to the window: the app registers as the handler of
 * tracker-desktop:// links, and a link (from the launch arguments, a second instance or macOS
 * 'open-url') is held until the core can announce it and the window's renderer has loaded, then
 * handed over once. Only the latest undelivered link is kept: the user wants the last one clicked.
 */
import path from 'node:path';
import type * as Electron from 'electron';
import { DEEP_LINK_SCHEME, type DeepLink } from '../deep-link.ts';
import type { Logger } from '../log/types.ts';

/** The process fields protocol registration reads. */
export interface ProtocolProcess {
  /** Set by Electron when run as `electron .` (development): the OS must relaunch it with args. */
  readonly defaultApp?: boolean;
  readonly argv: readonly string[];
  readonly execPath: string;
}

/**
 * Makes the app the OS handler of tracker-desktop:// links. In development (`electron path`) the
 * OS must start Electron with the app path, as the Electron deep-link docs describe.
 */
export function registerProtocolClient(
  app: Pick<Electron.App, 'setAsDefaultProtocolClient'>,
  proc: ProtocolProcess,
  log: Logger,
): void {
  try {
    const appPath = proc.defaultApp ? proc.argv[1] : undefined;
    const args = appPath ? [path.resolve(appPath)] : [];
    // eng-disable PROTOCOL_HANDLER_JS_CHECK: links are parsed by main/deep-link.ts, issue keys only
    const registered = app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, proc.execPath, args);
    if (!registered) log.warn('protocol client not registered', { scheme: DEEP_LINK_SCHEME });
  } catch (error) {
    log.warn('protocol client registration failed', { error });
  }
}

/** Holds links until they can be delivered. */
export interface LinkDelivery {
  /** A link the user followed (null/undefined: it did not parse and is ignored); shows the window. */
  open(link: DeepLink | undefined, source: string): void;
  /** The link the app was launched with: held without showing anything yet. */
  hold(link: DeepLink): void;
  /** Whether a link waits for delivery. */
  readonly pending: boolean;
  /** The core is up: links go out through `navigate` from now on. */
  connect(navigate: (link: DeepLink) => void): void;
  /** A new main window started loading; its renderer cannot hear events yet. */
  rendererLoading(): void;
  /** The main window's renderer finished loading. */
  rendererLoaded(): void;
}

/** What link delivery needs from the entry. */
export interface LinkDeliveryOptions {
  /** The current logger (the entry swaps its boot logger for the file logger once ready). */
  readonly log: () => Logger;
  /** Shows, restores and focuses the main window, opening one when there is none. */
  readonly showWindow: () => void;
}

/** Creates the holder; nothing is delivered before `connect` and `rendererLoaded`. */
export function createLinkDelivery(options: LinkDeliveryOptions): LinkDelivery {
  let held: DeepLink | undefined;
  let navigate: ((link: DeepLink) => void) | null = null;
  let loaded = false;

  const deliver = () => {
    if (!held || !navigate || !loaded) return;
    const link = held;
    held = undefined;
    navigate(link);
  };

  return {
    open(link, source) {
      if (!link) {
        options.log().debug('deep link ignored', { source });
        return;
      }
      options.log().info('deep link', { source });
      held = link;
      options.showWindow();
      deliver();
    },
    hold(link) {
      held = link;
    },
    get pending() {
      return held !== undefined;
    },
    connect(next) {
      navigate = next;
      deliver();
    },
    rendererLoading() {
      loaded = false;
    },
    rendererLoaded() {
      loaded = true;
      deliver();
    },
  };
}
