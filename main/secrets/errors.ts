/**
 * Failures of the secret stores. Their messages are fixed sentences: an underlying error (from
 * safeStorage, the file system, a fake) may quote its input, so it is never passed through as a
 * message or a cause; only its name and errno code travel, and only into logs.
 */
import { AppError } from '../errors.ts';
import type { LogFields } from '../log/types.ts';

/** What went wrong, for callers that react differently (retry later vs. sign in again). */
export type SecretFailure = 'bad-input' | 'unavailable' | 'encrypt' | 'read' | 'write';

/** A secret store failure; safe to show and to log (it never carries a secret or a cause). */
export class SecretStoreError extends AppError {
  /** The kind of failure. */
  readonly failure: SecretFailure;

  constructor(failure: SecretFailure, message: string) {
    super(failure === 'bad-input' ? 'E_BAD_REQUEST' : 'E_UNAVAILABLE', message);
    this.name = 'SecretStoreError';
    this.failure = failure;
  }
}

/** Whether a value is a {@link SecretStoreError}. */
export function isSecretStoreError(value: unknown): value is SecretStoreError {
  return value instanceof SecretStoreError;
}

const ERRNO_CODE = /^E[A-Z0-9_]{1,40}$/;
const ERROR_NAME = /^[A-Za-z][A-Za-z0-9_]{0,40}$/;

/**
 * Log fields describing `error` without its message: the name and an errno-like code are enough to
 * tell a full disk from a locked keyring, and cannot contain the plaintext a message might quote.
 */
export function errorFields(error: unknown): LogFields {
  const fields: LogFields = {};
  if (error instanceof Error) {
    fields.errorName = ERROR_NAME.test(error.name) ? error.name : 'Error';
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && ERRNO_CODE.test(code)) fields.errorCode = code;
    if (error instanceof SecretStoreError) fields.failure = error.failure;
  } else {
    fields.errorName = typeof error;
  }
  return fields;
}
