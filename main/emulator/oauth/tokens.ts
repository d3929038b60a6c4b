/**
 * The emulator's token registry: Yandex OAuth access/refresh tokens and Cloud IAM tokens, in memory.
 * The Tracker side calls `authenticate()` on every request; the OAuth endpoints issue, refresh and
 * revoke. Tokens are stored only as SHA-256 keys and are never logged.
 *
 * Model: every login creates a grant (user, client, scopes, optional device). A grant has one live
 * refresh token and any number of access tokens; refreshing adds an access token and rotates the
 * refresh token, revoking kills the whole grant.
 */
import { base64url, secretKey, secureRandomBytes } from './random.ts';
import type { RandomBytes } from './random.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Default access (and refresh) token lifetime: one year, what Yandex usually grants. */
export const DEFAULT_ACCESS_TOKEN_TTL_MS = 365 * DAY_MS;

/** Default IAM token lifetime; the real cap is commonly 12 h (unconfirmed). */
export const DEFAULT_IAM_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;

/** Client id the demo token is issued to. */
export const DEMO_CLIENT_ID = 'tracker-desktop-demo';

/** Scopes a Tracker client can hold. */
export const TRACKER_SCOPES: readonly string[] = ['tracker:read', 'tracker:write'];

const IAM_CLIENT_ID = 'yandex-cloud-iam';
const DEMO_TOKEN_TTL_MS = 10 * 365 * DAY_MS;

/** Options of a {@link TokenRegistry}. */
export interface TokenRegistryOptions {
  /** Epoch milliseconds; tests pass a fake clock. */
  readonly clock?: () => number;
  /** Random source; tests pass `seededRandomBytes(seed)` for reproducible tokens. */
  readonly randomBytes?: RandomBytes;
  readonly accessTokenTtlMs?: number;
  readonly iamTokenTtlMs?: number;
  /** Device-bound grants per user and client; issuing one more revokes the oldest (Yandex: 30). */
  readonly maxDeviceTokens?: number;
}

/** What a login asks the registry to issue. */
export interface IssueTokenParams {
  readonly uid: number;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly deviceId?: string;
  readonly deviceName?: string;
  /** Overrides the registry's access token lifetime for this grant (and its refreshes). */
  readonly ttlMs?: number;
}

/** A freshly issued access/refresh pair. */
export interface IssuedTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Seconds until the access token expires, as `/token` reports it. */
  readonly expiresIn: number;
  readonly expiresAt: number;
  /** Space-separated scopes. */
  readonly scope: string;
}

/** A successful `authenticate()`. */
export interface AuthSuccess {
  readonly uid: number;
  readonly scopes: readonly string[];
  readonly kind: 'oauth' | 'iam';
}

/** Why `authenticate()` refused; every case is a 401 for Tracker. */
export interface AuthFailure {
  readonly error: 'missing' | 'malformed' | 'invalid' | 'expired' | 'revoked';
}

/** Result of `refresh()`: new tokens or an OAuth error for the `/token` response. */
export type RefreshResult =
  IssuedTokens | { readonly error: 'invalid_grant'; readonly errorDescription: string };

/** Result of `revoke()`: Yandex's `{"status":"ok"}` or an OAuth error. */
export type RevokeResult =
  | { readonly status: 'ok' }
  | {
      readonly error: 'unsupported_token_type' | 'invalid_token';
      readonly errorDescription: string;
    };

interface Grant {
  readonly uid: number;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly deviceId: string | undefined;
  readonly ttlMs: number;
  readonly createdAt: number;
  revoked: boolean;
  /** Key of the one live refresh token; rotated-out ones are forgotten, so they read as unknown. */
  refreshKey: string | null;
  refreshExpiresAt: number;
}

interface AccessRecord {
  readonly grant: Grant;
  readonly kind: 'oauth' | 'iam';
  readonly expiresAt: number;
}

