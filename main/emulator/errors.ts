/**
 * The emulator's typed failure. Store and simulator code throw it; the HTTP layer turns it into
 * Tracker's error body `{"errors":{},"errorMessages":[],"statusCode":N}` with the same status.
 */

/** Tracker's error body as sent on the wire. */
export interface TrackerErrorBody {
  readonly errors: Record<string, string>;
  readonly errorMessages: string[];
  readonly statusCode: number;
}

/** A request the emulated Tracker refuses, with the HTTP status and Tracker-shaped details. */
export class EmulatorError extends Error {
  /** HTTP status code (400, 403, 404, 409, 412, 413, 422, …). */
  readonly status: number;
  /** Field id → message, as in Tracker's `errors`. */
  readonly errors: Record<string, string>;
  /** Free-form messages, as in Tracker's `errorMessages`. */
  readonly errorMessages: string[];

  constructor(status: number, errors: Record<string, string> = {}, errorMessages: string[] = []) {
    super(errorMessages[0] ?? Object.values(errors)[0] ?? `Tracker error ${status}`);
    this.name = 'EmulatorError';
    this.status = status;
    this.errors = errors;
    this.errorMessages = errorMessages;
  }

  /** Alias of `status` under the wire's name. */
  get statusCode(): number {
    return this.status;
  }

  /** The JSON body Tracker would send. */
  toBody(): TrackerErrorBody {
    return {
      errors: { ...this.errors },
      errorMessages: [...this.errorMessages],
      statusCode: this.status,
    };
  }
}

/** Whether `value` is an {@link EmulatorError}. */
export function isEmulatorError(value: unknown): value is EmulatorError {
  return value instanceof EmulatorError;
}

/** 400: malformed request (missing required field, bad parameter). */
export function badRequest(message: string, errors: Record<string, string> = {}): EmulatorError {
  return new EmulatorError(400, errors, [message]);
}

/** 403: the acting user may not do this. */
export function forbidden(message: string): EmulatorError {
  return new EmulatorError(403, {}, [message]);
}

/** 404: the object does not exist. */
export function notFound(message: string): EmulatorError {
  return new EmulatorError(404, {}, [message]);
}

/** 409: conflicting state (stale version, duplicate, unavailable transition). */
export function conflict(message: string): EmulatorError {
  return new EmulatorError(409, {}, [message]);
}

/** 422: a field value Tracker would reject; `field` is the body key at fault. */
export function unprocessable(field: string, message: string): EmulatorError {
  return new EmulatorError(422, { [field]: message }, []);
}
