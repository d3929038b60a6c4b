/**
 * The structured logger: one redacted JSON object per line, fanned out to sinks. Logging is a side
 * channel, so nothing in here may throw into the caller: a broken sink loses lines, never the app.
 */
import { redact, redactText } from './redact.ts';
import type { LogFields, LogLevel, Logger } from './types.ts';

/** A destination for finished log lines (each already redacted and ending in '\n'). */
export interface LogSink {
  write(line: string): void;
  flush?(): void;
  close?(): void;
}

/** The shape of one line once parsed: time (ISO), level, msg, then the merged fields. */
export type LogRecord = { time: string; level: LogLevel; msg: string; [field: string]: unknown };

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Records below this level are dropped; default 'info'. */
  level?: LogLevel;
  sinks: LogSink[];
  /** Fields added to every record (per-call fields win on conflict). */
  bindings?: LogFields;
  /** Milliseconds since the epoch; injectable so tests get stable timestamps. */
  clock?: () => number;
}

/** The root logger: a {@link Logger} plus the lifecycle the app needs at shutdown. */
export interface RootLogger extends Logger {
  /** How many sink writes failed (each failed sink write counts once). */
  droppedLines(): number;
  /** Flushes every sink that supports it. */
  flush(): void;
  /** Closes every sink; later records are dropped. */
  close(): void;
}

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const RESERVED = new Set(['time', 'level', 'msg']);

/** Creates a logger writing redacted JSON lines to `sinks`; it never throws into its caller. */
export function createLogger(options: LoggerOptions): RootLogger {
  const threshold = LEVEL_RANK[options.level ?? 'info'] ?? LEVEL_RANK.info;
  const sinks = [...options.sinks];
  const clock = options.clock ?? Date.now;
  let dropped = 0;
  let closed = false;

  function timestamp(): string {
    try {
      return new Date(clock()).toISOString();
    } catch {
      // A broken injected clock must not cost the record.
      return new Date().toISOString();
    }
  }

  function format(level: LogLevel, message: string, bindings: LogFields, fields?: LogFields) {
    const record: LogRecord = { time: timestamp(), level, msg: redactText(String(message)) };
    const merged = redact({ ...bindings, ...fields }) as Record<string, unknown>;
    for (const [key, value] of Object.entries(merged)) {
      // A field named like a core key must not forge the time, level or message of the record.
      record[RESERVED.has(key) ? `_${key}` : key] = value;
    }
    try {
      return `${JSON.stringify(record)}\n`;
    } catch {
      return `${JSON.stringify({ time: record.time, level, msg: record.msg, logError: 'unserializable fields' })}\n`;
    }
  }

  function emit(level: LogLevel, message: string, bindings: LogFields, fields?: LogFields): void {
    if (closed || LEVEL_RANK[level] < threshold) return;
    let line: string;
    try {
      line = format(level, message, bindings, fields);
    } catch {
      dropped += sinks.length;
      return;
    }
    for (const sink of sinks) {
      try {
        sink.write(line);
      } catch {
        dropped += 1;
      }
    }
  }

  function make(bindings: LogFields): Logger {
    return {
      debug: (message, fields) => emit('debug', message, bindings, fields),
      info: (message, fields) => emit('info', message, bindings, fields),
      warn: (message, fields) => emit('warn', message, bindings, fields),
      error: (message, fields) => emit('error', message, bindings, fields),
      child: (more) => make({ ...bindings, ...more }),
    };
  }

  function each(action: (sink: LogSink) => void): void {
    for (const sink of sinks) {
      try {
        action(sink);
      } catch {
        // Shutdown must reach every sink even if one of them is broken.
      }
    }
  }

  return {
    ...make({ ...options.bindings }),
    droppedLines: () => dropped,
    flush: () => each((sink) => sink.flush?.()),
    close: () => {
      if (closed) return;
      closed = true;
      each((sink) => sink.close?.());
    },
  };
}

/** A writable the stream sink accepts (process.stdout, a socket, a test double). */
export interface WritableLike {
  write(chunk: string): unknown;
  on?(event: 'error', listener: (error: Error) => void): unknown;
}

/** A sink writing each line to a stream such as process.stdout. */
export function createStreamSink(stream: WritableLike): LogSink {
  let broken = false;
  // stdout's EPIPE (the reading terminal went away) arrives as an 'error' event; unhandled, it
  // would crash main. After that the stream is useless, so stop writing to it.
  stream.on?.('error', () => {
    broken = true;
  });
  return {
    write(line) {
      if (!broken) stream.write(line);
    },
  };
}

/** A sink that keeps lines in memory: for tests and an in-app diagnostics view. */
export interface MemorySink extends LogSink {
  /** The kept lines, oldest first, without the trailing newline. */
  readonly lines: readonly string[];
  /** The kept lines parsed back into records. */
  records(): LogRecord[];
  /** All kept lines joined, each ending in '\n'. */
  text(): string;
  clear(): void;
}

/** Creates a {@link MemorySink} keeping at most `maxLines` (default 1000) newest lines. */
export function createMemorySink(options: { maxLines?: number } = {}): MemorySink {
  const maxLines = Math.max(1, options.maxLines ?? 1000);
  const lines: string[] = [];
  return {
    lines,
    write(line) {
      lines.push(line.endsWith('\n') ? line.slice(0, -1) : line);
      if (lines.length > maxLines) lines.splice(0, lines.length - maxLines);
    },
    records: () => lines.map((line) => JSON.parse(line) as LogRecord),
    text: () => lines.map((line) => `${line}\n`).join(''),
    clear() {
      lines.length = 0;
    },
  };
}
