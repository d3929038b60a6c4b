/**
 * IPC round-trip benchmark: `app.info` through the real router in-process, and through the Node
 * host's WebSocket bridge as a browser tab would call it. Reports medians over several rounds; it is
 * a measurement, never a pass/fail test. Run with `npm run bench`.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { createApp } from '../main/app.ts';
import { createLogger } from '../main/log/index.ts';
import type { InvokeEventLike } from '../main/ipc/types.ts';
import { startHarness } from '../test/harness/server.ts';
import { createNodePlatform } from '../test/harness/node-platform.ts';
import { WsIpcMain } from '../test/harness/ws-ipc.ts';
import { summarize, type Summary } from './stats.ts';

const ROUNDS = 7;
const CALLS = 2000;
const log = createLogger({ level: 'error', sinks: [] });

async function inProcess(): Promise<number> {
  const ipc = new WsIpcMain();
  // A window the app "created": the router's sender checks run in full on every call.
  const platform = {
    ...createNodePlatform({ appOrigin: 'app://app', ipc }),
    senders: { isTrusted: () => true },
  };
  const app = createApp(platform, { log, strictContract: true });
  const event: InvokeEventLike = {
    sender: { id: 1 },
    senderFrame: { url: 'app://app/', parent: null },
  };
  const start = performance.now();
  for (let i = 0; i < CALLS; i++) await app.router.dispatch('tracker:app.info', event, []);
  const elapsed = performance.now() - start;
  await app.dispose();
  return (elapsed * 1000) / CALLS;
}

async function overWebSocket(): Promise<number> {
  const harness = await startHarness({ root: process.cwd(), log });
  const session = new URL(harness.url).searchParams.get('session') ?? '';
  const ws = new WebSocket(`ws://${new URL(harness.origin).host}/__bridge?session=${session}`, {
    headers: { origin: harness.origin },
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const waiting = new Map<number, () => void>();
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id: number };
    waiting.get(message.id)?.();
    waiting.delete(message.id);
  });
  const start = performance.now();
  for (let id = 0; id < CALLS; id++) {
    await new Promise<void>((resolve) => {
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ t: 'invoke', id, channel: 'tracker:app.info', args: [] }));
    });
  }
  const elapsed = performance.now() - start;
  ws.close();
  await harness.close();
  return (elapsed * 1000) / CALLS;
}

function row(name: string, summary: Summary): string {
  const f = (n: number) => n.toFixed(1).padStart(8);
  return `${name.padEnd(34)}${f(summary.median)}${f(summary.p95)}${f(summary.min)}${f(summary.max)}`;
}

const results: Array<[string, Summary]> = [];
for (const [name, run] of [
  ['app.info in-process (router)', inProcess],
  ['app.info over WebSocket bridge', overWebSocket],
] as const) {
  await run(); // warm-up
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) samples.push(await run());
  results.push([name, summarize(samples)]);
}

console.log(
  `IPC round trip, µs per call (${CALLS} sequential calls × ${ROUNDS} rounds, Node ${process.versions.node})`,
);
console.log(
  `${'case'.padEnd(34)}${'median'.padStart(8)}${'p95'.padStart(8)}${'min'.padStart(8)}${'max'.padStart(8)}`,
);
for (const [name, summary] of results) console.log(row(name, summary));
