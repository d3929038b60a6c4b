import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import { createLogger } from '../../../../main/log/logger.ts';
import { createRotatingFileSink, readRecentLog } from '../../../../main/log/rotating-file.ts';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'td-log-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function logFiles(): string[] {
  return fs.readdirSync(dir).sort();
}

function lines(file: string): string[] {
  return fs.readFileSync(path.join(dir, file), 'utf8').split('\n').filter(Boolean);
}

describe('createRotatingFileSink', () => {
  it('creates the directory and appends lines synchronously', () => {
    const logDir = path.join(dir, 'nested', 'logs');
    const sink = createRotatingFileSink({ dir: logDir });
    expect(sink.path).toBe(path.join(logDir, 'main.log'));
    sink.write('first\n');
    // Readable immediately, without flush or close: a crash right now would lose nothing.
    expect(fs.readFileSync(sink.path, 'utf8')).toBe('first\n');
    sink.write('second\n');
    sink.close();
    expect(fs.readFileSync(sink.path, 'utf8')).toBe('first\nsecond\n');
    if (process.platform !== 'win32') {
      expect(fs.statSync(sink.path).mode & 0o777).toBe(0o600);
      expect(fs.statSync(logDir).mode & 0o777).toBe(0o700);
    }
  });

  it('appends to an existing file across restarts', () => {
    const first = createRotatingFileSink({ dir });
    first.write('run 1\n');
    first.close();
    const second = createRotatingFileSink({ dir });
    second.write('run 2\n');
    second.close();
    expect(lines('main.log')).toEqual(['run 1', 'run 2']);
  });

  it('rotates by size, keeps at most maxFiles and preserves order', () => {
    const sink = createRotatingFileSink({ dir, maxBytes: 200, maxFiles: 3 });
    const log = createLogger({ sinks: [sink], clock: () => 0 });
    for (let i = 0; i < 100; i++) log.info(`line ${String(i).padStart(3, '0')}`);
    sink.close();

    expect(logFiles()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    for (const file of logFiles()) {
      expect(fs.statSync(path.join(dir, file)).size).toBeLessThanOrEqual(200);
    }
    const msgs = ['main.2.log', 'main.1.log', 'main.log'].flatMap((file) =>
      lines(file).map((l) => (JSON.parse(l) as { msg: string }).msg),
    );
    // Oldest to newest with no gaps: the kept tail of what was written.
    const expected = Array.from({ length: 100 }, (_, i) => `line ${String(i).padStart(3, '0')}`);
    expect(msgs).toEqual(expected.slice(-msgs.length));
    expect(msgs.at(-1)).toBe('line 099');
    expect(lines('main.log').at(-1)).toContain('line 099');
  });

  it('supports a custom file name and a single file', () => {
    const sink = createRotatingFileSink({ dir, fileName: 'net.log', maxBytes: 10, maxFiles: 1 });
    sink.write('aaaaaa\n');
    sink.write('bbbbbb\n');
    sink.close();
    expect(logFiles()).toEqual(['net.log']);
    expect(lines('net.log')).toEqual(['bbbbbb']);
  });

  it('never throws when the file cannot be written', () => {
    const blocker = path.join(dir, 'not-a-dir');
    fs.writeFileSync(blocker, 'x');
    const sink = createRotatingFileSink({ dir: path.join(blocker, 'logs') });
    expect(() => {
      sink.write('lost\n');
      sink.flush?.();
      sink.close?.();
    }).not.toThrow();
  });
});

describe('readRecentLog', () => {
  it('returns the newest lines across the current and previous files', () => {
    const sink = createRotatingFileSink({ dir, maxBytes: 100, maxFiles: 5 });
    for (let i = 0; i < 50; i++) sink.write(`entry ${String(i).padStart(2, '0')}\n`);
    sink.close();

    const tail = readRecentLog(dir, 'main.log', 150);
    const tailLines = tail.split('\n').filter(Boolean);
    expect(Buffer.byteLength(tail)).toBeLessThanOrEqual(150);
    expect(tail.endsWith('entry 49\n')).toBe(true);
    // More than the current file holds, so it reached into main.1.log, in order, whole lines only.
    expect(tailLines.length).toBeGreaterThan(lines('main.log').length);
    const numbers = tailLines.map((l) => Number(l.replace('entry ', '')));
    expect(numbers).toEqual(numbers.map((_, i) => 49 - numbers.length + 1 + i));
  });

  it('returns everything when it is smaller than the limit, and "" when there is no log', () => {
    expect(readRecentLog(dir)).toBe('');
    const sink = createRotatingFileSink({ dir });
    sink.write('only line\n');
    sink.close();
    expect(readRecentLog(dir)).toBe('only line\n');
  });
});
