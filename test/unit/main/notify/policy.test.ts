/**
 * The notification policy: per-kind switches decide what is tracked, the master switch, a pause
 * and quiet hours (local time, across midnight, exact edges) only silence the desktop while the
 * inbox still gets every event, and more than three events fold into one summary with correct
 * Russian plural forms.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_USER_SETTINGS } from '../../../../preload/browser-schemas.ts';
import {
  decideNotifications,
  isQuietTime,
  NOTIFY_MESSAGES,
  plural,
  pauseUntil,
  truncate,
  type NotificationSettings,
  type NotifyEvent,
  type PolicyOptions,
} from '../../../../main/notify/index.ts';

const MSK = 'Europe/Moscow'; // UTC+3 all year
/** Epoch ms of a Moscow wall time on 2025-06-15 (+ `days`). */
const msk = (hhmm: string, days = 0): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return Date.UTC(2025, 5, 15 + days, (h ?? 0) - 3, m ?? 0);
};
const NOON = msk('12:00');

function event(n: number, init: Partial<NotifyEvent> = {}): NotifyEvent {
  return {
    id: `assigned:TEST-${n}:v1`,
    kind: 'assigned',
    issueKey: `TEST-${n}`,
    summary: `Issue ${n}`,
    actor: 'Anna',
    createdAt: NOON,
    ...init,
  };
}
const events = (count: number): NotifyEvent[] =>
  Array.from({ length: count }, (_, i) => event(i + 1));

const ALL_ON: NotificationSettings = {
  enabled: true,
  assigned: true,
  summoned: true,
  comments: true,
  statusChanges: true,
  quietHours: { enabled: false, from: '22:00', to: '08:00' },
  pausedUntil: null,
};

function options(init: Partial<PolicyOptions> = {}): PolicyOptions {
  return {
    settings: DEFAULT_USER_SETTINGS.notifications,
    language: 'en',
    now: NOON,
    timeZone: MSK,
    ...init,
  };
}

describe('grouping', () => {
  it('shows up to three events as one notification each, targeting the issue', () => {
    const { inbox, notifications } = decideNotifications(events(3), options());
    expect(inbox).toHaveLength(3);
    expect(notifications).toEqual(
      [1, 2, 3].map((n) => ({
        title: `TEST-${n} assigned to you`,
        body: `Issue ${n}`,
        target: { issueKey: `TEST-${n}` },
        eventIds: [`assigned:TEST-${n}:v1`],
      })),
    );
  });

  it('folds four or more events into one summary that opens the inbox', () => {
    const { inbox, notifications } = decideNotifications(events(4), options());
    expect(inbox).toHaveLength(4);
    expect(notifications).toEqual([
      {
        title: '4 issues assigned to you',
        body: 'TEST-1, TEST-2, TEST-3, TEST-4',
        target: 'inbox',
        eventIds: inbox.map((e) => e.id),
      },
    ]);
  });

  it('writes Russian titles and summary plurals for 1, 2, 5 and 21', () => {
    const ru = options({ language: 'ru' });
    expect(decideNotifications(events(1), ru).notifications[0]?.title).toBe(
      'TEST-1 назначена на вас',
    );
    const title = (count: number) =>
      decideNotifications(events(count), ru).notifications.map((n) => n.title);
    // One and two go one by one; the summary forms are checked at the counts that pick them.
    expect(title(2)).toEqual(['TEST-1 назначена на вас', 'TEST-2 назначена на вас']);
    expect(title(4)).toEqual(['4 задачи назначены на вас']);
    expect(title(5)).toEqual(['5 задач назначено на вас']);
    expect(title(21)).toEqual(['21 задача назначена на вас']);
    expect(title(22)).toEqual(['22 задачи назначены на вас']);
    expect(title(25)).toEqual(['25 задач назначено на вас']);
  });

  it('has the summary plural forms for 1, 2, 5, 21 in Russian and English', () => {
    const forms = (lang: 'ru' | 'en', key: 'summaryAssigned' | 'summaryAny') =>
      [1, 2, 5, 21].map((n) => plural(lang, NOTIFY_MESSAGES[lang][key], n));
    expect(forms('ru', 'summaryAssigned')).toEqual([
      '1 задача назначена на вас',
      '2 задачи назначены на вас',
      '5 задач назначено на вас',
      '21 задача назначена на вас',
    ]);
    expect(forms('ru', 'summaryAny')).toEqual([
      '1 новое уведомление',
      '2 новых уведомления',
      '5 новых уведомлений',
      '21 новое уведомление',
    ]);
    expect(forms('en', 'summaryAssigned')).toEqual([
      '1 issue assigned to you',
      '2 issues assigned to you',
      '5 issues assigned to you',
      '21 issues assigned to you',
    ]);
  });

  it('uses a generic summary when the kinds are mixed', () => {
    const mixed = [
      ...events(3),
      event(9, { id: 'status:TEST-9:v2', kind: 'status', status: 'Closed' }),
    ];
    const { notifications } = decideNotifications(
      mixed,
      options({ settings: ALL_ON, language: 'ru' }),
    );
    expect(notifications.map((n) => n.title)).toEqual(['4 новых уведомления']);
  });

  it('titles the optional kinds, with and without an actor or status name', () => {
    const ev = [
      event(1, { id: 'summoned:TEST-1:c1', kind: 'summoned' }),
      event(2, { id: 'comment:TEST-2:c2', kind: 'comment', actor: null }),
      event(3, { id: 'status:TEST-3:v2', kind: 'status', status: 'In progress' }),
    ];
    const title = (language: 'ru' | 'en') =>
      decideNotifications(ev, options({ settings: ALL_ON, language })).notifications.map(
        (n) => n.title,
      );
    expect(title('en')).toEqual([
      'Anna mentioned you in TEST-1',
      'TEST-2: new comment',
      'TEST-3: status changed to In progress',
    ]);
    expect(title('ru')).toEqual([
      'Anna призывает вас в TEST-1',
      'TEST-2: новый комментарий',
      'TEST-3: статус изменён на «In progress»',
    ]);
  });

  it('cuts long summaries at 200 characters with an ellipsis', () => {
    const long = 'word '.repeat(100);
    const body = decideNotifications([event(1, { summary: long })], options()).notifications[0]
      ?.body;
    expect(body).toBe('word '.repeat(39) + 'word…'); // 199 characters kept, then the ellipsis
    expect(truncate(`${'a'.repeat(198)} ${'b'.repeat(9)}`)).toBe(`${'a'.repeat(198)}…`); // no space before …
    expect(truncate('short\n  summary')).toBe('short summary');
    expect(truncate('x'.repeat(200))).toBe('x'.repeat(200));
    expect(truncate('😀'.repeat(201))).toBe('😀'.repeat(199) + '…'); // never splits a pair
  });
});

