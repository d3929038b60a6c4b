/**
 * The local Tracker + Yandex OAuth emulator: one node:http server on 127.0.0.1 serving the Tracker
 * API under `/v2` and `/v3` and Yandex OAuth under `/oauth`, over a seeded store, with optional
 * activity simulation and fault injection. The demo workspace, the tests and the benchmarks use it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log/types.ts';
import { createActivitySimulator, type ActivitySimulator } from './activity.ts';
import { badRequest, EmulatorError, isEmulatorError, notFound } from './errors.ts';
import { authenticateRequest } from './http/auth.ts';
import { FaultInjector, NO_FAULTS, type FaultConfig, type FaultDecision } from './http/faults.ts';
import { parseJsonBody, readBody, sendError, sendJson } from './http/respond.ts';
import type { OrgRecord } from './model.ts';
import { createOAuthHandler, type OAuthClient, type OAuthHandler } from './oauth/server.ts';
import { DEMO_CLIENT_ID, TokenRegistry } from './oauth/tokens.ts';
import { createApiRouter, type ApiContext, type CatalogQuirks } from './routes/index.ts';
import { SearchService } from './search.ts';
import { EmulatorStore } from './store.ts';
import { Wire, type WireLanguage, type WireLookups } from './wire/index.ts';

/** How to start an emulator. */
export interface EmulatorOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  readonly issues?: number;
  readonly seed?: number;
  /** Simulated events per minute; 0 (default) keeps the world still. */
  readonly activity?: number;
  readonly faults?: FaultConfig;
  readonly clock?: () => number;
  readonly log?: Logger;
  readonly quirks?: CatalogQuirks;
  /** Extra OAuth clients (the desktop app's); the demo client is always registered. */
  readonly oauthClients?: readonly OAuthClient[];
  /** Approve OAuth consent and device codes without a page (demo and scripted tests). */
  readonly autoApprove?: boolean;
  /** An existing store to serve instead of a freshly seeded one. */
  readonly store?: EmulatorStore;
  /** Seed the hostile-content corpus too (the `HOSTILE` queue, see ./hostile.ts). Off by default. */
  readonly hostileCorpus?: boolean;
}

/** A running emulator. */
export interface Emulator {
  /** Scheme, host and port, no version path: like `https://api.tracker.yandex.net`. */
  readonly apiBase: string;
  /** Where the OAuth endpoints live (`/authorize`, `/token`, …). */
  readonly oauthBase: string;
  /** A ready-to-use OAuth token of the demo user. */
  readonly token: string;
  readonly org: OrgRecord;
  readonly cloudOrg: OrgRecord;
  readonly login: string;
  readonly store: EmulatorStore;
  readonly tokens: TokenRegistry;
  readonly oauth: OAuthHandler;
  readonly search: SearchService;
  readonly faults: FaultInjector;
  readonly activity: ActivitySimulator | null;
  /** Requests served by the API, by status, for tests and benchmarks. */
  readonly stats: { requests: number; byStatus: Map<number, number> };
  close(): Promise<void>;
}

const BODY_LIMIT = 16 * 1024 * 1024;

function lookups(store: EmulatorStore): WireLookups {
  return {
    user: (uid) => store.user(uid),
    status: (key) => store.status(key),
    priority: (key) => store.priority(key),
    issueType: (key) => store.issueType(key),
    resolution: (key) => store.resolution(key),
    queue: (key) => store.queue(key),
    issue: (key) => store.getIssue(key),
    board: (id) => store.board(id),
    linkType: (id) => store.linkTypes().find((type) => type.id === id),
    field: (id) => store.field(id),
  };
}

function languageOf(req: IncomingMessage, url: URL): WireLanguage {
  if (url.searchParams.get('localized') === 'false') return 'all';
  const header = String(req.headers['accept-language'] ?? '').toLowerCase();
  return header.startsWith('ru') ? 'ru' : 'en';
}

