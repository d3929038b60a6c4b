/**
 * Dates of the query language as half-open intervals [lo, hi) in epoch ms. A date is a span, not an
 * instant: `Created: 2024-01-02` means that whole day, `> 2024-01-02` means after it, and
 * `"2024-01-02 10:00:00"` is one second wide. All literals and date functions are UTC; the real
 * service's zone for query literals is unconfirmed (its UI uses the user's zone).
 */

/** A half-open interval of epoch milliseconds. */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

const DURATION_UNITS: Record<string, number> = { w: WEEK, d: DAY, h: HOUR, m: MINUTE, s: SECOND };

/**
 * Parses a duration like `12h`, `2d`, `"1w 1d"`, `1w2d3h30m` into ms; null when it is not one.
 * Calendar units: a week is 7 days and a day 24 hours (not Tracker's working-time weeks).
 */
export function parseDuration(text: string): number | null {
  const compact = text.replace(/\s+/g, '').toLowerCase();
  if (!/^(\d+[wdhms])+$/.test(compact)) return null;
  let total = 0;
  for (const [, amount, unit] of compact.matchAll(/(\d+)([wdhms])/g)) {
    total += Number(amount) * (DURATION_UNITS[unit as string] as number);
  }
  return total;
}

/** Epoch ms of a calendar date-time in UTC, or null when a component is out of range. */
function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number | null {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const time = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // Date.UTC rolls 31.02 over into March; a round trip catches it.
  return new Date(time).getUTCDate() === d ? time : null;
}

const ISO_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DOT_DAY = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const SLASH_DAY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const DATE_TIME =
  /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

function day(y: string, mo: string, d: string): Interval | null {
  const lo = utc(Number(y), Number(mo), Number(d));
  return lo === null ? null : { lo, hi: lo + DAY };
}

/** Offset like `+0300`, `-05:00` or `Z` in ms east of UTC. */
function offsetMs(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * HOUR + Number(digits.slice(3, 5)) * MINUTE);
}

/**
 * Parses `YYYY-MM-DD`, `DD.MM.YYYY`, `MM/DD/YYYY`, `YYYY-MM-DD hh:mm[:ss]` and ISO forms like
 * `2024-05-01T10:00:00.000+0000` (offset optional, UTC when absent). Null when not a valid date.
 */
export function parseDateLiteral(text: string): Interval | null {
  const value = text.trim();
  let m = ISO_DAY.exec(value);
  if (m) return day(m[1] as string, m[2] as string, m[3] as string);
  m = DOT_DAY.exec(value);
  if (m) return day(m[3] as string, m[2] as string, m[1] as string);
  m = SLASH_DAY.exec(value);
  if (m) return day(m[3] as string, m[1] as string, m[2] as string);
  m = DATE_TIME.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac === undefined ? 0 : Number(frac.padEnd(3, '0'));
  const local = utc(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0), ms);
  if (local === null) return null;
  const lo = local - offsetMs(zone);
  // Precision of what was written: a minute, a second or a millisecond.
  const width = frac !== undefined ? 1 : s !== undefined ? SECOND : MINUTE;
  return { lo, hi: lo + width };
}

/** The interval a date function denotes at `now`; null for a name that is not a date function. */
export function dateFunction(name: string, now: number): Interval | null {
  const date = new Date(now);
  const y = date.getUTCFullYear();
  const mo = date.getUTCMonth();
  const today = Date.UTC(y, mo, date.getUTCDate());
  switch (name) {
    case 'now':
      return { lo: now, hi: now + 1 };
    case 'today':
      return { lo: today, hi: today + DAY };
    case 'week': {
      // Weeks start on Monday, as in Russian-locale Tracker.
      const lo = today - ((date.getUTCDay() + 6) % 7) * DAY;
      return { lo, hi: lo + WEEK };
    }
    case 'month':
      return { lo: Date.UTC(y, mo, 1), hi: Date.UTC(y, mo + 1, 1) };
    case 'quarter': {
      const first = mo - (mo % 3);
      return { lo: Date.UTC(y, first, 1), hi: Date.UTC(y, first + 3, 1) };
    }
    case 'year':
      return { lo: Date.UTC(y, 0, 1), hi: Date.UTC(y + 1, 0, 1) };
    default:
      return null;
  }
}
