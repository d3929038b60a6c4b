/**
 * Sign-in configuration: which OAuth app we are, where the authorization server lives and which
 * loopback ports the browser may come back to. Yandex matches redirect URIs exactly, port included
 * (tracker-api.md §4.1), so the app registers a few fixed ports rather than using an ephemeral one.
 */
import { AuthError } from './errors.ts';

/** Yandex ID's OAuth host. */
export const DEFAULT_OAUTH_BASE = 'https://oauth.yandex.ru';

/**
 * The loopback ports tried in order; each must be registered with the app as
 * `http://127.0.0.1:<port>/callback`.
 */
export const DEFAULT_LOOPBACK_PORTS: readonly number[] = [27180, 27181, 27182];

/** Endpoint paths below `oauthBase`. */
export interface AuthEndpoints {
  readonly authorize: string;
  readonly token: string;
  readonly deviceCode: string;
  readonly revoke: string;
}

/** Yandex's endpoint paths. Standard servers differ (oidc-provider: `/auth`, `/token/revocation`). */
export const YANDEX_ENDPOINTS: AuthEndpoints = {
  authorize: '/authorize',
  token: '/token',
  deviceCode: '/device/code',
  revoke: '/revoke_token',
};

/** A resolved, validated configuration. */
export interface AuthConfig {
  readonly clientId: string;
  /** Sent with token requests when set; a desktop app cannot keep it secret, PKCE is what protects. */
  readonly clientSecret?: string;
  /** Scheme, host, optional port and path prefix; no trailing slash. */
  readonly oauthBase: string;
  readonly endpoints: AuthEndpoints;
  /** Tried in order; 0 means "any free port" (only for servers that ignore the loopback port). */
  readonly loopbackPorts: readonly number[];
  /** Requested scopes; absent means "what the app was registered with" (Yandex's rule). */
  readonly scopes?: readonly string[];
  /** Stable per install; 6–50 printable ASCII (Yandex `device_id`). */
  readonly deviceId: string;
  /** Shown to the user in Yandex ID's device list; at most 100 characters. */
  readonly deviceName: string;
  /** When set, an `iss` on the callback must equal it (RFC 9207). */
  readonly issuer?: string;
  /** Ask Yandex to show the consent page even when access was granted before. */
  readonly forceConfirm?: boolean;
}

/** What the settings store may hold; environment variables override it. */
export interface AuthSettings {
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly oauthBase?: string;
  readonly endpoints?: Partial<AuthEndpoints>;
  readonly loopbackPorts?: readonly number[];
  readonly scopes?: readonly string[];
  readonly deviceId: string;
  readonly deviceName: string;
  readonly issuer?: string;
  readonly forceConfirm?: boolean;
}

/** The environment variables read. */
export type AuthEnv = Readonly<Record<string, string | undefined>>;

function bad(message: string, internal = false): AuthError {
  return new AuthError('bad_config', { message, ...(internal && { code: 'E_INTERNAL' }) });
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/**
 * Validates an OAuth base URL: https anywhere, plain http only to 127.0.0.1 or localhost (the
 * emulator). Values are never echoed: a URL may carry credentials.
 */
export function validateOAuthBase(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw bad('The OAuth server address (TRACKER_OAUTH_BASE) is not a valid URL.');
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw bad(
      'The OAuth server address must use https (plain http only for 127.0.0.1 or localhost).',
    );
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw bad('The OAuth server address must not contain credentials, a query or a fragment.');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function validateEndpoints(partial: Partial<AuthEndpoints> | undefined): AuthEndpoints {
  const endpoints = { ...YANDEX_ENDPOINTS, ...partial };
  for (const path of Object.values(endpoints)) {
    // A path, never a URL: the base decides the host, so a setting cannot send codes elsewhere.
    if (!/^\/[A-Za-z0-9._~/-]*$/.test(path)) throw bad('An OAuth endpoint path is not valid.');
  }
  return endpoints;
}

function validatePorts(ports: readonly number[]): readonly number[] {
  if (ports.length === 0) throw bad('At least one loopback port is needed for sign-in.');
  for (const port of ports) {
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw bad('Loopback ports must be integers between 0 and 65535.');
    }
  }
  return [...ports];
}

/** Yandex's `device_id` rule: 6–50 printable ASCII characters. */
export function isValidDeviceId(value: string): boolean {
  return /^[\x20-\x7e]{6,50}$/.test(value);
}

/**
 * Builds the configuration from the environment (TRACKER_CLIENT_ID, TRACKER_CLIENT_SECRET,
 * TRACKER_OAUTH_BASE, which win) and the settings. Throws an AuthError (`not_configured` when no
 * client id exists anywhere, `bad_config` otherwise).
 */
export function resolveAuthConfig(env: AuthEnv, settings: AuthSettings): AuthConfig {
  const clientId = nonEmpty(env.TRACKER_CLIENT_ID) ?? nonEmpty(settings.clientId);
  if (clientId === undefined) throw new AuthError('not_configured');
  if (!/^[\x21-\x7e]{1,128}$/.test(clientId)) {
    throw bad('The OAuth client id is not valid (printable ASCII, no spaces).');
  }
  const clientSecret = nonEmpty(env.TRACKER_CLIENT_SECRET) ?? nonEmpty(settings.clientSecret);
  const oauthBase = validateOAuthBase(
    nonEmpty(env.TRACKER_OAUTH_BASE) ?? nonEmpty(settings.oauthBase) ?? DEFAULT_OAUTH_BASE,
  );
  // The caller derives these per install; a bad one is a bug, not a user setting.
  if (!isValidDeviceId(settings.deviceId)) {
    throw bad('The device id must be 6-50 printable ASCII characters.', true);
  }
  // Host names can be long; Yandex caps device_name at 100, and a cut name is still useful.
  const deviceName = [...settings.deviceName.trim()].slice(0, 100).join('') || 'Tracker Desktop';
  const scopes = settings.scopes?.map((scope) => scope.trim()).filter((scope) => scope !== '');
  if (scopes?.some((scope) => !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope))) {
    throw bad('An OAuth scope is not valid.');
  }
  return {
    clientId,
    ...(clientSecret !== undefined && { clientSecret }),
    oauthBase,
    endpoints: validateEndpoints(settings.endpoints),
    loopbackPorts: validatePorts(settings.loopbackPorts ?? DEFAULT_LOOPBACK_PORTS),
    ...(scopes !== undefined && scopes.length > 0 && { scopes }),
    deviceId: settings.deviceId,
    deviceName,
    ...(settings.issuer !== undefined && { issuer: settings.issuer }),
    ...(settings.forceConfirm === true && { forceConfirm: true }),
  };
}

/** The absolute URL of one endpoint. */
export function endpointUrl(config: AuthConfig, name: keyof AuthEndpoints): string {
  return `${config.oauthBase}${config.endpoints[name]}`;
}
