/**
 * What to do with the events of one sync: which go to the inbox and which become desktop
 * notifications. Pure: the clock (`now`, `timeZone`) and the settings are parameters, so the
 * policy is tested without Electron or timers.
 *
 * - The per-kind switches decide whether a kind is tracked at all (inbox and notifications).
 * - `enabled: false`, a pause and quiet hours only silence the desktop: events still reach the
 *   inbox, so nothing is lost while quiet.
 * - Up to {@link GROUP_LIMIT} events become one notification each; more become one summary that
 *   opens the inbox, so a busy sync does not flood the screen.
 */
import type { UserSettings } from '../../preload/browser-schemas.ts';
import type { NotifyEvent } from './events.ts';
import { NOTIFY_MESSAGES, format, plural, type NotifyLanguage } from './messages.ts';

/**
 * The notification part of the user settings: the master switch, the per-kind switches, quiet
 * hours and the pause.
 */
export type NotificationSettings = UserSettings['notifications'];

/** Quiet hours in local time, `HH:MM` (24 h); `from` after `to` spans midnight. */
export interface QuietHours {
  readonly from: string;
  readonly to: string;
}

/** The inputs of {@link decideNotifications} besides the events. */
export interface PolicyOptions {
  readonly settings: NotificationSettings;
  readonly language: NotifyLanguage;
  /** Epoch ms. */
  readonly now: number;
  /** IANA time zone for quiet hours; default: the system's. */
  readonly timeZone?: string | undefined;
}

/** Where a click on a notification leads: an issue, or the inbox (for a summary). */
export type NotificationTarget = { readonly issueKey: string } | 'inbox';

/** A desktop notification to show. */
export interface DesktopNotification {
  readonly title: string;
  readonly body: string;
  readonly target: NotificationTarget;
  /** The inbox entries it stands for (to mark them read on click). */
  readonly eventIds: readonly string[];
}

/** What {@link decideNotifications} decided. */
export interface PolicyDecision {
  /** Events to store in the inbox (every enabled kind, quiet or not). */
  readonly inbox: NotifyEvent[];
  /** Notifications to show now (none while disabled, paused or quiet). */
  readonly notifications: DesktopNotification[];
}

/** More events than this in one sync are folded into one summary notification. */
export const GROUP_LIMIT = 3;

/** Bodies longer than this are cut with an ellipsis (macOS limits a notification to 256 bytes). */
export const BODY_LIMIT = 200;

const SWITCH: Record<NotifyEvent['kind'], keyof NotificationSettings> = {
  assigned: 'assigned',
  summoned: 'summoned',
  comment: 'comments',
  status: 'statusChanges',
};

