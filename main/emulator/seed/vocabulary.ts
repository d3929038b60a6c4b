/**
 * Phrase tables for issue summaries, per queue topic and language. Russian phrases are stored
 * pre-inflected (nominative subjects, accusative objects, genitive complements) so templates can
 * glue them without grammar work per issue.
 */
import type { QueueSpec } from './queues.ts';

type Topic = QueueSpec['topic'];

/** Splits a '|'-separated phrase list (keeps each table on one line). */
function words(list: string): readonly string[] {
  return list.split('|');
}

/** Russian subjects (nominative, singular so present-tense verbs agree). */
export const RU_SUBJECTS: Record<Topic, readonly string[]> = {
  desktop: words(
    'окно настроек|список задач|иконка в трее|офлайн-кэш|автообновление|предпросмотр вложений|окно входа|поиск по задачам|карточка задачи|экспорт в CSV',
  ),
  sync: words(
    'синхронизация задач|фоновая синхронизация|загрузка комментариев|скролл поиска|разрешение конфликтов|обновление токена|инкрементальная выгрузка|очередь повторов',
  ),
  mobile: words(
    'экран задачи|пуш-уведомление|лента изменений|камера для вложений|виджет на главном экране|вход по QR-коду',
  ),
  infra: words(
    'сборка релиза|ночной прогон тестов|агент CI|мониторинг 5xx|деплой стенда|подпись сборки для macOS|бэкап базы',
  ),
  docs: words(
    'руководство пользователя|справка по API|заметка к релизу|раздел про OAuth|FAQ по синхронизации',
  ),
  support: words(
    'вход через SSO|загрузка вложений|уведомление на почту|импорт из Jira|доступ к очереди|счётчик задач',
  ),
  web: words(
    'редактор описания|фильтр по исполнителю|доска спринта|боковая панель|таблица задач|рендер YFM',
  ),
};

/** English subjects, parallel in meaning to the Russian ones. */
export const EN_SUBJECTS: Record<Topic, readonly string[]> = {
  desktop: words(
    'Settings window|Issue list|Tray icon|Offline cache|Auto-update|Attachment preview|Sign-in window|Issue search|Issue card|CSV export',
  ),
  sync: words(
    'Issue sync|Background sync|Comment fetch|Search scroll|Conflict resolution|Token refresh|Incremental export|Retry queue',
  ),
  mobile: words(
    'Issue screen|Push notification|Activity feed|Attachment camera|Home screen widget|QR sign-in',
  ),
  infra: words(
    'Release build|Nightly test run|CI agent|5xx monitoring|Staging deploy|macOS build signing|Database backup',
  ),
  docs: words('User guide|API reference|Release notes|OAuth section|Sync FAQ'),
  support: words(
    'SSO sign-in|Attachment upload|Email notifications|Jira import|Queue access|Issue counter',
  ),
  web: words('Description editor|Assignee filter|Sprint board|Sidebar|Issue table|YFM rendering'),
};

/** Tags per topic (ASCII, as teams usually keep them). */
export const TOPIC_TAGS: Record<Topic, readonly string[]> = {
  desktop: words('electron|windows|macos|linux|tray|offline|ux'),
  sync: words('sync|api|performance|regression|scroll'),
  mobile: words('ios|android|push|ux|crash'),
  infra: words('ci|release|monitoring|security|flaky'),
  docs: words('docs|api|release-notes|onboarding'),
  support: words('customer|sla|sso|urgent|how-to'),
  web: words('svelte|a11y|ux|yfm|performance'),
};

/** Present-tense failure verbs that agree with any singular subject. */
export const RU_FAILURES = words(
  'Падает|Не работает|Зависает|Тормозит|Некорректно работает|Иногда не срабатывает|Медленно открывается',
);

/** Conditions appended to Russian bug summaries. */
export const RU_CONDITIONS = words(
  'при потере сети|после обновления|на Windows 11|на macOS Sonoma|при большом числе задач|после выхода из спящего режима|в офлайн-режиме|при смене организации|с включённым прокси|после повторного входа|у части пользователей|на медленном соединении|при открытии второго окна',
);

