import type { LogFields, Logger, LogLevel } from '../../main/log/types.ts';

/** One call recorded by {@link createRecordingLogger}. */
export interface RecordedLog {
  level: LogLevel;
  message: string;
  fields: LogFields;
}

/** A Logger that keeps every call in memory, children included, for assertions. */
export function createRecordingLogger(
  records: RecordedLog[] = [],
  bindings: LogFields = {},
): Logger & { records: RecordedLog[] } {
  const at =
    (level: LogLevel) =>
    (message: string, fields: LogFields = {}) => {
      records.push({ level, message, fields: { ...bindings, ...fields } });
    };
  return {
    records,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (more) => createRecordingLogger(records, { ...bindings, ...more }),
  };
}
