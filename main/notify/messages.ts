/**
 * The strings of desktop notifications, in Russian and English. Main shows notifications itself,
 * so it cannot use the renderer's i18n; this is the small subset it needs. Plural forms follow
 * `Intl.PluralRules`: English `one`/`other`, Russian `one` (1, 21), `few` (2–4, 22), `many`
 * (5–20, 25) and `other` (fractions).
 */

/** The languages notifications are shown in. */
export type NotifyLanguage = 'ru' | 'en';

/** Forms of a plural message; `{count}` is replaced with the number. */
export type PluralForms = Readonly<
  Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }
>;

/** The messages of one language; `{key}`, `{actor}`, `{status}` are placeholders. */
export interface NotifyMessages {
  readonly assigned: string;
  readonly summoned: string;
  readonly summonedNoActor: string;
  readonly comment: string;
  readonly commentNoActor: string;
  readonly status: string;
  readonly statusNoName: string;
  readonly summaryAssigned: PluralForms;
  readonly summaryAny: PluralForms;
  /** The tray's tooltip: the app name alone, or with the unread count. */
  readonly trayTooltip: string;
  readonly trayTooltipUnread: PluralForms;
  readonly trayOpen: string;
  readonly trayRecent: string;
  readonly traySyncNow: string;
  readonly trayPauseHour: string;
  readonly trayPauseTomorrow: string;
  readonly trayResume: string;
  readonly trayQuit: string;
}

/** The strings per language. */
export const NOTIFY_MESSAGES: Readonly<Record<NotifyLanguage, NotifyMessages>> = {
  en: {
    assigned: '{key} assigned to you',
    summoned: '{actor} mentioned you in {key}',
    summonedNoActor: 'You were mentioned in {key}',
    comment: '{key}: new comment from {actor}',
    commentNoActor: '{key}: new comment',
    status: '{key}: status changed to {status}',
    statusNoName: '{key}: status changed',
    summaryAssigned: {
      one: '{count} issue assigned to you',
      other: '{count} issues assigned to you',
    },
    summaryAny: { one: '{count} new notification', other: '{count} new notifications' },
    trayTooltip: 'Tracker Desktop',
    trayTooltipUnread: {
      one: 'Tracker Desktop — {count} unread',
      other: 'Tracker Desktop — {count} unread',
    },
    trayOpen: 'Open Tracker Desktop',
    trayRecent: 'Assigned to me',
    traySyncNow: 'Sync now',
    trayPauseHour: 'Pause notifications for an hour',
    trayPauseTomorrow: 'Pause notifications until tomorrow',
    trayResume: 'Resume notifications',
    trayQuit: 'Quit',
  },
  ru: {
    // «Задача» is feminine, hence «назначена».
    assigned: '{key} назначена на вас',
    summoned: '{actor} призывает вас в {key}',
    summonedNoActor: 'Вас призвали в {key}',
    comment: '{key}: новый комментарий от {actor}',
    commentNoActor: '{key}: новый комментарий',
    status: '{key}: статус изменён на «{status}»',
    statusNoName: '{key}: статус изменён',
    summaryAssigned: {
      one: '{count} задача назначена на вас',
      few: '{count} задачи назначены на вас',
      many: '{count} задач назначено на вас',
      other: '{count} задачи назначено на вас',
    },
    summaryAny: {
      one: '{count} новое уведомление',
      few: '{count} новых уведомления',
      many: '{count} новых уведомлений',
      other: '{count} нового уведомления',
    },
    trayTooltip: 'Tracker Desktop',
    trayTooltipUnread: {
      one: 'Tracker Desktop — {count} непрочитанное',
      few: 'Tracker Desktop — {count} непрочитанных',
      many: 'Tracker Desktop — {count} непрочитанных',
      other: 'Tracker Desktop — {count} непрочитанного',
    },
    trayOpen: 'Открыть Tracker Desktop',
    trayRecent: 'Назначенные мне',
    traySyncNow: 'Синхронизировать',
    trayPauseHour: 'Приостановить уведомления на час',
    trayPauseTomorrow: 'Приостановить уведомления до завтра',
    trayResume: 'Возобновить уведомления',
    trayQuit: 'Выйти',
  },
};

/** Replaces `{name}` placeholders with `params[name]`; unknown ones stay as they are. */
export function format(
  template: string,
  params: Readonly<Record<string, string | number>>,
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

const rules = new Map<NotifyLanguage, Intl.PluralRules>();

/** The plural form of `count` in `language`, with `{count}` filled in. */
export function plural(language: NotifyLanguage, forms: PluralForms, count: number): string {
  let pr = rules.get(language);
  if (!pr) {
    pr = new Intl.PluralRules(language);
    rules.set(language, pr);
  }
  return format(forms[pr.select(count)] ?? forms.other, { count });
}
