/** Shape checks between a response body and the parsers: a wrong top-level shape is an error. */
import { InvalidResponseError } from './errors.ts';
import type { HttpResponse } from './http.ts';

/** Parses a single entity; a body the parser rejects entirely is an InvalidResponse. */
export function expectOne<T>(
  response: HttpResponse<unknown>,
  parse: (value: unknown) => T | undefined,
): T {
  const parsed = parse(response.body);
  if (parsed === undefined) throw invalid(response, 'expected an object with an id');
  return parsed;
}

/**
 * Parses a list; a non-array body is an InvalidResponse, while single items the parser rejects are
 * dropped (one odd item must not hide the rest).
 */
export function expectList<T>(
  response: HttpResponse<unknown>,
  parse: (value: unknown) => T | undefined,
): T[] {
  const body = response.body;
  if (!Array.isArray(body)) throw invalid(response, 'expected a list');
  const out: T[] = [];
  for (const item of body) {
    const parsed = parse(item);
    if (parsed !== undefined) out.push(parsed);
  }
  return out;
}

/** A non-negative integer header (X-Total-Count, X-Total-Pages), undefined when absent or odd. */
export function intHeader(headers: Headers, name: string): number | undefined {
  const value = headers.get(name)?.trim();
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** An InvalidResponse about `response`. */
export function invalid(response: HttpResponse<unknown>, detail: string): InvalidResponseError {
  return new InvalidResponseError({
    method: response.method,
    path: response.path,
    status: response.status,
    detail,
  });
}
