/**
 * UI strings. `en` is the reference dictionary: its keys define `MessageKey`, and every other
 * locale is typed against it, so a missing translation fails the type check instead of showing a
 * raw key at run time. Placeholders are `{name}`; plural messages live in the plural dictionaries.
 */

import * as browse from './dict/browse.ts';
import * as detail from './dict/detail.ts';
import * as inbox from './dict/inbox.ts';
import * as updates from './dict/updates.ts';
import * as settings from './dict/settings.ts';

/** The locales the UI is translated into. */
export const LOCALES = ['en', 'ru'] as const;

/** One of {@link LOCALES}. */
export type Locale = (typeof LOCALES)[number];

/** English strings of the shell, sign-in and workspace. */
const coreEn = {
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
  'sync.synced': 'Synced {time}',
  'sync.never': 'Not synced yet',
  'sync.syncing': 'Syncing…',
  'sync.progress': '{scope}: {done} / {total}',
  'sync.offline': 'Offline — showing saved data',
  'sync.paused': 'Sync paused',
  'sync.error': 'Sync failed: {message} ({code})',
  'sync.now': 'Sync now',
  'sync.first.title': 'Getting your issues from Tracker…',
  'sync.first.hint': 'This happens once; afterwards they open instantly, also offline.',
  'sync.scope.all': 'all issues',
  'sync.scope.assigned': 'assigned to me',
  'sync.scope.followed': 'followed',
  'sync.scope.authored': 'created by me',
  'sync.scope.summoned': 'summoned',
  'sync.scope.favorites': 'favorites',
  'sync.scope.opened': 'recently opened',
  'sync.scope.queue': 'queue {queue}',
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
  'workspace.error.title': 'Couldn’t open the workspace',
  'auth.title': 'Sign in to Yandex Tracker',
  'auth.intro':
    'Connect to your organization’s Tracker with your Yandex account. Your issues are kept on this computer, so you can keep working offline.',
  'auth.org.label': 'Organization ID',
  'auth.org.help':
    'You can find it in Tracker → Administration → Organizations. It is the same for everyone in your organization.',
  'auth.org.error.required': 'Enter the organization ID.',
  'auth.org.error.invalid':
    'The organization ID can contain only Latin letters, digits, dots, underscores and hyphens.',
  'auth.org.error.tooLong': 'The organization ID is at most 64 characters long.',
  'auth.kind.legend': 'Organization type',
  'auth.kind.auto': 'Detect automatically',
  'auth.kind.auto.hint':
    'The app will find out whether it is a Yandex 360 or a Yandex Cloud organization.',
  'auth.kind.360': 'Yandex 360',
  'auth.kind.cloud': 'Yandex Cloud',
  'auth.browser': 'Sign in with Yandex',
  'auth.browser.hint': 'Opens the Yandex sign-in page in your browser.',
  'auth.device': 'Use a code on another device',
  'auth.device.hint':
    'Sign in on your phone or another computer, for example if the browser here can’t open.',
  'auth.or': 'or',
  'auth.token.summary': 'Paste a token',
  'auth.token.intro':
    'If you already have a token for Tracker, paste it here. It is sent to the app core and never shown again.',
  'auth.token.label': 'Token',
  'auth.token.kind.legend': 'Token type',
  'auth.token.kind.oauth': 'OAuth token',
  'auth.token.kind.iam': 'Yandex Cloud IAM token',
  'auth.token.kind.iam.hint':
    'Works only with a Yandex Cloud organization. An IAM token lives at most 12 hours, then you need to paste a new one.',
  'auth.token.submit': 'Sign in with the token',
  'auth.token.error.required': 'Paste the token.',
  'auth.token.error.invalid':
    'This does not look like a token: it must be at least 10 characters, without spaces. Paste it again.',
  'auth.token.error.iam360':
    'An IAM token works only with a Yandex Cloud organization: choose “Yandex Cloud” or “Detect automatically”.',
  'auth.token.cleared': 'For safety the field was cleared; paste the token again if needed.',
  'auth.progress.loopback': 'Finish signing in in your browser…',
  'auth.progress.loopback.hint':
    'Yandex’s sign-in page opened in your default browser. Sign in there and allow access, then come back here.',
  'auth.progress.device': 'Requesting a code…',
  'auth.progress.token': 'Checking the token…',
  'auth.cancel': 'Cancel',
  'auth.cancelled': 'Sign-in cancelled.',
  'auth.signedIn': 'Signed in as {display} ({login}).',
  'auth.device.title': 'Sign in on another device',
  'auth.device.step1': 'On your phone or another computer, open this address:',
  'auth.device.step2': 'Enter this code there:',
  'auth.device.copy': 'Copy the code',
  'auth.device.copied': 'The code is copied.',
  'auth.device.selected': 'The code is selected: press Ctrl+C (⌘C on a Mac) to copy it.',
  'auth.device.waiting': 'Waiting for you to confirm on the other device…',
  'auth.device.expiresIn': 'The code expires in {time}.',
  'auth.device.expired': 'The code has expired. Cancel and request a new one.',
  'auth.error.title': 'Couldn’t sign in',
  'auth.error.details': 'Details: {message} ({code})',
  'auth.error.E_BAD_REQUEST':
    'Something in what you entered was not accepted. Check the organization ID and the token, then try again.',
  'auth.error.E_FORBIDDEN':
    'This organization did not accept you: check the organization ID and whether it is a Yandex 360 or a Yandex Cloud organization.',
  'auth.error.E_UNKNOWN_CHANNEL':
    'This version of the app core can’t sign in yet. Restart or update Tracker Desktop.',
  'auth.error.E_NOT_FOUND':
    'No such organization was found. Check the organization ID in Tracker → Administration → Organizations.',
  'auth.error.E_UNAUTHORIZED': 'The token is invalid or has expired. Sign in again.',
  'auth.error.E_OFFLINE':
    'No connection to Yandex. Check your internet connection and proxy settings, then try again.',
  'auth.error.E_UNAVAILABLE': 'Yandex did not answer. Try again in a few minutes.',
  'auth.error.E_INTERNAL':
    'Something went wrong inside the app. Try again; if it keeps happening, restart the app.',
  'auth.reason': 'You were signed out: {explanation}',
  'auth.storage.weak.title': 'Your sign-in is kept only until you quit the app',
  'auth.storage.weak.optedIn.title': 'Your sign-in is stored with weak protection',
  'auth.storage.weak.body':
    'This computer has no system keyring, so the app can’t store your sign-in securely. To be remembered safely, install and unlock GNOME Keyring or KWallet, then restart the app.',
  'auth.storage.weak.risk':
    'Without a keyring, the token is saved in a file that other programs running as you could read.',
  'auth.storage.weak.optIn': 'Remember me anyway (stored with weak protection)',
  'auth.storage.memory':
    'This sign-in won’t be remembered: you’ll need to sign in again after restarting the app.',
  'demo.title': 'No account at hand?',
  'account.label': 'Account',
  'account.org': '{id} · {kind}',
  'account.signOut': 'Sign out',
  'account.dialog.title': 'Sign out of Tracker?',
  'account.dialog.body':
    'The issues this app keeps on this computer can stay for your next sign-in, or be deleted now.',
  'account.dialog.signOut': 'Sign out',
  'account.dialog.signOutClear': 'Sign out and clear cache',
  'account.dialog.cancel': 'Cancel',
  'account.dialog.error': 'Couldn’t sign out',
  'issues.column.key': 'Key',
  'issues.column.summary': 'Summary',
  'issues.column.status': 'Status',
  'issues.column.priority': 'Priority',
  'issues.column.assignee': 'Assignee',
  'issues.column.updated': 'Updated',
  'issues.loadingRow': 'Loading…',
  'issues.unassigned': 'Unassigned',
  'issues.empty': 'No issues',
  'issues.resolved': 'Resolved',
  'issues.error': 'Couldn’t load the issues',
} satisfies Record<string, string>;

