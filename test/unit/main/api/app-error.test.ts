import { describe, expect, it } from 'vitest';
import {
  AbortedError,
  ForbiddenError,
  InvalidResponseError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  TrackerApiError,
  UnauthorizedError,
  ValidationError,
  VersionConflictError,
  toAppError,
} from '../../../../main/api/index.ts';
import { AppError } from '../../../../main/errors.ts';
import { ERROR_CODES } from '../../../../preload/contract.ts';

const init = {
  method: 'GET',
  path: '/v3/issues/A-1',
  errorMessages: ['Server text with <b>markup</b> and user data'],
};

const CASES: Array<[TrackerApiError, string]> = [
  [new UnauthorizedError({ ...init, status: 401 }), 'E_UNAUTHORIZED'],
  [new ForbiddenError({ ...init, status: 403 }), 'E_FORBIDDEN'],
  [new NotFoundError({ ...init, status: 404 }), 'E_NOT_FOUND'],
  [new NetworkError({ ...init }), 'E_OFFLINE'],
  [new NetworkError({ ...init, timedOut: true }), 'E_OFFLINE'],
  [new RateLimitedError({ ...init, status: 429, retryAfterMs: 61_000 }), 'E_UNAVAILABLE'],
  [new ServerError({ ...init, status: 503 }), 'E_UNAVAILABLE'],
  [new InvalidResponseError({ ...init, status: 200 }), 'E_UNAVAILABLE'],
  [new ValidationError({ ...init, status: 422 }), 'E_BAD_REQUEST'],
  [new VersionConflictError({ ...init, status: 409 }), 'E_BAD_REQUEST'],
  [new AbortedError(init), 'E_INTERNAL'],
  [new TrackerApiError({ ...init, status: 413 }), 'E_INTERNAL'],
];

describe('toAppError', () => {
  it.each(CASES.map(([error, code]) => [`${error.name} ${error.status}`, code, error] as const))(
    '%s → %s with a fixed, safe message',
    (_name, code, error) => {
      const app = toAppError(error);
      expect(app).toBeInstanceOf(AppError);
      expect(app.code).toBe(code);
      expect(ERROR_CODES).toContain(app.code);
      expect(app.message).not.toContain('Server text');
      expect(app.message).not.toContain('/v3/');
      expect(app.cause).toBe(error);
    },
  );

  it('says how long to wait when rate limited, and whether the network timed out', () => {
    expect(toAppError(new RateLimitedError({ ...init, retryAfterMs: 61_500 })).message).toContain(
      '62 s',
    );
    expect(toAppError(new NetworkError({ ...init, timedOut: true })).message).toMatch(/in time/);
  });

  it('keeps the organization hint of a 403', () => {
    const error = new ForbiddenError({ ...init, hint: 'This may be a Yandex Cloud organization.' });
    expect(toAppError(error).message).toContain('Yandex Cloud organization');
  });

  it('passes AppErrors through and hides anything else behind E_INTERNAL', () => {
    const app = new AppError('E_NOT_FOUND', 'x');
    expect(toAppError(app)).toBe(app);
    const other = toAppError(new Error('secret internals'));
    expect(other.code).toBe('E_INTERNAL');
    expect(other.message).not.toContain('secret');
  });
});

describe('TrackerApiError', () => {
  it('carries request, status and body details in its message and fields', () => {
    const error = new ValidationError({
      method: 'POST',
      path: '/v3/issues/',
      status: 422,
      errors: { summary: 'Field is required' },
      errorMessages: ['Bad.'],
      attempts: 1,
    });
    expect(error.message).toBe(
      'Tracker rejected the request 422 (POST /v3/issues/): Bad.; summary: Field is required',
    );
    expect(error.name).toBe('ValidationError');
    expect(error).toBeInstanceOf(TrackerApiError);
    expect(error.kind).toBe('validation');
  });
});
