/**
 * Registered OAuth apps and users as the OAuth emulator sees them, redirect URI matching and scope
 * validation.
 */
import { TRACKER_SCOPES } from './tokens.ts';

/** A registered app. */
export interface OAuthClient {
  readonly clientId: string;
  /** Absent for a public client, which must then use PKCE (or the device flow). */
  readonly clientSecret?: string;
  /** The app name shown on consent pages; defaults to the client id. */
  readonly name?: string;
  readonly redirectUris: readonly string[];
  /**
   * Lets an `http://` loopback URI (127.0.0.1, [::1], localhost) registered without a port match
   * any port, as RFC 8252 §7.3 asks. Yandex documents exact port matching, so this exists only so
   * tests can use ephemeral ports; the desktop client must still register fixed ports for production.
   */
  readonly allowAnyLoopbackPort?: boolean;
  /** Permissions the app was registered with; defaults to tracker:read and tracker:write. */
  readonly scopes?: readonly string[];
}

/** A Yandex account as the consent pages show it. */
export interface OAuthUser {
  readonly uid: number;
  readonly login: string;
  readonly display: string;
}

/** Finds a user by uid (number) or login (string). */
export type UserLookup = (key: number | string) => OAuthUser | undefined;

/** Turns the `users` option (a list or a lookup) into a lookup. */
export function toUserLookup(users: readonly OAuthUser[] | UserLookup): UserLookup {
  if (typeof users === 'function') return users;
  return (key) =>
    users.find((user) =>
      typeof key === 'number' ? user.uid === key : user.login.toLowerCase() === key.toLowerCase(),
    );
}

/** The app's display name. */
export function clientName(client: OAuthClient): string {
  return client.name ?? client.clientId;
}

/** The app's registered scopes. */
export function clientScopes(client: OAuthClient): readonly string[] {
  return client.scopes ?? TRACKER_SCOPES;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/**
 * Whether `candidate` matches one of the client's registered redirect URIs. Scheme, host, port and
 * path must be equal; query and fragment may differ (Yandex's stated rule). URIs with credentials
 * never match.
 */
export function matchRedirectUri(client: OAuthClient, candidate: string): boolean {
  const given = parseUrl(candidate);
  if (!given || given.username !== '' || given.password !== '') return false;
  return client.redirectUris.some((raw) => {
    const registered = parseUrl(raw);
    if (!registered) return false;
    if (registered.protocol !== given.protocol || registered.hostname !== given.hostname) {
      return false;
    }
    if (registered.pathname !== given.pathname) return false;
    const anyPort =
      client.allowAnyLoopbackPort === true &&
      registered.protocol === 'http:' &&
      registered.port === '' &&
      LOOPBACK_HOSTS.has(registered.hostname);
    return anyPort || registered.port === given.port;
  });
}

/**
 * Parses a space-separated `scope` against the client's registered scopes. No `scope` means all
 * of them (Yandex grants the app's permissions); an unregistered scope is an error.
 */
export function resolveScopes(
  client: OAuthClient,
  raw: string | null | undefined,
): readonly string[] | null {
  const allowed = clientScopes(client);
  const requested = (raw ?? '').split(' ').filter((scope) => scope !== '');
  if (requested.length === 0) return allowed;
  if (requested.some((scope) => !allowed.includes(scope))) return null;
  return [...new Set(requested)];
}

/** Yandex's `device_id` rule: 6–50 printable ASCII characters. */
export function validDeviceId(value: string): boolean {
  return /^[\x20-\x7e]{6,50}$/.test(value);
}

/** Yandex's `device_name` rule: at most 100 characters. */
export function validDeviceName(value: string): boolean {
  return value.length <= 100;
}
