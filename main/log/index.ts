/** The main-process logger: structured JSON lines, redacted, written to rotating files. */
export { createLogger, createMemorySink, createStreamSink } from './logger.ts';
export type {
  LogRecord,
  LogSink,
  LoggerOptions,
  MemorySink,
  RootLogger,
  WritableLike,
} from './logger.ts';
export { createRotatingFileSink, readRecentLog } from './rotating-file.ts';
export type { RotatingFileOptions, RotatingFileSink } from './rotating-file.ts';
export { REDACTED, isSecretKey, redact, redactText } from './redact.ts';
export type { LogFields, LogLevel, Logger } from './types.ts';
