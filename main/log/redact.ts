/**
 * Secret scrubbing for everything that reaches a log line. The token must never land in a log
 * (DESIGN.md), and log lines end up in bug reports, so we redact by key name AND by the shape of
 * known credentials inside free text: a secret logged under an innocent key is still caught.
 */

/** What every secret is replaced with. */
export const REDACTED = '[REDACTED]';

/** Strings longer than this are cut, so one huge response body cannot flood the log. */
export const MAX_STRING_LENGTH = 10_000;

// Scanning is linear, but a multi-megabyte body is still not worth scanning past what we keep.
const SCAN_LIMIT = 64 * 1024;
const MAX_DEPTH = 8;
const MAX_ARRAY_ITEMS = 200;

// Suffixes (after lower-casing and dropping '-' / '_') that mark a key as secret: accessToken,
// refresh_token, X-Api-Key, client-secret, Set-Cookie, code_verifier, device_code, ...
const SECRET_SUFFIXES = [
  'token',
  'devicecode',
  'authcode',
  'authorizationcode',
  'verifier',
  'secret',
  'password',
  'passwd',
  'authorization',
  'cookie',
  'apikey',
  'privatekey',
  'nonce',
];

// Matched exactly only: 'statusCode', 'errorCode' and 'syncState' are harmless and useful.
const SECRET_EXACT = new Set(['code', 'state', 'oauthstate']);

// RFC 6749 / 8628 error names, which the token endpoint returns as a `code`-ish value.
const OAUTH_ERROR_CODES = new Set([
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
  'authorization_pending',
  'slow_down',
  'access_denied',
  'expired_token',
  'bad_verification_code',
]);

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

/** Whether a field or parameter with this name holds a secret (case-insensitive, ignores - and _). */
export function isSecretKey(key: string): boolean {
  const k = normalizeKey(key);
  if (SECRET_EXACT.has(k)) return true;
  return SECRET_SUFFIXES.some((suffix) => k.endsWith(suffix));
}

// `code` is both the OAuth authorization code and the everyday error code; only the latter's
// recognisable shapes (E_BAD_REQUEST, ENOENT, ERR_HTTP2_..., 404, invalid_grant) may pass.
function isHarmlessCode(value: unknown): boolean {
  if (typeof value === 'number') return true;
  if (typeof value !== 'string') return false;
  return (
    /^(?:E|ERR)_[A-Z0-9_]+$/.test(value) || /^[A-Z_]+$/.test(value) || OAUTH_ERROR_CODES.has(value)
  );
}

function isSecretEntry(key: string, value: unknown): boolean {
  if (!isSecretKey(key)) return false;
  return !(normalizeKey(key) === 'code' && isHarmlessCode(value));
}

type Replacer = (match: string, ...groups: string[]) => string;

