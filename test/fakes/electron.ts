/**
 * A fake 'electron' for vitest (the node project aliases 'electron' here). It records what the
 * code under test asks of Electron so tests can assert the security posture without a binary.
 * State lives in {@link fake}; {@link resetFakeElectron} restores it between tests.
 */
import { EventEmitter } from 'node:events';
import { createFakeSafeStorage } from './safe-storage.ts';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as Electron from 'electron';

/** An Electron-style event: the params plus preventDefault. */
export type FakeEvent<T extends object = object> = T & {
  defaultPrevented: boolean;
  preventDefault(): void;
};

/** Makes an event carrying `params`, e.g. `fakeEvent({ url })` for 'will-navigate'. */
export function fakeEvent<T extends object>(params: T = {} as T): FakeEvent<T> {
  const event = {
    ...params,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

type Handler = Parameters<Electron.IpcMain['handle']>[1];
type RendererListener = (event: unknown, ...args: unknown[]) => void;
type SessionHandler<K extends keyof Electron.Session> = Electron.Session[K] extends (
  handler: infer H,
) => void
  ? H
  : never;
type ProtocolHandler = (request: Request) => Response | Promise<Response>;

function initialState() {
  return {
    /** Ordered record of notable calls, e.g. 'app.enableSandbox', 'app.ready'. */
    calls: [] as string[],
    ready: false,
    isPackaged: false,
    locale: 'ru-RU',
    singleInstanceLock: true,
    appUserModelId: null as string | null,
    quitCount: 0,
    exitCode: null as number | null,
    paths: {} as Record<string, string>,
    windows: [] as FakeBrowserWindow[],
    webContents: [] as FakeWebContents[],
    handlers: new Map<string, Handler>(),
    schemes: [] as Electron.CustomScheme[],
    protocolHandlers: new Map<string, ProtocolHandler>(),
    permissionRequestHandler: null as SessionHandler<'setPermissionRequestHandler'>,
    permissionCheckHandler: null as SessionHandler<'setPermissionCheckHandler'>,
    devicePermissionHandler: null as SessionHandler<'setDevicePermissionHandler'>,
    spellCheckerEnabled: null as boolean | null,
    online: true,
    fetchCalls: [] as Array<{ input: string | Request; init?: RequestInit }>,
    fetchImpl: (_input: string | Request, _init?: RequestInit): Promise<Response> =>
      Promise.resolve(new Response(null, { status: 204 })),
    openedExternal: [] as string[],
    exposed: {} as Record<string, unknown>,
    rendererInvokes: [] as Array<{ channel: string; args: unknown[] }>,
    invokeImpl: (_channel: string, _args: unknown[]): unknown => undefined,
    rendererListeners: new Map<string, Set<RendererListener>>(),
    notificationsSupported: true,
    notifications: [] as FakeNotification[],
    /** Make `new Tray()` throw, as on a desktop without a status area. */
    trayFails: false,
    trays: [] as FakeTray[],
    /** Last `app.setBadgeCount` value, or null when never called. */
    badgeCount: null as number | null,
    loginItemSettings: null as Electron.Settings | null,
    wasOpenedAtLogin: false,
    /** Every `app.setAsDefaultProtocolClient` call. */
    protocolClients: [] as Array<{ protocol: string; path?: string; args?: string[] }>,
    /** What `app.setAsDefaultProtocolClient` answers. */
    protocolClientResult: true,
  };
}

/** Everything the fake recorded; mutate fields (online, singleInstanceLock, …) to steer it. */
export const fake = {
  ...initialState(),
  /** A webContents not created through a BrowserWindow of ours (devtools, a stray guest). */
  createWebContents: (): FakeWebContents => new FakeWebContents(),
  /** Calls the ipcMain handler of `channel` as a renderer frame at `url` of `sender` would. */
  invokeMain(channel: string, sender: FakeWebContents, url: string, ...args: unknown[]) {
    const handler = fake.handlers.get(channel);
    if (!handler) throw new Error(`No ipcMain handler for ${channel}`);
    const event = { sender, senderFrame: { url, parent: null } };
    return Promise.resolve(handler(event as unknown as Electron.IpcMainInvokeEvent, ...args));
  },
  /** Delivers a main→renderer message to the ipcRenderer listeners. */
  emitToRenderer(channel: string, ...args: unknown[]) {
    for (const listener of fake.rendererListeners.get(channel) ?? []) listener({}, ...args);
  },
};

let tempRoot: string | null = null;
let nextWebContentsId = 1;

class FakeApp extends EventEmitter {
  get isPackaged() {
    return fake.isPackaged;
  }
  getName = () => 'Tracker Desktop';
  getVersion = () => '0.1.0';
  getLocale = () => fake.locale;
  setPath = (name: string, dir: string) => {
    fake.paths[name] = dir;
    fake.calls.push(`app.setPath:${name}`);
  };
  getPath = (name: string): string => {
    if (fake.paths[name]) return fake.paths[name];
    tempRoot ??= mkdtempSync(path.join(os.tmpdir(), 'tracker-fake-electron-'));
    const dir = path.join(tempRoot, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  };
  setAppUserModelId = (id: string) => {
    fake.appUserModelId = id;
    fake.calls.push('app.setAppUserModelId');
  };
  enableSandbox = () => void fake.calls.push('app.enableSandbox');
  requestSingleInstanceLock = () => {
    fake.calls.push('app.requestSingleInstanceLock');
    return fake.singleInstanceLock;
  };
  isReady = () => fake.ready;
  whenReady = (): Promise<void> =>
    Promise.resolve().then(() => {
      if (fake.ready) return;
      fake.ready = true;
      fake.calls.push('app.ready');
      this.emit('ready');
    });
  quit = () => {
    fake.quitCount += 1;
    fake.calls.push('app.quit');
    this.emit('before-quit', fakeEvent());
    this.emit('will-quit', fakeEvent());
  };
  setBadgeCount = (count = 0) => {
    fake.badgeCount = count;
    return true;
  };
  setLoginItemSettings = (settings: Electron.Settings) => {
    fake.loginItemSettings = settings;
  };
  getLoginItemSettings = () => ({
    openAtLogin: fake.loginItemSettings?.openAtLogin ?? false,
    wasOpenedAtLogin: fake.wasOpenedAtLogin,
  });
  setAsDefaultProtocolClient = (protocol: string, path?: string, args?: string[]) => {
    fake.protocolClients.push({
      protocol,
      ...(path === undefined ? {} : { path }),
      ...(args ? { args } : {}),
    });
    fake.calls.push('app.setAsDefaultProtocolClient');
    return fake.protocolClientResult;
  };
  /** Simulates macOS opening a URL with the app; returns whether the app prevented the default. */
  openUrl = (url: string): boolean => {
    const event = fakeEvent();
    this.emit('open-url', event, url);
    return event.defaultPrevented;
  };
  /** Simulates a second launch with `argv`, as the OS does for a link on Windows and Linux. */
  secondInstance = (argv: string[], workingDirectory = '/') =>
    void this.emit('second-instance', fakeEvent(), argv, workingDirectory, {});
  exit = (code = 0) => {
    fake.exitCode = code;
    fake.calls.push('app.exit');
  };
}

/** The fake `app`. */
export const app = new FakeApp() satisfies Pick<
  Electron.App,
  | 'getName'
  | 'getVersion'
  | 'getLocale'
  | 'isPackaged'
  | 'whenReady'
  | 'quit'
  | 'exit'
  | 'setAsDefaultProtocolClient'
>;

/** A fake webContents; creating one emits app 'web-contents-created' like Electron does. */
export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  private destroyed = false;

  constructor() {
    super();
    fake.webContents.push(this);
    app.emit('web-contents-created', fakeEvent(), this);
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed = () => this.destroyed;
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
  }
  /** Emits a navigation event (`will-navigate` by default); returns whether it was prevented. */
  navigate(url: string, eventName = 'will-navigate'): boolean {
    const event = fakeEvent({ url, isMainFrame: true });
    this.emit(eventName, event, url);
    return event.defaultPrevented;
  }
  /** Runs the window.open handler as a page's `window.open(url)` would. */
  openWindow(url: string): { action: string } | undefined {
    return this.windowOpenHandler?.({ url });
  }
}

/** A fake BrowserWindow recording its options, loaded URLs and visibility. */
export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  readonly loadedUrls: string[] = [];
  visible = false;
  minimized = false;
  focused = false;
  /** Every setOverlayIcon call; `image` is null when the overlay was cleared. */
  readonly overlays: Array<{ image: FakeNativeImage | null; description: string }> = [];
  private destroyed = false;
  readonly options: Electron.BrowserWindowConstructorOptions;

  constructor(options: Electron.BrowserWindowConstructorOptions = {}) {
    super();
    this.options = options;
    fake.windows.push(this);
  }
  static getAllWindows = () => fake.windows.filter((window) => !window.isDestroyed());
  static fromWebContents = (contents: unknown) =>
    fake.windows.find((window) => window.webContents === contents) ?? null;
  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    return Promise.resolve();
  }
  /** Simulates the renderer finishing its load ('did-finish-load' on the webContents). */
  finishLoad(): void {
    this.webContents.emit('did-finish-load', fakeEvent());
  }
  show = () => void (this.visible = true);
  hide = () => void (this.visible = false);
  focus = () => void (this.focused = true);
  minimize = () => void (this.minimized = true);
  restore = () => void (this.minimized = false);
  isVisible = () => this.visible;
  isMinimized = () => this.minimized;
  isDestroyed = () => this.destroyed;
  /** Like a click on the close button: emits a cancelable 'close', then destroys unless prevented. */
  close = () => {
    const event = fakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  };
  setOverlayIcon = (image: FakeNativeImage | null, description: string) =>
    void this.overlays.push({ image, description });
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
    this.webContents.destroy();
  }
}

