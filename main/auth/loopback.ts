/**
 * The one-shot loopback redirect server (RFC 8252 §7.3, electron-notes.md §G checklist). It binds
 * 127.0.0.1 only, answers only `GET /callback`, and resolves with the authorization code of the
 * first callback that carries the right `state`.
 *
 * Decisions:
 * - A request that is not the real answer (wrong Host, wrong or missing state, missing code) gets a
 *   400 page and the flow keeps waiting: a web page can make the browser hit our port, and letting
 *   it end the flow would hand every site a way to break sign-in. `error=` answers need the right
 *   state too, for the same reason.
 * - Once the right state arrives with `error=` or an `iss` naming another server, the flow fails
 *   closed: that answer is bound to our request, so it is the real one and it is bad.
 * - Closing is the owner's job once `result` settles (the flow does it at once); until then later
 *   callbacks get 410 and change nothing. On timeout or abort the server closes itself, and the
 *   deadline timer closes it anyway if the owner never does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log/types.ts';
import { AuthError, OAuthError } from './errors.ts';
import { sendBare, sendPage, type AuthLanguage } from './loopback-page.ts';
import { safeEqual } from './pkce.ts';

/** The path the authorization server redirects to. */
export const CALLBACK_PATH = '/callback';

/** How long the browser has to come back: 5 minutes. */
export const DEFAULT_LOOPBACK_TIMEOUT_MS = 5 * 60 * 1000;

/** How to start the loopback server. */
export interface LoopbackOptions {
  /** Tried in order; EADDRINUSE moves on to the next. 0 = any free port. */
  readonly ports: readonly number[];
  /** The `state` sent in the authorize URL. */
  readonly state: string;
  readonly language: AuthLanguage;
  readonly log: Logger;
  /** When set, a callback `iss` must equal it (RFC 9207); a callback without `iss` is accepted. */
  readonly expectedIssuer?: string;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** A listening loopback server. */
export interface LoopbackServer {
  readonly port: number;
  /** `http://127.0.0.1:<port>/callback`. */
  readonly redirectUri: string;
  /** The authorization code; rejects with a typed AuthError/OAuthError. */
  readonly result: Promise<string>;
  /** Stops listening and destroys every socket; rejects a pending `result` as cancelled. */
  close(): Promise<void>;
}

/** Binds `server` to 127.0.0.1:`port`; false when the port is taken (or not ours to take). */
function tryListen(server: Server, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(false);
      else reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve(true);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    // The IP literal, never 'localhost' or all interfaces: nothing off this machine may connect.
    server.listen({ port, host: '127.0.0.1', exclusive: true });
  });
}

/** One value of a query parameter: undefined when absent, null when repeated (ambiguous). */
function single(params: URLSearchParams, name: string): string | undefined | null {
  const values = params.getAll(name);
  if (values.length === 0) return undefined;
  return values.length === 1 ? (values[0] ?? null) : null;
}

/** Starts the server on the first free configured port. */
export async function startLoopback(options: LoopbackOptions): Promise<LoopbackServer> {
  const { log, language, signal } = options;
  if (signal?.aborted) throw new AuthError('cancelled');

  let settled = false;
  let resolveResult!: (code: string) => void;
  let rejectResult!: (error: Error) => void;
  const result = new Promise<string>((resolve, reject) => {
    resolveResult = resolve;
    rejectResult = reject;
  });
  // Marked handled: the owner may still be opening the browser when a timeout rejects it.
  result.catch(() => undefined);

  function succeed(code: string): void {
    if (settled) return;
    settled = true;
    resolveResult(code);
  }
  function fail(error: Error): void {
    if (settled) return;
    settled = true;
    rejectResult(error);
  }

  let expectedHost = '';
  const server = createServer(handle);
  // A slow or silent client must not pin a socket for the whole five minutes.
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;

  function reject(res: ServerResponse, why: string): void {
    log.warn('auth: loopback request rejected', { why });
    sendPage(res, 400, language, 'rejected');
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    // DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends its own name as Host.
    if (req.headers.host !== expectedHost) return reject(res, 'host');
    const target = req.url ?? '';
    const query = target.indexOf('?');
    const path = query < 0 ? target : target.slice(0, query);
    if (req.method !== 'GET' || path !== CALLBACK_PATH) {
      log.debug('auth: loopback request for something else', { method: req.method });
      return sendBare(res, 404, 'Not found');
    }
    if (settled) {
      log.warn('auth: loopback callback after the flow finished');
      return sendPage(res, 410, language, 'finished');
    }
    const params = new URLSearchParams(query < 0 ? '' : target.slice(query + 1));
    const state = single(params, 'state');
    if (typeof state !== 'string' || !safeEqual(state, options.state)) {
      return reject(res, 'state');
    }
    const iss = single(params, 'iss');
    if (iss === null) return reject(res, 'iss');
    if (
      options.expectedIssuer !== undefined &&
      iss !== undefined &&
      iss !== options.expectedIssuer
    ) {
      log.warn('auth: loopback callback from an unexpected issuer');
      fail(new AuthError('issuer_mismatch'));
      return sendPage(res, 400, language, 'failed');
    }
    const error = single(params, 'error');
    if (error === null) return reject(res, 'error');
    if (error !== undefined) {
      const failure = new OAuthError(error);
      log.info('auth: authorization refused', { error: failure.oauthCode });
      fail(failure);
      return sendPage(
        res,
        200,
        language,
        failure.oauthCode === 'access_denied' ? 'denied' : 'failed',
      );
    }
    const code = single(params, 'code');
    if (typeof code !== 'string' || code === '' || code.length > 4096) return reject(res, 'code');
    log.info('auth: authorization code received');
    succeed(code);
    sendPage(res, 200, language, 'success');
  }

  let port: number | undefined;
  for (const candidate of options.ports) {
    if (await tryListen(server, candidate)) {
      port = (server.address() as AddressInfo).port;
      break;
    }
    log.info('auth: loopback port busy, trying the next', { port: candidate });
  }
  if (port === undefined) {
    const ports = options.ports.join(', ');
    throw new AuthError('ports_busy', {
      message: `Cannot start sign-in: ports ${ports} on 127.0.0.1 are all in use. Close the program using them and try again.`,
    });
  }
  expectedHost = `127.0.0.1:${port}`;
  log.info('auth: loopback server listening', { port });

  let closing: Promise<void> | undefined;
  function close(): Promise<void> {
    if (closing) return closing;
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    fail(new AuthError('cancelled'));
    closing = new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Keep-alive and half-open sockets would otherwise outlive the flow (and the port).
      server.closeAllConnections();
    });
    log.debug('auth: loopback server closed', { port });
    return closing;
  }

  const onAbort = (): void => {
    fail(new AuthError('cancelled'));
    void close();
  };
  const timer = setTimeout(() => {
    if (!settled) log.warn('auth: browser sign-in timed out');
    fail(new AuthError('timeout'));
    void close();
  }, options.timeoutMs ?? DEFAULT_LOOPBACK_TIMEOUT_MS);
  signal?.addEventListener('abort', onAbort, { once: true });

  return {
    port,
    redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    result,
    close,
  };
}
