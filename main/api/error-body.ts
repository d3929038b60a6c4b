/**
 * Turns a non-2xx response into the matching typed error. Error bodies are documented as
 * `{errors, errorMessages, statusCode}` but gateways answer with HTML, empty or cut-off bodies, and
 * fields have been seen with other types, so everything here is read defensively.
 */
import {
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  TrackerApiError,
  UnauthorizedError,
  ValidationError,
  VersionConflictError,
  type TrackerErrorInit,
} from './errors.ts';
import { isObject } from './parse/values.ts';

/** The useful parts of an error body. */
export interface ErrorBody {
  readonly errors: Record<string, string>;
  readonly errorMessages: string[];
}

const MAX_TEXT = 200;

/** Parses an error body of any shape; never throws. */
export function parseErrorBody(text: string): ErrorBody {
  const trimmed = text.trim();
  if (!trimmed) return { errors: {}, errorMessages: [] };
  let data: unknown;
  try {
    data = JSON.parse(trimmed);
  } catch {
    // An HTML error page says nothing a user can act on; short plain text (a proxy's reason) may.
    if (trimmed.startsWith('<')) return { errors: {}, errorMessages: [] };
    return { errors: {}, errorMessages: [trimmed.slice(0, MAX_TEXT)] };
  }
  if (!isObject(data)) {
    return typeof data === 'string' && data
      ? { errors: {}, errorMessages: [data.slice(0, MAX_TEXT)] }
      : { errors: {}, errorMessages: [] };
  }
  const errors: Record<string, string> = {};
  if (isObject(data.errors)) {
    for (const [field, message] of Object.entries(data.errors)) {
      const textValue = messageText(message);
      if (textValue) errors[field] = textValue;
    }
  }
  const errorMessages: string[] = [];
  const rawMessages = Array.isArray(data.errorMessages)
    ? data.errorMessages
    : [data.errorMessages ?? data.message ?? data.error];
  for (const message of rawMessages) {
    const textValue = messageText(message);
    if (textValue) errorMessages.push(textValue);
  }
  return { errors, errorMessages };
}

function messageText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.slice(0, MAX_TEXT) || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const joined = value.filter((item) => typeof item === 'string').join('; ');
    return joined ? joined.slice(0, MAX_TEXT) : undefined;
  }
  return undefined;
}

/** What {@link errorForStatus} needs beyond the body. */
export interface StatusContext {
  readonly status: number;
  readonly orgKind: '360' | 'cloud';
  /** True for the identity check (`myself`), where a 403 almost always means a wrong org kind. */
  readonly identityCheck: boolean;
}

const ORG_MENTION = /organi[sz]ation|организац|x-(?:cloud-)?org/i;

/** The English hint for a 403 that is probably an organization-kind mismatch, if it is one. */
export function forbiddenHint(context: StatusContext, body: ErrorBody): string | undefined {
  const text = [...body.errorMessages, ...Object.values(body.errors)].join(' ');
  if (!context.identityCheck && !ORG_MENTION.test(text)) return undefined;
  return context.orgKind === '360'
    ? 'This may be a Yandex Cloud organization: try the Cloud organization setting.'
    : 'This may be a Yandex 360 organization: try the Yandex 360 organization setting.';
}

/** The typed error for a non-2xx status. */
export function errorForStatus(
  context: StatusContext,
  init: TrackerErrorInit,
  body: ErrorBody,
): TrackerApiError {
  const full: TrackerErrorInit = { ...init, status: context.status, ...body };
  const status = context.status;
  if (status === 401) return new UnauthorizedError(full);
  if (status === 403) return new ForbiddenError({ ...full, hint: forbiddenHint(context, body) });
  if (status === 404) return new NotFoundError(full);
  if (status === 409 || status === 412) return new VersionConflictError(full);
  if (status === 400 || status === 422 || status === 428) return new ValidationError(full);
  if (status === 429) return new RateLimitedError(full);
  if (status >= 500) return new ServerError(full);
  return new TrackerApiError(full);
}
