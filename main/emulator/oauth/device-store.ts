/**
 * Pending device-flow authorizations (Yandex `POST /device/code`): a secret device code the app
 * polls with and a 7-digit user code the person types on the device page.
 */
import type { OAuthClient } from './clients.ts';
import { randomDigits, secretKey } from './random.ts';
import type { RandomBytes } from './random.ts';

/** One device authorization. */
export interface DeviceAuthorization {
  readonly userCode: string;
  readonly client: OAuthClient;
  readonly scopes: readonly string[];
  readonly deviceId: string | null;
  readonly deviceName: string | null;
  readonly expiresAt: number;
  status: 'pending' | 'approved' | 'denied';
  uid: number | null;
  lastPollAt: number | null;
  /** CSRF token of the confirmation form currently shown for it, if any. */
  csrf: string | null;
}

/** Outcome of a token-endpoint poll. */
export type DevicePollResult =
  | { readonly approved: DeviceAuthorization }
  | { readonly error: string; readonly description: string };

/** What `create()` hands to the app. */
export interface DeviceCodeGrant {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly expiresIn: number;
  readonly interval: number;
}

// Expired entries linger this long so late polls still get `expired_token`, not `invalid_grant`.
const EXPIRED_GRACE_MS = 60 * 60 * 1000;

/** In-memory store of device authorizations, keyed by device code hash and by user code. */
export class DeviceStore {
  private readonly byDeviceKey = new Map<string, DeviceAuthorization>();
  private readonly byUserCode = new Map<string, DeviceAuthorization>();
  private readonly clock: () => number;
  private readonly random: RandomBytes;
  private readonly ttlMs: number;
  /** Polling interval in seconds, as reported to the app. */
  readonly intervalSec: number;

  /** Creates an empty store. */
  constructor(options: {
    clock: () => number;
    random: RandomBytes;
    ttlMs: number;
    intervalSec: number;
  }) {
    this.clock = options.clock;
    this.random = options.random;
    this.ttlMs = options.ttlMs;
    this.intervalSec = options.intervalSec;
  }

  /** Starts an authorization; the user code is unique among live ones. */
  create(
    client: OAuthClient,
    scopes: readonly string[],
    deviceId: string | null,
    deviceName: string | null,
  ): DeviceCodeGrant {
    this.sweep();
    let userCode = randomDigits(this.random, 7);
    while (this.byUserCode.has(userCode)) userCode = randomDigits(this.random, 7);
    const deviceCode = Buffer.from(this.random(16)).toString('hex');
    const entry: DeviceAuthorization = {
      userCode,
      client,
      scopes,
      deviceId,
      deviceName,
      expiresAt: this.clock() + this.ttlMs,
      status: 'pending',
      uid: null,
      lastPollAt: null,
      csrf: null,
    };
    this.byDeviceKey.set(secretKey(deviceCode), entry);
    this.byUserCode.set(userCode, entry);
    return {
      deviceCode,
      userCode,
      expiresIn: Math.floor(this.ttlMs / 1000),
      interval: this.intervalSec,
    };
  }

  /** A live, undecided authorization by user code; spaces and dashes in the input are ignored. */
  findPending(userCode: string): DeviceAuthorization | undefined {
    const entry = this.byUserCode.get(userCode.replace(/[\s-]/g, ''));
    if (!entry || entry.status !== 'pending' || this.clock() >= entry.expiresAt) return undefined;
    return entry;
  }

  /** Approves for `uid`; false when the code is unknown, expired or already decided. */
  approve(userCode: string, uid: number): boolean {
    const entry = this.findPending(userCode);
    if (!entry) return false;
    entry.status = 'approved';
    entry.uid = uid;
    entry.csrf = null;
    return true;
  }

  /** Denies; false when the code is unknown, expired or already decided. */
  deny(userCode: string): boolean {
    const entry = this.findPending(userCode);
    if (!entry) return false;
    entry.status = 'denied';
    entry.csrf = null;
    return true;
  }

  /**
   * One poll by the app. Polling faster than the interval (measured from the previous poll) gets
   * `slow_down` without changing the interval; a decided authorization is answered once and then
   * forgotten, so a second redemption is `invalid_grant`.
   */
  poll(deviceCode: string, clientId: string): DevicePollResult {
    const key = secretKey(deviceCode);
    const entry = this.byDeviceKey.get(key);
    if (!entry || entry.client.clientId !== clientId) {
      return { error: 'invalid_grant', description: 'Unknown device code' };
    }
    const now = this.clock();
    if (now >= entry.expiresAt) {
      return { error: 'expired_token', description: 'Device code has expired' };
    }
    const previous = entry.lastPollAt;
    entry.lastPollAt = now;
    if (previous !== null && now - previous < this.intervalSec * 1000) {
      return { error: 'slow_down', description: 'Polling too fast' };
    }
    if (entry.status === 'pending') {
      return {
        error: 'authorization_pending',
        description: 'User has not yet authorized your application',
      };
    }
    this.forget(key, entry);
    if (entry.status === 'denied') {
      return { error: 'access_denied', description: 'User denied access' };
    }
    return { approved: entry };
  }

  /** Live undecided authorizations. */
  pendingCount(): number {
    const now = this.clock();
    let count = 0;
    for (const entry of this.byUserCode.values()) {
      if (entry.status === 'pending' && now < entry.expiresAt) count += 1;
    }
    return count;
  }

  private forget(key: string, entry: DeviceAuthorization): void {
    this.byDeviceKey.delete(key);
    if (this.byUserCode.get(entry.userCode) === entry) this.byUserCode.delete(entry.userCode);
  }

  private sweep(): void {
    const now = this.clock();
    for (const [key, entry] of this.byDeviceKey) {
      if (now >= entry.expiresAt + EXPIRED_GRACE_MS) this.forget(key, entry);
    }
    // An expired user code may be handed out again, so free it as soon as it expires.
    for (const [code, entry] of this.byUserCode) {
      if (now >= entry.expiresAt) this.byUserCode.delete(code);
    }
  }
}
