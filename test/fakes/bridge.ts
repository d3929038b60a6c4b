/**
 * An in-memory `window.tracker` for renderer tests. It is the real preload bridge (`buildBridge`)
 * over a fake ipcRenderer, so it has exactly the contract's shape, grows with every new channel,
 * and behaves like the real one (payload-only listeners, idempotent unsubscribe). Invoke channels
 * answer from per-channel handlers; a test emits events as main would. The `workspace.*`, `auth.*`
 * and `sync.*` channels run small scripted state machines that emit their `changed` events.
 */
import { buildBridge, type IpcRendererLike } from '../../preload/build-bridge.ts';
import {
  CHANNEL_PREFIX,
  DEFAULT_USER_SETTINGS,
  type AppInfo,
  type AuthState,
  type EventChannel,
  type EventPayload,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
  type IpcError,
  type IpcResult,
  type OnlineState,
  type SyncStatus,
  type TrackerBridge,
  type UserSettings,
  type WorkspaceState,
} from '../../preload/contract.ts';

/** The `app.info` answer a fake bridge gives unless told otherwise. */
export const APP_INFO_FIXTURE: AppInfo = {
  name: 'Tracker Desktop',
  version: '1.2.3-test',
  host: 'electron',
  platform: 'linux',
  arch: 'x64',
  locale: 'en-US',
  versions: { node: '24.9.0', electron: '45.5.0', chrome: '142.0.7444.52' },
  online: true,
};

/** The `ready` state the fake's `workspace.openDemo` reaches unless told otherwise. */
export const WORKSPACE_READY_FIXTURE = {
  status: 'ready',
  kind: 'demo',
  user: { login: 'alex.smirnov', display: 'Alexey Smirnov' },
  org: { id: '8230917', kind: '360' },
  counts: { assignedOpen: 17, total: 2000 },
} as const satisfies WorkspaceState;

/** The `signedIn` state the fake's sign-in flows reach for org `8230917` with auto-detection. */
export const AUTH_SIGNED_IN_FIXTURE = {
  status: 'signedIn',
  storage: { kind: 'os', weakOptIn: false },
  user: { login: 'alex.smirnov', display: 'Alexey Smirnov' },
  org: { id: '8230917', kind: '360' },
} as const satisfies AuthState;

/** The sync status the fake reports unless told otherwise: nobody signed in, nothing synced. */
export const SYNC_SIGNED_OUT_FIXTURE = {
  state: 'signedOut',
  online: true,
  lastSuccessAt: null,
} as const satisfies SyncStatus;

/** The device code the fake's `auth.startDevice` shows; `expiresAt` is set per call. */
export const DEVICE_CODE_FIXTURE = {
  userCode: 'WDJB-MJHT',
  verificationUrl: 'https://oauth.yandex.ru/device',
} as const;

/** How long the fake's device codes stay valid. */
export const DEVICE_CODE_TTL_MS = 5 * 60_000;

/** Answers one invoke channel, as main's handler plus router would. */
export type FakeHandler<K extends InvokeChannel> = (
  request: InvokeRequest<K>,
) => IpcResult<InvokeResponse<K>> | Promise<IpcResult<InvokeResponse<K>>>;

/** Handlers by channel; a channel without one fails with E_UNKNOWN_CHANNEL. */
export type FakeHandlers = { [K in InvokeChannel]?: FakeHandler<K> };

/** The settings the fake answers unless told otherwise: main's defaults. */
export const SETTINGS_FIXTURE: UserSettings = DEFAULT_USER_SETTINGS;

