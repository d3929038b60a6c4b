/**
 * The sign-in state machine as the renderer sees it: main owns it and reports every change with
 * `auth.changed`; this store mirrors it, starts and cancels flows through the bridge, and keeps the
 * last failure for the UI. It never sees more of a pasted token than the one call that sends it.
 */
import type {
  AuthState,
  InvokeRequest,
  IpcError,
  IpcResult,
  TrackerBridge,
  Unsubscribe,
} from '../../../../preload/contract.ts';
import { getBridge, toIpcError, unwrap } from '../bridge.ts';
import type { BridgeSource } from './app-info.svelte.ts';

/** An organization as the user chose it: its id, and its kind or `auto` to let main detect it. */
export type OrgChoice = InvokeRequest<'auth.signIn'>['org'];

/** What a pasted token is: a Yandex OAuth token, or a Yandex Cloud IAM token. */
export type TokenKind = InvokeRequest<'auth.pasteToken'>['tokenKind'];

/** How a sign-in proceeds: browser redirect, code on another device, or a pasted token. */
export type SignInMethod = Extract<AuthState, { status: 'signingIn' }>['method'];

/** Before main has answered, the store assumes a signed-out user with OS-protected storage. */
const INITIAL_STATE: AuthState = { status: 'signedOut', storage: { kind: 'os', weakOptIn: false } };

/** The auth state as reactive fields; create one per window. */
export class AuthStore {
  /** What main last reported (or the optimistic `signingIn` of a sign-in just started). */
  state: AuthState = $state.raw(INITIAL_STATE);
  /**
   * Why the latest call failed, or `null` once one succeeds; a failure leaves `state` as main last
   * reported it.
   */
  error: IpcError | null = $state(null);
  /** True once main has reported the state at least once (answer or event). */
  known: boolean = $state(false);
  /** True after the user cancelled a sign-in, until the next attempt or a change of state. */
  cancelled: boolean = $state(false);
  /** True while a call this store made is in flight (a browser sign-in stays in flight until done). */
  readonly busy: boolean = $derived.by(() => this.#inFlight > 0);

  #inFlight = $state(0);
  readonly #source: BridgeSource;
  #unsubscribe: Unsubscribe | null = null;
  // Bumped on every change of `state`, so an optimistic state is rolled back only if still shown.
  #version = 0;
  // Sign-in attempts, so only the newest one reports its failure, and whether it was cancelled.
  #attempt = 0;
  #cancelRequested = false;

  /**
   * Uses `bridge`; by default the app's bridge, looked up lazily so a missing preload becomes an
   * error instead of an exception.
   */
  constructor(bridge: BridgeSource = getBridge) {
    this.#source = bridge;
  }

  /** Fetches `auth.state`; never throws. */
  async load(): Promise<void> {
    await this.#call((bridge) => bridge.auth.state());
  }

  /**
   * Signs in with Yandex in the system browser. Shows `signingIn` at once; the call stays in flight
   * until the browser comes back, the flow fails, or `cancel()`. Never throws.
   */
  signIn(org: OrgChoice): Promise<boolean> {
    return this.#attemptSignIn('loopback', (bridge) => bridge.auth.signIn({ org }));
  }

  /** Starts a device-code sign-in; main answers with the code to show and finishes by event. */
  startDevice(org: OrgChoice): Promise<boolean> {
    return this.#attemptSignIn('device', (bridge) => bridge.auth.startDevice({ org }));
  }

  /**
   * Signs in with a pasted token. The token goes to main in this one call and is kept nowhere
   * here; the caller should clear its input field right away. Never throws.
   */
  pasteToken(token: string, tokenKind: TokenKind, org: OrgChoice): Promise<boolean> {
    return this.#attemptSignIn('token', (bridge) =>
      bridge.auth.pasteToken({ token, tokenKind, org }),
    );
  }

  /** Stops the sign-in in progress; its failure then reads as "cancelled", not as an error. */
  async cancel(): Promise<boolean> {
    this.#cancelRequested = true;
    const done = await this.#call((bridge) => bridge.auth.cancel());
    if (done) {
      this.cancelled = true;
    } else {
      this.#cancelRequested = false;
    }
    return done;
  }

  /** Signs out, and with `clearCache` also deletes the local cache; resolves true on success. */
  signOut(clearCache: boolean): Promise<boolean> {
    this.cancelled = false;
    return this.#call((bridge) => bridge.auth.signOut({ clearCache }));
  }

  /** Allows (or stops) keeping the sign-in without an OS keyring; resolves true on success. */
  allowWeakStorage(allow: boolean): Promise<boolean> {
    return this.#call((bridge) => bridge.auth.allowWeakStorage({ allow }));
  }

  /** Clears the shown error and the "cancelled" notice (the user dismissed them or edits input). */
  clearMessages(): void {
    this.error = null;
    this.cancelled = false;
  }

  /**
   * Follows `auth.changed` events until `dispose()`; calling it again keeps the one subscription.
   * Start before `load()` so no change between the snapshot and the subscription is missed.
   */
  start(): Unsubscribe {
    if (!this.#unsubscribe) {
      try {
        this.#unsubscribe = this.#bridge().auth.onChanged((state) => this.#onChanged(state));
      } catch (error) {
        this.error = toIpcError(error);
      }
    }
    return () => this.dispose();
  }

  /** Stops following events; harmless to call twice or before `start()`. */
  dispose(): void {
    const unsubscribe = this.#unsubscribe;
    this.#unsubscribe = null;
    unsubscribe?.();
  }

  #onChanged(state: AuthState): void {
    this.#set(state);
    this.known = true;
    // A sign-in that went through (or a new one main started) makes older messages moot.
    if (state.status !== 'signedOut') this.clearMessages();
  }

  async #attemptSignIn(
    method: SignInMethod,
    invoke: (bridge: TrackerBridge) => Promise<IpcResult<AuthState>>,
  ): Promise<boolean> {
    const attempt = ++this.#attempt;
    this.#cancelRequested = false;
    this.clearMessages();
    const optimistic: AuthState | null =
      this.state.status === 'signedOut'
        ? { status: 'signingIn', method, storage: this.state.storage }
        : null;
    return this.#call(invoke, optimistic, attempt);
  }

  // Replies and events travel in order on one channel, so whichever arrives last is the newest
  // state: every answer simply replaces the state.
  async #call(
    invoke: (bridge: TrackerBridge) => Promise<IpcResult<AuthState>>,
    optimistic: AuthState | null = null,
    attempt: number | null = null,
  ): Promise<boolean> {
    const before = this.state;
    let shown = -1;
    if (optimistic) shown = this.#set(optimistic);
    this.#inFlight += 1;
    try {
      this.#set(unwrap(await invoke(this.#bridge())));
      this.known = true;
      this.error = null;
      return true;
    } catch (error) {
      // Put back what main last reported, unless an event has replaced the optimistic state.
      if (shown === this.#version) this.#set(before);
      const superseded = attempt !== null && attempt !== this.#attempt;
      if (superseded) return false;
      if (attempt !== null && this.#cancelRequested) {
        this.cancelled = true;
      } else {
        this.error = toIpcError(error);
      }
      return false;
    } finally {
      this.#inFlight -= 1;
    }
  }

  #set(state: AuthState): number {
    this.state = state;
    return ++this.#version;
  }

  #bridge(): TrackerBridge {
    return typeof this.#source === 'function' ? this.#source() : this.#source;
  }
}
