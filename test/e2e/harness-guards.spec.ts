import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures.ts';

test('the page refuses to load without the session secret', async ({ page, harness }) => {
  const response = await page.goto(harness.origin + '/');
  expect(response?.status()).toBe(403);
  const wrong = await page.goto(harness.origin + '/?session=guess');
  expect(wrong?.status()).toBe(403);
});

test('a page from another local origin cannot open the bridge, even with the secret', async ({
  page,
  harness,
}) => {
  const secret = new URL(harness.url).searchParams.get('session') ?? '';
  const evil = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html' });
    response.end('<!doctype html><title>other local page</title>');
  });
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  try {
    const port = (evil.address() as AddressInfo).port;
    await page.goto(`http://127.0.0.1:${port}/`);
    const outcome = await page.evaluate(
      (target) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(target);
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
          setTimeout(() => resolve('timeout'), 5000);
        }),
      `ws://${new URL(harness.origin).host}/__bridge?session=${secret}`,
    );
    expect(outcome).toBe('refused');
    expect(harness.ipc.size).toBe(0);
  } finally {
    await new Promise<void>((resolve) => evil.close(() => resolve()));
  }
});

test('path traversal and other methods are refused by the static server', async ({
  request,
  harness,
}) => {
  for (const probe of [
    '/../package.json',
    '/%2e%2e/package.json',
    '/..%2fpackage.json',
    '/assets/..%5c..%5cpackage.json',
  ]) {
    const response = await request.get(harness.origin + probe);
    expect(response.status(), probe).toBe(404);
  }
  const post = await request.post(harness.url, { data: '{}' });
  expect(post.status()).toBe(405);
});