/** What a test may change about a fake bridge. */
export interface FakeBridgeOptions {
  /** Fields merged into {@link APP_INFO_FIXTURE}. */
  readonly appInfo?: Partial<AppInfo>;
  /** Makes `app.info` fail with this error. */
  readonly appInfoError?: IpcError;
  /** Handlers that replace the defaults, channel by channel. */
  readonly handlers?: FakeHandlers;
  /** The workspace state before any call (default `none`). */
  readonly workspace?: WorkspaceState;
  /** What `workspace.openDemo` ends in (default {@link WORKSPACE_READY_FIXTURE}). */
  readonly demoWorkspace?: WorkspaceState;
  /** The auth state before any call (default signed out, OS-protected storage). */
  readonly auth?: AuthState;
  /** The user every successful sign-in reaches (default the fixture's). */
  readonly authUser?: AuthUser;
  /** The kind an `auto` organization is detected as (default `360`). */
  readonly detectedOrgKind?: '360' | 'cloud';
  /**
   * `instant` (default): `auth.signIn` completes at once, as if the browser came back immediately.
   * `manual`: it stays `signingIn` until the test calls `finishSignIn()`, `failSignIn()` or the code
   * under test calls `auth.cancel`. Device-code sign-ins are always manual.
   */
  readonly loopback?: 'instant' | 'manual';
  /** Makes `auth.pasteToken` fail with this error (the state goes back to signed out). */
  readonly pasteTokenError?: IpcError;
  /**
   * The sync status before any call (default {@link SYNC_SIGNED_OUT_FIXTURE}). Unless signed out,
   * `sync.now` emits `syncing`, then `idle` with `lastSuccessAt` set to now, and answers the latter.
   */
  readonly sync?: SyncStatus;
  /** Fields merged into {@link SETTINGS_FIXTURE}; `settings.update` merges patches and emits. */
  readonly settings?: Partial<UserSettings>;
}

/** A signed-in user as the contract shows it. */
export type AuthUser = Extract<AuthState, { status: 'signedIn' }>['user'];

/** A fake bridge plus the handles a test drives it with. */
export interface FakeBridge {
  /** Pass this wherever a `TrackerBridge` is expected (constructors, `setBridge`). */
  readonly bridge: TrackerBridge;
  /** Requests received on `channel`, oldest first (`undefined` for channels without one). */
  calls<K extends InvokeChannel>(channel: K): InvokeRequest<K>[];
  /** Replaces the handler of `channel` for later calls. */
  setHandler<K extends InvokeChannel>(channel: K, handler: FakeHandler<K>): void;
  /** Holds later calls on `channel` until the returned function is called. */
  hold(channel: InvokeChannel): () => void;
  /** Delivers an event to every current listener of `channel`. */
  emit<E extends EventChannel>(channel: E, payload: EventPayload<E>): void;
  /** Shorthand for `emit('app.online', state)`. */
  emitOnline(state: OnlineState): void;
  /** Makes `status` the fake's sync status and emits it as `sync.changed`. */
  emitSync(status: SyncStatus): void;
  /** The fake's current sync status. */
  syncState(): SyncStatus;
  /** Current listeners of `channel` (default `app.online`), to check subscriptions are released. */
  listenerCount(channel?: EventChannel): number;
  /** The fake's current auth state. */
  authState(): AuthState;
  /** Completes the pending loopback or device sign-in as signed in; false if none is pending. */
  finishSignIn(): boolean;
  /** Ends the pending sign-in as signed out with `reason`; false if none is pending. */
  failSignIn(reason: IpcError): boolean;
}

/** A successful call result. */
export function ok<T>(data: T): IpcResult<T> {
  return { ok: true, data };
}

/** A failed call result. */
export function fail(code: IpcError['code'], message = `failed: ${code}`): IpcResult<never> {
  return { ok: false, error: { code, message } };
}

type AnyHandler = (request: unknown) => IpcResult<unknown> | Promise<IpcResult<unknown>>;
type WireListener = (event: unknown, payload: unknown) => void;

function unprefix(wire: string): string {
  return wire.startsWith(CHANNEL_PREFIX) ? wire.slice(CHANNEL_PREFIX.length) : wire;
}

/**
 * Builds a fake bridge whose `app.info` answers the fixture and whose `workspace.*` channels run a
 * small workspace state machine emitting `workspace.changed` as main does, changed by `options`.
 */
