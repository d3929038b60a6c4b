/**
 * `GET /authorize`, the consent decision and the verification_code page. Errors about the client or
 * its redirect URI are shown as a page and never redirected: the URI cannot be trusted yet.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  clientName,
  matchRedirectUri,
  resolveScopes,
  validDeviceId,
  validDeviceName,
} from './clients.ts';
import type { OAuthClient, OAuthUser } from './clients.ts';
import { resolveUser, sweep } from './context.ts';
import type { OAuthContext } from './context.ts';
import { isOAuthError, readForm, sendHtml, sendOAuthError, sendRedirect } from './http.ts';
import {
  pickLanguage,
  renderConsentPage,
  renderErrorPage,
  renderVerificationCodePage,
} from './pages.ts';
import { base64url, safeEqual, secretKey } from './random.ts';

/** A validated authorization request. */
export interface AuthorizeRequest {
  readonly client: OAuthClient;
  /** The URI the answer goes to: the one given, or the first registered when none was given. */
  readonly redirectUri: string;
  readonly redirectUriGiven: boolean;
  readonly responseType: 'code' | 'token';
  readonly state: string | null;
  readonly codeChallenge: string | null;
  readonly scopes: readonly string[];
  readonly deviceId: string | null;
  readonly deviceName: string | null;
}

// Caps memory if something loops on /authorize without ever answering the consent page.
const MAX_PENDING_CONSENTS = 1000;

/** Builds the redirect back to the app; implicit-flow answers go in the fragment. */
function answerUrl(request: AuthorizeRequest, params: Record<string, string | null>): string {
  const target = new URL(request.redirectUri);
  const out = request.responseType === 'token' ? new URLSearchParams() : target.searchParams;
  for (const [name, value] of Object.entries({ ...params, state: request.state })) {
    if (value !== null) out.set(name, value);
  }
  target.hash = request.responseType === 'token' ? out.toString() : '';
  return target.href;
}

function redirectError(
  res: ServerResponse,
  request: AuthorizeRequest,
  error: string,
  description: string,
): void {
  sendRedirect(res, answerUrl(request, { error, error_description: description }));
}

/** The CSP source the consent form may end up at (see `sendHtml`). */
function formTarget(redirectUri: string): string {
  const url = new URL(redirectUri);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : url.protocol;
}

/** Issues the code (or, for response_type=token, the token) and redirects to the app. */
function complete(
  ctx: OAuthContext,
  res: ServerResponse,
  request: AuthorizeRequest,
  uid: number,
): void {
  const clientId = request.client.clientId;
  if (request.responseType === 'token') {
    const issued = ctx.tokens.issue({
      uid,
      clientId,
      scopes: request.scopes,
      ...(request.deviceId !== null && { deviceId: request.deviceId }),
      ...(request.deviceName !== null && { deviceName: request.deviceName }),
    });
    ctx.log.info('oauth: token issued (implicit)', { clientId, uid });
    sendRedirect(
      res,
      answerUrl(request, {
        access_token: issued.accessToken,
        token_type: 'bearer',
        expires_in: String(issued.expiresIn),
      }),
    );
    return;
  }
  const now = ctx.clock();
  sweep(ctx.codes, now);
  const code = base64url(ctx.random(24));
  ctx.codes.set(secretKey(code), { request, uid, expiresAt: now + ctx.codeTtlMs });
  ctx.log.info('oauth: authorization code issued', { clientId, uid });
  sendRedirect(res, answerUrl(request, { code }));
}

/** Parses the rest of the query once client and redirect URI are known; errors go to the app. */
function parseRequest(
  url: URL,
  client: OAuthClient,
  redirectUri: string,
  redirectUriGiven: boolean,
): AuthorizeRequest | { error: string; description: string; request: AuthorizeRequest } {
  const q = url.searchParams;
  const responseType = q.get('response_type') === 'token' ? 'token' : 'code';
  const request: AuthorizeRequest = {
    client,
    redirectUri,
    redirectUriGiven,
    responseType,
    state: q.get('state'),
    codeChallenge: q.get('code_challenge'),
    scopes: [],
    deviceId: q.get('device_id'),
    deviceName: q.get('device_name'),
  };
  const fail = (error: string, description: string) => ({ error, description, request });
  const type = q.get('response_type');
  if (type !== 'code' && type !== 'token') {
    return fail('unsupported_response_type', 'response_type must be code or token');
  }
  const method = q.get('code_challenge_method');
  if (request.codeChallenge === null && method !== null) {
    return fail('invalid_request', 'code_challenge_method without code_challenge');
  }
  // Only S256; a challenge without a method would mean plain (RFC 7636 §4.3), refused as well.
  if (request.codeChallenge !== null && method !== 'S256') {
    return fail('invalid_request', 'Unsupported code_challenge_method; use S256');
  }
  if (request.codeChallenge !== null && !/^[A-Za-z0-9_-]{43}$/.test(request.codeChallenge)) {
    return fail('invalid_request', 'code_challenge must be a base64url SHA-256 digest');
  }
  if (request.deviceId !== null && !validDeviceId(request.deviceId)) {
    return fail('invalid_request', 'device_id must be 6-50 printable ASCII characters');
  }
  if (request.deviceName !== null && !validDeviceName(request.deviceName)) {
    return fail('invalid_request', 'device_name must be at most 100 characters');
  }
  const scopes = resolveScopes(client, q.get('scope'));
  if (scopes === null) return fail('invalid_scope', 'Scope is not registered for this app');
  return { ...request, scopes };
}

