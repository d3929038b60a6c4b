/**
 * `POST /token` (authorization_code, refresh_token, device_code) and `POST /revoke_token`.
 *
 * Client secrets: a code issued without a PKCE challenge needs the secret; refresh, device and
 * revoke requests need only `client_id` (a secret, if sent, must be right). Yandex's rule here is
 * unconfirmed, and being lenient keeps a desktop client that ships no secret working.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { validDeviceId, validDeviceName } from './clients.ts';
import type { OAuthContext } from './context.ts';
import { authenticateClient, isOAuthError, readForm, sendJson, sendOAuthError } from './http.ts';
import type { ClientAuth, OAuthErrorBody } from './http.ts';
import { s256, safeEqual, secretKey } from './random.ts';
import type { IssuedTokens } from './tokens.ts';

type GrantOutcome = IssuedTokens | OAuthErrorBody;

function invalidGrant(description: string): OAuthErrorBody {
  return { status: 400, error: 'invalid_grant', description };
}

function invalidRequest(description: string): OAuthErrorBody {
  return { status: 400, error: 'invalid_request', description };
}

/** An optional form value checked by `valid`; undefined when absent, null when invalid. */
function optional(
  form: URLSearchParams,
  name: string,
  valid: (value: string) => boolean,
): string | undefined | null {
  const value = form.get(name);
  if (value === null) return undefined;
  return valid(value) ? value : null;
}

/**
 * The code grant. The code is consumed only on success, so a wrong `code_verifier` leaves it
 * redeemable (oidc-provider does the same; Yandex is unconfirmed). `redirect_uri` and `device_id`
 * are optional in the exchange (Yandex clients omit them) but must match the code when sent.
 */
function codeGrant(ctx: OAuthContext, auth: ClientAuth, form: URLSearchParams): GrantOutcome {
  const code = form.get('code');
  if (code === null || code === '') return invalidRequest('code is required');
  const key = secretKey(code);
  const record = ctx.codes.get(key);
  if (!record) return invalidGrant('Code is invalid or has already been used');
  if (ctx.clock() >= record.expiresAt) {
    ctx.codes.delete(key);
    return invalidGrant('Code has expired');
  }
  const { request } = record;
  if (request.client.clientId !== auth.client.clientId) {
    return invalidGrant('Code was issued to another client');
  }
  const redirectUri = form.get('redirect_uri');
  if (redirectUri !== null && redirectUri !== request.redirectUri) {
    return invalidGrant('redirect_uri does not match the authorization request');
  }
  const deviceId = optional(form, 'device_id', validDeviceId);
  const deviceName = optional(form, 'device_name', validDeviceName);
  if (deviceId === null || deviceName === null)
    return invalidRequest('Bad device_id or device_name');
  if (deviceId !== undefined && request.deviceId !== null && deviceId !== request.deviceId) {
    return invalidGrant('device_id does not match the authorization request');
  }
  if (request.codeChallenge !== null) {
    const verifier = form.get('code_verifier') ?? '';
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) {
      return invalidGrant('code_verifier is missing or malformed');
    }
    if (!safeEqual(s256(verifier), request.codeChallenge)) {
      return invalidGrant('code_verifier does not match code_challenge');
    }
  } else if (!auth.authenticated) {
    const description =
      auth.client.clientSecret === undefined
        ? 'A client without a secret must use PKCE'
        : 'client_secret is required';
    return { status: 401, error: 'invalid_client', description };
  }
  ctx.codes.delete(key);
  const finalDeviceId = request.deviceId ?? deviceId;
  const finalDeviceName = request.deviceName ?? deviceName;
  return ctx.tokens.issue({
    uid: record.uid,
    clientId: request.client.clientId,
    scopes: request.scopes,
    ...(finalDeviceId !== undefined && { deviceId: finalDeviceId }),
    ...(finalDeviceName !== undefined && { deviceName: finalDeviceName }),
  });
}

