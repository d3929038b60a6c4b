import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHarness, type Harness } from '../../harness/server.ts';
import { createRecordingLogger } from '../../fakes/logger.ts';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

function connect(target: Harness, options: { origin?: string; session?: string } = {}) {
  const session = options.session ?? new URL(target.url).searchParams.get('session') ?? '';
  return new WebSocket(`ws://${new URL(target.origin).host}/__bridge?session=${session}`, {
    headers: { origin: options.origin ?? target.origin },
  });
}

function opened(ws: WebSocket): Promise<'open' | 'refused'> {
  return new Promise((resolve) => {
    ws.once('open', () => resolve('open'));
    ws.once('error', () => resolve('refused'));
  });
}

function call(ws: WebSocket, channel: string, args: unknown[] = []): Promise<unknown> {
  return new Promise((resolve) => {
    const id = Math.floor(Math.random() * 1e9);
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { t: string; id: number; result: unknown };
      if (message.t === 'result' && message.id === id) resolve(message.result);
    });
    ws.send(JSON.stringify({ t: 'invoke', id, channel, args }));
  });
}

describe('Node host bridge', () => {
  it('serves app.info over the WebSocket to a page of its own origin holding the secret', async () => {
    harness = await startHarness({ root: '.', log: createRecordingLogger() });
    const ws = connect(harness);
    expect(await opened(ws)).toBe('open');
    await expect(call(ws, 'tracker:app.info')).resolves.toMatchObject({
      ok: true,
      data: { host: 'web' },
    });
    await expect(call(ws, 'tracker:nope')).resolves.toMatchObject({
      ok: false,
      error: { code: 'E_UNKNOWN_CHANNEL' },
    });
    await expect(call(ws, 'tracker:app.info', [{ bad: 1 }])).resolves.toMatchObject({
      ok: false,
      error: { code: 'E_BAD_REQUEST' },
    });
    ws.close();
  });

  it('refuses another origin and a wrong secret at the handshake', async () => {
    harness = await startHarness({ root: '.', log: createRecordingLogger() });
    expect(await opened(connect(harness, { origin: 'http://127.0.0.1:1' }))).toBe('refused');
    expect(await opened(connect(harness, { origin: 'null' }))).toBe('refused');
    expect(await opened(connect(harness, { session: 'wrong' }))).toBe('refused');
    expect(harness.ipc.size).toBe(0);
  });

  it('pushes events to connected pages', async () => {
    harness = await startHarness({ root: '.', log: createRecordingLogger() });
    const ws = connect(harness);
    await opened(ws);
    const event = new Promise((resolve) =>
      ws.once('message', (data) => resolve(JSON.parse(String(data)))),
    );
    harness.platform.setOnline(false);
    await expect(event).resolves.toEqual({
      t: 'event',
      channel: 'tracker:app.online',
      payload: { online: false, changedAt: expect.any(Number) },
    });
    ws.close();
  });

  it('ignores malformed frames and keeps serving', async () => {
    harness = await startHarness({ root: '.', log: createRecordingLogger() });
    const ws = connect(harness);
    await opened(ws);
    ws.send('{not json');
    ws.send(JSON.stringify({ t: 'invoke', id: 'x', channel: 'tracker:app.info' }));
    ws.send(JSON.stringify({ t: 'invoke', id: 3, channel: 42, args: [] }));
    await expect(call(ws, 'tracker:app.info')).resolves.toMatchObject({ ok: true });
    ws.close();
  });
});