describe('switches', () => {
  const mixed = [
    event(1),
    event(2, { id: 'summoned:TEST-2:c5', kind: 'summoned' }),
    event(2, { id: 'comment:TEST-2:c6', kind: 'comment' }),
    event(3, { id: 'status:TEST-3:v4', kind: 'status' }),
  ];

  it('keeps the optional kinds off by default (neither inbox nor notification)', () => {
    const { inbox, notifications } = decideNotifications(mixed, options());
    expect(inbox.map((e) => e.id)).toEqual(['assigned:TEST-1:v1']);
    expect(notifications).toHaveLength(1);
  });

  it('tracks each kind by its own switch', () => {
    const only = (on: Partial<NotificationSettings>) =>
      decideNotifications(
        mixed,
        options({
          settings: {
            enabled: true,
            assigned: false,
            summoned: false,
            comments: false,
            statusChanges: false,
            quietHours: { enabled: false, from: '22:00', to: '08:00' },
            pausedUntil: null,
            ...on,
          },
        }),
      ).inbox.map((e) => e.kind);
    expect(only({})).toEqual([]);
    expect(only({ assigned: true })).toEqual(['assigned']);
    expect(only({ summoned: true })).toEqual(['summoned']);
    expect(only({ comments: true })).toEqual(['comment']);
    expect(only({ statusChanges: true })).toEqual(['status']);
  });

  it('keeps one entry per comment: the summons wins over the comment when both are on', () => {
    const same = [
      event(1, { id: 'summoned:TEST-1:c7', kind: 'summoned' }),
      event(1, { id: 'comment:TEST-1:c7', kind: 'comment' }),
    ];
    const ids = (settings: NotificationSettings) =>
      decideNotifications(same, options({ settings })).inbox.map((e) => e.id);
    expect(ids(ALL_ON)).toEqual(['summoned:TEST-1:c7']);
    expect(ids({ ...ALL_ON, summoned: false })).toEqual(['comment:TEST-1:c7']);
  });

  it('silences the desktop when disabled but still fills the inbox', () => {
    const { inbox, notifications } = decideNotifications(
      events(2),
      options({ settings: { ...DEFAULT_USER_SETTINGS.notifications, enabled: false } }),
    );
    expect(inbox).toHaveLength(2);
    expect(notifications).toEqual([]);
  });

  it('returns nothing for no events', () => {
    expect(decideNotifications([], options())).toEqual({ inbox: [], notifications: [] });
  });
});

