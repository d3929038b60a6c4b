/**
 * App-wide locks that apply to every webContents, including ones we did not create: no navigation
 * away from the app's origin, no new windows, no <webview>, no permissions, no bad certificates.
 * Section C of the Electron notes; Electron's security checklist items 4, 5, 13, 14 and 15.
 */
import type { App, Session, WebContents } from 'electron';
import { isSameOrigin } from '../ipc/sender-guard.ts';
import type { Logger } from '../log/types.ts';
import { describeUrl } from './electron-platform.ts';
import { APP_ORIGIN } from './protocol.ts';

/** The session calls the hardening uses; the device handler is optional as in older Electrons. */
export type HardenedSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler'
> &
  Partial<Pick<Session, 'setDevicePermissionHandler' | 'setSpellCheckerEnabled'>>;

/** Options of {@link hardenApp}. */
export interface HardenOptions {
  /** Origin pages may navigate within; defaults to app://app. */
  readonly appOrigin?: string;
  /** The openExternal policy (allowlisted https only); window.open targets are handed to it. */
  readonly openExternal?: (url: string) => Promise<void>;
}

/** A navigation event as Electron 45 passes it: the target URL is on the event itself. */
interface NavigationEvent {
  readonly url: string;
  preventDefault(): void;
}

/** Locks one webContents' navigation, window.open and <webview>. */
export function hardenWebContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  log: Logger,
  options: HardenOptions = {},
): void {
  const appOrigin = options.appOrigin ?? APP_ORIGIN;

  const guard = (kind: string) => (event: NavigationEvent) => {
    if (isSameOrigin(event.url, appOrigin)) return;
    event.preventDefault();
    log.warn('blocked navigation', { kind, ...describeUrl(event.url) });
  };
  contents.on('will-navigate', guard('will-navigate'));
  contents.on('will-frame-navigate', guard('will-frame-navigate'));
  contents.on('will-redirect', guard('will-redirect'));

  contents.setWindowOpenHandler(({ url }) => {
    const target = describeUrl(url);
    if ((target.scheme === 'https:' || target.scheme === 'http:') && options.openExternal) {
      // The policy refuses anything off the allowlist (http included); a refusal is only logged.
      // eng-disable OPEN_EXTERNAL_JS_CHECK: this is the allowlist policy, not shell.openExternal
      options.openExternal(url).catch(() => log.warn('window.open target refused', target));
    } else {
      log.warn('blocked window.open', target);
    }
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('blocked <webview>');
  });
}

/**
 * Installs the locks: every webContents ever created gets {@link hardenWebContents}, the session
 * denies every permission, and certificate errors are rejected. Call once, once the app is ready
 * (the default session does not exist before) and before any window is created.
 */
export function hardenApp(
  app: Pick<App, 'on'>,
  session: HardenedSession,
  log: Logger,
  options: HardenOptions = {},
): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log, options));

  // Electron: preventDefault() + callback(true) TRUSTS the certificate. Rejecting means leaving the
  // default alone and answering false.
  // eng-disable CERTIFICATE_ERROR_EVENT_JS_CHECK: the handler only rejects (callback(false))
  app.on('certificate-error', (_event, _contents, url, error, _certificate, callback) => {
    log.warn('rejected certificate', { error, ...describeUrl(url) });
    callback(false);
  });

  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.info('denied permission request', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler?.(() => false);
  // Spellcheck is off in every window; this also stops the dictionary download from Google's CDN.
  session.setSpellCheckerEnabled?.(false);
}
