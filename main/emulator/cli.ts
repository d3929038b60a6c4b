/**
 * `npm run emulator`: a local Tracker + Yandex OAuth on 127.0.0.1. The first line it prints is one
 * JSON object {apiBase, oauthBase, token, orgId, orgKind, login}; structured logs follow. Stops on
 * SIGINT or SIGTERM.
 */
import { parseArgs } from 'node:util';
import { createLogger, createStreamSink, type LogSink } from '../log/index.ts';
import { parseFaults } from './http/faults.ts';
import { startEmulator } from './server.ts';

const HELP = `Usage: npm run emulator -- [options]

A local Yandex Tracker + Yandex OAuth emulator with seeded, deterministic data.

Options:
  --port N          port on 127.0.0.1 (default 0: any free port)
  --issues N        seeded issues, 1..100000 (default 2000)
  --seed N          seed of the generated world and of the fault draws (default 1)
  --activity N      simulated events per minute: new issues, reassignments (also to the
                    demo user), comments, transitions (default 0: a still world)
  --faults SPEC     none | light | heavy, or shares like
                    429=0.1,429bare=0.05,500=0.02,503=0.02,slow=0.1:1500,reset=0.01,truncate=0.02
                    (429 comes with Retry-After: 1, 429bare without; slow=share:ms) (default none)
  --org-kind KIND   which organization the printed orgId is: 360 or cloud (default 360);
                    both exist, each must be sent with its own header
  --auto-approve    approve OAuth consent and device codes without showing a page
  --hostile         also seed the HOSTILE queue: script-injection and remote-load payloads
                    assigned to the demo user (security tests)
  --help            this text

First line of output: {"apiBase","oauthBase","token","orgId","orgKind","login"}. Send the token as
"Authorization: OAuth <token>" with X-Org-ID (360) or X-Cloud-Org-ID (cloud) to <apiBase>/v3/…`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${HELP}\n`);
  process.exit(2);
}

function integer(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(`--${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      issues: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '1' },
      activity: { type: 'string', default: '0' },
      faults: { type: 'string', default: 'none' },
      'org-kind': { type: 'string', default: '360' },
      'auto-approve': { type: 'boolean', default: false },
      hostile: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
const orgKind = values['org-kind'];
if (orgKind !== '360' && orgKind !== 'cloud') fail('--org-kind must be 360 or cloud');
let faults;
try {
  faults = parseFaults(values.faults);
} catch (error) {
  fail((error as Error).message);
}

// Logs wait until the JSON line is out, so it is always the first line.
const held: string[] = [];
let released = false;
const stdout = createStreamSink(process.stdout);
const gate: LogSink = { write: (line) => (released ? stdout.write(line) : held.push(line)) };
const log = createLogger({ level: 'info', sinks: [gate], bindings: { host: 'emulator' } });

const port = integer('port', values.port, 0, 65535);
let emulator;
try {
  emulator = await startEmulator({
    port,
    issues: integer('issues', values.issues, 1, 100_000),
    seed: integer('seed', values.seed, 0, 2 ** 31 - 1),
    activity: integer('activity', values.activity, 0, 100_000),
    faults,
    autoApprove: values['auto-approve'],
    hostileCorpus: values.hostile,
    log,
  });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    fail(`port ${port} on 127.0.0.1 is in use; pick another or use --port 0`);
  throw error;
}
const org = orgKind === 'cloud' ? emulator.cloudOrg : emulator.org;
process.stdout.write(
  JSON.stringify({
    apiBase: emulator.apiBase,
    oauthBase: emulator.oauthBase,
    token: emulator.token,
    orgId: org.id,
    orgKind: org.kind,
    login: emulator.login,
  }) + '\n',
);
released = true;
for (const line of held.splice(0)) stdout.write(line);
log.info('emulator ready', {
  issues: emulator.store.allIssues().length,
  apiBase: emulator.apiBase,
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    void emulator.close().then(() => process.exit(0));
  });
}
