/**
 * Device flow endpoints: `POST /device/code` for the app, and the `/device` pages where the person
 * enters the user code and answers Allow/Deny.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientName, resolveScopes, validDeviceId, validDeviceName } from './clients.ts';
import type { OAuthContext } from './context.ts';
import {
  authenticateClient,
  isOAuthError,
  readForm,
  sendHtml,
  sendJson,
  sendOAuthError,
} from './http.ts';
import {
  pickLanguage,
  renderConsentPage,
  renderDeviceDonePage,
  renderDeviceEntryPage,
  renderErrorPage,
} from './pages.ts';
import { base64url, safeEqual } from './random.ts';

/** `POST /device/code`. The verification URL is built from the request's own origin. */
export async function handleDeviceCode(
  ctx: OAuthContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const form = await readForm(req, ctx.maxBodyBytes);
  if (isOAuthError(form)) return sendOAuthError(res, form);
  const auth = authenticateClient(req, form, ctx.clients);
  if (isOAuthError(auth)) return sendOAuthError(res, auth);
  const deviceId = form.get('device_id');
  const deviceName = form.get('device_name');
  if (
    (deviceId !== null && !validDeviceId(deviceId)) ||
    (deviceName !== null && !validDeviceName(deviceName))
  ) {
    return sendOAuthError(res, {
      status: 400,
      error: 'invalid_request',
      description: 'Bad device_id or device_name',
    });
  }
  const scopes = resolveScopes(auth.client, form.get('scope'));
  if (scopes === null) {
    return sendOAuthError(res, {
      status: 400,
      error: 'invalid_scope',
      description: 'Scope is not registered for this app',
    });
  }
  const grant = ctx.devices.create(auth.client, scopes, deviceId, deviceName);
  if (ctx.autoApprove) ctx.devices.approve(grant.userCode, ctx.defaultUserUid);
  ctx.log.info('oauth: device code issued', { clientId: auth.client.clientId });
  sendJson(res, 200, {
    device_code: grant.deviceCode,
    user_code: grant.userCode,
    verification_url: `${url.origin}${ctx.basePath}/device`,
    interval: grant.interval,
    expires_in: grant.expiresIn,
  });
}

/** `GET /device`: the code entry form. */
export function handleDevicePage(
  ctx: OAuthContext,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const lang = pickLanguage(req.headers['accept-language']);
  sendHtml(res, 200, renderDeviceEntryPage(lang, `${ctx.basePath}/device`, false));
}

/**
 * `POST /device`: the entered code. A live code gets a confirmation page whose form carries a fresh
 * CSRF token; showing the page again replaces the token.
 */
export async function handleDeviceEntry(
  ctx: OAuthContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const lang = pickLanguage(req.headers['accept-language']);
  const form = await readForm(req, ctx.maxBodyBytes);
  if (isOAuthError(form)) return sendOAuthError(res, form);
  const entry = ctx.devices.findPending(form.get('user_code') ?? '');
  if (!entry)
    return sendHtml(res, 400, renderDeviceEntryPage(lang, `${ctx.basePath}/device`, true));
  const user = ctx.users(ctx.defaultUserUid);
  if (!user) return sendHtml(res, 500, renderErrorPage(lang, 'unknown_user'));
  entry.csrf = base64url(ctx.random(24));
  const page = renderConsentPage(lang, {
    appName: clientName(entry.client),
    user,
    scopes: entry.scopes,
    ...(entry.deviceName !== null && { deviceName: entry.deviceName }),
    action: `${ctx.basePath}/device/decision`,
    fields: { user_code: entry.userCode, csrf: entry.csrf },
  });
  sendHtml(res, 200, page);
}

/** `POST /device/decision`: Allow/Deny for a device code, for the default user. */
export async function handleDeviceDecision(
  ctx: OAuthContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const lang = pickLanguage(req.headers['accept-language']);
  const form = await readForm(req, ctx.maxBodyBytes);
  if (isOAuthError(form)) return sendOAuthError(res, form);
  const userCode = form.get('user_code') ?? '';
  const entry = ctx.devices.findPending(userCode);
  const decision = form.get('decision');
  if (
    !entry ||
    entry.csrf === null ||
    !safeEqual(form.get('csrf') ?? '', entry.csrf) ||
    (decision !== 'allow' && decision !== 'deny')
  ) {
    return sendHtml(res, 400, renderErrorPage(lang, 'stale_request'));
  }
  const approved = decision === 'allow';
  if (approved) ctx.devices.approve(userCode, ctx.defaultUserUid);
  else ctx.devices.deny(userCode);
  ctx.log.info(approved ? 'oauth: device approved' : 'oauth: device denied', {
    clientId: entry.client.clientId,
  });
  sendHtml(res, 200, renderDeviceDonePage(lang, approved));
}