function refreshGrant(ctx: OAuthContext, auth: ClientAuth, form: URLSearchParams): GrantOutcome {
  const refreshToken = form.get('refresh_token');
  if (refreshToken === null || refreshToken === '') {
    return invalidRequest('refresh_token is required');
  }
  const result = ctx.tokens.refresh(refreshToken, auth.client.clientId);
  return 'error' in result ? invalidGrant(result.errorDescription) : result;
}

/** Yandex polls with `code=<device_code>`; RFC 8628's `device_code` is accepted too. */
function deviceGrant(ctx: OAuthContext, auth: ClientAuth, form: URLSearchParams): GrantOutcome {
  const deviceCode = form.get('code') ?? form.get('device_code');
  if (deviceCode === null || deviceCode === '') return invalidRequest('code is required');
  const result = ctx.devices.poll(deviceCode, auth.client.clientId);
  if ('error' in result)
    return { status: 400, error: result.error, description: result.description };
  const entry = result.approved;
  return ctx.tokens.issue({
    uid: entry.uid ?? ctx.defaultUserUid,
    clientId: entry.client.clientId,
    scopes: entry.scopes,
    ...(entry.deviceId !== null && { deviceId: entry.deviceId }),
    ...(entry.deviceName !== null && { deviceName: entry.deviceName }),
  });
}

/** `POST /token`. */
export async function handleToken(
  ctx: OAuthContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const form = await readForm(req, ctx.maxBodyBytes);
  if (isOAuthError(form)) return sendOAuthError(res, form);
  const auth = authenticateClient(req, form, ctx.clients);
  if (isOAuthError(auth)) return sendOAuthError(res, auth);
  const grantType = form.get('grant_type');
  let outcome: GrantOutcome;
  switch (grantType) {
    case 'authorization_code':
      outcome = codeGrant(ctx, auth, form);
      break;
    case 'refresh_token':
      outcome = refreshGrant(ctx, auth, form);
      break;
    case 'device_code':
    case 'urn:ietf:params:oauth:grant-type:device_code':
      outcome = deviceGrant(ctx, auth, form);
      break;
    case null:
      outcome = invalidRequest('grant_type is required');
      break;
    default:
      outcome = { status: 400, error: 'unsupported_grant_type', description: 'Unknown grant_type' };
  }
  if (isOAuthError(outcome)) {
    // authorization_pending/slow_down are routine while polling; not worth a warning each time.
    if (outcome.error !== 'authorization_pending' && outcome.error !== 'slow_down') {
      ctx.log.warn('oauth: token request refused', { grantType, error: outcome.error });
    }
    return sendOAuthError(res, outcome);
  }
  ctx.log.info('oauth: tokens issued', { grantType, clientId: auth.client.clientId });
  sendJson(res, 200, {
    token_type: 'bearer',
    access_token: outcome.accessToken,
    expires_in: outcome.expiresIn,
    refresh_token: outcome.refreshToken,
    scope: outcome.scope,
  });
}

/** `POST /revoke_token`: only device-bound tokens can be revoked, like Yandex. */
export async function handleRevoke(
  ctx: OAuthContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const form = await readForm(req, ctx.maxBodyBytes);
  if (isOAuthError(form)) return sendOAuthError(res, form);
  const auth = authenticateClient(req, form, ctx.clients);
  if (isOAuthError(auth)) return sendOAuthError(res, auth);
  const accessToken = form.get('access_token');
  if (accessToken === null || accessToken === '') {
    return sendOAuthError(res, invalidRequest('access_token is required'));
  }
  const result = ctx.tokens.revoke(accessToken, auth.client.clientId);
  if ('error' in result) {
    return sendOAuthError(res, {
      status: 400,
      error: result.error,
      description: result.errorDescription,
    });
  }
  ctx.log.info('oauth: token revoked', { clientId: auth.client.clientId });
  sendJson(res, 200, { status: 'ok' });
}
