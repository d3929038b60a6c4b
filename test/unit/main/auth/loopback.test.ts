/**
 * The loopback server on its own: what it answers, what it refuses, and that it is gone afterwards.
 * Every attack must leave the flow safe: it still completes with the real callback, or it fails
 * closed with a typed error.
 */
import net from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthError, OAuthError } from '../../../../main/auth/errors.ts';
import { LOOPBACK_PAGE_CSS_HASH, authLanguageOf } from '../../../../main/auth/loopback-page.ts';
import { startLoopback } from '../../../../main/auth/loopback.ts';
import type { LoopbackOptions, LoopbackServer } from '../../../../main/auth/loopback.ts';
import { createState } from '../../../../main/auth/pkce.ts';
import {
  errorTexts,
  expectNoSecrets,
  freePorts,
  occupy,
  probe,
  rawRequest,
  testLog,
} from './helpers.ts';

let server: LoopbackServer | undefined;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const STATE = createState();
const CODE = 'the-real-authorization-code-0001';

async function start(overrides: Partial<LoopbackOptions> = {}) {
  const logs = testLog();
  server = await startLoopback({
    ports: [0],
    state: STATE,
    language: 'en',
    log: logs.log,
    timeoutMs: 5_000,
    ...overrides,
  });
  return { server, logs };
}

function callback(params: Record<string, string>): string {
  return `/callback?${new URLSearchParams(params)}`;
}

/** Whether the promise is still pending after the server had a moment to act. */
async function pending(promise: Promise<unknown>): Promise<boolean> {
  const marker = Symbol('pending');
  const winner = await Promise.race([
    promise.then(
      () => 'settled',
      () => 'settled',
    ),
    new Promise((resolve) => setTimeout(() => resolve(marker), 20)),
  ]);
  return winner === marker;
}