/** Russian actions in the prepositional case ("Ошибка 500 при …"). */
export const RU_ACTIONS = words(
  'сохранении комментария|загрузке вложения|смене статуса|поиске по очереди|обновлении токена|открытии задачи по ссылке|экспорте в CSV|переносе задачи в другую очередь',
);

/** Russian symptoms for "<subject>: <symptom>". */
export const RU_SYMPTOMS = words(
  'дублируются записи|пропадают изменения|не обновляется счётчик|съезжает вёрстка|неверная сортировка|не сохраняются настройки|пустой экран вместо данных',
);

/** Russian accusative objects for "Добавить …". */
export const RU_FEATURES = words(
  'поддержку тёмной темы|горячие клавиши|фильтр по исполнителю|индикатор синхронизации|кнопку «Скопировать ссылку»|подсказку при первом запуске|настройку тихих часов|выбор языка интерфейса|группировку уведомлений',
);

/** Russian places for "Добавить … в …". */
export const RU_PLACES = words(
  'в окно настроек|в список задач|в карточку задачи|в меню трея|на доску спринта|в контекстное меню',
);

/** Russian accusative processes for "Ускорить …". */
export const RU_PROCESSES = words(
  'загрузку вложений|запуск приложения|поиск по задачам|синхронизацию комментариев|рендер длинных списков|сборку релиза|открытие карточки задачи',
);

/** Russian genitive modules for "Рефакторинг …", "Тесты для …". */
export const RU_MODULES = words(
  'модуля синхронизации|экрана входа|парсера YFM|кэша задач|планировщика|центра уведомлений|клиента API|диалога вложений',
);

/** English "Crash when …" gerund phrases. */
export const EN_GERUNDS = words(
  'opening attachment preview|switching organizations|resizing the issue list|pasting a large image|resuming from sleep|saving a comment|changing the status|opening an issue link',
);

/** English conditions. */
export const EN_CONDITIONS = words(
  'after network loss|on Windows 11|on macOS Sonoma|behind a corporate proxy|for issues with 100+ comments|after an update|in offline mode|intermittently|on slow connections|after re-login',
);

/** English symptoms for "<subject> shows …". */
export const EN_SYMPTOMS = words(
  'stale data|a wrong counter|duplicated items|an empty state|the wrong language|a broken layout',
);

/** English features for "Add …". */
export const EN_FEATURES = words(
  'dark theme support|keyboard shortcuts|an assignee filter|a sync indicator|a "Copy link" button|a first-run hint|quiet hours setting|interface language choice|notification grouping',
);

/** English places for "Add … to …". */
export const EN_PLACES = words(
  'the settings window|the issue list|the issue card|the tray menu|the sprint board|the context menu',
);

/** English processes for "Speed up …". */
export const EN_PROCESSES = words(
  'attachment download|app startup|issue search|comment sync|long list rendering|the release build|opening the issue card',
);

/** English modules for "Refactor …". */
export const EN_MODULES = words(
  'the sync module|the sign-in screen|the YFM parser|the issue cache|the scheduler|the notification center|the API client|the attachment dialog',
);

/** Libraries and target versions for upgrade tasks. */
export const LIBRARIES = words(
  'Electron 45|Svelte 5.57|Vite 8.3|TypeScript 6.0|Node.js 24|OpenSSL 3.5|Kotlin 2.2|Swift 6.1|Playwright 1.65',
);

/** Customer names for support summaries and the local "customer" field. */
export const CUSTOMERS = words(
  'ООО «Ромашка»|Северсталь-Сервис|Acme Corp|Globex|ИП Соколова|Initech|Вектор Плюс|Umbrella LLC',
);

/** HTTP/status codes seen in error summaries. */
export const ERROR_CODES = words('500|502|503|409|422|429|ECONNRESET|ETIMEDOUT');
