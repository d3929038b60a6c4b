/**
 * The session: who is signed in to which organization, with tokens kept in the SecretStore and
 * never handed to the renderer. It runs the three sign-in methods, detects the organization kind,
 * refreshes an expired token once for all concurrent callers, and signs out (revoking where Yandex
 * allows it). Every change is pushed as `auth.changed`.
 */
import type { AuthState } from '../../preload/contract.ts';
import { createTrackerClient, toAppError, type Org, type TrackerClient } from '../api/index.ts';
import {
  authLanguageOf,
  createOAuthClient,
  createSingleFlight,
  isAuthCancelled,
  refreshTokens,
  signInWithBrowser,
  startDeviceSignIn,
  type AuthConfig,
  type TokenSet,
} from '../auth/index.ts';
import { AppError, isAppError } from '../errors.ts';
import type { EventEmitter } from '../ipc/events.ts';
import type { Logger } from '../log/types.ts';
import type { SelectedSecretStore } from '../secrets/index.ts';
import { accountKey, type AccountIndex, type AccountRecord } from './accounts.ts';
import { detectOrg, type OrgChoice } from './org-detect.ts';
import { createRefreshingFetch } from './refreshing-fetch.ts';

/** The SecretStore service name all tokens are kept under. */
export const SECRET_SERVICE = 'tracker-desktop';

/** What the session is built from. */
export interface SessionDeps {
  readonly events: EventEmitter;
  readonly log: Logger;
  readonly fetch: typeof globalThis.fetch;
  readonly openExternal: (url: string) => Promise<void>;
  readonly secrets: SelectedSecretStore;
  readonly accounts: AccountIndex;
  /** Null when no OAuth app is configured: browser and device sign-in then explain how to set one. */
  readonly auth: AuthConfig | null;
  /** Why `auth` is null, for the explanation. */
  readonly authProblem?: AppError;
  readonly apiBase: string;
  readonly apiVersion?: 'v2' | 'v3';
  readonly language: () => 'ru' | 'en';
  /** Called with the signed-in client (or null on sign-out) so the workspace can follow. */
  readonly onClient: (
    client: TrackerClient | null,
    account: AccountRecord | null,
    clearCache: boolean,
  ) => Promise<void>;
  /** Persists the weak-storage opt-in. */
  readonly saveWeakOptIn: (allow: boolean) => void;
}

interface Tokens {
  accessToken: string;
  refreshToken?: string;
}

/** The session service behind the `auth.*` channels. */
export interface SessionService {
  state(): AuthState;
  /** Reopens the remembered account at start-up. */
  restore(): Promise<AuthState>;
  signIn(org: OrgChoice): Promise<AuthState>;
  startDevice(org: OrgChoice): Promise<AuthState>;
  pasteToken(token: string, tokenKind: 'oauth' | 'iam', org: OrgChoice): Promise<AuthState>;
  cancel(): Promise<AuthState>;
  signOut(clearCache: boolean): Promise<AuthState>;
  allowWeakStorage(allow: boolean): Promise<AuthState>;
  /** The client of the signed-in account, or null. */
  client(): TrackerClient | null;
  dispose(): void;
}

const secretName = (key: string, part: 'access' | 'refresh') => `${key}#${part}`;

