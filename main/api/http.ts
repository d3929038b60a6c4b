/**
 * The request executor every resource goes through: headers, per-attempt timeout, retries with
 * backoff and Retry-After, typed errors and one log line per attempt. Credentials are read per
 * attempt, so a token refreshed between retries is picked up.
 */
import type { Logger } from '../log/types.ts';
import { errorForStatus, parseErrorBody } from './error-body.ts';
import {
  AbortedError,
  InvalidResponseError,
  NetworkError,
  TrackerApiError,
  UnauthorizedError,
  type TrackerErrorInit,
} from './errors.ts';
import type { Language } from './parse/values.ts';
import { decideRetry, parseRetryAfter, type Clock, type RetryPolicy } from './retry.ts';
import { causeCode, sanitizeCause, scrub } from './failure.ts';
import { buildUrl, describeUrl, type Base, type Query } from './url.ts';

/** HTTP methods the client uses. */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'DELETE';

/** What `credentials()` returns: an OAuth token or a Yandex Cloud IAM token. */
export interface Credentials {
  readonly kind: 'oauth' | 'iam';
  readonly token: string;
}

/** The organization: a Yandex 360 one (`X-Org-ID`) or a Cloud one (`X-Cloud-Org-ID`). */
export interface Org {
  readonly kind: '360' | 'cloud';
  readonly id: string;
}

/** Everything the executor needs; built by the client from its options. */
export interface HttpConfig {
  readonly base: Base;
  readonly fetch: typeof fetch;
  readonly credentials: () => Promise<Credentials>;
  readonly org: Org;
  readonly language?: () => Language;
  readonly userAgent?: string;
  readonly log: Logger;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly clock: Clock;
  readonly random: () => number;
}

/** One logical request (possibly several attempts). */
export interface HttpRequest {
  readonly method: HttpMethod;
  /** From the root including the version (`/v3/issues/A-1`), or a Link/`self` URL. */
  readonly path: string;
  readonly query?: Query;
  /** A JSON body. */
  readonly json?: unknown;
  /** A multipart body (uploads); fetch sets the boundary. */
  readonly form?: FormData;
  /** Whether repeating is harmless; defaults to true for GET/HEAD only. */
  readonly safe?: boolean;
  readonly signal?: AbortSignal;
  /** Marks the identity check, where a 403 hints at the organization kind. */
  readonly identityCheck?: boolean;
  /** Caps the attempts below the policy's (best-effort calls such as an automatic release). */
  readonly maxAttempts?: number;
  /**
   * Repeat only failures the server answered with an error status (429, 5xx). A lost or unreadable
   * answer (network error, invalid body) may mean the server acted, and repeating a request that
   * advances server state (a scroll continuation) would then silently skip what it served.
   */
  readonly retryErrorStatusOnly?: boolean;
}

/** A successful response with its body read as asked. */
export interface HttpResponse<B> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: B;
  readonly method: HttpMethod;
  /** The described (masked) path, for errors the caller raises about this response. */
  readonly path: string;
}

/** The executor. `stream` leaves the body unread; the timeout then covers only the headers. */
export interface Http {
  json(request: HttpRequest): Promise<HttpResponse<unknown>>;
  empty(request: HttpRequest): Promise<HttpResponse<undefined>>;
  bytes(request: HttpRequest): Promise<HttpResponse<Uint8Array>>;
  stream(request: HttpRequest): Promise<HttpResponse<ReadableStream<Uint8Array> | null>>;
}

type Reader<B> = (response: Response, fail: (detail: string) => TrackerApiError) => Promise<B>;

const readJson: Reader<unknown> = async (response, fail) => {
  const text = await response.text();
  if (!text.trim()) throw fail('empty body');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw fail(`body is not JSON (${text.length} chars, possibly truncated)`);
  }
};

const readEmpty: Reader<undefined> = async (response) => {
  // Drain so the connection can be reused; a body we do not need may fail without consequence.
  await response.arrayBuffer().catch(() => undefined);
  return undefined;
};

const readBytes: Reader<Uint8Array> = async (response) =>
  new Uint8Array(await response.arrayBuffer());

const readStream: Reader<ReadableStream<Uint8Array> | null> = async (response) => response.body;