/** In-memory registry of issued tokens; deterministic for a seeded random source and fake clock. */
export class TokenRegistry {
  private readonly clock: () => number;
  private readonly random: RandomBytes;
  private readonly accessTtlMs: number;
  private readonly iamTtlMs: number;
  private readonly maxDeviceTokens: number;
  private readonly access = new Map<string, AccessRecord>();
  private readonly refreshTokens = new Map<string, Grant>();
  private readonly grants: Grant[] = [];
  private readonly demoTokens = new Map<number, string>();

  /** Creates an empty registry. */
  constructor(options: TokenRegistryOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.random = options.randomBytes ?? secureRandomBytes;
    this.accessTtlMs = options.accessTokenTtlMs ?? DEFAULT_ACCESS_TOKEN_TTL_MS;
    this.iamTtlMs = options.iamTokenTtlMs ?? DEFAULT_IAM_TOKEN_TTL_MS;
    this.maxDeviceTokens = options.maxDeviceTokens ?? 30;
  }

  /**
   * Issues an access token (`y0_…`) and a refresh token (`1:…:…`) for a new grant. A device-bound
   * grant replaces an earlier one for the same user, client and device (unconfirmed for Yandex, but
   * it is what "one token per device" implies) and evicts the oldest beyond `maxDeviceTokens`.
   */
  issue(params: IssueTokenParams): IssuedTokens {
    const now = this.clock();
    if (params.deviceId !== undefined) this.retireDeviceGrants(params);
    const grant: Grant = {
      uid: params.uid,
      clientId: params.clientId,
      scopes: [...params.scopes],
      deviceId: params.deviceId,
      ttlMs: params.ttlMs ?? this.accessTtlMs,
      createdAt: now,
      revoked: false,
      refreshKey: null,
      refreshExpiresAt: 0,
    };
    this.grants.push(grant);
    return this.mint(grant, now);
  }

  /** Issues a Cloud IAM token (`t1.…`) for `uid`, presented to Tracker as `Bearer`. */
  issueIamToken(
    uid: number,
    scopes: readonly string[] = TRACKER_SCOPES,
  ): { iamToken: string; expiresAt: number } {
    const now = this.clock();
    const grant: Grant = {
      uid,
      clientId: IAM_CLIENT_ID,
      scopes: [...scopes],
      deviceId: undefined,
      ttlMs: this.iamTtlMs,
      createdAt: now,
      revoked: false,
      refreshKey: null,
      refreshExpiresAt: 0,
    };
    this.grants.push(grant);
    const iamToken = `t1.${base64url(this.random(96))}`;
    const expiresAt = now + this.iamTtlMs;
    this.access.set(secretKey(iamToken), { grant, kind: 'iam', expiresAt });
    return { iamToken, expiresAt };
  }

  /**
   * A ten-year token with both Tracker scopes for the demo user. Returns the same token on every call
   * while it still authenticates, so the CLI and the demo workspace agree on it.
   */
  issueDemoToken(uid: number): string {
    const existing = this.demoTokens.get(uid);
    if (existing !== undefined && 'uid' in this.authenticate(`OAuth ${existing}`)) return existing;
    const { accessToken } = this.issue({
      uid,
      clientId: DEMO_CLIENT_ID,
      scopes: TRACKER_SCOPES,
      ttlMs: DEMO_TOKEN_TTL_MS,
    });
    this.demoTokens.set(uid, accessToken);
    return accessToken;
  }

  /**
   * Checks an `Authorization` header the way Tracker does. `OAuth <token>` takes OAuth tokens only
   * and `Bearer <token>` IAM tokens only (the real service treats Bearer as IAM), so an OAuth token
   * sent as Bearer is `invalid`. The scheme is case-insensitive. A token both revoked and expired
   * reports `revoked`.
   */
  authenticate(authorizationHeader: string | undefined): AuthSuccess | AuthFailure {
    const header = authorizationHeader?.trim() ?? '';
    if (header === '') return { error: 'missing' };
    const match = /^([A-Za-z]+) +(\S+)$/.exec(header);
    if (!match) return { error: 'malformed' };
    const scheme = (match[1] ?? '').toLowerCase();
    if (scheme !== 'oauth' && scheme !== 'bearer') return { error: 'malformed' };
    const record = this.access.get(secretKey(match[2] ?? ''));
    if (!record || record.kind !== (scheme === 'oauth' ? 'oauth' : 'iam')) {
      return { error: 'invalid' };
    }
    if (record.grant.revoked) return { error: 'revoked' };
    if (this.clock() >= record.expiresAt) return { error: 'expired' };
    return { uid: record.grant.uid, scopes: record.grant.scopes, kind: record.kind };
  }

