/**
 * `npm run emulator`: the built CLI prints one JSON line first, serves with the printed token, shows
 * every flag in --help, exits 2 on bad flags and 0 on SIGTERM. Skipped when the build is missing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const cli = path.join(root, 'out/emulator/cli.js');
const children = new Set<ChildProcess>();
let built = false;

beforeAll(() => {
  spawnSync(process.execPath, ['scripts/build.ts', 'emulator', '--quiet'], {
    cwd: root,
    stdio: 'ignore',
    timeout: 120_000,
  });
  built = existsSync(cli);
}, 130_000);

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

function requireBuild(context: TestContext): void {
  if (!built) context.skip();
}

interface Started {
  readonly child: ChildProcess;
  readonly banner: Record<string, unknown>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the CLI and resolves with its first stdout line parsed as JSON. */
async function startCli(args: readonly string[]): Promise<Started> {
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const end = out.indexOf('\n');
      if (end >= 0) resolve(out.slice(0, end));
    });
    void exited.then(({ code }) => reject(new Error(`cli exited ${code ?? '?'}: ${stderr}`)));
  });
  child.stdout?.resume();
  return { child, banner: JSON.parse(line) as Record<string, unknown>, exited };
}

async function api(banner: Record<string, unknown>, path: string, orgHeader = 'X-Org-ID') {
  const response = await fetch(`${String(banner.apiBase)}${path}`, {
    method: path.endsWith('_count') ? 'POST' : 'GET',
    headers: {
      Authorization: `OAuth ${String(banner.token)}`,
      [orgHeader]: String(banner.orgId),
      'Content-Type': 'application/json',
    },
    body: path.endsWith('_count') ? '{}' : undefined,
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

function run(args: readonly string[]) {
  return spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('emulator CLI', () => {
  it('prints the JSON banner first, serves with its token, and exits 0 on SIGTERM', async (context) => {
    requireBuild(context);
    const { child, banner, exited } = await startCli([
      '--port',
      '0',
      '--issues',
      '50',
      '--seed',
      '3',
    ]);
    expect(Object.keys(banner).sort()).toEqual(
      ['apiBase', 'login', 'oauthBase', 'orgId', 'orgKind', 'token'].sort(),
    );
    const apiBase = String(banner.apiBase);
    expect(apiBase).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new URL(apiBase).pathname).toBe('/');
    expect(banner.oauthBase).toBe(`${apiBase}/oauth`);
    expect(banner.orgKind).toBe('360');
    const me = await api(banner, '/v3/myself');
    expect(me.status).toBe(200);
    expect((me.body as Record<string, unknown>).login).toBe(banner.login);
    expect(await api(banner, '/v3/issues/_count')).toEqual({ status: 200, body: 50 });
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
  });

  it('prints a cloud org with --org-kind cloud', async (context) => {
    requireBuild(context);
    const { child, banner, exited } = await startCli(['--issues', '5', '--org-kind', 'cloud']);
    expect(banner.orgKind).toBe('cloud');
    expect((await api(banner, '/v3/myself', 'X-Cloud-Org-ID')).status).toBe(200);
    expect((await api(banner, '/v3/myself', 'X-Org-ID')).status).toBe(403);
    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);
  });

  it('--help prints every flag and exits 0', (context) => {
    requireBuild(context);
    const result = run(['--help']);
    expect(result.status).toBe(0);
    for (const flag of [
      '--port',
      '--issues',
      '--seed',
      '--activity',
      '--faults',
      '--org-kind',
      '--auto-approve',
      '--help',
    ]) {
      expect(result.stdout).toContain(flag);
    }
  });

  it('exits 2 with a message on a bad flag or value', (context) => {
    requireBuild(context);
    for (const [args, message] of [
      [['--bogus'], /bogus/],
      [['--issues', '0'], /--issues must be an integer/],
      [['--port', 'eighty'], /--port must be an integer/],
      [['--faults', 'medium'], /unknown fault/],
      [['--org-kind', 'yandex'], /--org-kind must be 360 or cloud/],
    ] as const) {
      const result = run(args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toContain('Usage:');
      expect(result.stdout).toBe('');
    }
  });
});