export function createFakeBridge(options: FakeBridgeOptions = {}): FakeBridge {
  const handlers = new Map<string, AnyHandler>();
  const requests = new Map<string, unknown[]>();
  const gates = new Map<string, Promise<void>>();
  const listeners = new Map<string, Set<WireListener>>();

  const setHandler = <K extends InvokeChannel>(channel: K, handler: FakeHandler<K>) => {
    handlers.set(channel, handler as AnyHandler);
  };

  setHandler('app.info', () =>
    options.appInfoError
      ? { ok: false, error: options.appInfoError }
      : ok({ ...APP_INFO_FIXTURE, ...options.appInfo }),
  );
  let workspace: WorkspaceState = options.workspace ?? { status: 'none' };
  const setWorkspace = (next: WorkspaceState) => {
    workspace = next;
    emit('workspace.changed', next);
    return ok(next);
  };
  setHandler('workspace.state', () => ok(workspace));
  setHandler('workspace.openDemo', () => {
    if (workspace.status === 'ready') return ok(workspace);
    setWorkspace({ status: 'opening', kind: 'demo' });
    return setWorkspace(options.demoWorkspace ?? WORKSPACE_READY_FIXTURE);
  });
  setHandler('workspace.close', () => setWorkspace({ status: 'none' }));

  const auth = createAuthMachine(options, (state) => emit('auth.changed', state));
  setHandler('auth.state', () => ok(auth.state()));
  setHandler('auth.signIn', ({ org }) => auth.signIn(org));
  setHandler('auth.startDevice', ({ org }) => auth.startDevice(org));
  setHandler('auth.pasteToken', (request) => auth.pasteToken(request));
  setHandler('auth.cancel', () => auth.cancel());
  setHandler('auth.signOut', () => auth.signOut());
  setHandler('auth.allowWeakStorage', ({ allow }) => auth.allowWeakStorage(allow));
  let sync: SyncStatus = options.sync ?? SYNC_SIGNED_OUT_FIXTURE;
  const setSync = (next: SyncStatus) => {
    sync = next;
    emit('sync.changed', next);
  };
  setHandler('sync.status', () => ok(sync));
  setHandler('sync.now', () => {
    if (sync.state === 'signedOut' || sync.state === 'syncing') return ok(sync);
    setSync({ state: 'syncing', online: sync.online, lastSuccessAt: sync.lastSuccessAt });
    setSync({ state: 'idle', online: sync.online, lastSuccessAt: Date.now() });
    return ok(sync);
  });
  let settings: UserSettings = { ...SETTINGS_FIXTURE, ...options.settings };
  setHandler('settings.get', () => ok(settings));
  setHandler('settings.update', (patch) => {
    settings = { ...settings, ...patch };
    emit('settings.changed', settings);
    return ok(settings);
  });
  // Like the web host: this build does not update itself (tests script other states per channel).
  setHandler('update.status', () =>
    ok({ state: 'unsupported', currentVersion: APP_INFO_FIXTURE.version }),
  );
  for (const [channel, handler] of Object.entries(options.handlers ?? {})) {
    handlers.set(channel, handler as AnyHandler);
  }

  const ipc: IpcRendererLike = {
    async invoke(wire, request) {
      const channel = unprefix(wire);
      requests.set(channel, [...(requests.get(channel) ?? []), request]);
      await gates.get(channel);
      const handler = handlers.get(channel);
      if (!handler) return fail('E_UNKNOWN_CHANNEL', `no fake handler for ${channel}`);
      // A structured clone, as IPC makes, so the code under test cannot share objects with the test.
      return structuredClone(await handler(request));
    },
    on(wire, listener) {
      const set = listeners.get(unprefix(wire)) ?? new Set();
      set.add(listener);
      listeners.set(unprefix(wire), set);
    },
    removeListener(wire, listener) {
      listeners.get(unprefix(wire))?.delete(listener);
    },
  };

  const emit = <E extends EventChannel>(channel: E, payload: EventPayload<E>) => {
    for (const listener of [...(listeners.get(channel) ?? [])]) {
      listener({}, structuredClone(payload));
    }
  };

  return {
    bridge: buildBridge(ipc),
    calls: <K extends InvokeChannel>(channel: K) =>
      [...(requests.get(channel) ?? [])] as InvokeRequest<K>[],
    setHandler,
    hold(channel) {
      let open = () => {};
      const gate = new Promise<void>((resolve) => (open = resolve));
      gates.set(channel, gate);
      return () => {
        // A later hold on the same channel keeps its own gate.
        if (gates.get(channel) === gate) gates.delete(channel);
        open();
      };
    },
    emit,
    emitOnline: (state) => emit('app.online', state),
    emitSync: (status) => setSync(status),
    syncState: () => sync,
    listenerCount: (channel = 'app.online') => listeners.get(channel)?.size ?? 0,
    authState: () => auth.state(),
    finishSignIn: () => auth.finish(),
    failSignIn: (reason) => auth.fail(reason),
  };
}

