import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  handleAppProtocol,
  registerAppScheme,
  serveAppRequest,
} from '../../../../main/platform/protocol.ts';
import { buildCsp } from '../../../../main/security/csp.ts';

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'tracker-protocol-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Tracker</title>');
  await writeFile(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(path.join(base, 'secret.txt'), 'outside the root');
  await symlink(path.join(base, 'secret.txt'), path.join(root, 'leak.txt'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

function expectSecurityHeaders(response: Response) {
  expect(response.headers.get('content-security-policy')).toBe(buildCsp());
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
}

describe('serveAppRequest', () => {
  it('serves index.html as text/html with the CSP and security headers', async () => {
    const response = await serveAppRequest(APP_INDEX_URL, root);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expectSecurityHeaders(response);
    await expect(response.text()).resolves.toContain('<title>Tracker</title>');
  });

  it('serves the root path as index.html', async () => {
    const response = await serveAppRequest('app://app/', root);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
  });

  it('serves JavaScript as text/javascript', async () => {
    const response = await serveAppRequest('app://app/assets/index-abc.js', root);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    await expect(response.text()).resolves.toBe('console.log(1)');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await serveAppRequest(APP_INDEX_URL, root, 'HEAD');
    expect(head.status).toBe(200);
    await expect(head.text()).resolves.toBe('');
    const post = await serveAppRequest(APP_INDEX_URL, root, 'POST');
    expect(post.status).toBe(405);
    expectSecurityHeaders(post);
  });

  it.each([
    ['traversal', 'app://app/../../etc/passwd'],
    ['encoded dots', 'app://app/%2e%2e/%2e%2e/secret.txt'],
    ['encoded dots in a segment', 'app://app/assets/%2e%2e%2f%2e%2e%2fsecret.txt'],
    ['encoded backslash', 'app://app/..%5c..%5csecret.txt'],
    ['NUL byte', 'app://app/index.html%00.js'],
    ['another host', 'app://evil/index.html'],
    ['a port', 'app://app:8080/index.html'],
    ['credentials', 'app://user:pw@app/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['a missing file', 'app://app/nope.js'],
    ['a directory', 'app://app/assets'],
    ['a symlink out of the root', 'app://app/leak.txt'],
    ['garbage', 'not a url'],
    ['bad escapes', 'app://app/%E0%A4%A'],
  ])('answers 404 for %s', async (_name, url) => {
    const response = await serveAppRequest(url, root);
    expect(response.status).toBe(404);
    expectSecurityHeaders(response);
    await expect(response.text()).resolves.not.toContain('outside the root');
  });
});

describe('app scheme registration', () => {
  it('registers app as standard, secure and fetch-capable', () => {
    const calls: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => calls.push(schemes) });
    expect(calls).toEqual([
      [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }],
    ]);
  });

  it('routes the session handler to serveAppRequest', async () => {
    let handler: ((request: Request) => Response | Promise<Response>) | undefined;
    const session = {
      protocol: {
        handle: (scheme: string, h: (request: Request) => Response | Promise<Response>) => {
          expect(scheme).toBe('app');
          handler = h;
        },
      },
    };
    handleAppProtocol(session as unknown as Parameters<typeof handleAppProtocol>[0], root);
    const ok = await handler!(new Request(APP_INDEX_URL));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(buildCsp());
    const head = await handler!(new Request(APP_INDEX_URL, { method: 'HEAD' }));
    await expect(head.text()).resolves.toBe('');
    const traversal = await handler!(new Request('app://app/..%5csecret.txt'));
    expect(traversal.status).toBe(404);
  });
});