/** Collapses whitespace and cuts `text` to at most `limit` characters, ending with `…` if cut. */
export function truncate(text: string, limit: number = BODY_LIMIT): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim()); // code points: never split a pair
  if (chars.length <= limit) return chars.join('');
  return (
    chars
      .slice(0, limit - 1)
      .join('')
      .trimEnd() + '…'
  );
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of `HH:MM`, or undefined when it is not a valid 24-hour time. */
export function parseClock(value: string): number | undefined {
  const m = CLOCK.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of `now` in `timeZone` (default: the system's). */
export function localParts(
  now: number,
  timeZone?: string,
): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const cacheKey = timeZone ?? '';
  let fmt = formatters.get(cacheKey);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      ...(timeZone !== undefined ? { timeZone } : {}),
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(cacheKey, fmt);
  }
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(fmt.formatToParts(now).find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/**
 * True when `now` falls in the quiet hours: `from` inclusive, `to` exclusive, in local time of
 * `timeZone`. `from > to` spans midnight (22:00–07:00). Equal or invalid times mean no quiet
 * hours: silencing a whole day is what the master switch and pause are for.
 */
export function isQuietTime(quietHours: QuietHours, now: number, timeZone?: string): boolean {
  const from = parseClock(quietHours.from);
  const to = parseClock(quietHours.to);
  if (from === undefined || to === undefined || from === to) return false;
  const { hour, minute } = localParts(now, timeZone);
  const t = hour * 60 + minute;
  return from < to ? t >= from && t < to : t >= from || t < to;
}

/**
 * Whether desktop notifications are silenced now: disabled, paused (`pausedUntil` exclusive) or
 * in the quiet hours (when switched on). All three live in the settings, so a pause survives a
 * restart and the tray, the settings screen and the policy read the same value.
 */
export function isSilenced(options: Omit<PolicyOptions, 'language'>): boolean {
  const { settings, now } = options;
  if (!settings.enabled) return true;
  if (isPaused(settings, now)) return true;
  return settings.quietHours.enabled
    ? isQuietTime(settings.quietHours, now, options.timeZone)
    : false;
}

/** True while a pause set in the settings lasts (`pausedUntil` is exclusive). */
export function isPaused(
  settings: Pick<NotificationSettings, 'pausedUntil'>,
  now: number,
): boolean {
  return settings.pausedUntil !== null && now < settings.pausedUntil;
}

/** The hour at which a pause "until tomorrow" ends, local time. */
export const PAUSE_MORNING_HOUR = 9;

/**
 * When a pause started at `now` ends: in one hour, or at the next local 09:00 (`tomorrow`;
 * before 09:00 that is the same morning, which is what "until tomorrow" means at 2 a.m.).
 */
export function pauseUntil(kind: 'hour' | 'tomorrow', now: number, timeZone?: string): number {
  if (kind === 'hour') return now + 60 * 60 * 1000;
  const p = localParts(now, timeZone);
  const dayShift = p.hour < PAUSE_MORNING_HOUR ? 0 : 1;
  // The target wall time written as if it were UTC; Date.UTC normalizes day overflow.
  const wall = Date.UTC(p.year, p.month - 1, p.day + dayShift, PAUSE_MORNING_HOUR, 0, 0);
  const offsetAt = (t: number): number => {
    const q = localParts(t, timeZone);
    const asUtc = Date.UTC(q.year, q.month - 1, q.day, q.hour, q.minute, q.second);
    return asUtc - Math.floor(t / 1000) * 1000;
  };
  // Two rounds settle the offset also when a DST switch lies between now and the target.
  const guess = wall - offsetAt(wall);
  return wall - offsetAt(guess);
}

/** The notification for a single event. */
export function notificationFor(event: NotifyEvent, language: NotifyLanguage): DesktopNotification {
  const m = NOTIFY_MESSAGES[language];
  const params = { key: event.issueKey, actor: event.actor ?? '', status: event.status ?? '' };
  const template =
    event.kind === 'assigned'
      ? m.assigned
      : event.kind === 'summoned'
        ? event.actor
          ? m.summoned
          : m.summonedNoActor
        : event.kind === 'comment'
          ? event.actor
            ? m.comment
            : m.commentNoActor
          : event.status
            ? m.status
            : m.statusNoName;
  return {
    title: format(template, params),
    body: truncate(event.summary),
    target: { issueKey: event.issueKey },
    eventIds: [event.id],
  };
}

/** The one notification standing for many events; it opens the inbox. */
export function summaryFor(
  events: readonly NotifyEvent[],
  language: NotifyLanguage,
): DesktopNotification {
  const m = NOTIFY_MESSAGES[language];
  const allAssigned = events.every((e) => e.kind === 'assigned');
  const keys = [...new Set(events.map((e) => e.issueKey))];
  return {
    title: plural(language, allAssigned ? m.summaryAssigned : m.summaryAny, events.length),
    body: truncate(keys.join(', ')),
    target: 'inbox',
    eventIds: events.map((e) => e.id),
  };
}

/** The `comment:` id that a `summoned:` id of the same comment makes redundant. */
const commentTwin = (id: string): string | undefined =>
  id.startsWith('summoned:') ? `comment:${id.slice('summoned:'.length)}` : undefined;

/**
 * Decides what to store and what to show for the events of one sync. Kinds switched off are
 * dropped; a comment that summons me yields only the `summoned` event when that kind is on (one
 * comment, one entry). Notifications are held back while disabled, paused or quiet, but the
 * inbox gets the events anyway.
 */
export function decideNotifications(
  events: readonly NotifyEvent[],
  options: PolicyOptions,
): PolicyDecision {
  const enabled = events.filter((e) => options.settings[SWITCH[e.kind]]);
  const redundant = new Set(enabled.map((e) => commentTwin(e.id)).filter((id) => id !== undefined));
  const inbox = enabled.filter((e) => !redundant.has(e.id));
  if (inbox.length === 0 || isSilenced(options)) return { inbox, notifications: [] };
  const notifications =
    inbox.length <= GROUP_LIMIT
      ? inbox.map((e) => notificationFor(e, options.language))
      : [summaryFor(inbox, options.language)];
  return { inbox, notifications };
}
