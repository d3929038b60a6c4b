/**
 * Typed failures of the Tracker client. Every error names the request (method and a path whose
 * query values are masked) but never a credential: messages reach logs and bug reports.
 */
import { redactText } from '../log/redact.ts';

/** Which failure an error is; stable for switch statements across bundles. */
export type TrackerErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'version_conflict'
  | 'validation'
  | 'rate_limited'
  | 'server'
  | 'network'
  | 'invalid_response'
  | 'aborted'
  | 'http';

/** What every error is built from. */
export interface TrackerErrorInit {
  /** HTTP status; 0 when no response arrived (network, timeout, abort). */
  readonly status?: number;
  readonly method: string;
  /** Path with masked query values (see `describeUrl`). */
  readonly path: string;
  readonly errors?: Record<string, string>;
  readonly errorMessages?: readonly string[];
  readonly retryAfterMs?: number;
  /** Attempts made before giving up (1 when not retried). */
  readonly attempts?: number;
  /** Overrides the generated summary (without the request part). */
  readonly detail?: string;
  readonly cause?: unknown;
}

const MAX_DETAIL = 300;

/** The base of every client error; `kind` tells which subclass it is. */
export class TrackerApiError extends Error {
  /** Which failure this is. */
  readonly kind: TrackerErrorKind;
  /** HTTP status, 0 without a response. */
  readonly status: number;
  readonly method: string;
  readonly path: string;
  /** Field → message, from the error body. */
  readonly errors: Record<string, string>;
  /** General messages, from the error body. */
  readonly errorMessages: string[];
  /** How long the server asked us to wait (Retry-After), when it said. */
  readonly retryAfterMs?: number;
  /** Attempts made. */
  readonly attempts: number;

  constructor(init: TrackerErrorInit, kind: TrackerErrorKind = 'http', label = 'request failed') {
    super(
      composeMessage(init, label),
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.name = 'TrackerApiError';
    this.kind = kind;
    this.status = init.status ?? 0;
    this.method = init.method;
    this.path = init.path;
    this.errors = { ...init.errors };
    this.errorMessages = [...(init.errorMessages ?? [])];
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    this.attempts = init.attempts ?? 1;
  }
}

function composeMessage(init: TrackerErrorInit, label: string): string {
  const status = init.status ? ` ${init.status}` : '';
  const details =
    init.detail ??
    [
      ...(init.errorMessages ?? []),
      ...Object.entries(init.errors ?? {}).map(([k, v]) => `${k}: ${v}`),
    ]
      .join('; ')
      .slice(0, MAX_DETAIL);
  // Server text is echoed, so scrub anything credential-shaped that a proxy may have reflected.
  const tail = details ? `: ${redactText(details)}` : '';
  return `Tracker ${label}${status} (${init.method} ${init.path})${tail}`;
}

/** 401: the token is missing, invalid or expired; the user must sign in again. */
export class UnauthorizedError extends TrackerApiError {
  constructor(init: TrackerErrorInit) {
    super(init, 'unauthorized', 'unauthorized');
    this.name = 'UnauthorizedError';
  }
}

/** 403: the user lacks the right, or the organization header is of the wrong kind. */
export class ForbiddenError extends TrackerApiError {
  /** An English hint when the organization setting is a likely cause. */
  readonly hint?: string;

  constructor(init: TrackerErrorInit & { hint?: string }) {
    super(init, 'forbidden', 'forbidden');
    this.name = 'ForbiddenError';
    if (init.hint !== undefined) this.hint = init.hint;
  }
}

/** 404. */
export class NotFoundError extends TrackerApiError {
  constructor(init: TrackerErrorInit) {
    super(init, 'not_found', 'not found');
    this.name = 'NotFoundError';
  }
}

/** 409/412: a stale `version`, or a conflicting change. */
export class VersionConflictError extends TrackerApiError {
  constructor(init: TrackerErrorInit) {
    super(init, 'version_conflict', 'conflict');
    this.name = 'VersionConflictError';
  }
}

/** 400/422 (and 428): the request was rejected; `errors` holds per-field messages. */
export class ValidationError extends TrackerApiError {
  constructor(init: TrackerErrorInit) {
    super(init, 'validation', 'rejected the request');
    this.name = 'ValidationError';
  }
}

/** 429 after the retries (or when Retry-After exceeded the budget). */
export class RateLimitedError extends TrackerApiError {
  constructor(init: TrackerErrorInit) {
    super(init, 'rate_limited', 'rate limited');
    this.name = 'RateLimitedError';
  }
}

/** 5xx after the retries (or at once for a request that is not safe to repeat). */
export class ServerError extends TrackerApiError {
  constructor(init: TrackerErrorInit) {
    super(init, 'server', 'server error');
    this.name = 'ServerError';
  }
}

/** No response: connection failure or the per-attempt timeout. */
export class NetworkError extends TrackerApiError {
  /** Whether the per-attempt timeout fired (as opposed to a connection failure). */
  readonly timedOut: boolean;

  constructor(init: TrackerErrorInit & { timedOut?: boolean }) {
    super(init, 'network', init.timedOut ? 'timed out' : 'unreachable');
    this.name = 'NetworkError';
    this.timedOut = init.timedOut ?? false;
  }
}

/** A 2xx whose body is not what the endpoint returns (not JSON, truncated, wrong shape). */
export class InvalidResponseError extends TrackerApiError {
  constructor(init: TrackerErrorInit) {
    super(init, 'invalid_response', 'sent an invalid response');
    this.name = 'InvalidResponseError';
  }
}

/** The caller's AbortSignal fired; no further attempts are made. */
export class AbortedError extends TrackerApiError {
  constructor(init: TrackerErrorInit) {
    super(init, 'aborted', 'request aborted');
    this.name = 'AbortedError';
  }
}

/** Whether a value is a {@link TrackerApiError}. */
export function isTrackerApiError(value: unknown): value is TrackerApiError {
  return value instanceof TrackerApiError;
}