/** English strings; the source of truth for message keys. */
export const en = {
  ...coreEn,
  ...browse.en,
  ...detail.en,
  ...settings.en,
  ...inbox.en,
  ...updates.en,
};

/** A key of the UI dictionaries. */
export type MessageKey = keyof typeof en;

/** A complete dictionary: every key of {@link en}, nothing else. */
export type Messages = Readonly<Record<MessageKey, string>>;

/** Russian strings of the shell, sign-in and workspace. */
const coreRu: Readonly<Record<keyof typeof coreEn, string>> = {
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
  'sync.synced': 'Синхронизировано {time}',
  'sync.never': 'Ещё не синхронизировано',
  'sync.syncing': 'Синхронизация…',
  'sync.progress': '{scope}: {done} / {total}',
  'sync.offline': 'Нет сети — показаны сохранённые данные',
  'sync.paused': 'Синхронизация приостановлена',
  'sync.error': 'Ошибка синхронизации: {message} ({code})',
  'sync.now': 'Синхронизировать',
  'sync.first.title': 'Загружаем ваши задачи из Трекера…',
  'sync.first.hint': 'Это нужно один раз: потом задачи открываются мгновенно, в том числе офлайн.',
  'sync.scope.all': 'все задачи',
  'sync.scope.assigned': 'назначенные мне',
  'sync.scope.followed': 'отслеживаемые',
  'sync.scope.authored': 'созданные мной',
  'sync.scope.summoned': 'призванные',
  'sync.scope.favorites': 'избранные',
  'sync.scope.opened': 'недавно открытые',
  'sync.scope.queue': 'очередь {queue}',
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
  'workspace.error.title': 'Не удалось открыть рабочее пространство',
  'auth.title': 'Вход в Яндекс Трекер',
  'auth.intro':
    'Подключитесь к Трекеру вашей организации с учётной записью Яндекса. Задачи хранятся на этом компьютере, поэтому работать можно и без сети.',
  'auth.org.label': 'Идентификатор организации',
  'auth.org.help':
    'Его можно найти в Трекере: Администрирование → Организации. Он одинаков для всех сотрудников организации.',
  'auth.org.error.required': 'Введите идентификатор организации.',
  'auth.org.error.invalid':
    'Идентификатор организации может содержать только латинские буквы, цифры, точки, подчёркивания и дефисы.',
  'auth.org.error.tooLong': 'Идентификатор организации — не длиннее 64 символов.',
  'auth.kind.legend': 'Тип организации',
  'auth.kind.auto': 'Определить автоматически',
  'auth.kind.auto.hint': 'Приложение само выяснит, это организация Яндекс 360 или Yandex Cloud.',
  'auth.kind.360': 'Яндекс 360',
  'auth.kind.cloud': 'Yandex Cloud',
  'auth.browser': 'Войти с Яндекс ID',
  'auth.browser.hint': 'Откроет страницу входа Яндекса в вашем браузере.',
  'auth.device': 'Войти по коду на другом устройстве',
  'auth.device.hint':
    'Войдите с телефона или другого компьютера — например, если браузер здесь не открывается.',
  'auth.or': 'или',
  'auth.token.summary': 'Вставить токен',
  'auth.token.intro':
    'Если у вас уже есть токен для Трекера, вставьте его сюда. Он передаётся ядру приложения и больше нигде не показывается.',
  'auth.token.label': 'Токен',
  'auth.token.kind.legend': 'Тип токена',
  'auth.token.kind.oauth': 'OAuth-токен',
  'auth.token.kind.iam': 'IAM-токен Yandex Cloud',
  'auth.token.kind.iam.hint':
    'Подходит только для организации Yandex Cloud. IAM-токен действует не дольше 12 часов, потом нужно вставить новый.',
  'auth.token.submit': 'Войти с токеном',
  'auth.token.error.required': 'Вставьте токен.',
  'auth.token.error.invalid':
    'Это не похоже на токен: он должен быть не короче 10 символов и без пробелов. Вставьте его ещё раз.',
  'auth.token.error.iam360':
    'IAM-токен подходит только для организации Yandex Cloud: выберите «Yandex Cloud» или «Определить автоматически».',
  'auth.token.cleared': 'Для безопасности поле очищено; при необходимости вставьте токен ещё раз.',
  'auth.progress.loopback': 'Завершите вход в браузере…',
  'auth.progress.loopback.hint':
    'Страница входа Яндекса открылась в браузере по умолчанию. Войдите там и разрешите доступ, затем вернитесь сюда.',
  'auth.progress.device': 'Запрашиваем код…',
  'auth.progress.token': 'Проверяем токен…',
  'auth.cancel': 'Отмена',
  'auth.cancelled': 'Вход отменён.',
  'auth.signedIn': 'Вы вошли как {display} ({login}).',
  'auth.device.title': 'Вход на другом устройстве',
  'auth.device.step1': 'На телефоне или другом компьютере откройте адрес:',
  'auth.device.step2': 'Введите там этот код:',
  'auth.device.copy': 'Скопировать код',
  'auth.device.copied': 'Код скопирован.',
  'auth.device.selected': 'Код выделен: нажмите Ctrl+C (⌘C на Mac), чтобы скопировать его.',
  'auth.device.waiting': 'Ждём подтверждения на другом устройстве…',
  'auth.device.expiresIn': 'Код действует ещё {time}.',
  'auth.device.expired': 'Срок действия кода истёк. Нажмите «Отмена» и запросите новый.',
  'auth.error.title': 'Не удалось войти',
  'auth.error.details': 'Подробности: {message} ({code})',
  'auth.error.E_BAD_REQUEST':
    'Часть введённых данных не принята. Проверьте идентификатор организации и токен и попробуйте ещё раз.',
  'auth.error.E_FORBIDDEN':
    'Организация вас не приняла: проверьте идентификатор организации и то, что это организация Яндекс 360 или Yandex Cloud.',
  'auth.error.E_UNKNOWN_CHANNEL':
    'Эта версия ядра приложения пока не умеет входить. Перезапустите или обновите Tracker Desktop.',
  'auth.error.E_NOT_FOUND':
    'Такая организация не найдена. Проверьте идентификатор в Трекере: Администрирование → Организации.',
  'auth.error.E_UNAUTHORIZED': 'Токен недействителен или истёк. Войдите заново.',
  'auth.error.E_OFFLINE':
    'Нет связи с Яндексом. Проверьте подключение к интернету и настройки прокси и попробуйте ещё раз.',
  'auth.error.E_UNAVAILABLE': 'Яндекс не ответил. Попробуйте через несколько минут.',
  'auth.error.E_INTERNAL':
    'Внутренняя ошибка приложения. Попробуйте ещё раз; если она повторяется, перезапустите приложение.',
  'auth.reason': 'Вы вышли из учётной записи: {explanation}',
  'auth.storage.weak.title': 'Вход сохранится только до выхода из приложения',
  'auth.storage.weak.optedIn.title': 'Вход сохранён со слабой защитой',
  'auth.storage.weak.body':
    'На этом компьютере нет системного хранилища ключей, поэтому приложение не может надёжно сохранить вход. Чтобы приложение безопасно запоминало вас, установите и разблокируйте GNOME Keyring или KWallet, затем перезапустите приложение.',
  'auth.storage.weak.risk':
    'Без хранилища ключей токен сохраняется в файл, который могут прочитать другие программы, запущенные от вашего имени.',
  'auth.storage.weak.optIn': 'Всё равно запомнить меня (со слабой защитой)',
  'auth.storage.memory':
    'Этот вход не будет запомнен: после перезапуска приложения нужно будет войти снова.',
  'demo.title': 'Нет учётной записи под рукой?',
  'account.label': 'Учётная запись',
  'account.org': '{id} · {kind}',
  'account.signOut': 'Выйти',
  'account.dialog.title': 'Выйти из Трекера?',
  'account.dialog.body':
    'Задачи, которые приложение хранит на этом компьютере, можно оставить до следующего входа или удалить сейчас.',
  'account.dialog.signOut': 'Выйти',
  'account.dialog.signOutClear': 'Выйти и очистить кэш',
  'account.dialog.cancel': 'Отмена',
  'account.dialog.error': 'Не удалось выйти',
  'issues.column.key': 'Ключ',
  'issues.column.summary': 'Название',
  'issues.column.status': 'Статус',
  'issues.column.priority': 'Приоритет',
  'issues.column.assignee': 'Исполнитель',
  'issues.column.updated': 'Обновлена',
  'issues.loadingRow': 'Загрузка…',
  'issues.unassigned': 'Не назначен',
  'issues.empty': 'Нет задач',
  'issues.resolved': 'Решена',
  'issues.error': 'Не удалось загрузить задачи',
};

