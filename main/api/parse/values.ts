/**
 * Tolerant readers for single JSON values. Tracker's typing is inconsistent (ids as numbers or
 * strings, localized names as strings or per-language objects), so every reader returns
 * `undefined` for a value of the wrong type instead of throwing: one odd field must not cost the
 * whole object.
 */

/** The UI languages the client picks localized text for. */
export type Language = 'ru' | 'en';

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/** Whether a value is a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string, or undefined for anything else. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A finite number; numeric strings are accepted because ids and versions flip between both. */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^-?\d+(?:\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}

/** A boolean, or undefined for anything else (no truthiness: `"false"` is not false). */
export function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** An id normalized to a string: ids arrive as numbers in lists and as strings in references. */
export function id(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** The strings of an array (other items dropped); undefined when the value is not an array. */
export function strings(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((item): item is string => typeof item === 'string');
}

/** The items of an array mapped by `read`, dropping the ones it rejects; [] for a non-array. */
export function list<T>(value: unknown, read: (item: unknown) => T | undefined): T[] {
  if (!Array.isArray(value)) return [];
  const out: T[] = [];
  for (const item of value) {
    const parsed = read(item);
    if (parsed !== undefined) out.push(parsed);
  }
  return out;
}

/**
 * Text that may be localized: a plain string, or `{ru, en, ...}` (with `localized=false`). Picks the
 * UI language, then Russian (the service's primary language), then English, then any string.
 */
export function localized(value: unknown, language: Language): string | undefined {
  if (typeof value === 'string') return value;
  if (!isObject(value)) return undefined;
  const preferred = value[language];
  if (typeof preferred === 'string') return preferred;
  for (const fallback of ['ru', 'en']) {
    const text = value[fallback];
    if (typeof text === 'string') return text;
  }
  for (const text of Object.values(value)) {
    if (typeof text === 'string') return text;
  }
  return undefined;
}

// YYYY-MM-DDThh:mm[:ss[.fff]][Z|±hh[:]mm|±hh]. Written out because Date.parse accepts `+0000`
// on some engines and not others, and happily invents dates from garbage on others.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/**
 * Parses a Tracker date-time (`2017-07-18T13:33:44.291+0000`, also `+03:00` and `Z`) to epoch
 * milliseconds. A missing zone means UTC (the service documents all times as UTC).
 */
export function parseDateTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = DATE_TIME.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  if (day > daysInMonth(year, month)) return undefined;
  let offsetMinutes = 0;
  if (m[9] !== undefined) {
    const hours = Number(m[10]);
    const minutes = m[11] === undefined ? 0 : Number(m[11]);
    if (hours > 23 || minutes > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

/** A plain `YYYY-MM-DD` date (sprint start/end), kept as the string: it has no time zone. */
export function dateOnly(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(Number(m[1]), month)) {
    return undefined;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Formats epoch milliseconds the way Tracker writes dates (`…sss+0000`), for request bodies. */
export function formatDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}