describe('quiet hours and pause', () => {
  it('silences within quiet hours in local time, edges: from inclusive, to exclusive', () => {
    const day = { from: '13:00', to: '14:30' };
    expect(isQuietTime(day, msk('12:59'), MSK)).toBe(false);
    expect(isQuietTime(day, msk('13:00'), MSK)).toBe(true);
    expect(isQuietTime(day, msk('14:29'), MSK)).toBe(true);
    expect(isQuietTime(day, msk('14:30'), MSK)).toBe(false);
  });

  it('spans midnight when from is after to', () => {
    const night = { from: '22:00', to: '07:00' };
    expect(isQuietTime(night, msk('21:59'), MSK)).toBe(false);
    expect(isQuietTime(night, msk('22:00'), MSK)).toBe(true);
    expect(isQuietTime(night, msk('23:59'), MSK)).toBe(true);
    expect(isQuietTime(night, msk('00:00'), MSK)).toBe(true);
    expect(isQuietTime(night, msk('06:59'), MSK)).toBe(true);
    expect(isQuietTime(night, msk('07:00'), MSK)).toBe(false);
    expect(isQuietTime(night, msk('12:00'), MSK)).toBe(false);
  });

  it('reads the clock in the given time zone', () => {
    const night = { from: '22:00', to: '07:00' };
    const t = Date.UTC(2025, 5, 15, 20, 0); // 23:00 in Moscow, 16:00 in New York
    expect(isQuietTime(night, t, MSK)).toBe(true);
    expect(isQuietTime(night, t, 'America/New_York')).toBe(false);
  });

  it('treats equal or invalid times as no quiet hours', () => {
    expect(isQuietTime({ from: '10:00', to: '10:00' }, msk('10:00'), MSK)).toBe(false);
    expect(isQuietTime({ from: '25:00', to: '07:00' }, msk('03:00'), MSK)).toBe(false);
    expect(isQuietTime({ from: '9:00', to: '17:00' }, msk('12:00'), MSK)).toBe(false);
  });

  it('holds notifications back in quiet hours while the inbox still gets the events', () => {
    const quietHours = { enabled: true, from: '22:00', to: '07:00' };
    const settings = { ...DEFAULT_USER_SETTINGS.notifications, quietHours };
    const quiet = decideNotifications(events(5), options({ settings, now: msk('23:30') }));
    expect(quiet.inbox).toHaveLength(5);
    expect(quiet.notifications).toEqual([]);
    const loud = decideNotifications(events(2), options({ settings, now: msk('07:00') }));
    expect(loud.notifications).toHaveLength(2);
    // Switched off, the same hours silence nothing.
    const off = { ...settings, quietHours: { ...quietHours, enabled: false } };
    const ignored = decideNotifications(events(2), options({ settings: off, now: msk('23:30') }));
    expect(ignored.notifications).toHaveLength(2);
  });

  it('holds notifications back while paused (until is exclusive), inbox unaffected', () => {
    const pausedUntil = msk('13:00');
    const settings = { ...DEFAULT_USER_SETTINGS.notifications, pausedUntil };
    const paused = decideNotifications(events(2), options({ settings, now: pausedUntil - 1 }));
    expect(paused.inbox).toHaveLength(2);
    expect(paused.notifications).toEqual([]);
    const over = decideNotifications(events(2), options({ settings, now: pausedUntil }));
    expect(over.notifications).toHaveLength(2);
  });

  it('pauses for an hour or until the next local 09:00', () => {
    expect(pauseUntil('hour', NOON)).toBe(NOON + 3_600_000);
    expect(pauseUntil('tomorrow', msk('12:00'), MSK)).toBe(msk('09:00', 1));
    expect(pauseUntil('tomorrow', msk('23:59'), MSK)).toBe(msk('09:00', 1));
    expect(pauseUntil('tomorrow', msk('02:00'), MSK)).toBe(msk('09:00')); // still that morning
    expect(pauseUntil('tomorrow', msk('09:00'), MSK)).toBe(msk('09:00', 1));
    expect(pauseUntil('tomorrow', msk('08:59'), MSK)).toBe(msk('09:00'));
  });

  it('pauses until 09:00 local time across a DST switch and a month end', () => {
    // New York springs forward on 2025-03-09 02:00 (EST −5 → EDT −4).
    const evening = Date.UTC(2025, 2, 9, 3, 0); // 2025-03-08 22:00 EST
    expect(pauseUntil('tomorrow', evening, 'America/New_York')).toBe(Date.UTC(2025, 2, 9, 13, 0));
    const lastDay = Date.UTC(2025, 0, 31, 15, 0); // 18:00 Moscow, 31 January
    expect(pauseUntil('tomorrow', lastDay, MSK)).toBe(Date.UTC(2025, 1, 1, 6, 0));
  });
});
