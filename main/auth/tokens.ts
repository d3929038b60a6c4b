/**
 * Defensive parsing of the authorization server's success answers. Anything unusable yields
 * undefined (the caller turns that into an `invalid_response` error); optional fields of the wrong
 * type are dropped rather than failing the sign-in.
 */

/** What a successful sign-in or refresh yields. Stays in main; never crosses IPC or reaches a log. */
export interface TokenSet {
  readonly accessToken: string;
  /** Absent when the server issued none. */
  readonly refreshToken?: string;
  /** Epoch ms; absent when the server did not say (`expires_in` missing). */
  readonly expiresAt?: number;
  /** Space-separated granted scopes, when the server said (Yandex may omit it). */
  readonly scope?: string;
}

/** A device-flow authorization as the app shows it to the user. */
export interface DeviceCode {
  /** Secret; only the app polls with it. */
  readonly deviceCode: string;
  /** What the user types on the verification page. */
  readonly userCode: string;
  readonly verificationUrl: string;
  /** Seconds between polls. */
  readonly interval: number;
  /** Epoch ms. */
  readonly expiresAt: number;
}

// Printable ASCII without spaces, as in an Authorization header value; generous length cap.
const TOKEN_SHAPE = /^[\x21-\x7e]{1,8192}$/;

/** Seconds from a number or a numeric string; undefined unless finite and positive. */
function seconds(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number > 0 ? number : undefined;
}

/** Parses a /token success body (`access_token`, `token_type`, `refresh_token?`, …). */
export function parseTokenSet(body: Record<string, unknown>, now: number): TokenSet | undefined {
  const accessToken = body.access_token;
  if (typeof accessToken !== 'string' || !TOKEN_SHAPE.test(accessToken)) return undefined;
  // We send the token as `OAuth <token>` / `Bearer <token>`; a DPoP or MAC token would not work.
  const tokenType = body.token_type;
  if (tokenType !== undefined && (typeof tokenType !== 'string' || !/^bearer$/i.test(tokenType))) {
    return undefined;
  }
  const refreshToken = body.refresh_token;
  const expiresIn = seconds(body.expires_in);
  const scope = typeof body.scope === 'string' ? body.scope.trim() : '';
  return {
    accessToken,
    ...(typeof refreshToken === 'string' && TOKEN_SHAPE.test(refreshToken) && { refreshToken }),
    // Capped at ten years so a silly value cannot overflow a Date.
    ...(expiresIn !== undefined && {
      expiresAt: now + Math.min(expiresIn, 10 * 365 * 86_400) * 1000,
    }),
    ...(scope !== '' && { scope }),
  };
}

function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Parses a /device/code body; RFC 8628 names (`verification_uri`) are accepted as a fallback. */
export function parseDeviceCode(
  body: Record<string, unknown>,
  now: number,
): DeviceCode | undefined {
  const deviceCode = body.device_code;
  const userCode = body.user_code;
  const verificationUrl = httpUrl(body.verification_url) ?? httpUrl(body.verification_uri);
  if (typeof deviceCode !== 'string' || !TOKEN_SHAPE.test(deviceCode)) return undefined;
  if (typeof userCode !== 'string' || !/^[\x21-\x7e]{1,64}$/.test(userCode)) return undefined;
  if (verificationUrl === undefined) return undefined;
  // RFC 8628 §3.2: 5 s when absent. Bounded so a broken server cannot stall or hammer.
  const interval = Math.min(Math.max(seconds(body.interval) ?? 5, 1), 60);
  // Yandex device codes live up to 10 minutes; 30 is a generous ceiling.
  const expiresIn = Math.min(seconds(body.expires_in) ?? 300, 30 * 60);
  return { deviceCode, userCode, verificationUrl, interval, expiresAt: now + expiresIn * 1000 };
}
