/**
 * Typed sign-in failures. Every one is an AppError (so the IPC router passes it through) with a
 * fixed English message the renderer may show or localize by code; messages never quote server
 * text, URLs or request data, so no code, token, verifier or secret can end up in one.
 */
import type { ErrorCode } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';

/** Why a sign-in step failed, finer than the contract code; stable for `switch`. */
export type AuthErrorReason =
  /** No client id configured anywhere. */
  | 'not_configured'
  /** A configured value is unusable (bad OAuth base URL, bad device id, …). */
  | 'bad_config'
  /** The caller's AbortSignal fired (the user pressed Cancel) or the flow was abandoned. */
  | 'cancelled'
  /** The user did not finish in the browser before the flow's deadline. */
  | 'timeout'
  /** Every configured loopback port is taken. */
  | 'ports_busy'
  /** `openExternal` failed: no browser could be opened. */
  | 'browser_failed'
  /** The callback named another authorization server (RFC 9207 mix-up defence). */
  | 'issuer_mismatch'
  /** The authorization server answered with an OAuth error; see {@link OAuthError}. */
  | 'oauth'
  /** The request never got an answer (DNS, refused, reset, offline). */
  | 'network'
  /** The request got no answer within its timeout. */
  | 'request_timeout'
  /** 5xx or 429 from the authorization server. */
  | 'server'
  /** An answer we could not read (not JSON, missing access_token, wrong token_type, …). */
  | 'invalid_response';

const DEFAULTS: Readonly<Record<AuthErrorReason, readonly [ErrorCode, string]>> = {
  not_configured: [
    'E_BAD_REQUEST',
    'No OAuth client id is configured. Set TRACKER_CLIENT_ID or the client id in the settings.',
  ],
  bad_config: ['E_BAD_REQUEST', 'The sign-in settings are not valid.'],
  // No cancel code in the contract; E_INTERNAL matches main/api's `aborted`. Callers tell a cancel
  // apart by `reason` (see isAuthCancelled) and do not show it as a failure.
  cancelled: ['E_INTERNAL', 'Sign-in was cancelled.'],
  timeout: ['E_UNAVAILABLE', 'Sign-in was not completed in time. Start again.'],
  ports_busy: ['E_UNAVAILABLE', 'Cannot start sign-in: the local ports are in use.'],
  browser_failed: ['E_UNAVAILABLE', 'Could not open the system browser for sign-in.'],
  issuer_mismatch: [
    'E_FORBIDDEN',
    'The sign-in answer came from an unexpected server and was refused.',
  ],
  oauth: ['E_BAD_REQUEST', 'Yandex ID refused the sign-in.'],
  network: ['E_OFFLINE', 'Cannot reach Yandex ID. Check the connection.'],
  request_timeout: ['E_OFFLINE', 'Yandex ID did not answer in time.'],
  server: ['E_UNAVAILABLE', 'Yandex ID is temporarily unavailable. Try again later.'],
  invalid_response: ['E_UNAVAILABLE', 'Yandex ID sent an answer the app could not read.'],
};

/** A failed sign-in step. `code` is the contract code, `reason` says which step failed how. */
export class AuthError extends AppError {
  /** The auth-specific reason. */
  readonly reason: AuthErrorReason;

  constructor(
    reason: AuthErrorReason,
    options: { message?: string; code?: ErrorCode; cause?: unknown } = {},
  ) {
    const [code, message] = DEFAULTS[reason];
    super(
      options.code ?? code,
      options.message ?? message,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'AuthError';
    this.reason = reason;
  }
}

/** OAuth error names we know, with the contract code and a user-safe message for each. */
const OAUTH_CODES: Readonly<Record<string, readonly [ErrorCode, string]>> = {
  access_denied: ['E_FORBIDDEN', 'Access was not granted in the browser.'],
  invalid_grant: ['E_UNAUTHORIZED', 'The sign-in is no longer valid. Sign in again.'],
  bad_verification_code: [
    'E_UNAUTHORIZED',
    'The confirmation code was not accepted. Sign in again.',
  ],
  expired_token: ['E_UNAUTHORIZED', 'The code expired before it was confirmed. Start again.'],
  invalid_token: ['E_UNAUTHORIZED', 'The token is not valid.'],
  authorization_pending: ['E_UNAVAILABLE', 'The sign-in has not been confirmed yet.'],
  slow_down: ['E_UNAVAILABLE', 'Yandex ID asked the app to wait before asking again.'],
  invalid_client: ['E_BAD_REQUEST', "Yandex ID did not accept the app's client id or secret."],
  unauthorized_client: [
    'E_FORBIDDEN',
    'This app is not allowed to sign in (it may be blocked or under moderation).',
  ],
  invalid_scope: ['E_BAD_REQUEST', 'The app asked for permissions it is not registered for.'],
  unsupported_token_type: ['E_BAD_REQUEST', 'This token cannot be revoked on the server.'],
  server_error: ['E_UNAVAILABLE', 'Yandex ID failed to process the sign-in. Try again later.'],
  temporarily_unavailable: [
    'E_UNAVAILABLE',
    'Yandex ID is temporarily unavailable. Try again later.',
  ],
};

/** OAuth error names as they appear on the wire (RFC 6749, RFC 8628 and Yandex's own). */
export type OAuthErrorCode =
  | 'access_denied'
  | 'invalid_grant'
  | 'bad_verification_code'
  | 'expired_token'
  | 'invalid_token'
  | 'authorization_pending'
  | 'slow_down'
  | 'invalid_client'
  | 'unauthorized_client'
  | 'invalid_scope'
  | 'invalid_request'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'unsupported_token_type'
  | 'server_error'
  | 'temporarily_unavailable'
  | (string & {});

/**
 * Keeps an `error` value from the wire only if it looks like an OAuth error name: it is the one
 * piece of server text we put into messages, so it must not be able to carry anything else.
 */
export function sanitizeOAuthCode(value: unknown): OAuthErrorCode {
  return typeof value === 'string' && /^[a-z][a-z0-9_]{0,63}$/.test(value)
    ? value
    : 'unknown_error';
}

/**
 * The authorization server said no: an `error=` on the callback or a `{"error": …}` body from
 * /token, /device/code or /revoke_token. `code` is the contract code; the wire name is `oauthCode`
 * (AppError already owns `code`).
 */
export class OAuthError extends AuthError {
  /** The OAuth error name (sanitized). */
  readonly oauthCode: OAuthErrorCode;
  /** HTTP status of the answer; undefined for callback errors and local decisions. */
  readonly status: number | undefined;

  constructor(oauthCode: string, options: { status?: number } = {}) {
    const safe = sanitizeOAuthCode(oauthCode);
    const known = OAUTH_CODES[safe];
    super('oauth', {
      code: known?.[0] ?? 'E_BAD_REQUEST',
      message: known?.[1] ?? `Yandex ID refused the sign-in (${safe}).`,
    });
    this.name = 'OAuthError';
    this.oauthCode = safe;
    this.status = options.status;
  }
}

/** Whether `error` is an auth failure with the given reason. */
export function isAuthError(error: unknown, reason?: AuthErrorReason): error is AuthError {
  return error instanceof AuthError && (reason === undefined || error.reason === reason);
}

/** Whether `error` means the user (or the app) cancelled; the UI should not report it. */
export function isAuthCancelled(error: unknown): boolean {
  return isAuthError(error, 'cancelled');
}

/** Whether `error` is an OAuth error with one of the given wire names. */
export function isOAuthError(error: unknown, ...codes: string[]): error is OAuthError {
  return error instanceof OAuthError && (codes.length === 0 || codes.includes(error.oauthCode));
}
