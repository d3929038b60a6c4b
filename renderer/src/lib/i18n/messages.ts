/**
 * UI strings. `en` is the reference dictionary: its keys define `MessageKey`, and every other
 * locale is typed against it, so a missing translation fails the type check instead of showing a
 * raw key at run time. Placeholders are `{name}`; plural messages live in the plural dictionaries.
 */

/** The locales the UI is translated into. */
export const LOCALES = ['en', 'ru'] as const;

/** One of {@link LOCALES}. */
export type Locale = (typeof LOCALES)[number];

/** English strings; the source of truth for message keys. */
export const en = {
  'app.title': 'Tracker Desktop',
  'app.loading': 'Loading…',
  'app.coreError.title': 'Couldn’t reach the app core',
  'app.coreError.hint':
    'The window is running, but the part of the app that talks to Tracker did not answer.',
  'app.coreError.code': 'Error code: {code}',
  'app.retry': 'Try again',
  'nav.label': 'Main navigation',
  'nav.title': 'Tracker',
  'status.online': 'Online',
  'status.offline': 'Offline',
  'status.checking': 'Checking connection…',
  'status.since': 'since {time}',
  'info.title': 'About this app',
  'info.name': 'Name',
  'info.version': 'Version',
  'info.host': 'Running as',
  'info.host.electron': 'Desktop app',
  'info.host.web': 'Browser tab',
  'info.platform': 'Platform',
  'info.runtime': 'Runtime',
  'info.node': 'Node.js',
  'info.electron': 'Electron',
  'info.chrome': 'Chromium',
  'info.network': 'Network',
  'info.notApplicable': 'n/a',
} satisfies Record<string, string>;

/** A key of the UI dictionaries. */
export type MessageKey = keyof typeof en;

/** A complete dictionary: every key of {@link en}, nothing else. */
export type Messages = Readonly<Record<MessageKey, string>>;

/** Russian strings. */
export const ru: Messages = {
  'app.title': 'Tracker Desktop',
  'app.loading': 'Загрузка…',
  'app.coreError.title': 'Не удалось связаться с ядром приложения',
  'app.coreError.hint':
    'Окно запущено, но часть приложения, которая работает с Трекером, не ответила.',
  'app.coreError.code': 'Код ошибки: {code}',
  'app.retry': 'Повторить',
  'nav.label': 'Основная навигация',
  'nav.title': 'Трекер',
  'status.online': 'В сети',
  'status.offline': 'Не в сети',
  'status.checking': 'Проверяем подключение…',
  'status.since': 'с {time}',
  'info.title': 'О приложении',
  'info.name': 'Название',
  'info.version': 'Версия',
  'info.host': 'Запущено как',
  'info.host.electron': 'Приложение для компьютера',
  'info.host.web': 'Вкладка браузера',
  'info.platform': 'Платформа',
  'info.runtime': 'Среда выполнения',
  'info.node': 'Node.js',
  'info.electron': 'Electron',
  'info.chrome': 'Chromium',
  'info.network': 'Сеть',
  'info.notApplicable': 'нет',
};

/**
 * Forms of a plural message, chosen by `Intl.PluralRules`: English needs `one` and `other`,
 * Russian `one` (1, 21), `few` (2–4, 22), `many` (5–20, 25) and `other` (fractions).
 */
export type PluralForms = Readonly<
  Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }
>;

/** English plural messages; the source of truth for plural keys. `{count}` is the number. */
export const enPlurals = {
  issues: { one: '{count} issue', other: '{count} issues' },
} satisfies Record<string, PluralForms>;

/** A key of the plural dictionaries. */
export type PluralKey = keyof typeof enPlurals;

/** A complete plural dictionary: every key of {@link enPlurals}. */
export type PluralMessages = Readonly<Record<PluralKey, PluralForms>>;

/** Russian plural messages. */
export const ruPlurals: PluralMessages = {
  issues: {
    one: '{count} задача',
    few: '{count} задачи',
    many: '{count} задач',
    other: '{count} задачи',
  },
};

/** Every locale's dictionaries, looked up by the i18n layer. */
export const dictionaries: Readonly<
  Record<Locale, { messages: Messages; plurals: PluralMessages }>
> = {
  en: { messages: en, plurals: enPlurals },
  ru: { messages: ru, plurals: ruPlurals },
};