/** Builds the session service. */
export function createSessionService(deps: SessionDeps): SessionService {
  const log = deps.log.child({ scope: 'session' });
  let state: AuthState = { status: 'signedOut', storage: storage() };
  let account: AccountRecord | null = null;
  let tokens: Tokens | null = null;
  let client: TrackerClient | null = null;
  let flow: AbortController | null = null;

  function storage(): AuthState['storage'] {
    const status = deps.secrets.status();
    return { kind: status.kind, weakOptIn: status.weakOptIn };
  }

  function set(next: AuthState): AuthState {
    state = next;
    deps.events.emit('auth.changed', next);
    return next;
  }

  function signedOut(reason?: AppError): AuthState {
    return set(
      reason
        ? { status: 'signedOut', storage: storage(), reason: reason.toIpcError() }
        : { status: 'signedOut', storage: storage() },
    );
  }

  function requireAuth(): AuthConfig {
    if (deps.auth) return deps.auth;
    throw (
      deps.authProblem ??
      new AppError(
        'E_BAD_REQUEST',
        'No OAuth app is configured: set TRACKER_CLIENT_ID (see the README), or paste a token.',
      )
    );
  }

  // One refresh for every concurrent 401; a failure ends the session with the reason.
  const refreshOnce = createSingleFlight(async () => {
    const current = tokens;
    const owner = account;
    if (!current?.refreshToken || !deps.auth || !owner) {
      throw new AppError('E_UNAUTHORIZED', 'The session has expired; sign in again.');
    }
    const next = await refreshTokens(current.refreshToken, {
      config: deps.auth,
      fetch: deps.fetch,
      log,
    });
    // A sign-out (or another account) may have happened meanwhile: never write tokens back then.
    if (account !== owner || tokens !== current) {
      throw new AppError('E_UNAUTHORIZED', 'The session ended while it was being renewed.');
    }
    await storeTokens(owner.key, {
      accessToken: next.accessToken,
      refreshToken: next.refreshToken,
    });
    log.info('access token refreshed');
    return next.accessToken;
  });

  async function refresh(rejected: string): Promise<string> {
    // Someone else already replaced the token this request was sent with.
    if (tokens && tokens.accessToken !== rejected) return tokens.accessToken;
    try {
      return await refreshOnce();
    } catch (error) {
      log.warn('session refresh failed', { error });
      await expire(
        new AppError('E_UNAUTHORIZED', 'Your sign-in has expired or was revoked; sign in again.'),
      );
      throw error;
    }
  }

  function makeClient(org: Org, tokenKind: 'oauth' | 'iam', fixed?: string): TrackerClient {
    return createTrackerClient({
      baseUrl: deps.apiBase,
      apiVersion: deps.apiVersion,
      fetch: fixed ? deps.fetch : createRefreshingFetch(deps.fetch, refresh),
      credentials: async () => {
        const token = fixed ?? tokens?.accessToken;
        if (!token) throw new AppError('E_UNAUTHORIZED', 'Not signed in.');
        return { kind: tokenKind, token };
      },
      org,
      language: deps.language,
      log,
    });
  }

  async function storeTokens(key: string, next: Tokens): Promise<void> {
    tokens = next;
    await deps.secrets.setPassword(SECRET_SERVICE, secretName(key, 'access'), next.accessToken);
    if (next.refreshToken) {
      await deps.secrets.setPassword(SECRET_SERVICE, secretName(key, 'refresh'), next.refreshToken);
    } else {
      await deps.secrets.deletePassword(SECRET_SERVICE, secretName(key, 'refresh'));
    }
  }

  async function forgetTokens(key: string): Promise<void> {
    tokens = null;
    await deps.secrets.deletePassword(SECRET_SERVICE, secretName(key, 'access'));
    await deps.secrets.deletePassword(SECRET_SERVICE, secretName(key, 'refresh'));
  }

  /** Ends the session but keeps the account (and its cache) for the next sign-in. */
  async function expire(reason: AppError): Promise<void> {
    // Every caller that shared the failed refresh lands here; only the first ends the session.
    if (!account || !tokens) return;
    await forgetTokens(account.key).catch(() => undefined);
    client = null;
    await deps.onClient(null, account, false).catch(() => undefined);
    signedOut(reason);
  }

  async function complete(
    token: TokenSet,
    tokenKind: 'oauth' | 'iam',
    choice: OrgChoice,
    signal: AbortSignal,
  ): Promise<AuthState> {
    const found = await detectOrg(
      (org) => makeClient(org, tokenKind, token.accessToken),
      choice,
      tokenKind,
      signal,
    );
    const uid = found.user.uid ?? found.user.login ?? 'unknown';
    const record: AccountRecord = {
      key: accountKey(uid, found.org),
      uid,
      login: found.user.login ?? uid,
      display: found.user.display ?? found.user.login ?? uid,
      org: { id: found.org.id, kind: found.org.kind },
      tokenKind,
      addedAt: Date.now(),
    };
    await storeTokens(record.key, {
      accessToken: token.accessToken,
      refreshToken: token.refreshToken,
    });
    if (signal.aborted) {
      // Cancelled (or signed out) while the keychain was writing: leave nothing behind.
      await forgetTokens(record.key).catch(() => undefined);
      signal.throwIfAborted();
    }
    deps.accounts.save(record);
    account = record;
    client = makeClient(found.org, tokenKind);
    log.info('signed in', { org: record.org.id, kind: record.org.kind });
    const next = set({
      status: 'signedIn',
      storage: storage(),
      user: { login: record.login, display: record.display },
      org: record.org,
    });
    void deps
      .onClient(client, record, false)
      .catch((error: unknown) => log.warn('workspace did not open', { error }));
    return next;
  }

  async function run(
    method: 'loopback' | 'device' | 'token',
    obtain: (signal: AbortSignal) => Promise<{ token: TokenSet; kind: 'oauth' | 'iam' }>,
    choice: OrgChoice,
    controller = new AbortController(),
  ): Promise<AuthState> {
    if (flow !== controller) flow?.abort();
    flow = controller;
    try {
      const { token, kind } = await obtain(controller.signal);
      controller.signal.throwIfAborted();
      return await complete(token, kind, choice, controller.signal);
    } catch (error) {
      if (controller.signal.aborted || isAuthCancelled(error)) {
        log.info('sign-in cancelled', { method });
        // cancel() has already reported signedOut (flow cleared); a newer flow owns the state.
        return flow === controller ? signedOut() : state;
      }
      const appError = isAppError(error) ? error : toAppError(error);
      log.warn('sign-in failed', { method, code: appError.code });
      if (flow === controller) signedOut(appError);
      throw appError;
    } finally {
      if (flow === controller) flow = null;
    }
  }

  return {
    state: () => state,

    async restore() {
      const remembered = deps.accounts.current();
      if (!remembered) return signedOut();
      const access = await deps.secrets
        .getPassword(SECRET_SERVICE, secretName(remembered.key, 'access'))
        .catch(() => null);
      const lost = deps.secrets.takeLostSecrets();
      if (!access) {
        // A weak (memory-only) store forgets on quit by design: that is not an error to report.
        const reason =
          lost.length > 0
            ? new AppError('E_UNAUTHORIZED', 'Your saved sign-in could not be read; sign in again.')
            : undefined;
        return signedOut(reason);
      }
      const refreshToken = await deps.secrets
        .getPassword(SECRET_SERVICE, secretName(remembered.key, 'refresh'))
        .catch(() => null);
      tokens = { accessToken: access, ...(refreshToken ? { refreshToken } : {}) };
      account = remembered;
      client = makeClient(remembered.org, remembered.tokenKind);
      const next = set({
        status: 'signedIn',
        storage: storage(),
        user: { login: remembered.login, display: remembered.display },
        org: remembered.org,
      });
      void deps.onClient(client, remembered, false).catch(() => undefined);
      return next;
    },

    async signIn(choice) {
      // async: a missing OAuth app must reject the promise, not throw at the caller.
      const config = requireAuth();
      set({ status: 'signingIn', method: 'loopback', storage: storage() });
      return run(
        'loopback',
        async (signal) => ({
          token: await signInWithBrowser({
            config,
            fetch: deps.fetch,
            openExternal: deps.openExternal,
            log,
            language: authLanguageOf(deps.language()),
            signal,
          }),
          kind: 'oauth',
        }),
        choice,
      );
    },

    async startDevice(choice) {
      const config = requireAuth();
      flow?.abort();
      const controller = new AbortController();
      // Owned from the start, so Cancel also stops the device-code request itself.
      flow = controller;
      set({ status: 'signingIn', method: 'device', storage: storage() });
      let device;
      try {
        device = await startDeviceSignIn({
          config,
          fetch: deps.fetch,
          log,
          signal: controller.signal,
        });
      } catch (error) {
        if (flow !== controller) return state;
        flow = null;
        if (controller.signal.aborted || isAuthCancelled(error)) return signedOut();
        const appError = isAppError(error) ? error : toAppError(error);
        signedOut(appError);
        throw appError;
      }
      if (flow !== controller) return state;
      const waiting = set({
        status: 'signingIn',
        method: 'device',
        storage: storage(),
        device: {
          userCode: device.userCode,
          verificationUrl: device.verificationUrl,
          expiresAt: device.expiresAt,
        },
      });
      // The code is on screen now; completion (or failure) arrives as auth.changed. The flow is
      // tracked by the controller the polling listens to, so a denial or an error is reported.
      void run(
        'device',
        async () => ({ token: await device.done, kind: 'oauth' }),
        choice,
        controller,
      ).catch(() => undefined);
      return waiting;
    },

    pasteToken(token, tokenKind, choice) {
      set({ status: 'signingIn', method: 'token', storage: storage() });
      return run('token', async () => ({ token: { accessToken: token }, kind: tokenKind }), choice);
    },

    async cancel() {
      const active = flow;
      flow = null;
      active?.abort();
      return state.status === 'signingIn' ? signedOut() : state;
    },

    async signOut(clearCache) {
      flow?.abort();
      const current = account;
      const access = tokens?.accessToken;
      if (current && access && current.tokenKind === 'oauth' && deps.auth) {
        // Yandex revokes only tokens issued with a device_id; others are simply forgotten.
        await createOAuthClient({ config: deps.auth, fetch: deps.fetch, log })
          .revoke(access)
          .catch((error: unknown) => log.info('token not revoked', { error }));
      }
      if (current) {
        await forgetTokens(current.key).catch(() => undefined);
        deps.accounts.remove(current.key);
      }
      account = null;
      client = null;
      try {
        await deps.onClient(null, current, clearCache);
      } catch (error) {
        // The sign-out itself is done; a cache folder that could not be removed is only logged.
        log.warn('sign-out cleanup failed', { error });
      }
      log.info('signed out', { clearCache });
      return signedOut();
    },

    async allowWeakStorage(allow) {
      await deps.secrets.setWeakOptIn(allow);
      deps.saveWeakOptIn(allow);
      return set({ ...state, storage: storage() });
    },

    client: () => client,

    dispose() {
      flow?.abort();
      flow = null;
    },
  };
}
