import { describe, it, expect } from 'vitest';
import {
  createLogger,
  createMemorySink,
  createStreamSink,
  type LogSink,
} from '../../../../main/log/logger.ts';

const OAUTH_TOKEN = 'y0_AgAAAABkZXYtdG9rZW4tMTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1u';
const FIXED_TIME = Date.UTC(2024, 0, 2, 3, 4, 5, 678);
const clock = () => FIXED_TIME;

describe('createLogger', () => {
  it('writes one JSON line per record with time, level, msg and fields', () => {
    const sink = createMemorySink();
    const written: string[] = [];
    const log = createLogger({ sinks: [sink, { write: (l) => written.push(l) }], clock });
    log.info('issue opened', { issue: 'QUEUE-123', ms: 12 });
    expect(written).toHaveLength(1);
    expect(written[0]?.endsWith('\n')).toBe(true);
    expect(written[0]?.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(written[0] ?? '')).toEqual({
      time: '2024-01-02T03:04:05.678Z',
      level: 'info',
      msg: 'issue opened',
      issue: 'QUEUE-123',
      ms: 12,
    });
    expect(sink.records()).toEqual([JSON.parse(written[0] ?? '')]);
  });

  it('drops records below the threshold (default info)', () => {
    const sink = createMemorySink();
    const log = createLogger({ sinks: [sink], clock });
    log.debug('noise');
    log.info('a');
    log.warn('b');
    log.error('c');
    expect(sink.records().map((r) => r.level)).toEqual(['info', 'warn', 'error']);

    const quiet = createMemorySink();
    const warnOnly = createLogger({ level: 'warn', sinks: [quiet], clock });
    warnOnly.info('skip');
    warnOnly.error('keep');
    expect(quiet.records().map((r) => r.msg)).toEqual(['keep']);

    const verbose = createMemorySink();
    createLogger({ level: 'debug', sinks: [verbose], clock }).debug('shown');
    expect(verbose.lines).toHaveLength(1);
  });

  it('merges bindings, child bindings and per-call fields (per-call wins)', () => {
    const sink = createMemorySink();
    const log = createLogger({ sinks: [sink], clock, bindings: { app: 'td', scope: 'root' } });
    const ipc = log.child({ scope: 'ipc', channel: 'issues:get' });
    ipc.warn('slow call', { channel: 'issues:list', ms: 900 });
    expect(sink.records()[0]).toEqual({
      time: '2024-01-02T03:04:05.678Z',
      level: 'warn',
      msg: 'slow call',
      app: 'td',
      scope: 'ipc',
      channel: 'issues:list',
      ms: 900,
    });
  });

  it('does not let fields forge time, level or msg', () => {
    const sink = createMemorySink();
    createLogger({ sinks: [sink], clock }).info('real', { msg: 'fake', level: 'error' });
    expect(sink.records()[0]).toMatchObject({
      level: 'info',
      msg: 'real',
      _msg: 'fake',
      _level: 'error',
    });
  });

  it('redacts the message, the fields and the bindings before any sink sees them', () => {
    const sink = createMemorySink();
    const log = createLogger({ sinks: [sink], clock, bindings: { token: OAUTH_TOKEN } });
    log.child({ authorization: `OAuth ${OAUTH_TOKEN}` }).error(`auth failed for ${OAUTH_TOKEN}`, {
      url: 'http://127.0.0.1:53682/callback?code=8765432&state=abc123',
      response: { status: 401, body: `{"access_token":"${OAUTH_TOKEN}","refresh_token":"r1"}` },
      error: new Error(`Bearer ${OAUTH_TOKEN} rejected`),
      code: 'E_UNAUTHORIZED',
      issue: 'QUEUE-123',
    });
    const text = sink.text();
    expect(text).not.toContain(OAUTH_TOKEN);
    expect(text).not.toContain('y0_');
    expect(text).not.toContain('8765432');
    expect(text).not.toContain('abc123');
    expect(text).not.toContain('"r1"');
    const record = sink.records()[0];
    expect(record).toMatchObject({
      msg: 'auth failed for [REDACTED]',
      token: '[REDACTED]',
      authorization: '[REDACTED]',
      code: 'E_UNAUTHORIZED',
      issue: 'QUEUE-123',
      response: { status: 401 },
    });
  });

  it('never throws when a sink throws, keeps writing to other sinks and counts drops', () => {
    const good = createMemorySink();
    const broken: LogSink = {
      write() {
        throw new Error('disk full');
      },
      flush() {
        throw new Error('flush');
      },
      close() {
        throw new Error('close');
      },
    };
    const log = createLogger({ sinks: [broken, good], clock });
    expect(() => {
      log.info('one');
      log.error('two');
    }).not.toThrow();
    expect(good.records().map((r) => r.msg)).toEqual(['one', 'two']);
    expect(log.droppedLines()).toBe(2);
    expect(() => log.flush()).not.toThrow();
    expect(() => log.close()).not.toThrow();
  });

  it('survives a broken clock and unserializable fields', () => {
    const sink = createMemorySink();
    const log = createLogger({ sinks: [sink], clock: () => Number.NaN });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => log.info('still logged', { cyclic, n: 1n })).not.toThrow();
    const record = sink.records()[0];
    expect(record?.msg).toBe('still logged');
    expect(Number.isNaN(Date.parse(record?.time ?? ''))).toBe(false);
    expect(record?.cyclic).toEqual({ self: '[Circular]' });
    expect(record?.n).toBe('1n');
  });

  it('stops writing after close', () => {
    const sink = createMemorySink();
    let closed = 0;
    const log = createLogger({
      sinks: [{ ...sink, write: sink.write, close: () => closed++ }],
      clock,
    });
    log.info('before');
    log.close();
    log.close();
    log.info('after');
    expect(sink.records().map((r) => r.msg)).toEqual(['before']);
    expect(closed).toBe(1);
  });
});

describe('sinks', () => {
  it('stream sink writes lines and stops after a stream error instead of crashing', () => {
    const chunks: string[] = [];
    let onError: ((error: Error) => void) | undefined;
    const sink = createStreamSink({
      write: (chunk: string) => chunks.push(chunk),
      on: (_event, listener) => {
        onError = listener;
      },
    });
    sink.write('a\n');
    onError?.(new Error('EPIPE'));
    sink.write('b\n');
    expect(chunks).toEqual(['a\n']);
  });

  it('stream sink accepts process.stdout', () => {
    expect(() => createStreamSink(process.stdout)).not.toThrow();
  });

  it('memory sink keeps only the newest maxLines', () => {
    const sink = createMemorySink({ maxLines: 3 });
    const log = createLogger({ sinks: [sink], clock });
    for (let i = 0; i < 10; i++) log.info(`line ${i}`);
    expect(sink.records().map((r) => r.msg)).toEqual(['line 7', 'line 8', 'line 9']);
    sink.clear();
    expect(sink.lines).toHaveLength(0);
  });
});