/** Starts an emulator; resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = options.clock ?? Date.now;
  const store =
    options.store ??
    EmulatorStore.fromSeed({
      seed: options.seed ?? 1,
      issues: options.issues ?? 2000,
      now: clock(),
      hostileCorpus: options.hostileCorpus,
    });
  const tokens = new TokenRegistry({ clock });
  const search = new SearchService(store, clock);
  const faults = new FaultInjector(options.faults ?? NO_FAULTS, options.seed ?? 1);
  const router = createApiRouter(options.quirks);
  const stats = { requests: 0, byStatus: new Map<number, number>() };
  const orgs = store.orgs();
  const org = orgs.find((o) => o.kind === '360') as OrgRecord;
  const cloudOrg = orgs.find((o) => o.kind === 'cloud') as OrgRecord;
  const demoUser = store.user(store.demoUid);
  if (!demoUser) throw new Error('the seeded world has no demo user');
  const log = options.log;

  const oauth = createOAuthHandler({
    tokens,
    clock,
    basePath: '/oauth',
    users: (ref) => {
      const user = store.user(ref);
      return user ? { uid: user.uid, login: user.login, display: user.display.en } : undefined;
    },
    clients: [
      {
        clientId: DEMO_CLIENT_ID,
        name: 'Tracker Desktop (demo)',
        redirectUris: ['http://127.0.0.1/callback'],
        allowAnyLoopbackPort: true,
      },
      ...(options.oauthClients ?? []),
    ],
    defaultUserUid: store.demoUid,
    autoApprove: options.autoApprove ?? false,
    log,
  });

  async function api(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    version: 'v2' | 'v3',
  ): Promise<void> {
    const decision = faults.decide();
    if (!(await applyFault(decision, req, res))) return;
    const caller = authenticateRequest(req, (header) => tokens.authenticate(header), orgs);
    const path = url.pathname.slice(version.length + 1) || '/';
    const match = router.match(req.method ?? 'GET', path);
    if (match === null) throw notFound(`No such resource: ${path}`);
    if (match === 'method')
      throw new EmulatorError(405, {}, [`Method ${req.method ?? ''} is not allowed here`]);
    let body: Buffer | null = null;
    const raw = async () => (body ??= await readBody(req, BODY_LIMIT));
    const context: ApiContext = {
      req,
      res,
      url,
      params: match.params,
      caller,
      store,
      search,
      wire: new Wire(
        `http://${req.headers.host ?? '127.0.0.1'}`,
        version,
        languageOf(req, url),
        lookups(store),
      ),
      now: clock(),
      raw,
      json: async () => parseJsonBody(await raw()),
      send: (status, json, headers) => {
        if (decision.kind === 'truncate')
          return sendTruncated(res, status, JSON.stringify(json), headers);
        sendJson(res, status, json, headers);
      },
      noContent: () => {
        res.writeHead(204);
        res.end();
      },
    };
    await match.handler(context);
  }

  const server = createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    } catch {
      // A Host header or target that is no URL: thrown here it would crash the process.
      return sendError(res, badRequest('Malformed request target or Host header'));
    }
    const version = /^\/(v2|v3)(\/|$)/.exec(url.pathname)?.[1] as 'v2' | 'v3' | undefined;
    res.on('finish', () => {
      if (!version) return;
      stats.requests++;
      stats.byStatus.set(res.statusCode, (stats.byStatus.get(res.statusCode) ?? 0) + 1);
    });
    const work = version ? api(req, res, url, version) : routeOAuth(req, res, url);
    work.catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return;
      if (isEmulatorError(error)) return sendError(res, error);
      log?.error('emulator request failed', { error, path: url.pathname });
      sendError(res, new EmulatorError(500, {}, ['Internal emulator error']));
    });
  });

  async function routeOAuth(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/oauth' || url.pathname.startsWith('/oauth/')) {
      if (await oauth.handle(req, res, url)) return;
    }
    throw notFound(`No such resource: ${url.pathname}`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const apiBase = `http://127.0.0.1:${port}`;

  const activity =
    options.activity && options.activity > 0
      ? createActivitySimulator(store, {
          ratePerMinute: options.activity,
          seed: options.seed ?? 1,
          clock,
          demoUid: store.demoUid,
          onError: (error) => log?.warn('activity tick failed', { error }),
        })
      : null;
  activity?.start();

  return {
    apiBase,
    oauthBase: `${apiBase}/oauth`,
    token: tokens.issueDemoToken(store.demoUid),
    org,
    cloudOrg,
    login: demoUser.login,
    store,
    tokens,
    oauth,
    search,
    faults,
    activity,
    stats,
    async close() {
      activity?.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Applies a fault before routing; false when the response is already settled. */
async function applyFault(
  decision: FaultDecision,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  switch (decision.kind) {
    case 'status': {
      const messages = {
        429: 'Too many requests',
        500: 'Internal server error',
        503: 'Service unavailable',
      };
      const headers: Record<string, string> = decision.retryAfter
        ? { 'Retry-After': decision.retryAfter }
        : {};
      sendJson(
        res,
        decision.status,
        { errors: {}, errorMessages: [messages[decision.status]], statusCode: decision.status },
        headers,
      );
      return false;
    }
    case 'reset':
      req.socket.destroy();
      return false;
    case 'slow':
      await new Promise((resolve) => setTimeout(resolve, decision.ms));
      return true;
    default:
      return true;
  }
}

/** A complete HTTP response whose JSON body is cut in half, as broken gateways send. */
function sendTruncated(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  const cut = Buffer.from(text).subarray(0, Math.max(1, Math.floor(Buffer.byteLength(text) / 2)));
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': cut.byteLength,
    ...headers,
  });
  res.end(cut);
}
