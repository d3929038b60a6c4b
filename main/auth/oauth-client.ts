/**
 * Form-encoded calls to the authorization server: /token (authorization_code, refresh_token,
 * Yandex's device_code), /device/code and /revoke_token. Each request has its own timeout; answers
 * are parsed defensively into typed results or typed errors.
 *
 * Secrets (code, verifier, tokens, client secret) travel only in request bodies. Log lines carry
 * the endpoint, the grant, the status and the duration; error messages are fixed texts plus, at
 * most, a sanitized OAuth error name.
 */
import type { Logger } from '../log/types.ts';
import { endpointUrl, type AuthConfig, type AuthEndpoints } from './config.ts';
import { AuthError, OAuthError } from './errors.ts';
import { parseDeviceCode, parseTokenSet, type DeviceCode, type TokenSet } from './tokens.ts';

/** The fetch the client needs; global fetch and Electron's net.fetch both fit. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** What every OAuth call needs. */
export interface OAuthClientOptions {
  readonly config: AuthConfig;
  readonly fetch: FetchLike;
  readonly log: Logger;
  /** Per-request timeout; 30 s by default. */
  readonly requestTimeoutMs?: number;
  /** Epoch ms, for `expiresAt`; Date.now by default. */
  readonly clock?: () => number;
}

/** The calls, bound to one configuration. */
export interface OAuthClient {
  /** Exchanges an authorization code (with its PKCE verifier) for tokens. */
  exchangeCode(
    params: { code: string; verifier: string; redirectUri: string },
    signal?: AbortSignal,
  ): Promise<TokenSet>;
  /** Uses a refresh token; the answer usually carries a new (rotated) one. */
  refresh(refreshToken: string, signal?: AbortSignal): Promise<TokenSet>;
  /** Starts a device-flow authorization. */
  requestDeviceCode(signal?: AbortSignal): Promise<DeviceCode>;
  /** One device-flow poll; `authorization_pending`/`slow_down` arrive as OAuthError. */
  pollDeviceCode(deviceCode: string, signal?: AbortSignal): Promise<TokenSet>;
  /** Revokes a (device-bound) access token; non-device tokens give `unsupported_token_type`. */
  revoke(accessToken: string, signal?: AbortSignal): Promise<void>;
}

/** Default per-request timeout. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

// Bodies past this are not an OAuth answer; reading them would only cost memory.
const MAX_BODY_CHARS = 256 * 1024;

type Form = Record<string, string | undefined>;

/** Creates a client for `config`. */
export function createOAuthClient(options: OAuthClientOptions): OAuthClient {
  const { config, log } = options;
  const clock = options.clock ?? Date.now;
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;

  /** Client identification for every call: client_id always, client_secret when configured. */
  function client(): Form {
    return { client_id: config.clientId, client_secret: config.clientSecret };
  }

  async function post(
    endpoint: keyof AuthEndpoints,
    label: string,
    form: Form,
    signal: AbortSignal | undefined,
    allowEmpty = false,
  ): Promise<Record<string, unknown>> {
    if (signal?.aborted) throw new AuthError('cancelled');
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(form)) {
      if (value !== undefined) body.set(name, value);
    }
    // A clearable timer, not AbortSignal.timeout: the latter keeps running after we are done.
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
    const started = clock();
    let status: number;
    let text: string;
    try {
      const response = await options.fetch(endpointUrl(config, endpoint), {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body: body.toString(),
        // An OAuth endpoint never redirects; following one could replay the body elsewhere.
        redirect: 'manual',
        signal: combined,
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      const reason = signal?.aborted
        ? 'cancelled'
        : timeout.signal.aborted
          ? 'request_timeout'
          : 'network';
      log.warn('auth: oauth request failed', { call: label, reason, ms: clock() - started });
      // The fetch error is not kept as the cause: implementations may quote the request in it.
      throw new AuthError(reason, { cause: safeCause(error) });
    } finally {
      clearTimeout(timer);
    }
    const json = parseJson(text);
    const error = json?.error;
    log.debug('auth: oauth request', { call: label, status, ms: clock() - started });
    if (status >= 200 && status < 300 && error === undefined) {
      if (json !== undefined) return json;
      // RFC 7009 revocation answers 200 with an empty body; Yandex sends {"status":"ok"}.
      if (allowEmpty && text.trim() === '') return {};
    }
    // Error bodies come with 400/401; tolerate other non-5xx statuses that still carry one.
    if (typeof error === 'string' && status >= 200 && status < 500 && status !== 429) {
      const failure = new OAuthError(error, { status });
      // Polling answers are routine; everything else is worth a line.
      if (failure.oauthCode !== 'authorization_pending' && failure.oauthCode !== 'slow_down') {
        log.warn('auth: oauth request refused', { call: label, status, error: failure.oauthCode });
      }
      throw failure;
    }
    log.warn('auth: unexpected oauth answer', { call: label, status });
    throw new AuthError(status === 429 || status >= 500 ? 'server' : 'invalid_response');
  }

  function tokens(json: Record<string, unknown>): TokenSet {
    const parsed = parseTokenSet(json, clock());
    if (!parsed) throw new AuthError('invalid_response');
    return parsed;
  }

  return {
    async exchangeCode({ code, verifier, redirectUri }, signal) {
      const json = await post(
        'token',
        'token:authorization_code',
        {
          grant_type: 'authorization_code',
          code,
          code_verifier: verifier,
          // Required by RFC 6749 §4.1.3 when it was in the authorize request; Yandex checks it.
          redirect_uri: redirectUri,
          ...client(),
          device_id: config.deviceId,
          device_name: config.deviceName,
        },
        signal,
      );
      return tokens(json);
    },

    async refresh(refreshToken, signal) {
      const json = await post(
        'token',
        'token:refresh_token',
        { grant_type: 'refresh_token', refresh_token: refreshToken, ...client() },
        signal,
      );
      return tokens(json);
    },

    async requestDeviceCode(signal) {
      const json = await post(
        'deviceCode',
        'device/code',
        {
          ...client(),
          device_id: config.deviceId,
          device_name: config.deviceName,
          scope: config.scopes?.join(' '),
        },
        signal,
      );
      const parsed = parseDeviceCode(json, clock());
      if (!parsed) throw new AuthError('invalid_response');
      return parsed;
    },

    async pollDeviceCode(deviceCode, signal) {
      // Yandex's own names (tracker-api.md §4.5), not RFC 8628's URN grant and `device_code`.
      const json = await post(
        'token',
        'token:device_code',
        { grant_type: 'device_code', code: deviceCode, ...client() },
        signal,
      );
      return tokens(json);
    },

    async revoke(accessToken, signal) {
      await post(
        'revoke',
        'revoke_token',
        { access_token: accessToken, ...client() },
        signal,
        true,
      );
    },
  };
}

function parseJson(text: string): Record<string, unknown> | undefined {
  if (text.length > MAX_BODY_CHARS) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The failure's error code and class name only (ECONNREFUSED, TimeoutError), never its text. */
function safeCause(error: unknown): Error {
  const inner = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  const outer = (error as { code?: unknown } | null)?.code;
  const code = [inner, outer].find(
    (value) => typeof value === 'string' && /^[A-Z0-9_]{2,40}$/.test(value),
  );
  const name = error instanceof Error && /^\w{1,40}$/.test(error.name) ? error.name : 'Error';
  const cause = new Error(typeof code === 'string' ? code : name);
  cause.name = name;
  return cause;
}