/** `GET /authorize`. */
export function handleAuthorize(
  ctx: OAuthContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): void {
  const lang = pickLanguage(req.headers['accept-language']);
  const q = url.searchParams;
  const client = ctx.clients.find((candidate) => candidate.clientId === q.get('client_id'));
  if (!client) return sendHtml(res, 400, renderErrorPage(lang, 'unknown_client'));
  const given = q.get('redirect_uri');
  // Without redirect_uri Yandex answers to the app's (first) registered Callback URI.
  const redirectUri = given ?? client.redirectUris[0];
  if (redirectUri === undefined || (given !== null && !matchRedirectUri(client, given))) {
    ctx.log.warn('oauth: redirect_uri mismatch', { clientId: client.clientId });
    return sendHtml(res, 400, renderErrorPage(lang, 'bad_redirect_uri'));
  }
  const parsed = parseRequest(url, client, redirectUri, given !== null);
  if ('error' in parsed) {
    return redirectError(res, parsed.request, parsed.error, parsed.description);
  }
  const user: OAuthUser | undefined = resolveUser(ctx, q.get('login_hint'));
  if (!user) return sendHtml(res, 500, renderErrorPage(lang, 'unknown_user'));
  const forceConfirm = ['yes', 'true', '1'].includes(q.get('force_confirm') ?? '');
  if (ctx.autoApprove && !forceConfirm) return complete(ctx, res, parsed, user.uid);

  const now = ctx.clock();
  sweep(ctx.consents, now);
  if (ctx.consents.size >= MAX_PENDING_CONSENTS) {
    const oldest = ctx.consents.keys().next();
    if (oldest.done !== true) ctx.consents.delete(oldest.value);
  }
  const requestId = base64url(ctx.random(18));
  const csrf = base64url(ctx.random(24));
  ctx.consents.set(requestId, {
    request: parsed,
    uid: user.uid,
    csrf,
    expiresAt: now + ctx.codeTtlMs,
  });
  const page = renderConsentPage(lang, {
    appName: clientName(client),
    user,
    scopes: parsed.scopes,
    ...(parsed.deviceName !== null && { deviceName: parsed.deviceName }),
    action: `${ctx.basePath}/authorize/decision`,
    fields: { request_id: requestId, csrf },
  });
  sendHtml(res, 200, page, [formTarget(redirectUri)]);
}

/** `POST /authorize/decision`: the consent form's Allow/Deny. The CSRF token is single use. */
export async function handleAuthorizeDecision(
  ctx: OAuthContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const lang = pickLanguage(req.headers['accept-language']);
  const form = await readForm(req, ctx.maxBodyBytes);
  if (isOAuthError(form)) return sendOAuthError(res, form);
  const requestId = form.get('request_id') ?? '';
  const consent = ctx.consents.get(requestId);
  const decision = form.get('decision');
  if (
    !consent ||
    ctx.clock() >= consent.expiresAt ||
    !safeEqual(form.get('csrf') ?? '', consent.csrf) ||
    (decision !== 'allow' && decision !== 'deny')
  ) {
    return sendHtml(res, 400, renderErrorPage(lang, 'stale_request'));
  }
  ctx.consents.delete(requestId);
  if (decision === 'deny') {
    ctx.log.info('oauth: access denied by user', { clientId: consent.request.client.clientId });
    return redirectError(res, consent.request, 'access_denied', 'User denied access');
  }
  complete(ctx, res, consent.request, consent.uid);
}

/** `GET /verification_code`: Yandex's page for apps without a local server (the user copies it). */
export function handleVerificationCode(req: IncomingMessage, res: ServerResponse, url: URL): void {
  const lang = pickLanguage(req.headers['accept-language']);
  const code = url.searchParams.get('code');
  const error = url.searchParams.get('error_description') ?? url.searchParams.get('error') ?? '';
  sendHtml(res, code === null ? 400 : 200, renderVerificationCodePage(lang, code, error));
}
