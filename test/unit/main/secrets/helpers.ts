/** Shared set-up for the secrets tests: temp folders, a captured logger, a breakable file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { createLogger, createMemorySink } from '../../../../main/log/index.ts';
import type { MemorySink, RootLogger } from '../../../../main/log/index.ts';
import type { CiphertextFile } from '../../../../main/secrets/ciphertext-file.ts';

const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp folder, removed after the test. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'td-secrets-'));
  made.push(dir);
  return dir;
}

/** A debug-level logger whose lines the test can read. */
export function captureLog(): { log: RootLogger; sink: MemorySink } {
  const sink = createMemorySink();
  return { log: createLogger({ sinks: [sink], level: 'debug' }), sink };
}

/** The secrets file of `dir` as text ('' when absent). */
export function readSecretsFile(dir: string, name = 'secrets'): string {
  const file = path.join(dir, `${name}.json`);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

/** The secrets file of `dir` parsed (empty object when absent). */
export function secretsOnDisk(dir: string, name = 'secrets'): Record<string, string> {
  const text = readSecretsFile(dir, name);
  return text ? (JSON.parse(text) as Record<string, string>) : {};
}

/** A CiphertextFile wrapper whose next reads or writes can be made to throw. */
export function breakable(file: CiphertextFile): CiphertextFile & {
  fail(op: 'read' | 'write', error?: Error): void;
} {
  const failing: { read: Error | null; write: Error | null } = { read: null, write: null };
  const check = (op: 'read' | 'write') => {
    if (failing[op]) throw failing[op];
  };
  return {
    location: file.location,
    get: (key) => (check('read'), file.get(key)),
    keys: () => (check('read'), file.keys()),
    set: (key, value) => (check('write'), file.set(key, value)),
    delete: (key) => (check('write'), file.delete(key)),
    takeDiscarded: () => file.takeDiscarded(),
    fail(op, error = Object.assign(new Error('no space left'), { code: 'ENOSPC' })) {
      failing[op] = error;
    },
  };
}
