/**
 * The client over a real socket with Node's fetch: what header joining, cut-off bodies, timeouts
 * and redirects really look like, rather than what a fake fetch assumes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidResponseError, NetworkError } from '../../../../main/api/index.ts';
import { OAUTH_TOKEN, makeClient } from './helpers.ts';

type Route = (req: IncomingMessage, res: ServerResponse) => void;

const servers: Server[] = [];

async function serve(route: Route): Promise<{ url: string; hits: IncomingMessage[] }> {
  const hits: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    hits.push(req);
    route(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, hits };
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('over a real socket', () => {
  it('parses repeated Link headers and totals, and sends the headers', async () => {
    const { url, hits } = await serve((req, res) => {
      const page = new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? '1';
      const links = [`<https://elsewhere.example/v3/queues/?{&page}>; rel="seek"`];
      if (page === '1') links.unshift(`<https://elsewhere.example/v3/queues/?page=2>; rel="next"`);
      res.writeHead(200, {
        'content-type': 'application/json',
        link: links,
        'x-total-count': '2',
        'x-total-pages': '2',
      });
      res.end(JSON.stringify([{ id: Number(page), key: `Q${page}` }]));
    });
    const { client } = makeClient(() => new Response(), { baseUrl: url, fetch: globalThis.fetch });
    const queues = await client.queues.list().toArray();
    expect(queues.map((q) => q.key)).toEqual(['Q1', 'Q2']);
    expect(hits.map((h) => h.url)).toEqual(['/v3/queues/', '/v3/queues/?page=2']);
    expect(hits[0]?.headers.authorization).toBe(`OAuth ${OAUTH_TOKEN}`);
    expect(hits[0]?.headers['x-org-id']).toBe('4242');
  });

  it('a body cut off by the connection is a network failure, retried for a GET', async () => {
    let count = 0;
    const { url } = await serve((_req, res) => {
      count++;
      if (count === 1) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"key":"A-');
        setTimeout(() => res.socket?.destroy(), 5);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"key":"A-1"}');
    });
    const { client, clock } = makeClient(() => new Response(), {
      baseUrl: url,
      fetch: globalThis.fetch,
    });
    await expect(client.issues.get('A-1')).resolves.toMatchObject({ key: 'A-1' });
    expect(count).toBe(2);
    expect(clock.sleeps).toHaveLength(1);
  });

  it('a complete but truncated JSON body is InvalidResponse', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"key":"A-');
    });
    const { client } = makeClient(() => new Response(), { baseUrl: url, fetch: globalThis.fetch });
    await expect(client.issues.get('A-1')).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it('a server that never answers times out', async () => {
    const { url } = await serve(() => undefined);
    const { client } = makeClient(() => new Response(), {
      baseUrl: url,
      fetch: globalThis.fetch,
      timeoutMs: 50,
      retry: { maxAttempts: 1 },
    });
    const error = await client.myself().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).timedOut).toBe(true);
  });

  it('does not follow an API redirect to another origin (the token stays home)', async () => {
    const other = await serve((_req, res) => res.end('{}'));
    const { url } = await serve((_req, res) => {
      res.writeHead(302, { location: `${other.url}/v3/myself` });
      res.end();
    });
    const { client } = makeClient(() => new Response(), {
      baseUrl: url,
      fetch: globalThis.fetch,
      retry: { maxAttempts: 2 },
    });
    await expect(client.myself()).rejects.toBeInstanceOf(NetworkError);
    expect(other.hits).toHaveLength(0);
  });
});