type OrgChoice = InvokeRequest<'auth.signIn'>['org'];
type AuthResult = IpcResult<AuthState>;

/**
 * The scripted sign-in state machine behind the fake's `auth.*` channels: signed out → signing in
 * (loopback, device or token) → signed in, with cancel, sign-out and the weak-storage opt-in.
 */
function createAuthMachine(options: FakeBridgeOptions, changed: (state: AuthState) => void) {
  let state: AuthState = options.auth ?? {
    status: 'signedOut',
    storage: { kind: 'os', weakOptIn: false },
  };
  // The org of the sign-in in progress, and how to answer a loopback `auth.signIn` still waiting.
  let pending: { org: OrgChoice; settle?: (result: AuthResult) => void } | null = null;

  const set = (next: AuthState): AuthResult => {
    state = next;
    changed(next);
    return ok(next);
  };
  const signedIn = (org: OrgChoice, kind?: '360' | 'cloud'): AuthState => ({
    status: 'signedIn',
    storage: state.storage,
    user: options.authUser ?? AUTH_SIGNED_IN_FIXTURE.user,
    org: {
      id: org.id.trim(),
      kind: kind ?? (org.kind === 'auto' ? (options.detectedOrgKind ?? '360') : org.kind),
    },
  });
  // Ends the waiting flow: the state changes first (with its event), then `auth.signIn` answers.
  const settle = (next: AuthState): boolean => {
    if (!pending) return false;
    const { settle: answer } = pending;
    pending = null;
    const result = set(next);
    answer?.(result);
    return true;
  };
  const busy = () => fail('E_BAD_REQUEST', 'a sign-in is already in progress');

  return {
    state: () => state,
    signIn(org: OrgChoice): AuthResult | Promise<AuthResult> {
      if (state.status === 'signingIn') return busy();
      set({ status: 'signingIn', method: 'loopback', storage: state.storage });
      if (options.loopback !== 'manual') return set(signedIn(org));
      return new Promise<AuthResult>((resolve) => (pending = { org, settle: resolve }));
    },
    startDevice(org: OrgChoice): AuthResult {
      if (state.status === 'signingIn') return busy();
      pending = { org };
      return set({
        status: 'signingIn',
        method: 'device',
        storage: state.storage,
        device: { ...DEVICE_CODE_FIXTURE, expiresAt: Date.now() + DEVICE_CODE_TTL_MS },
      });
    },
    pasteToken(request: InvokeRequest<'auth.pasteToken'>): AuthResult {
      if (state.status === 'signingIn') return busy();
      if (request.tokenKind === 'iam' && request.org.kind === '360') {
        return fail('E_BAD_REQUEST', 'an IAM token needs a Yandex Cloud organization');
      }
      set({ status: 'signingIn', method: 'token', storage: state.storage });
      if (options.pasteTokenError) {
        set({ status: 'signedOut', storage: state.storage });
        return { ok: false, error: options.pasteTokenError };
      }
      return set(signedIn(request.org, request.tokenKind === 'iam' ? 'cloud' : undefined));
    },
    /** Stops a sign-in in progress (a waiting `auth.signIn` answers signed out); else a no-op. */
    cancel(): AuthResult {
      settle({ status: 'signedOut', storage: state.storage });
      return ok(state);
    },
    signOut(): AuthResult {
      if (settle({ status: 'signedOut', storage: state.storage })) return ok(state);
      return set({ status: 'signedOut', storage: state.storage });
    },
    allowWeakStorage(allow: boolean): AuthResult {
      return set({ ...state, storage: { ...state.storage, weakOptIn: allow } });
    },
    finish: () => (pending ? settle(signedIn(pending.org)) : false),
    fail: (reason: IpcError) => settle({ status: 'signedOut', storage: state.storage, reason }),
  };
}
