/**
 * Maps client errors to the contract's AppError codes with messages safe to show: fixed English
 * sentences (the renderer localizes by code), never server text that could echo request data.
 */
import type { ErrorCode } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import { ForbiddenError, NetworkError, TrackerApiError, type TrackerErrorKind } from './errors.ts';

const CODES: Record<TrackerErrorKind, ErrorCode> = {
  unauthorized: 'E_UNAUTHORIZED',
  forbidden: 'E_FORBIDDEN',
  not_found: 'E_NOT_FOUND',
  network: 'E_OFFLINE',
  rate_limited: 'E_UNAVAILABLE',
  server: 'E_UNAVAILABLE',
  invalid_response: 'E_UNAVAILABLE',
  validation: 'E_BAD_REQUEST',
  version_conflict: 'E_BAD_REQUEST',
  aborted: 'E_INTERNAL',
  http: 'E_INTERNAL',
};

function messageFor(error: TrackerApiError): string {
  switch (error.kind) {
    case 'unauthorized':
      return 'Tracker did not accept the sign-in. Sign in again.';
    case 'forbidden': {
      const hint = error instanceof ForbiddenError && error.hint ? ` ${error.hint}` : '';
      return `You do not have access to this in Tracker.${hint}`;
    }
    case 'not_found':
      return 'Not found in Tracker.';
    case 'network':
      return error instanceof NetworkError && error.timedOut
        ? 'Tracker did not answer in time.'
        : 'Cannot reach Tracker. Check the connection.';
    case 'rate_limited': {
      const seconds =
        error.retryAfterMs === undefined ? undefined : Math.ceil(error.retryAfterMs / 1000);
      return seconds === undefined
        ? 'Tracker is limiting requests. Try again later.'
        : `Tracker is limiting requests. Try again in ${seconds} s.`;
    }
    case 'server':
      return 'Tracker is temporarily unavailable. Try again later.';
    case 'invalid_response':
      return 'Tracker sent a response the app could not read. Try again later.';
    case 'validation':
      return 'Tracker rejected the request.';
    case 'version_conflict':
      return 'The item was changed elsewhere. Reload it and try again.';
    case 'aborted':
      return 'The request was cancelled.';
    default:
      return error.status ? `Tracker request failed (${error.status}).` : 'Tracker request failed.';
  }
}

/** The AppError for any error; AppErrors pass through, unknown errors become E_INTERNAL. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof TrackerApiError) {
    return new AppError(CODES[error.kind], messageFor(error), { cause: error });
  }
  return new AppError('E_INTERNAL', 'Unexpected error.', { cause: error });
}
