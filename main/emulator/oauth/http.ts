/**
 * Request and response plumbing of the OAuth emulator: capped form bodies, OAuth JSON errors, HTML
 * pages with a strict CSP, redirects and client authentication.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { safeEqual } from './random.ts';
import type { OAuthClient } from './clients.ts';
import { PAGE_CSS_HASH } from './pages.ts';

/** Largest request body accepted; beyond it the endpoint answers 413. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** An OAuth error response (`{"error","error_description"}`). */
export interface OAuthErrorBody {
  readonly status: number;
  readonly error: string;
  readonly description: string;
}

/** Reads an `application/x-www-form-urlencoded` body, or explains why it cannot. */
export async function readForm(
  req: IncomingMessage,
  maxBytes: number,
): Promise<URLSearchParams | OAuthErrorBody> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    return {
      status: 400,
      error: 'invalid_request',
      description: 'Content-Type must be application/x-www-form-urlencoded',
    };
  }
  const tooLarge = { status: 413, error: 'invalid_request', description: 'Request body too large' };
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return tooLarge;
  const body = await readCapped(req, maxBytes);
  if (body === null) return tooLarge;
  const form = new URLSearchParams(body.toString('utf8'));
  // RFC 6749 §3.2: a parameter sent twice is an invalid request, not "take the first".
  for (const key of new Set(form.keys())) {
    if (form.getAll(key).length > 1) {
      return { status: 400, error: 'invalid_request', description: `Duplicate parameter ${key}` };
    }
  }
  return form;
}

/**
 * Collects the body, or null once it passes `maxBytes`. The rest is drained rather than the stream
 * destroyed, so the 413 can still be written; the 413 closes the connection afterwards.
 */
function readCapped(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.off('end', onEnd);
      req.resume();
      resolve(null);
    };
    const onEnd = (): void => resolve(Buffer.concat(chunks));
    req.on('data', onData);
    req.on('end', onEnd);
    req.once('error', reject);
  });
}

/** Writes a JSON body; token responses must never be cached (RFC 6749 §5.1). */
export function sendJson(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
  });
  res.end(text);
}

/** Writes `{"error","error_description"}`; a too-large body also closes the connection. */
export function sendOAuthError(res: ServerResponse, body: OAuthErrorBody): void {
  if (body.status === 413) res.setHeader('Connection', 'close');
  sendJson(res, body.status, { error: body.error, error_description: body.description });
}

/**
 * Writes an HTML page. The policy allows only the pages' own stylesheet, by hash; `formTargets` widens form-action
 * because Chromium applies form-action to the redirect that follows a form post, so the consent
 * form must also allow the app's redirect URI. Pages may not be framed (clickjacking of Allow).
 */
export function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  formTargets: readonly string[] = [],
): void {
  const formAction = ["'self'", ...formTargets].join(' ');
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Content-Security-Policy': `default-src 'none'; style-src ${PAGE_CSS_HASH}; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
  });
  res.end(html);
}

/** A 302 that is never cached (it carries a one-time code). */
export function sendRedirect(res: ServerResponse, location: string): void {
  res.writeHead(302, {
    Location: location,
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'Content-Length': 0,
  });
  res.end();
}

/** 405 with the allowed methods. */
export function sendMethodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('Allow', allow);
  sendJson(res, 405, { error: 'invalid_request', error_description: `Use ${allow}` });
}

/** The client a token-endpoint request speaks for, and whether it proved its secret. */
export interface ClientAuth {
  readonly client: OAuthClient;
  readonly authenticated: boolean;
}

/**
 * Authenticates the calling app. `Authorization: Basic` wins over body `client_id`/`client_secret`
 * (which are then ignored, as Yandex documents). A secret, when sent, must be right; whether one is
 * required depends on the grant, so the caller checks `authenticated`.
 */
export function authenticateClient(
  req: IncomingMessage,
  form: URLSearchParams,
  clients: readonly OAuthClient[],
): ClientAuth | OAuthErrorBody {
  const bad = (description: string): OAuthErrorBody => ({
    status: 401,
    error: 'invalid_client',
    description,
  });
  let clientId: string | null;
  let secret: string | null;
  const header = req.headers.authorization;
  if (header !== undefined) {
    const match = /^basic +([A-Za-z0-9+/=]+)$/i.exec(header.trim());
    const decoded = match ? Buffer.from(match[1] ?? '', 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    if (colon <= 0) return bad('Malformed Authorization header');
    clientId = decoded.slice(0, colon);
    secret = decoded.slice(colon + 1);
  } else {
    clientId = form.get('client_id');
    secret = form.get('client_secret');
  }
  if (clientId === null || clientId === '') {
    return { status: 400, error: 'invalid_request', description: 'client_id is required' };
  }
  const client = clients.find((candidate) => candidate.clientId === clientId);
  if (!client) return bad('Unknown client');
  if (secret === null || secret === '') return { client, authenticated: false };
  if (client.clientSecret === undefined || !safeEqual(secret, client.clientSecret)) {
    return bad('Wrong client secret');
  }
  return { client, authenticated: true };
}

/** Whether a value is an OAuth error rather than a result. */
export function isOAuthError(value: object): value is OAuthErrorBody {
  return 'error' in value && 'status' in value;
}