/** The fake BrowserWindow class, under Electron's name. */
export const BrowserWindow = FakeBrowserWindow;

/** A fake NativeImage: the PNG representations it was given and its template flag. */
export class FakeNativeImage {
  readonly representations: Array<{ scaleFactor: number; buffer: Buffer }> = [];
  template = false;
  addRepresentation(options: { scaleFactor?: number; buffer?: Buffer }): void {
    this.representations.push({ scaleFactor: options.scaleFactor ?? 1, buffer: options.buffer! });
  }
  setTemplateImage(on: boolean): void {
    this.template = on;
  }
  isTemplateImage = () => this.template;
  isEmpty = () => this.representations.length === 0;
}

/** The fake `nativeImage`. */
export const nativeImage = {
  createFromBuffer(buffer: Buffer, options: { scaleFactor?: number } = {}) {
    const image = new FakeNativeImage();
    image.addRepresentation({ scaleFactor: options.scaleFactor ?? 1, buffer });
    return image;
  },
  createEmpty: () => new FakeNativeImage(),
};

/** A built fake menu: the template it came from. */
export interface FakeMenu {
  readonly items: Electron.MenuItemConstructorOptions[];
}

/** The fake `Menu`. */
export const Menu = {
  buildFromTemplate: (items: Electron.MenuItemConstructorOptions[]): FakeMenu => ({ items }),
};

