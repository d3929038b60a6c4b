/**
 * Serves the built list-render bench page (out/bench-list/, from `node scripts/build.ts harness`)
 * on 127.0.0.1 for the bench runner and the virtualization e2e test. A file:// page cannot load
 * its module script in Chromium, hence this small static server.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The built page's folder. */
export const BENCH_LIST_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../out/bench-list',
);

/** A running server: the page's URL and how to stop it. */
export interface BenchListServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts serving `dir` (the built bench page by default) on an ephemeral loopback port. */
export async function serveBenchList(dir = BENCH_LIST_DIR): Promise<BenchListServer> {
  try {
    await readFile(path.join(dir, 'index.html'));
  } catch {
    throw new Error(
      `${dir}/index.html is missing; build it with \`node scripts/build.ts harness\``,
    );
  }
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = path.join(dir, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(dir + path.sep)) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
          'Cache-Control': 'no-store',
        });
        response.end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('bench server did not bind');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
