import type { ErrorCode, IpcError } from '../preload/contract.ts';

/**
 * An expected failure with a code the renderer understands. Handlers throw it; the IPC router turns
 * it into `{ok:false, error}`. Its message is shown to the user, so it never carries secrets.
 */
export class AppError extends Error {
  /** The contract error code. */
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }

  /** The serializable form sent over IPC. */
  toIpcError(): IpcError {
    return { code: this.code, message: this.message };
  }
}

/** Whether a value is an {@link AppError} (also across bundles, by shape). */
export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
