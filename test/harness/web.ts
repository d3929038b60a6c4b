/**
 * `npm run web`: the Node host serving the built app to a browser tab. The first line it prints is
 * `{"url": "…"}`; structured logs follow on stdout. Runs until SIGINT or SIGTERM.
 *
 * Options: --port N (default 0: any free port), --locale ru-RU, --demo (open the demo workspace).
 * TRACKER_DEMO_HOSTILE=1 also seeds the demo workspace with the hostile-content corpus (the HOSTILE
 * queue of main/emulator/hostile.ts), for checking the renderer by hand.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createLogger } from '../../main/log/index.ts';
import type { LogSink } from '../../main/log/index.ts';
import { startHarness } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    locale: { type: 'string' },
    demo: { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be an integer from 0 to 65535, got "${values.port}"`);
  process.exit(2);
}

// Logs wait until the URL line is out, so that line is always the first.
const held: string[] = [];
let released = false;
const stdoutSink: LogSink = {
  write(line) {
    if (released) process.stdout.write(line);
    else held.push(line);
  },
};
const log = createLogger({ level: 'info', sinks: [stdoutSink], bindings: { host: 'web' } });

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const harness = await startHarness({
  root,
  port,
  log,
  locale: values.locale,
  demo: values.demo,
  hostileCorpus: process.env.TRACKER_DEMO_HOSTILE === '1',
});
process.stdout.write(JSON.stringify({ url: harness.url }) + '\n');
released = true;
for (const line of held.splice(0)) process.stdout.write(line);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info('stopping', { signal });
  await harness.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
