/** UI strings of app updates (the banner and the settings section); merged by ../messages.ts. */

/** English strings. */
export const en = {
  'update.banner.ready': 'Version {version} is downloaded and ready to install.',
  'update.banner.restart': 'Restart to update',
  'update.banner.package':
    'Version {version} is available. This installation is updated from its package: download it from the release page.',
  'update.banner.packageNoLink':
    'Version {version} is available. Install it with your package manager.',
  'update.banner.downloadFailed':
    'Version {version} is available, but it could not be downloaded. Get it from the release page.',
  'update.banner.installFailed':
    'Version {version} was downloaded but could not be installed. Get it from the release page.',
  'update.banner.openRelease': 'Open the release page',
  'update.banner.later': 'Later',
  'update.error': 'Couldn’t do that: {message}',
  'settings.updates.title': 'Updates',
  'settings.updates.version': 'Tracker Desktop {version}',
  'settings.updates.auto':
    'The app looks for a new version shortly after it starts and every 6 hours.',
  'settings.updates.unsupported':
    'This build does not update itself (a development build or the browser version).',
  'settings.updates.never': 'Not checked yet.',
  'settings.updates.current': 'You have the latest version. Last checked {time}.',
  'settings.updates.offline': 'You are offline. The app checks again when the connection is back.',
  'settings.updates.failed':
    'The last check failed; the app tries again later. A proxy may be blocking github.com.',
  'settings.updates.checking': 'Checking for updates…',
  'settings.updates.downloading': 'Downloading version {version}: {percent}%',
  'settings.updates.ready': 'Version {version} is downloaded and installs when the app restarts.',
  'settings.updates.manual': 'Version {version} is available.',
  'settings.updates.check': 'Check for updates',
} satisfies Record<string, string>;

/** Russian strings. */
export const ru: Readonly<Record<keyof typeof en, string>> = {
  'update.banner.ready': 'Версия {version} загружена и готова к установке.',
  'update.banner.restart': 'Перезапустить и обновить',
  'update.banner.package':
    'Доступна версия {version}. Эта установка обновляется пакетом: скачайте его на странице выпуска.',
  'update.banner.packageNoLink': 'Доступна версия {version}. Установите её через менеджер пакетов.',
  'update.banner.downloadFailed':
    'Доступна версия {version}, но загрузить её не удалось. Скачайте её на странице выпуска.',
  'update.banner.installFailed':
    'Версия {version} загружена, но установить её не удалось. Скачайте её на странице выпуска.',
  'update.banner.openRelease': 'Открыть страницу выпуска',
  'update.banner.later': 'Позже',
  'update.error': 'Не получилось: {message}',
  'settings.updates.title': 'Обновления',
  'settings.updates.version': 'Tracker Desktop {version}',
  'settings.updates.auto':
    'Приложение проверяет, нет ли новой версии, вскоре после запуска и каждые 6 часов.',
  'settings.updates.unsupported':
    'Эта сборка не обновляется сама (сборка для разработки или версия для браузера).',
  'settings.updates.never': 'Ещё не проверялось.',
  'settings.updates.current': 'У вас последняя версия. Последняя проверка: {time}.',
  'settings.updates.offline':
    'Нет подключения к сети. Приложение проверит снова, когда оно появится.',
  'settings.updates.failed':
    'Последняя проверка не удалась, приложение повторит её позже. Возможно, прокси блокирует github.com.',
  'settings.updates.checking': 'Проверяем обновления…',
  'settings.updates.downloading': 'Загружается версия {version}: {percent}%',
  'settings.updates.ready': 'Версия {version} загружена и установится при перезапуске приложения.',
  'settings.updates.manual': 'Доступна версия {version}.',
  'settings.updates.check': 'Проверить обновления',
};
