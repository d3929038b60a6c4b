/**
 * Test harness for the OAuth emulator: a real node:http server on 127.0.0.1:0 mounting the handler
 * under /oauth, a fake clock, a seeded random source and a scripted "browser" built on fetch.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOAuthHandler } from '../../../../../main/emulator/oauth/server.ts';
import type {
  OAuthHandler,
  OAuthHandlerOptions,
} from '../../../../../main/emulator/oauth/server.ts';
import { seededRandomBytes } from '../../../../../main/emulator/oauth/random.ts';
import { TokenRegistry } from '../../../../../main/emulator/oauth/tokens.ts';

/** A controllable clock. */
export interface FakeClock {
  now: number;
  advance(ms: number): void;
}

/** One captured log record. */
export interface LogRecord {
  level: 'info' | 'warn';
  message: string;
  fields: Record<string, unknown> | undefined;
}

/** A running emulator. */
export interface Harness {
  /** Origin, e.g. http://127.0.0.1:12345. */
  origin: string;
  /** Origin plus the OAuth base path. */
  base: string;
  handler: OAuthHandler;
  tokens: TokenRegistry;
  clock: FakeClock;
  logs: LogRecord[];
  close(): Promise<void>;
}

/** Public desktop client: PKCE, loopback on any port. */
export const DESKTOP = { clientId: 'desktop-app', name: 'Tracker Desktop' } as const;
/** Confidential client with an exact-port redirect URI. */
export const WEB = { clientId: 'web-app', clientSecret: 'web-secret' } as const;

/** Starts the emulator; `overrides` replace the default handler options. */
export async function startOAuth(overrides: Partial<OAuthHandlerOptions> = {}): Promise<Harness> {
  const clock: FakeClock = {
    now: Date.UTC(2025, 0, 15, 12, 0, 0),
    advance(ms) {
      this.now += ms;
    },
  };
  const tokens = new TokenRegistry({
    clock: () => clock.now,
    randomBytes: seededRandomBytes('oauth-tests'),
  });
  const logs: LogRecord[] = [];
  const handler = createOAuthHandler({
    tokens,
    clock: () => clock.now,
    randomBytes: seededRandomBytes('oauth-handler'),
    basePath: '/oauth',
    defaultUserUid: 1001,
    users: [
      { uid: 1001, login: 'alice', display: 'Alice Liddell' },
      { uid: 1002, login: 'bob', display: 'Bob <b>Builder</b>' },
    ],
    clients: [
      {
        clientId: DESKTOP.clientId,
        name: DESKTOP.name,
        redirectUris: ['http://127.0.0.1/callback'],
        allowAnyLoopbackPort: true,
      },
      {
        clientId: WEB.clientId,
        clientSecret: WEB.clientSecret,
        redirectUris: ['http://127.0.0.1:53682/callback', 'https://example.test/cb'],
      },
      {
        clientId: 'xss-app',
        name: '<script>alert("app")</script>',
        redirectUris: ['http://127.0.0.1/cb'],
        allowAnyLoopbackPort: true,
      },
    ],
    log: {
      info: (message, fields) => logs.push({ level: 'info', message, fields }),
      warn: (message, fields) => logs.push({ level: 'warn', message, fields }),
    },
    ...overrides,
  });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    void handler.handle(req, res, url).then((handled) => {
      if (!handled) {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('not found');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    base: `${origin}/oauth`,
    handler,
    tokens,
    clock,
    logs,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A PKCE pair. */
export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** POSTs a form; `redirect: 'manual'` so 302s are visible. */
export function postForm(
  url: string,
  params: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params).toString(),
  });
}

/** GETs without following redirects. */
export function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { redirect: 'manual', headers });
}

/** The hidden inputs of the first form on a page. */
export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[match[1] ?? ''] = (match[2] ?? '').replaceAll('&amp;', '&');
  }
  return fields;
}

/** The form's action attribute. */
export function formAction(html: string): string {
  return /<form method="post" action="([^"]+)">/.exec(html)?.[1] ?? '';
}

/** An /authorize URL for the harness. */
export function authorizeUrl(h: Harness, params: Record<string, string>): string {
  return `${h.base}/authorize?${new URLSearchParams({ response_type: 'code', ...params })}`;
}

/** Opens /authorize, clicks Allow or Deny on the consent page and returns the redirect target. */
export async function consent(
  h: Harness,
  params: Record<string, string>,
  decision: 'allow' | 'deny' = 'allow',
): Promise<URL> {
  const page = await get(authorizeUrl(h, params));
  if (page.status !== 200) throw new Error(`consent page: HTTP ${page.status}`);
  const html = await page.text();
  const answer = await postForm(`${h.origin}${formAction(html)}`, {
    ...hiddenFields(html),
    decision,
  });
  if (answer.status !== 302) throw new Error(`decision: HTTP ${answer.status}`);
  return new URL(answer.headers.get('location') ?? '');
}

/** Basic auth header value. */
export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}
