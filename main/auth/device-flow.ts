/**
 * Sign-in by device code (tracker-api.md §4.5): for machines where the browser cannot reach our
 * loopback port (remote desktops, locked-down proxies). The app shows a short code; the user enters
 * it at the verification URL on any device; the app polls /token until it is confirmed.
 *
 * Polling: wait `interval` seconds before every poll (RFC 8628 §3.5); `slow_down` adds 5 s for
 * good. Stops on `expired_token` or the local expiry, `access_denied`, `bad_verification_code`,
 * `invalid_grant`, any other OAuth error, or cancel. A lost answer (offline, timeout, 5xx, 429) is
 * not the user's decision, so polling goes on until the code expires; 5xx/429 also back off by 5 s.
 */
import type { Logger } from '../log/types.ts';
import type { AuthConfig } from './config.ts';
import { AuthError, OAuthError, isAuthError, isOAuthError } from './errors.ts';
import { createOAuthClient, type FetchLike } from './oauth-client.ts';
import type { TokenSet } from './tokens.ts';

/** Waits `ms`; rejects (with anything) when `signal` fires. Injectable so tests run instantly. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** What {@link startDeviceSignIn} needs. */
export interface DeviceSignInOptions {
  readonly config: AuthConfig;
  readonly fetch: FetchLike;
  readonly log: Logger;
  /** Cancels the start request and the polling. */
  readonly signal?: AbortSignal;
  /** Epoch ms; Date.now by default. */
  readonly clock?: () => number;
  readonly sleep?: Sleep;
  readonly requestTimeoutMs?: number;
}

/** A started device sign-in: show `userCode` and `verificationUrl`, then await `done`. */
export interface DeviceSignIn {
  readonly userCode: string;
  readonly verificationUrl: string;
  /** Epoch ms when the code expires. */
  readonly expiresAt: number;
  /** The server's polling interval in seconds (before any slow_down). */
  readonly interval: number;
  /** Tokens once the user confirms; rejects with a typed AuthError/OAuthError. */
  readonly done: Promise<TokenSet>;
}

/** Seconds added to the interval on every `slow_down` (RFC 8628 §3.5). */
export const SLOW_DOWN_STEP_SECONDS = 5;

/** setTimeout-based {@link Sleep}. */
export const defaultSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new AuthError('cancelled'));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AuthError('cancelled'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Requests a device code and starts polling for its confirmation. */
export async function startDeviceSignIn(options: DeviceSignInOptions): Promise<DeviceSignIn> {
  const { log, signal } = options;
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const client = createOAuthClient({
    config: options.config,
    fetch: options.fetch,
    log,
    clock,
    ...(options.requestTimeoutMs !== undefined && { requestTimeoutMs: options.requestTimeoutMs }),
  });
  const device = await client.requestDeviceCode(signal);
  log.info('auth: device code issued', { interval: device.interval, expiresAt: device.expiresAt });

  const cancelled = (): AuthError => new AuthError('cancelled');

  async function poll(): Promise<TokenSet> {
    let interval = device.interval;
    for (;;) {
      const remaining = device.expiresAt - clock();
      if (remaining <= 0) throw new OAuthError('expired_token');
      try {
        await sleep(Math.min(interval * 1000, remaining), signal);
      } catch {
        // Whatever the injected sleep rejects with, it means the wait was interrupted.
        throw cancelled();
      }
      if (signal?.aborted) throw cancelled();
      if (clock() >= device.expiresAt) throw new OAuthError('expired_token');
      try {
        const tokens = await client.pollDeviceCode(device.deviceCode, signal);
        log.info('auth: device sign-in confirmed');
        return tokens;
      } catch (error) {
        if (isOAuthError(error, 'authorization_pending')) continue;
        if (isOAuthError(error, 'slow_down') || isAuthError(error, 'server')) {
          interval += SLOW_DOWN_STEP_SECONDS;
          log.info('auth: device polling slowed down', { interval });
          continue;
        }
        if (isAuthError(error, 'network') || isAuthError(error, 'request_timeout')) {
          log.info('auth: device poll got no answer; polling on');
          continue;
        }
        throw error;
      }
    }
  }

  const done = poll();
  // Handled here so a caller that drops `done` (the user closed the dialog) cannot crash main.
  done.catch((error: unknown) => {
    if (!isAuthError(error, 'cancelled')) {
      log.info('auth: device sign-in ended', {
        reason: isAuthError(error) ? error.reason : 'unknown',
        error: isOAuthError(error) ? error.oauthCode : undefined,
      });
    }
  });
  return {
    userCode: device.userCode,
    verificationUrl: device.verificationUrl,
    expiresAt: device.expiresAt,
    interval: device.interval,
    done,
  };
}
