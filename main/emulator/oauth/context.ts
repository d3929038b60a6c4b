/**
 * Options of the OAuth emulator and the state its endpoints share.
 */
import { toUserLookup } from './clients.ts';
import type { OAuthClient, OAuthUser, UserLookup } from './clients.ts';
import { DeviceStore } from './device-store.ts';
import { DEFAULT_MAX_BODY_BYTES } from './http.ts';
import { secureRandomBytes } from './random.ts';
import type { RandomBytes } from './random.ts';
import type { TokenRegistry } from './tokens.ts';
import type { AuthorizeRequest } from './authorize.ts';

/** The logging the OAuth emulator needs; it never passes tokens, codes or secrets. */
export interface OAuthLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** Options of `createOAuthHandler`. */
export interface OAuthHandlerOptions {
  readonly tokens: TokenRegistry;
  /** Epoch milliseconds; defaults to Date.now. Give the registry the same clock. */
  readonly clock?: () => number;
  /** Known accounts, or a lookup by uid (number) / login (string). */
  readonly users: readonly OAuthUser[] | UserLookup;
  readonly clients: readonly OAuthClient[];
  /** The account "signed in" in the emulated browser; `login_hint` may pick another known one. */
  readonly defaultUserUid: number;
  /**
   * Skip the consent page (and approve device codes at once) for the default or hinted user, as if
   * the user had granted access before. `force_confirm=yes` still shows the page.
   */
  readonly autoApprove?: boolean;
  /** Path prefix the handler is mounted under, e.g. `/oauth`; '' by default. */
  readonly basePath?: string;
  /** Authorization code lifetime; 10 minutes by default. */
  readonly codeTtlMs?: number;
  /** Device code lifetime; 300 s by default (what Yandex reports in `expires_in`). */
  readonly deviceCodeTtlMs?: number;
  /** Device flow polling interval; 5 s by default. */
  readonly devicePollIntervalSec?: number;
  /** Random source for codes and CSRF tokens; tests may pass a seeded one. */
  readonly randomBytes?: RandomBytes;
  readonly maxBodyBytes?: number;
  readonly log?: OAuthLogger;
}

/** An issued authorization code (stored under the code's hash). */
export interface CodeRecord {
  readonly request: AuthorizeRequest;
  readonly uid: number;
  readonly expiresAt: number;
}

/** A consent page waiting for Allow/Deny; `csrf` must come back with the form. */
export interface PendingConsent {
  readonly request: AuthorizeRequest;
  readonly uid: number;
  readonly csrf: string;
  readonly expiresAt: number;
}

/** Resolved options plus the stores the endpoints share. */
export interface OAuthContext {
  readonly tokens: TokenRegistry;
  readonly clock: () => number;
  readonly random: RandomBytes;
  readonly users: UserLookup;
  readonly clients: readonly OAuthClient[];
  readonly defaultUserUid: number;
  readonly autoApprove: boolean;
  readonly basePath: string;
  readonly codeTtlMs: number;
  readonly maxBodyBytes: number;
  readonly log: OAuthLogger;
  readonly codes: Map<string, CodeRecord>;
  readonly consents: Map<string, PendingConsent>;
  readonly devices: DeviceStore;
}

const silentLogger: OAuthLogger = { info: () => {}, warn: () => {} };

/** Fills in defaults and creates empty stores. */
export function createContext(options: OAuthHandlerOptions): OAuthContext {
  const clock = options.clock ?? Date.now;
  const random = options.randomBytes ?? secureRandomBytes;
  return {
    tokens: options.tokens,
    clock,
    random,
    users: toUserLookup(options.users),
    clients: options.clients,
    defaultUserUid: options.defaultUserUid,
    autoApprove: options.autoApprove ?? false,
    basePath: (options.basePath ?? '').replace(/\/+$/, ''),
    codeTtlMs: options.codeTtlMs ?? 10 * 60 * 1000,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    log: options.log ?? silentLogger,
    codes: new Map(),
    consents: new Map(),
    devices: new DeviceStore({
      clock,
      random,
      ttlMs: options.deviceCodeTtlMs ?? 300 * 1000,
      intervalSec: options.devicePollIntervalSec ?? 5,
    }),
  };
}

/** Drops expired entries; the maps are small, so a full scan per request is fine. */
export function sweep<T extends { readonly expiresAt: number }>(
  map: Map<string, T>,
  now: number,
): void {
  for (const [key, value] of map) if (now >= value.expiresAt) map.delete(key);
}

/** A user for the consent step: the `login_hint` account when known, else the default one. */
export function resolveUser(ctx: OAuthContext, loginHint: string | null): OAuthUser | undefined {
  const hinted = loginHint !== null && loginHint !== '' ? ctx.users(loginHint) : undefined;
  return hinted ?? ctx.users(ctx.defaultUserUid);
}
