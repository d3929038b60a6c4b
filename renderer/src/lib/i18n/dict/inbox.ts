/** UI strings of the inbox; merged into the dictionaries by ../messages.ts. */
import type { PluralForms } from '../messages.ts';

/** English strings. */
export const en = {
  'inbox.title': 'Inbox',
  'inbox.filter': 'Show',
  'inbox.filter.unread': 'Unread',
  'inbox.filter.all': 'All',
  'inbox.filter.done': 'Done',
  'inbox.filter.snoozed': 'Snoozed',
  'inbox.list': 'Inbox entries',
  'inbox.kind.assigned': 'Assigned to you',
  'inbox.kind.summoned': 'You were summoned',
  'inbox.kind.comment': 'New comment',
  'inbox.kind.status': 'Status changed',
  'inbox.by': 'by {actor}',
  'inbox.unreadMark': 'Unread',
  'inbox.select': 'Select {key}',
  'inbox.markRead': 'Mark as read',
  'inbox.markUnread': 'Mark as unread',
  'inbox.done': 'Done',
  'inbox.undone': 'Back to inbox',
  'inbox.snooze': 'Snooze',
  'inbox.snoozeFor': 'Snooze {key}',
  'inbox.snooze.hour': 'For an hour',
  'inbox.snooze.tomorrow': 'Until tomorrow, 9:00',
  'inbox.snooze.nextWeek': 'Until Monday, 9:00',
  'inbox.snoozedUntil': 'Snoozed until {time}',
  'inbox.selection': 'Selected entries',
  'inbox.selection.clear': 'Clear selection',
  'inbox.loading': 'Loading the inbox…',
  'inbox.error': 'Couldn’t load the inbox',
  'inbox.updateError': 'Couldn’t change the entries',
  'inbox.retry': 'Try again',
  'inbox.empty.title': 'Nothing here yet',
  'inbox.empty.body':
    'When someone assigns an issue to you, it appears here. New entries arrive with each sync.',
  'inbox.empty.unread.title': 'You’re all caught up',
  'inbox.empty.unread.body': 'No unread entries. Everything you have read is under “All”.',
  'inbox.empty.done.title': 'Nothing is done yet',
  'inbox.empty.done.body': 'Entries you mark as done move here.',
  'inbox.empty.snoozed.title': 'Nothing is snoozed',
  'inbox.empty.snoozed.body': 'Snoozed entries wait here and come back to the inbox on time.',
  'inbox.showAll': 'Show all entries',
  'inbox.syncNow': 'Sync now',
  'inbox.offline':
    'You are offline: the inbox shows what the last sync brought. New entries arrive after the next one.',
  'inbox.keys': 'Keyboard: J/K or ↑/↓ move, Enter opens, E done, U read/unread, S snooze.',
} satisfies Record<string, string>;

/** Russian strings, one for every English key. */
export const ru: Readonly<Record<keyof typeof en, string>> = {
  'inbox.title': 'Входящие',
  'inbox.filter': 'Показать',
  'inbox.filter.unread': 'Непрочитанные',
  'inbox.filter.all': 'Все',
  'inbox.filter.done': 'Готово',
  'inbox.filter.snoozed': 'Отложенные',
  'inbox.list': 'Записи входящих',
  'inbox.kind.assigned': 'Назначена на вас',
  'inbox.kind.summoned': 'Вас призвали',
  'inbox.kind.comment': 'Новый комментарий',
  'inbox.kind.status': 'Статус изменён',
  'inbox.by': '{actor}',
  'inbox.unreadMark': 'Не прочитано',
  'inbox.select': 'Выбрать {key}',
  'inbox.markRead': 'Отметить прочитанным',
  'inbox.markUnread': 'Отметить непрочитанным',
  'inbox.done': 'Готово',
  'inbox.undone': 'Вернуть во входящие',
  'inbox.snooze': 'Отложить',
  'inbox.snoozeFor': 'Отложить {key}',
  'inbox.snooze.hour': 'На час',
  'inbox.snooze.tomorrow': 'До завтра, 9:00',
  'inbox.snooze.nextWeek': 'До понедельника, 9:00',
  'inbox.snoozedUntil': 'Отложено до {time}',
  'inbox.selection': 'Выбранные записи',
  'inbox.selection.clear': 'Снять выделение',
  'inbox.loading': 'Загружаем входящие…',
  'inbox.error': 'Не удалось загрузить входящие',
  'inbox.updateError': 'Не удалось изменить записи',
  'inbox.retry': 'Повторить',
  'inbox.empty.title': 'Здесь пока пусто',
  'inbox.empty.body':
    'Когда на вас назначат задачу, она появится здесь. Новые записи приходят при каждой синхронизации.',
  'inbox.empty.unread.title': 'Всё прочитано',
  'inbox.empty.unread.body': 'Непрочитанных записей нет. Всё прочитанное — во вкладке «Все».',
  'inbox.empty.done.title': 'Готовых записей пока нет',
  'inbox.empty.done.body': 'Сюда попадают записи, отмеченные как готовые.',
  'inbox.empty.snoozed.title': 'Отложенных записей нет',
  'inbox.empty.snoozed.body': 'Отложенные записи ждут здесь и возвращаются во входящие в срок.',
  'inbox.showAll': 'Показать все записи',
  'inbox.syncNow': 'Синхронизировать',
  'inbox.offline':
    'Нет сети: во входящих то, что принесла последняя синхронизация. Новые записи придут после следующей.',
  'inbox.keys':
    'Клавиши: J/K или ↑/↓ — выбор, Enter — открыть, E — готово, U — прочитано/нет, S — отложить.',
};

/** English plural messages; `{count}` is the number. */
export const enPlurals = {
  'inbox.unread': { one: '{count} unread', other: '{count} unread' },
  'inbox.selected': { one: '{count} selected', other: '{count} selected' },
} satisfies Record<string, PluralForms>;

/** Russian plural messages (one, few, many, other). */
export const ruPlurals: Readonly<Record<keyof typeof enPlurals, PluralForms>> = {
  'inbox.unread': {
    one: '{count} непрочитанная',
    few: '{count} непрочитанные',
    many: '{count} непрочитанных',
    other: '{count} непрочитанной',
  },
  'inbox.selected': {
    one: 'Выбрана {count} запись',
    few: 'Выбраны {count} записи',
    many: 'Выбрано {count} записей',
    other: 'Выбрано {count} записи',
  },
};
