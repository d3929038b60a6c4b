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
  'workspace.title.none': 'Workspace',
  'workspace.title.demo': 'Demo workspace',
  'workspace.title.tracker': 'Tracker',
  'workspace.intro':
    'Try the app without an account: the demo workspace is a local Tracker with sample issues in Russian and English. Nothing leaves this computer.',
  'workspace.openDemo': 'Open the demo workspace',
  'workspace.opening.demo': 'Starting the demo workspace…',
  'workspace.opening.tracker': 'Connecting to Tracker…',
  'workspace.demoBadge': 'Local',
  'workspace.demoNote': 'Sample data on this computer; nothing is sent anywhere.',
  'workspace.user': 'Signed in as {display} ({login})',
  'workspace.org': 'Organization',
  'workspace.org.360': 'Yandex 360',
  'workspace.org.cloud': 'Yandex Cloud',
  'workspace.issues': 'Issues',
  'workspace.assigned.none': 'No open issues assigned to you',
  'workspace.closeDemo': 'Close the demo workspace',
  'workspace.closeTracker': 'Disconnect from Tracker',
  'workspace.error.title': 'Couldn’t open the workspace',
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
  'workspace.title.none': 'Рабочее пространство',
  'workspace.title.demo': 'Демо-пространство',
  'workspace.title.tracker': 'Трекер',
  'workspace.intro':
    'Попробуйте приложение без учётной записи: демо-пространство — это локальный Трекер с примерами задач на русском и английском. Никакие данные не покидают этот компьютер.',
  'workspace.openDemo': 'Открыть демо-пространство',
  'workspace.opening.demo': 'Запускаем демо-пространство…',
  'workspace.opening.tracker': 'Подключаемся к Трекеру…',
  'workspace.demoBadge': 'Локально',
  'workspace.demoNote': 'Примеры данных на этом компьютере; никуда ничего не отправляется.',
  'workspace.user': 'Вы вошли как {display} ({login})',
  'workspace.org': 'Организация',
  'workspace.org.360': 'Яндекс 360',
  'workspace.org.cloud': 'Yandex Cloud',
  'workspace.issues': 'Задачи',
  'workspace.assigned.none': 'На вас не назначено открытых задач',
  'workspace.closeDemo': 'Закрыть демо-пространство',
  'workspace.closeTracker': 'Отключиться от Трекера',
  'workspace.error.title': 'Не удалось открыть рабочее пространство',
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
  'workspace.assignedOpen': {
    one: '{count} open issue assigned to you',
    other: '{count} open issues assigned to you',
  },
  'workspace.total': {
    one: '{count} issue in the workspace',
    other: '{count} issues in the workspace',
  },
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
  // Agreement follows the numeral: 1, 21 take the singular (назначена), 2–4 the plural
  // (назначены), 5–20 and 0 the genitive plural with a neuter verb (назначено); fractions take the
  // genitive singular (1,5 открытой задачи).
  'workspace.assignedOpen': {
    one: '{count} открытая задача назначена на вас',
    few: '{count} открытые задачи назначены на вас',
    many: '{count} открытых задач назначено на вас',
    other: '{count} открытой задачи назначено на вас',
  },
  'workspace.total': {
    one: '{count} задача в пространстве',
    few: '{count} задачи в пространстве',
    many: '{count} задач в пространстве',
    other: '{count} задачи в пространстве',
  },
};

/** Every locale's dictionaries, looked up by the i18n layer. */
export const dictionaries: Readonly<
  Record<Locale, { messages: Messages; plurals: PluralMessages }>
> = {
  en: { messages: en, plurals: enPlurals },
  ru: { messages: ru, plurals: ruPlurals },
};
