/**
 * The `app://` scheme that serves the renderer. A privileged custom scheme instead of `file://`
 * gives the pages a real origin (so the sender guard and CSP can name it), keeps the rest of the
 * disk out of reach, and lets every response carry our security headers.
 */
import { realpath, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Protocol, Session } from 'electron';
import { contentTypeFor, resolveAssetPath } from '../security/asset-path.ts';
import { buildCsp } from '../security/csp.ts';

/** The scheme of the app's own pages. */
export const APP_SCHEME = 'app';
/** The only host the scheme serves. */
export const APP_HOST = 'app';
/** Origin of the app's pages, as the router and the navigation guard compare it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page every window loads. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Headers on every app:// response, including errors. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': buildCsp(),
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}

/**
 * Registers `app` as a standard, secure scheme. Electron only accepts this before the app is ready;
 * `standard` gives relative URLs and an origin, `secure` makes it a secure context.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    },
  ]);
}

function respond(status: number, body: BodyInit | null, contentType: string): Response {
  return new Response(body, {
    status,
    headers: { ...securityHeaders(), 'Content-Type': contentType },
  });
}

function notFound(): Response {
  return respond(404, 'Not found', 'text/plain; charset=utf-8');
}

async function isInside(root: string, file: string): Promise<boolean> {
  // resolveAssetPath checks the path lexically; this also refuses a symlink that leads out of root.
  const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
  return realFile.startsWith(realRoot + path.sep);
}

/**
 * Answers one app:// request from the files under `rendererRoot`: GET/HEAD on host `app` only,
 * no path escaping the root, regular files only; anything else is a 404 (405 for other methods).
 * Pure Node, so it is tested without Electron.
 */
export async function serveAppRequest(
  rawUrl: string,
  rendererRoot: string,
  method = 'GET',
): Promise<Response> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return notFound();
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '') {
    return notFound();
  }
  if (url.username !== '' || url.password !== '') return notFound();
  if (method !== 'GET' && method !== 'HEAD') {
    return respond(405, 'Method not allowed', 'text/plain; charset=utf-8');
  }
  const file = resolveAssetPath(rendererRoot, url.pathname);
  if (file === null) return notFound();
  try {
    const info = await stat(file);
    if (!info.isFile() || !(await isInside(rendererRoot, file))) return notFound();
    const body = method === 'HEAD' ? null : await readFile(file);
    return respond(200, body, contentTypeFor(file));
  } catch {
    return notFound();
  }
}

/** Serves the renderer build at app://app/ on `session`; call once the app is ready. */
export function handleAppProtocol(session: Pick<Session, 'protocol'>, rendererRoot: string): void {
  session.protocol.handle(APP_SCHEME, (request) =>
    serveAppRequest(request.url, rendererRoot, request.method),
  );
}
