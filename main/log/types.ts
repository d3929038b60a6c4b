/** Severity of a log record, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured context attached to a record; values are redacted before they are written. */
export type LogFields = Record<string, unknown>;

/** The logger every main module receives; records are structured and redacted on write. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `bindings` (e.g. `{ scope: 'ipc' }`) to every record. */
  child(bindings: LogFields): Logger;
}
