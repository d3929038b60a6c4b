/**
 * Safe descriptions of failures that may quote the request: the token is cut out of messages, and
 * only error codes (never free text) go into our own error messages.
 */

/** `text` with every occurrence of the token replaced. */
export function scrub(text: string, token: string): string {
  return token.length >= 4 ? text.split(token).join('[REDACTED]') : text;
}

/**
 * A copy of a fetch failure (and its causes) with the token cut out of every message: the cause is
 * kept for diagnostics, but fetch implementations are free to quote request details in it.
 */
export function sanitizeCause(error: unknown, token: string, depth = 0): Error | undefined {
  if (!(error instanceof Error) || depth > 3) return undefined;
  const copy = new Error(scrub(String(error.message), token));
  copy.name = error.name;
  copy.stack = scrub(String(error.stack ?? ''), token);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') Object.assign(copy, { code });
  const inner = sanitizeCause(error.cause, token, depth + 1);
  if (inner) copy.cause = inner;
  return copy;
}

/** A short, safe description of a fetch failure: its error code, never its message. */
export function causeCode(error: unknown): string {
  const pick = (value: unknown): string | undefined => {
    if (typeof value !== 'object' || value === null) return undefined;
    const code = (value as { code?: unknown }).code;
    return typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? code : undefined;
  };
  const cause =
    typeof error === 'object' && error !== null ? (error as { cause?: unknown }).cause : undefined;
  const name =
    error instanceof Error && /^\w{1,40}$/.test(error.name) ? error.name : 'fetch failed';
  return pick(cause) ?? pick(error) ?? name;
}