// A token with control characters would make fetch throw a TypeError that quotes the header.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/** Creates the executor. */
export function createHttp(config: HttpConfig): Http {
  const { log, clock, retry } = config;

  async function headersFor(request: HttpRequest, accept: string, init: TrackerErrorInit) {
    let credentials: Credentials;
    try {
      credentials = await config.credentials();
    } catch (error) {
      throw new UnauthorizedError({ ...init, detail: 'no credentials available', cause: error });
    }
    const token = credentials.token.trim();
    if (!HEADER_SAFE.test(token)) {
      throw new UnauthorizedError({ ...init, detail: 'the stored credential is malformed' });
    }
    const headers = new Headers();
    headers.set('Authorization', `${credentials.kind === 'iam' ? 'Bearer' : 'OAuth'} ${token}`);
    headers.set(config.org.kind === 'cloud' ? 'X-Cloud-Org-ID' : 'X-Org-ID', config.org.id);
    headers.set('Accept', accept);
    const language = config.language?.();
    if (language) headers.set('Accept-Language', language);
    if (config.userAgent) headers.set('User-Agent', config.userAgent);
    if (request.json !== undefined) headers.set('Content-Type', 'application/json');
    return { headers, token };
  }

  async function send<B>(request: HttpRequest, read: Reader<B>, streaming: boolean) {
    const url = buildUrl(config.base, request.path, request.query);
    const path = describeUrl(url);
    const method = request.method;
    const safe = request.safe ?? (method === 'GET' || method === 'HEAD');
    const started = clock.now();
    let invalidRetried = false;
    for (let attempt = 1; ; attempt++) {
      const init: TrackerErrorInit = { method, path, attempts: attempt };
      if (request.signal?.aborted) throw new AbortedError(init);
      const t0 = performance.now();
      let failure: TrackerApiError;
      try {
        const response = await attemptOnce(request, url, init, read, streaming);
        log.debug('tracker request', {
          method,
          path,
          status: response.status,
          ms: ms(t0),
          attempt,
        });
        return { ...response, method, path };
      } catch (error) {
        // Only fetch failures are expected here (attemptOnce classifies those); anything else is
        // described by its code alone, since its message might quote the request.
        failure =
          error instanceof TrackerApiError
            ? error
            : new NetworkError({ ...init, detail: causeCode(error) });
      }
      log.debug('tracker request', { method, path, status: failure.status, ms: ms(t0), attempt });
      if (failure.kind === 'aborted' || request.signal?.aborted) throw new AbortedError(init);
      const decision = decideRetry({
        error: failure,
        attempt,
        safe:
          safe &&
          !(failure.kind === 'invalid_response' && invalidRetried) &&
          !(
            request.retryErrorStatusOnly &&
            (failure.kind === 'network' || failure.kind === 'invalid_response')
          ),
        elapsedMs: clock.now() - started,
        policy: request.maxAttempts
          ? { ...retry, maxAttempts: Math.min(retry.maxAttempts, request.maxAttempts) }
          : retry,
        random: config.random,
      });
      if (!decision.retry) throw failure;
      if (failure.kind === 'invalid_response') invalidRetried = true;
      log.warn('tracker request retry', {
        method,
        path,
        attempt,
        reason: decision.reason,
        delayMs: decision.delayMs,
      });
      try {
        await clock.sleep(decision.delayMs, request.signal);
      } catch {
        throw new AbortedError(init);
      }
    }
  }

  async function attemptOnce<B>(
    request: HttpRequest,
    url: URL,
    init: TrackerErrorInit,
    read: Reader<B>,
    streaming: boolean,
  ): Promise<{ status: number; headers: Headers; body: B }> {
    const { headers, token } = await headersFor(
      request,
      streaming ? '*/*' : 'application/json',
      init,
    );
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new DOMException('Tracker request timed out', 'TimeoutError')),
      config.timeoutMs,
    );
    const signal = request.signal
      ? AbortSignal.any([request.signal, timeout.signal])
      : timeout.signal;
    const classify = (error: unknown): TrackerApiError => {
      if (error instanceof TrackerApiError) return error;
      if (request.signal?.aborted) return new AbortedError(init);
      if (timeout.signal.aborted) return new NetworkError({ ...init, timedOut: true });
      return new NetworkError({
        ...init,
        detail: causeCode(error),
        cause: sanitizeCause(error, token),
      });
    };
    try {
      let response: Response;
      try {
        response = await config.fetch(url, {
          method: request.method,
          headers,
          body:
            request.form ?? (request.json === undefined ? undefined : JSON.stringify(request.json)),
          signal,
          // API calls never redirect; following one could carry the token to another host.
          // Downloads may (to file storage), relying on fetch dropping Authorization cross-origin.
          redirect: streaming ? 'follow' : 'error',
        });
      } catch (error) {
        throw classify(error);
      }
      // Downloads can legitimately take longer than an API call; past the headers only the
      // caller's signal bounds them.
      if (streaming) clearTimeout(timer);
      if (response.status < 200 || response.status > 299) {
        const text = await response.text().catch(() => '');
        const body = parseErrorBody(scrub(text, token));
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), clock.now());
        throw errorForStatus(
          {
            status: response.status,
            orgKind: config.org.kind,
            identityCheck: request.identityCheck ?? false,
          },
          retryAfterMs === undefined ? init : { ...init, retryAfterMs },
          body,
        );
      }
      const fail = (detail: string) =>
        new InvalidResponseError({ ...init, status: response.status, detail });
      let body: B;
      try {
        body = await read(response, fail);
      } catch (error) {
        throw classify(error);
      }
      return { status: response.status, headers: response.headers, body };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    json: (request) => send(request, readJson, false),
    empty: (request) => send(request, readEmpty, false),
    bytes: (request) => send(request, readBytes, true),
    stream: (request) => send(request, readStream, true),
  };
}

function ms(t0: number): number {
  return Math.round(performance.now() - t0);
}