const QUOTED_PAIR =
  /(?<![A-Za-z0-9_-])(\\{0,8}["']?)([A-Za-z][A-Za-z0-9_-]{0,63})\1(\s*:\s*)(\\{0,8}["'])((?:\\.|[^\\\n])*?)\4/g;

function redactQuotedPair(...[, q, name, sep, vq, value]: string[]): string {
  // A harmless value may itself be escaped JSON ("body": "{\"access_token\": ...}"); the match
  // consumed it, so look inside before putting it back.
  const inner = isSecretEntry(name ?? '', value)
    ? REDACTED
    : (value ?? '').replace(QUOTED_PAIR, redactQuotedPair);
  return `${q}${name}${q}${sep}${vq}${inner}${vq}`;
}

// Order matters: header rules run first so that `Authorization: OAuth x` keeps its scheme word.
const TEXT_RULES: ReadonlyArray<readonly [RegExp, Replacer]> = [
  // user:password@ in URLs.
  [
    /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]{0,31}:\/\/[^\s/?#@:]{0,256}:)[^\s/?#@]{1,256}@/gi,
    (_m, prefix) => `${prefix}${REDACTED}@`,
  ],
  // Authorization / Proxy-Authorization headers in any serialisation (raw, JSON, inspect).
  [
    /\b((?:proxy-)?authorization["']?\s*[:=]\s*["']?)(?:(oauth|bearer|basic|token|digest|negotiate)\s+)?[^\s"',;&]+/gi,
    (_m, prefix, scheme) => `${prefix}${scheme ? `${scheme} ` : ''}${REDACTED}`,
  ],
  // Cookie / Set-Cookie headers: every value in them is a session credential.
  [/\b((?:set-)?cookie["']?\s*[:=]\s*["']?)[^\r\n"']+/gi, (_m, prefix) => `${prefix}${REDACTED}`],
  // `OAuth xxx` / `Bearer xxx` anywhere. Plain words ("OAuth flow", "Bearer token") are prose,
  // not credentials, so short all-letter words are kept to keep messages readable.
  [
    /\b(OAuth|Bearer)(\s+)([A-Za-z0-9._~+/=-]+)/gi,
    (m, scheme, space, cred) =>
      /^[A-Za-z]{1,23}$/.test(cred ?? '') ? m : `${scheme}${space}${REDACTED}`,
  ],
  // name=value in query strings and form bodies; the name decides, as for object keys.
  [
    /(?<![A-Za-z0-9_-])([A-Za-z][A-Za-z0-9_-]{0,63})=([^&\s"'`]+)/g,
    (m, name, value) => (isSecretEntry(name ?? '', value) ? `${name}=${REDACTED}` : m),
  ],
  // "name": "value" in JSON, util.inspect output and escaped JSON nested in a JSON string.
  [QUOTED_PAIR, redactQuotedPair],
  // Yandex OAuth tokens (y0_..y3_) and the legacy AQAAAA... format.
  [/y[0-3]_[A-Za-z0-9_-]{20,}/g, () => REDACTED],
  [/AQAAAA[A-Za-z0-9_-]{20,}/g, () => REDACTED],
  // Yandex OAuth refresh tokens: 1:<16 chars>:<long part>[:<more>].
  [/(?<![A-Za-z0-9_:-])1:[A-Za-z0-9_-]{8,}:[A-Za-z0-9_-]{8,}(?::[A-Za-z0-9_-]+)*/g, () => REDACTED],
  // Yandex Cloud IAM tokens.
  [/(?<![A-Za-z0-9])t1\.[A-Za-z0-9._-]{20,}/g, () => REDACTED],
  // JWTs (id_token and friends); the signature may be empty for alg=none.
  [/(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, () => REDACTED],
];

/** Redacts credentials inside free text (headers, URLs, form bodies, JSON) and truncates it. */
export function redactText(text: string): string {
  if (typeof text !== 'string') return redactText(String(text));
  // Nothing shorter than `code=1` can match a rule.
  if (text.length < 6) return text;
  let out = text.length > SCAN_LIMIT ? text.slice(0, SCAN_LIMIT) : text;
  for (const [pattern, replacer] of TEXT_RULES) {
    out = out.replace(pattern, replacer as (substring: string, ...args: unknown[]) => string);
  }
  // Truncate after redacting, so a cut can never leave a credential's prefix unrecognised.
  if (text.length > MAX_STRING_LENGTH) {
    const kept = out.slice(0, MAX_STRING_LENGTH);
    return `${kept}…[truncated ${text.length - kept.length} chars]`;
  }
  return out;
}

function redactError(error: Error, depth: number, ancestors: Set<object>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: redactText(String(error.name)),
    message: redactText(String(error.message)),
  };
  if (typeof error.stack === 'string') out.stack = redactText(error.stack);
  const code: unknown = (error as { code?: unknown }).code;
  if (code !== undefined) {
    out.code = isHarmlessCode(code) ? code : walk(code, depth + 1, ancestors);
  }
  if (error.cause !== undefined) out.cause = walk(error.cause, depth + 1, ancestors);
  return out;
}

function redactEntries(
  entries: Iterable<[string, unknown]>,
  depth: number,
  ancestors: Set<object>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    const safeKey = redactText(key);
    if (value === null || value === undefined || typeof value === 'boolean') {
      out[safeKey] = value;
    } else if (isSecretEntry(key, value)) {
      out[safeKey] = REDACTED;
    } else {
      out[safeKey] = walk(value, depth + 1, ancestors);
    }
  }
  return out;
}

function* ownEntries(obj: object): Generator<[string, unknown]> {
  for (const key of Object.keys(obj)) {
    let value: unknown;
    try {
      value = (obj as Record<string, unknown>)[key];
    } catch {
      value = '[Unreadable]';
    }
    yield [key, value];
  }
}

function walk(value: unknown, depth: number, ancestors: Set<object>): unknown {
  switch (typeof value) {
    case 'string':
      return redactText(value);
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'bigint':
      // JSON.stringify throws on bigint; a string keeps the value and the line.
      return `${value}n`;
    case 'symbol':
      return redactText(value.toString());
    case 'function':
      return `[Function ${value.name || 'anonymous'}]`;
  }
  if (value === null) return null;
  const obj = value as object;
  if (ancestors.has(obj)) return '[Circular]';
  if (depth > MAX_DEPTH) return '[MaxDepth]';
  ancestors.add(obj);
  try {
    if (obj instanceof Error) return redactError(obj, depth, ancestors);
    if (obj instanceof Date)
      return Number.isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString();
    if (obj instanceof URL) return redactText(obj.href);
    // Raw bytes may hold anything (a response body, a key file); their size is what helps.
    if (ArrayBuffer.isView(obj)) return `[${obj.constructor.name} ${obj.byteLength} bytes]`;
    if (obj instanceof ArrayBuffer) return `[ArrayBuffer ${obj.byteLength} bytes]`;
    if (Array.isArray(obj)) {
      const items = obj.slice(0, MAX_ARRAY_ITEMS).map((item) => walk(item, depth + 1, ancestors));
      if (obj.length > MAX_ARRAY_ITEMS) items.push(`…[${obj.length - MAX_ARRAY_ITEMS} more]`);
      return items;
    }
    if (obj instanceof Map) {
      const entries = [...obj].map(([k, v]): [string, unknown] => [String(k), v]);
      return redactEntries(entries, depth, ancestors);
    }
    if (obj instanceof Set) return walk([...obj], depth, ancestors);
    const toJSON: unknown = (obj as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return walk(toJSON.call(obj), depth + 1, ancestors);
    return redactEntries(ownEntries(obj), depth, ancestors);
  } catch {
    // A throwing getter, toJSON or revoked proxy must cost one field, not the whole record.
    return '[Unserializable]';
  } finally {
    ancestors.delete(obj);
  }
}

/**
 * Returns a JSON-safe deep copy of `value` with secrets replaced by `[REDACTED]`: by key name
 * (token, password, code, state, ...), and by credential shape inside every string. Errors become
 * `{name, message, stack, code?, cause?}`; cycles become `[Circular]`, nesting past 8 `[MaxDepth]`.
 */
export function redact(value: unknown): unknown {
  return walk(value, 0, new Set());
}
