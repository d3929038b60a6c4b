/**
 * Sign-in through the system browser (RFC 8252): a loopback server, an authorize URL with PKCE S256
 * and `state`, `openExternal` (never a BrowserWindow: the app must not see the user's password
 * page), the callback, and the code exchange in main.
 */
import type { Logger } from '../log/types.ts';
import { endpointUrl, type AuthConfig } from './config.ts';
import { AuthError } from './errors.ts';
import { startLoopback } from './loopback.ts';
import type { AuthLanguage } from './loopback-page.ts';
import { createOAuthClient, type FetchLike } from './oauth-client.ts';
import { createPkce, createState } from './pkce.ts';
import type { TokenSet } from './tokens.ts';

/** What {@link signInWithBrowser} needs. */
export interface BrowserSignInOptions {
  readonly config: AuthConfig;
  readonly fetch: FetchLike;
  /** Opens the URL in the user's default browser (shell.openExternal in the app). */
  readonly openExternal: (url: string) => Promise<void>;
  readonly log: Logger;
  /** Language of the page the browser shows after the redirect. */
  readonly language: AuthLanguage;
  /** Cancels at any stage: waiting for the browser or exchanging the code. */
  readonly signal?: AbortSignal;
  /** How long the user has in the browser; 5 minutes by default. */
  readonly timeoutMs?: number;
  /** Timeout of the code exchange request. */
  readonly requestTimeoutMs?: number;
  readonly clock?: () => number;
}

/** The parameters of an authorization request. */
export interface AuthorizeUrlParams {
  readonly redirectUri: string;
  readonly state: string;
  readonly codeChallenge: string;
}

/** Builds the authorize URL (response_type=code, PKCE S256, Yandex's device_id/device_name). */
export function buildAuthorizeUrl(config: AuthConfig, params: AuthorizeUrlParams): string {
  const url = new URL(endpointUrl(config, 'authorize'));
  const query: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: params.redirectUri,
    state: params.state,
    code_challenge: params.codeChallenge,
    code_challenge_method: 'S256',
    device_id: config.deviceId,
    device_name: config.deviceName,
    scope: config.scopes?.join(' '),
    force_confirm: config.forceConfirm === true ? 'yes' : undefined,
  };
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  return url.href;
}

/**
 * Runs the whole browser sign-in and resolves with the tokens. Rejects with an AuthError:
 * `cancelled` (signal), `timeout`, `ports_busy`, `browser_failed`, `issuer_mismatch`, an OAuthError
 * (`access_denied`, `invalid_grant`, …) or a network/server reason from the exchange. The loopback
 * server is closed whatever happens, before the exchange starts.
 */
export async function signInWithBrowser(options: BrowserSignInOptions): Promise<TokenSet> {
  const { config, log, signal } = options;
  if (signal?.aborted) throw new AuthError('cancelled');
  const pkce = createPkce();
  const state = createState();
  const loopback = await startLoopback({
    ports: config.loopbackPorts,
    state,
    language: options.language,
    log,
    ...(config.issuer !== undefined && { expectedIssuer: config.issuer }),
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    ...(signal !== undefined && { signal }),
  });
  let code: string;
  try {
    const url = buildAuthorizeUrl(config, {
      redirectUri: loopback.redirectUri,
      state,
      codeChallenge: pkce.challenge,
    });
    // The URL carries state and the challenge: not logged, only that we opened it.
    log.info('auth: opening the browser for sign-in', { port: loopback.port });
    // Raced with the result: an openExternal that never settles must not outlive the timeout or
    // a cancel, and a browser that answers before openExternal resolves is fine too.
    const opened = Promise.resolve()
      // eng-disable OPEN_EXTERNAL_JS_CHECK: the platform's allowlisted opener, given the authorize URL
      .then(() => options.openExternal(url))
      .catch((error: unknown) => {
        if (signal?.aborted) throw new AuthError('cancelled');
        log.warn('auth: could not open the browser', {
          error: error instanceof Error ? error.name : typeof error,
        });
        throw new AuthError('browser_failed');
      });
    opened.catch(() => undefined);
    code = await Promise.race([opened.then(() => loopback.result), loopback.result]);
  } finally {
    await loopback.close();
  }
  const client = createOAuthClient({
    config,
    fetch: options.fetch,
    log,
    ...(options.requestTimeoutMs !== undefined && { requestTimeoutMs: options.requestTimeoutMs }),
    ...(options.clock !== undefined && { clock: options.clock }),
  });
  const tokens = await client.exchangeCode(
    { code, verifier: pkce.verifier, redirectUri: loopback.redirectUri },
    signal,
  );
  log.info('auth: signed in through the browser', {
    hasRefreshToken: tokens.refreshToken !== undefined,
  });
  return tokens;
}