describe('the real callback', () => {
  it('resolves with the code and answers a safe, self-contained page', async () => {
    const { server: s, logs } = await start();
    expect(s.redirectUri).toBe(`http://127.0.0.1:${s.port}/callback`);
    const res = await rawRequest(s.port, { path: callback({ code: CODE, state: STATE }) });
    expect(res.status).toBe(200);
    await expect(s.result).resolves.toBe(CODE);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const csp = res.headers['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src ${LOOPBACK_PAGE_CSS_HASH}`);
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain('return to Tracker Desktop');
    expect(res.body).not.toMatch(/<script|src=|href=/);
    expect(res.body).not.toContain(CODE);
    expectNoSecrets([logs.text()], [CODE, STATE]);
  });

  it('speaks Russian when the UI does', async () => {
    const { server: s } = await start({ language: authLanguageOf('ru-RU') });
    const res = await rawRequest(s.port, { path: callback({ code: CODE, state: STATE }) });
    expect(res.body).toContain('<html lang="ru">');
    expect(res.body).toContain('Вход выполнен');
  });

  it('binds 127.0.0.1 only', async () => {
    const { server: s } = await start();
    expect(await probe(s.port)).toBe('connected');
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      const code = await new Promise<string>((resolve) => {
        const socket = net.connect({ host: external.address, port: s.port });
        socket.once('connect', () => resolve('connected'));
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(code).toBe('ECONNREFUSED');
    }
  });
});

describe('attacks leave the flow waiting for the real callback', () => {
  it.each([
    ['a wrong state', { code: 'attacker-code', state: createState() }],
    ['no state', { code: 'attacker-code' }],
    ['a repeated state', { code: 'attacker-code', state: STATE, extra: STATE }],
    ['no code', { state: STATE }],
    ['an empty code', { code: '', state: STATE }],
    ['an error without the state', { error: 'access_denied' }],
  ])('%s → 400', async (_name, params) => {
    const { server: s, logs } = await start();
    const query = new URLSearchParams(params as Record<string, string>);
    if ('extra' in params) {
      query.delete('extra');
      query.append('state', STATE);
    }
    const res = await rawRequest(s.port, { path: `/callback?${query}` });
    expect(res.status).toBe(400);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(await pending(s.result)).toBe(true);
    await rawRequest(s.port, { path: callback({ code: CODE, state: STATE }) });
    await expect(s.result).resolves.toBe(CODE);
    expect(logs.sink.records().some((r) => r.msg === 'auth: loopback request rejected')).toBe(true);
  });

  it.each([
    ['another host name (DNS rebinding)', (port: number) => `evil.example:${port}`],
    ['localhost', (port: number) => `localhost:${port}`],
    ['another port', (port: number) => `127.0.0.1:${port + 1}`],
    ['no port', () => '127.0.0.1'],
  ])('a forged Host header (%s) → 400', async (_name, host) => {
    const { server: s } = await start();
    const res = await rawRequest(s.port, {
      path: callback({ code: 'attacker-code', state: STATE }),
      host: host(s.port),
    });
    expect(res.status).toBe(400);
    expect(await pending(s.result)).toBe(true);
    await rawRequest(s.port, { path: callback({ code: CODE, state: STATE }) });
    await expect(s.result).resolves.toBe(CODE);
  });

  it.each([
    ['GET', '/'],
    ['GET', '/favicon.ico'],
    ['GET', '/callback/extra'],
    ['GET', '/CALLBACK'],
    ['POST', '/callback'],
    ['HEAD', '/callback'],
    ['OPTIONS', '/callback'],
  ])('%s %s → 404', async (method, path) => {
    const { server: s } = await start();
    const res = await rawRequest(s.port, {
      method,
      path: `${path}?${new URLSearchParams({ code: 'attacker-code', state: STATE })}`,
      ...(method === 'POST' && { body: `code=attacker-code&state=${STATE}` }),
    });
    expect(res.status).toBe(404);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(await pending(s.result)).toBe(true);
    await rawRequest(s.port, { path: callback({ code: CODE, state: STATE }) });
    await expect(s.result).resolves.toBe(CODE);
  });

  it('a second callback after success gets 410 and changes nothing', async () => {
    const { server: s } = await start();
    await rawRequest(s.port, { path: callback({ code: CODE, state: STATE }) });
    const second = await rawRequest(s.port, {
      path: callback({ code: 'second-code', state: STATE }),
    });
    expect(second.status).toBe(410);
    const error = await rawRequest(s.port, {
      path: callback({ error: 'access_denied', state: STATE }),
    });
    expect(error.status).toBe(410);
    await expect(s.result).resolves.toBe(CODE);
  });
});

describe('answers that end the flow', () => {
  it('error=access_denied with the right state → typed OAuthError', async () => {
    const { server: s } = await start();
    const res = await rawRequest(s.port, {
      path: callback({ error: 'access_denied', error_description: 'User denied', state: STATE }),
    });
    expect(res.status).toBe(200);
    expect(res.body).toContain('Sign-in cancelled');
    const error = await s.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthError);
    expect(error).toMatchObject({ oauthCode: 'access_denied', code: 'E_FORBIDDEN' });
  });

  it('another error (unauthorized_client) → typed OAuthError; junk codes are sanitized', async () => {
    const { server: s } = await start();
    await rawRequest(s.port, { path: callback({ error: 'unauthorized_client', state: STATE }) });
    await expect(s.result).rejects.toMatchObject({
      oauthCode: 'unauthorized_client',
      code: 'E_FORBIDDEN',
    });
    await s.close();
    const { server: t } = await start();
    await rawRequest(t.port, { path: callback({ error: '<script>x</script>', state: STATE }) });
    const error = await t.result.catch((e: unknown) => e);
    expect(error).toMatchObject({ oauthCode: 'unknown_error', code: 'E_BAD_REQUEST' });
    expect(errorTexts(error).join(' ')).not.toContain('<script>');
  });

  it('iss: a matching or absent one is accepted, another fails closed', async () => {
    const issuer = 'https://oauth.example.test';
    const { server: a } = await start({ expectedIssuer: issuer });
    await rawRequest(a.port, { path: callback({ code: CODE, state: STATE, iss: issuer }) });
    await expect(a.result).resolves.toBe(CODE);
    await a.close();
    const { server: b } = await start({ expectedIssuer: issuer });
    await rawRequest(b.port, { path: callback({ code: CODE, state: STATE }) });
    await expect(b.result).resolves.toBe(CODE);
    await b.close();
    const { server: c } = await start({ expectedIssuer: issuer });
    const forged = await rawRequest(c.port, {
      path: callback({ code: CODE, state: STATE, iss: 'https://evil.example' }),
    });
    expect(forged.status).toBe(400);
    await expect(c.result).rejects.toMatchObject({ reason: 'issuer_mismatch' });
  });

  it('times out with a typed error and closes the port', async () => {
    const { server: s } = await start({ timeoutMs: 50 });
    const error = await s.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ reason: 'timeout', code: 'E_UNAVAILABLE' });
    expect(await probe(s.port)).toBe('ECONNREFUSED');
  });

  it('is cancelled by the signal and closes the port', async () => {
    const controller = new AbortController();
    const { server: s } = await start({ signal: controller.signal });
    controller.abort();
    await expect(s.result).rejects.toMatchObject({ reason: 'cancelled' });
    await s.close();
    expect(await probe(s.port)).toBe('ECONNREFUSED');
  });

  it('refuses to start with an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(start({ signal: controller.signal })).rejects.toMatchObject({
      reason: 'cancelled',
    });
  });
});

describe('ports and sockets', () => {
  it('moves on to the next port when one is busy', async () => {
    const busy = await occupy();
    cleanups.push(busy.close);
    const [free = 0] = await freePorts(1);
    const { server: s, logs } = await start({ ports: [busy.port, free] });
    expect(s.port).toBe(free);
    expect(logs.sink.records().some((r) => r.msg.includes('port busy'))).toBe(true);
  });

  it('fails with a typed error naming the ports when all are busy', async () => {
    const a = await occupy();
    const b = await occupy();
    cleanups.push(a.close, b.close);
    const error = await start({ ports: [a.port, b.port] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ reason: 'ports_busy', code: 'E_UNAVAILABLE' });
    expect((error as Error).message).toContain(`${a.port}, ${b.port}`);
  });

  it('closes the server and every socket: idle and keep-alive connections included', async () => {
    const { server: s } = await start();
    // An idle socket that never sends a request, and one mid-request.
    const idle = net.connect({ host: '127.0.0.1', port: s.port });
    const partial = net.connect({ host: '127.0.0.1', port: s.port });
    await Promise.all(
      [idle, partial].map((socket) => new Promise((r) => socket.once('connect', r))),
    );
    partial.write(`GET /callback HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\n`);
    const closed = [idle, partial].map(
      (socket) => new Promise<void>((resolve) => socket.once('close', () => resolve())),
    );
    for (const socket of [idle, partial]) socket.on('error', () => undefined);
    await rawRequest(s.port, { path: callback({ code: CODE, state: STATE }) });
    await s.result;
    await s.close();
    await Promise.all(closed);
    expect(await probe(s.port)).toBe('ECONNREFUSED');
  });
});