  /**
   * Exchanges a refresh token for a new access token and a new refresh token; the old refresh token
   * stops working at once. Always mints a new access token (Yandex may hand back the old one while
   * it is long-lived; clients must accept either) and leaves earlier access tokens valid until
   * they expire. A refresh token lives as long as the access token issued with it.
   */
  refresh(refreshToken: string, clientId: string): RefreshResult {
    const key = secretKey(refreshToken);
    // Revoked grants and rotated-out tokens are no longer in the map, so they read as unknown.
    const grant = this.refreshTokens.get(key);
    if (!grant || grant.clientId !== clientId) {
      return { error: 'invalid_grant', errorDescription: 'Invalid refresh token' };
    }
    const now = this.clock();
    if (now >= grant.refreshExpiresAt) {
      return { error: 'invalid_grant', errorDescription: 'Refresh token has expired' };
    }
    this.refreshTokens.delete(key);
    return this.mint(grant, now);
  }

  /**
   * Revokes the grant behind `accessToken` (all its access tokens and its refresh token). Works only
   * for device-bound tokens, like Yandex; others get `unsupported_token_type`. Unknown tokens and
   * tokens of another client get `invalid_token`; revoking twice is `ok`.
   */
  revoke(accessToken: string, clientId: string): RevokeResult {
    const record = this.access.get(secretKey(accessToken));
    if (!record || record.kind !== 'oauth' || record.grant.clientId !== clientId) {
      return { error: 'invalid_token', errorDescription: 'Unknown token' };
    }
    if (record.grant.deviceId === undefined) {
      return {
        error: 'unsupported_token_type',
        errorDescription: 'Only tokens issued with a device_id can be revoked',
      };
    }
    this.kill(record.grant);
    return { status: 'ok' };
  }

  /** Revokes every token of `uid` ("log out on all devices", password change); returns the count. */
  revokeAllForUser(uid: number): number {
    let count = 0;
    for (const grant of this.grants) {
      if (grant.uid === uid && !grant.revoked) {
        this.kill(grant);
        count += 1;
      }
    }
    return count;
  }

  private mint(grant: Grant, now: number): IssuedTokens {
    const accessToken = `y0_${base64url(this.random(45))}`;
    const refreshToken = `1:${base64url(this.random(12))}:${base64url(this.random(60))}`;
    const expiresAt = now + grant.ttlMs;
    this.access.set(secretKey(accessToken), { grant, kind: 'oauth', expiresAt });
    grant.refreshKey = secretKey(refreshToken);
    grant.refreshExpiresAt = expiresAt;
    this.refreshTokens.set(grant.refreshKey, grant);
    return {
      accessToken,
      refreshToken,
      expiresIn: Math.floor(grant.ttlMs / 1000),
      expiresAt,
      scope: grant.scopes.join(' '),
    };
  }

  private kill(grant: Grant): void {
    grant.revoked = true;
    if (grant.refreshKey !== null) this.refreshTokens.delete(grant.refreshKey);
    grant.refreshKey = null;
  }

  private retireDeviceGrants(params: IssueTokenParams): void {
    const live = this.grants.filter(
      (grant) =>
        !grant.revoked &&
        grant.uid === params.uid &&
        grant.clientId === params.clientId &&
        grant.deviceId !== undefined,
    );
    for (const grant of live.filter((g) => g.deviceId === params.deviceId)) this.kill(grant);
    const remaining = live.filter((grant) => !grant.revoked);
    // `live` is in issue order, so the head is the oldest.
    for (const grant of remaining.slice(
      0,
      Math.max(0, remaining.length - this.maxDeviceTokens + 1),
    )) {
      this.kill(grant);
    }
  }
}
