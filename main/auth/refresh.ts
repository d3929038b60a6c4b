/**
 * Refresh-token use and the single-flight helper the session layer wraps it in. Yandex rotates
 * refresh tokens (tracker-api.md §4.3, RFC 9700 for public clients), so the caller must store the
 * returned refresh token and forget the old one; two parallel refreshes with the same token would
 * make the second fail with invalid_grant, hence single flight.
 */
import type { Logger } from '../log/types.ts';
import type { AuthConfig } from './config.ts';
import { createOAuthClient, type FetchLike } from './oauth-client.ts';
import type { TokenSet } from './tokens.ts';

/** What {@link refreshTokens} needs. */
export interface RefreshOptions {
  readonly config: AuthConfig;
  readonly fetch: FetchLike;
  readonly log: Logger;
  readonly signal?: AbortSignal;
  readonly clock?: () => number;
  readonly requestTimeoutMs?: number;
}

/**
 * Exchanges a refresh token for new tokens. The result always has a refresh token: the new one,
 * or the one passed in when the server did not rotate it. `invalid_grant` (an OAuthError with
 * E_UNAUTHORIZED) means the grant is gone and the user must sign in again.
 */
export async function refreshTokens(
  refreshToken: string,
  options: RefreshOptions,
): Promise<TokenSet> {
  const client = createOAuthClient({
    config: options.config,
    fetch: options.fetch,
    log: options.log,
    ...(options.clock !== undefined && { clock: options.clock }),
    ...(options.requestTimeoutMs !== undefined && { requestTimeoutMs: options.requestTimeoutMs }),
  });
  const tokens = await client.refresh(refreshToken, options.signal);
  const rotated = tokens.refreshToken !== undefined && tokens.refreshToken !== refreshToken;
  options.log.info('auth: tokens refreshed', { rotated });
  return tokens.refreshToken === undefined ? { ...tokens, refreshToken } : tokens;
}

/**
 * Wraps `fn` so concurrent calls share one run: while a run is in flight every caller gets its
 * promise; once it settles (either way) the next call starts a new run.
 */
export function createSingleFlight<T>(fn: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () => {
    if (inFlight) return inFlight;
    let run: Promise<T>;
    try {
      run = fn();
    } catch (error) {
      // A synchronous throw must still reach the callers as a rejection and free the slot.
      run = Promise.reject(error);
    }
    // `finally` callbacks run asynchronously, so the slot is set before it can be cleared.
    const shared = run.finally(() => {
      inFlight = undefined;
    });
    inFlight = shared;
    return shared;
  };
}