/** Russian strings. */
export const ru: Messages = {
  ...coreRu,
  ...browse.ru,
  ...detail.ru,
  ...settings.ru,
  ...inbox.ru,
  ...updates.ru,
};

/**
 * Forms of a plural message, chosen by `Intl.PluralRules`: English needs `one` and `other`,
 * Russian `one` (1, 21), `few` (2–4, 22), `many` (5–20, 25) and `other` (fractions).
 */
export type PluralForms = Readonly<
  Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }
>;

/** English plural messages of the shell. */
const coreEnPlurals = {
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

/** English plural messages; the source of truth for plural keys. `{count}` is the number. */
export const enPlurals = {
  ...coreEnPlurals,
  ...browse.enPlurals,
  ...detail.enPlurals,
  ...settings.enPlurals,
  ...inbox.enPlurals,
};

/** A key of the plural dictionaries. */
export type PluralKey = keyof typeof enPlurals;

/** A complete plural dictionary: every key of {@link enPlurals}. */
export type PluralMessages = Readonly<Record<PluralKey, PluralForms>>;

/** Russian plural messages of the shell. */
const coreRuPlurals: Readonly<Record<keyof typeof coreEnPlurals, PluralForms>> = {
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

/** Russian plural messages. */
export const ruPlurals: PluralMessages = {
  ...coreRuPlurals,
  ...browse.ruPlurals,
  ...detail.ruPlurals,
  ...settings.ruPlurals,
  ...inbox.ruPlurals,
};

/** Every locale's dictionaries, looked up by the i18n layer. */
export const dictionaries: Readonly<
  Record<Locale, { messages: Messages; plurals: PluralMessages }>
> = {
  en: { messages: en, plurals: enPlurals },
  ru: { messages: ru, plurals: ruPlurals },
};

/** The English parts {@link en} is merged from, so a test can prove no part overrides another. */
export const EN_PARTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  core: coreEn,
  browse: browse.en,
  detail: detail.en,
  settings: settings.en,
  inbox: inbox.en,
  updates: updates.en,
  corePlurals: coreEnPlurals,
  browsePlurals: browse.enPlurals,
  detailPlurals: detail.enPlurals,
  settingsPlurals: settings.enPlurals,
  inboxPlurals: inbox.enPlurals,
};