/** A fake Tray recording its image, tooltip and every context menu it was given. */
export class FakeTray extends EventEmitter {
  image: FakeNativeImage;
  tooltip = '';
  readonly menus: FakeMenu[] = [];
  private destroyed = false;
  constructor(image: FakeNativeImage) {
    super();
    if (fake.trayFails) throw new Error('No status area on this desktop');
    this.image = image;
    fake.trays.push(this);
  }
  get menu(): FakeMenu | null {
    return this.menus.at(-1) ?? null;
  }
  setImage = (image: FakeNativeImage) => void (this.image = image);
  setToolTip = (tooltip: string) => void (this.tooltip = tooltip);
  setContextMenu = (menu: FakeMenu | null) => void (menu && this.menus.push(menu));
  isDestroyed = () => this.destroyed;
  destroy = () => void (this.destroyed = true);
}

/** The fake Tray class, under Electron's name. */
export const Tray = FakeTray;

/** A fake Notification; `fake.notifications` lists every one created. */
export class FakeNotification extends EventEmitter {
  shown = false;
  constructor(readonly options: Electron.NotificationConstructorOptions) {
    super();
    fake.notifications.push(this);
  }
  static isSupported = () => fake.notificationsSupported;
  show = () => void (this.shown = true);
  /** Simulates the user clicking the notification. */
  click = () => void this.emit('click', fakeEvent());
}

/** The fake Notification class, under Electron's name. */
export const Notification = FakeNotification;

