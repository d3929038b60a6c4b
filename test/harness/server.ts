import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { createApp, type TrackerApp } from '../../main/app.ts';
import type { Logger } from '../../main/log/types.ts';
import { contentTypeFor, resolveAssetPath } from '../../main/security/asset-path.ts';
import { buildCsp } from '../../main/security/csp.ts';
import { createNodePlatform, type NodePlatform } from './node-platform.ts';
import { WsIpcMain } from './ws-ipc.ts';
import type { UpdateKind } from '../../main/update/types.ts';

/** Options of {@link startHarness}. */
export interface HarnessOptions {
  /** Folder holding out/renderer and out/harness (the repository root). */
  readonly root: string;
  readonly port?: number;
  readonly log: Logger;
  readonly userData?: string;
  readonly locale?: string;
  /** Open the demo workspace at start, as `npm run demo` does in the app. */
  readonly demo?: boolean;
  /** TRACKER_* overrides for the core (point it at an emulator). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The core's HTTP (tests wrap global fetch to watch what goes over the wire). */
  readonly fetch?: typeof globalThis.fetch;
  /**
   * Seed the demo workspace with the hostile-content corpus too: the `HOSTILE` queue, one issue
   * per payload of main/emulator/hostile.ts, assigned to the demo user. Needs `demo` (or a later
   * workspace.openDemo) to matter.
   */
  readonly hostileCorpus?: boolean;
  /** How the scripted updater installs (platform.updater); the web host's default is `none`. */
  readonly updateKind?: UpdateKind;
}

/** A running Node host. */
export interface Harness {
  /** The page URL, secret included. */
  readonly url: string;
  readonly origin: string;
  readonly app: TrackerApp;
  readonly platform: NodePlatform;
  readonly ipc: WsIpcMain;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
} as const;

function secretMatches(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The app version from package.json, as the Electron host reports it from app.getVersion(). */
async function packageVersion(root: string): Promise<string | undefined> {
  try {
    const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof manifest.version === 'string' ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Hosts createApp() in plain Node: serves the built renderer on 127.0.0.1 with the web preload
 * injected, and carries IPC over a WebSocket that only a page holding the session secret, on this
 * origin, can open. Nothing else on the machine can drive the core.
 */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const rendererRoot = path.join(options.root, 'out/renderer');
  const preloadFile = path.join(options.root, 'out/harness/web-preload/preload.js');
  const secret = randomBytes(24).toString('base64url');
  const ipc = new WsIpcMain();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });
  let origin = '';
  let csp = '';

  const server = createServer((request, response) => {
    void serve(request, response).catch((error: unknown) => {
      options.log.error('harness request failed', { error });
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', origin);
    if (request.headers.host !== new URL(origin).host) return deny(response, 421, 'Wrong host');
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return deny(response, 405, 'GET only');
    if (url.pathname === '/__harness/preload.js') {
      return send(response, 200, await readFile(preloadFile), contentTypeFor(preloadFile));
    }
    const file = resolveAssetPath(rendererRoot, url.pathname);
    if (!file) return deny(response, 404, 'Not found');
    if (file === path.join(rendererRoot, 'index.html')) {
      if (!secretMatches(secret, url.searchParams.get('session'))) {
        return deny(
          response,
          403,
          'Open the URL printed by `npm run web`; it carries the session key.',
        );
      }
      const html = (await readFile(file, 'utf8'))
        .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
        .replace('</head>', '  <script src="/__harness/preload.js"></script>\n  </head>');
      return send(response, 200, html, 'text/html; charset=utf-8');
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return deny(response, 404, 'Not found');
    }
    return send(response, 200, body, contentTypeFor(file));
  }

  function send(
    response: ServerResponse,
    status: number,
    body: string | Buffer,
    type: string,
  ): void {
    response.writeHead(status, {
      ...SECURITY_HEADERS,
      'Content-Security-Policy': csp,
      'Content-Type': type,
    });
    response.end(body);
  }

  function deny(response: ServerResponse, status: number, message: string): void {
    send(response, status, message, 'text/plain; charset=utf-8');
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', origin);
    const allowed =
      url.pathname === '/__bridge' &&
      request.headers.host === new URL(origin).host &&
      request.headers.origin === origin &&
      secretMatches(secret, url.searchParams.get('session'));
    if (!allowed) {
      options.log.warn('refused bridge connection', { origin: request.headers.origin ?? null });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => ipc.attach(ws, origin));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('harness did not bind');
  origin = `http://127.0.0.1:${address.port}`;
  csp = buildCsp({ connectSrc: [`ws://127.0.0.1:${address.port}`] });

  const platform = createNodePlatform({
    appOrigin: origin,
    ipc,
    userData: options.userData,
    locale: options.locale,
    version: await packageVersion(options.root),
    env: options.env,
    fetch: options.fetch,
    updateKind: options.updateKind,
  });
  const app = createApp(platform, {
    log: options.log,
    strictContract: true,
    demo: options.demo,
    demoOptions: { hostileCorpus: options.hostileCorpus ?? false },
  });

  return {
    url: `${origin}/?session=${secret}`,
    origin,
    app,
    platform,
    ipc,
    async close() {
      await app.dispose();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
