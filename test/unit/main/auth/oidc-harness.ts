/**
 * oidc-provider run locally as toolchain-notes.md §8 describes (a native public client, PKCE S256
 * required, a loopback redirect registered without a port, auto-consent through the interactions
 * glue), plus a scripted browser with a cookie jar that follows its redirects.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { CLIENT_ID } from './helpers.ts';

type Payload = Record<string, unknown>;

/**
 * A Map-backed adapter class with its own stores (oidc-provider warns about its quick-start one on
 * every start); one class per provider so tests share nothing.
 */
function memoryAdapter() {
  const stores = new Map<string, Map<string, Payload>>();
  return class MemoryAdapter {
    private readonly store: Map<string, Payload>;

    constructor(name: string) {
      const store = stores.get(name) ?? new Map<string, Payload>();
      stores.set(name, store);
      this.store = store;
    }

    async upsert(id: string, payload: Payload): Promise<void> {
      this.store.set(id, payload);
    }
    async find(id: string): Promise<Payload | undefined> {
      return this.store.get(id);
    }
    async findByUid(uid: string): Promise<Payload | undefined> {
      return [...this.store.values()].find((payload) => payload.uid === uid);
    }
    async findByUserCode(userCode: string): Promise<Payload | undefined> {
      return [...this.store.values()].find((payload) => payload.userCode === userCode);
    }
    async consume(id: string): Promise<void> {
      const payload = this.store.get(id);
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string): Promise<void> {
      this.store.delete(id);
    }
    async revokeByGrantId(grantId: string): Promise<void> {
      for (const [id, payload] of this.store)
        if (payload.grantId === grantId) this.store.delete(id);
    }
  };
}

/** A running provider. */
export interface Oidc {
  issuer: string;
  close(): Promise<void>;
}

/** Starts oidc-provider on 127.0.0.1 with the auto-consent interaction glue. */
export async function startOidc(): Promise<Oidc> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: ['http://127.0.0.1/callback'],
      },
    ],
    scopes: ['openid', 'offline_access'],
    pkce: { required: () => true },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    adapter: memoryAdapter(),
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      Grant: 3600,
      IdToken: 3600,
      Interaction: 600,
      RefreshToken: 86_400,
      Session: 3600,
    },
    features: { devInteractions: { enabled: false } },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    findAccount: async (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: async () => ({ sub }),
    }),
  });

  async function interact(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: 'user-1' } },
        { mergeWithLastSubmission: false },
      );
    }
    const grant = new provider.Grant({
      accountId: details.session?.accountId ?? 'user-1',
      clientId: String(details.params.client_id),
    });
    const missing = details.prompt.details.missingOIDCScope;
    if (missing) grant.addOIDCScope(missing.join(' '));
    for (const [indicator, scopes] of Object.entries(
      details.prompt.details.missingResourceScopes ?? {},
    )) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
  }

  const callback = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/interaction/')) {
      interact(req, res).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    } else {
      callback(req, res);
    }
  });
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A scripted browser with a cookie jar: follows every redirect, as a real one would. `extra` is
 * added to the authorize URL (what a user could do; state and PKCE stay the app's).
 */
export function oidcBrowser(extra: Record<string, string> = {}) {
  const seen: { hops: number; callbackStatus?: number; iss?: string | null; error?: unknown } = {
    hops: 0,
  };
  const jar = new Map<string, string>();
  async function browse(start: string): Promise<void> {
    let url = start;
    for (let hop = 0; hop < 10; hop += 1) {
      seen.hops = hop + 1;
      const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
      const res = await fetch(url, {
        redirect: 'manual',
        headers: cookie === '' ? {} : { Cookie: cookie },
      });
      for (const line of res.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const eq = pair.indexOf('=');
        const name = pair.slice(0, eq).trim();
        const value = pair.slice(eq + 1).trim();
        if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
        else jar.set(name, value);
      }
      await res.arrayBuffer();
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || location === null) {
        seen.callbackStatus = res.status;
        return;
      }
      url = new URL(location, url).href;
      if (new URL(url).pathname === '/callback') seen.iss = new URL(url).searchParams.get('iss');
    }
  }
  return {
    seen,
    openExternal: async (url: string) => {
      const target = new URL(url);
      for (const [name, value] of Object.entries(extra)) target.searchParams.set(name, value);
      void browse(target.href).catch((error: unknown) => {
        seen.error = error;
      });
    },
  };
}