/** The fake `ipcMain`: one handler per channel, a second registration throws like Electron. */
export const ipcMain = {
  handle(channel: string, listener: Handler) {
    if (fake.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    fake.handlers.set(channel, listener);
  },
  removeHandler(channel: string) {
    fake.handlers.delete(channel);
  },
} satisfies Pick<Electron.IpcMain, 'handle' | 'removeHandler'>;

/** The fake `protocol` (module level: scheme registration and the default session's handlers). */
export const protocol = {
  registerSchemesAsPrivileged(schemes: Electron.CustomScheme[]) {
    fake.calls.push('protocol.registerSchemesAsPrivileged');
    fake.schemes.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler) {
    fake.protocolHandlers.set(scheme, handler);
  },
  unhandle(scheme: string) {
    fake.protocolHandlers.delete(scheme);
  },
  isProtocolHandled: (scheme: string) => fake.protocolHandlers.has(scheme),
} satisfies Pick<
  Electron.Protocol,
  'registerSchemesAsPrivileged' | 'handle' | 'unhandle' | 'isProtocolHandled'
>;

const defaultSession = {
  protocol: protocol satisfies Pick<Electron.Protocol, 'handle'>,
  ...sessionPolicies(),
};

function sessionPolicies() {
  return {
    setPermissionRequestHandler(handler: SessionHandler<'setPermissionRequestHandler'>) {
      fake.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: SessionHandler<'setPermissionCheckHandler'>) {
      fake.permissionCheckHandler = handler;
    },
    setDevicePermissionHandler(handler: SessionHandler<'setDevicePermissionHandler'>) {
      fake.devicePermissionHandler = handler;
    },
    setSpellCheckerEnabled(enabled: boolean) {
      fake.spellCheckerEnabled = enabled;
    },
  } satisfies Pick<
    Electron.Session,
    | 'setPermissionRequestHandler'
    | 'setPermissionCheckHandler'
    | 'setDevicePermissionHandler'
    | 'setSpellCheckerEnabled'
  >;
}

/** The fake `session`; like Electron, the default session throws before the app is ready. */
export const session = {
  get defaultSession() {
    if (!fake.ready) throw new Error('Session can only be received when app is ready');
    return defaultSession;
  },
};

/** The fake `net`: `fetch` goes to `fake.fetchImpl`, `isOnline` reads `fake.online`. */
export const net = {
  fetch(input: string | Request, init?: RequestInit) {
    fake.fetchCalls.push({ input, init });
    return fake.fetchImpl(input, init);
  },
  isOnline: () => fake.online,
} satisfies Pick<Electron.Net, 'fetch' | 'isOnline'>;

/** The fake `shell`: records every URL it was asked to open. */
export const shell = {
  openExternal(url: string) {
    fake.openedExternal.push(url);
    return Promise.resolve();
  },
} satisfies Pick<Electron.Shell, 'openExternal'>;

/** The fake `powerMonitor`; emit 'resume', 'suspend', … on it. */
export const powerMonitor = new EventEmitter();

/** The fake `contextBridge`: records what the preload exposes. */
export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown) {
    fake.exposed[key] = api;
  },
} satisfies Pick<Electron.ContextBridge, 'exposeInMainWorld'>;

/** The ipcRenderer calls the preload uses. */
export interface FakeIpcRenderer extends Pick<Electron.IpcRenderer, 'invoke'> {
  on(channel: string, listener: RendererListener): FakeIpcRenderer;
  removeListener(channel: string, listener: RendererListener): FakeIpcRenderer;
}

/** The fake `ipcRenderer`: invokes go to `fake.invokeImpl`; listeners are kept per channel. */
export const ipcRenderer: FakeIpcRenderer = {
  invoke(channel: string, ...args: unknown[]) {
    fake.rendererInvokes.push({ channel, args });
    return Promise.resolve().then(() => fake.invokeImpl(channel, args));
  },
  on(channel: string, listener: RendererListener) {
    const set = fake.rendererListeners.get(channel) ?? new Set<RendererListener>();
    fake.rendererListeners.set(channel, set.add(listener));
    return ipcRenderer;
  },
  removeListener(channel: string, listener: RendererListener) {
    fake.rendererListeners.get(channel)?.delete(listener);
    return ipcRenderer;
  },
};

/** Restores the fake to its initial state and drops every listener registered on it. */
export function resetFakeElectron(): void {
  Object.assign(fake, initialState());
  app.removeAllListeners();
  powerMonitor.removeAllListeners();
  if (tempRoot) rmSync(tempRoot, { recursive: true, force: true });
  tempRoot = null;
}

/** Default export, for `import electron from 'electron'`. */
/** The fake `safeStorage`: real AES-GCM with switches (see test/fakes/safe-storage.ts). */
export const safeStorage = createFakeSafeStorage({ backend: 'gnome_libsecret' });

export default {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  Tray,
  protocol,
  session,
  net,
  shell,
  powerMonitor,
  contextBridge,
  ipcRenderer,
  safeStorage,
};
