/**
 * Global dictionaries: statuses, priorities, issue types, resolutions and link types, with the ids
 * and keys real Tracker installations use, named in Russian and English.
 */
import type { IssueTypeRecord, PriorityRecord, ResolutionRecord, StatusRecord } from '../model.ts';
import type { LinkTypeRecord } from './types.ts';

/** Statuses; `type` is the category the UI and queries group by. */
export const STATUSES: readonly StatusRecord[] = [
  { id: 1, key: 'open', name: { ru: 'Открыт', en: 'Open' }, type: 'new', order: 100 },
  {
    id: 2,
    key: 'inProgress',
    name: { ru: 'В работе', en: 'In progress' },
    type: 'inProgress',
    order: 200,
  },
  {
    id: 3,
    key: 'needInfo',
    name: { ru: 'Требуется информация', en: 'Need info' },
    type: 'paused',
    order: 300,
  },
  {
    id: 4,
    key: 'inReview',
    name: { ru: 'Ревью', en: 'In review' },
    type: 'inProgress',
    order: 400,
  },
  {
    id: 5,
    key: 'testing',
    name: { ru: 'Тестируется', en: 'Testing' },
    type: 'inProgress',
    order: 500,
  },
  { id: 6, key: 'resolved', name: { ru: 'Решён', en: 'Resolved' }, type: 'done', order: 600 },
  { id: 7, key: 'closed', name: { ru: 'Закрыт', en: 'Closed' }, type: 'done', order: 700 },
  {
    id: 8,
    key: 'cancelled',
    name: { ru: 'Отменён', en: 'Cancelled' },
    type: 'cancelled',
    order: 800,
  },
];

/** Priorities, lowest first. */
export const PRIORITIES: readonly PriorityRecord[] = [
  { id: 1, key: 'trivial', name: { ru: 'Незначительный', en: 'Trivial' }, order: 1 },
  { id: 2, key: 'minor', name: { ru: 'Низкий', en: 'Minor' }, order: 2 },
  { id: 3, key: 'normal', name: { ru: 'Средний', en: 'Normal' }, order: 3 },
  { id: 4, key: 'critical', name: { ru: 'Критичный', en: 'Critical' }, order: 4 },
  { id: 5, key: 'blocker', name: { ru: 'Блокер', en: 'Blocker' }, order: 5 },
];

/** Issue types. */
export const ISSUE_TYPES: readonly IssueTypeRecord[] = [
  { id: 1, key: 'bug', name: { ru: 'Ошибка', en: 'Bug' } },
  { id: 2, key: 'task', name: { ru: 'Задача', en: 'Task' } },
  { id: 3, key: 'improvement', name: { ru: 'Улучшение', en: 'Improvement' } },
  { id: 4, key: 'epic', name: { ru: 'Эпик', en: 'Epic' } },
  { id: 5, key: 'story', name: { ru: 'История', en: 'Story' } },
];

/** Resolutions. */
export const RESOLUTIONS: readonly ResolutionRecord[] = [
  { id: 1, key: 'fixed', name: { ru: 'Решён', en: 'Fixed' }, order: 0 },
  { id: 2, key: 'wontFix', name: { ru: 'Не будет исправлено', en: "Won't fix" }, order: 1 },
  { id: 3, key: 'duplicate', name: { ru: 'Дубликат', en: 'Duplicate' }, order: 2 },
  {
    id: 4,
    key: 'cantReproduce',
    name: { ru: 'Не воспроизводится', en: "Can't reproduce" },
    order: 3,
  },
  { id: 5, key: 'later', name: { ru: 'Позже', en: 'Later' }, order: 4 },
];

/** Link types; read `outward` as "<fromKey> <outward> <toKey>". */
export const LINK_TYPES: readonly LinkTypeRecord[] = [
  {
    id: 'relates',
    inward: { ru: 'Связана', en: 'Relates' },
    outward: { ru: 'Связана', en: 'Relates' },
  },
  {
    id: 'depends',
    inward: { ru: 'Блокирует', en: 'Is dependent by' },
    outward: { ru: 'Зависит от', en: 'Depends on' },
  },
  {
    id: 'subtask',
    inward: { ru: 'Подзадача', en: 'Subissue' },
    outward: { ru: 'Родительская задача', en: 'Parent issue' },
  },
  {
    id: 'duplicates',
    inward: { ru: 'Дублируется', en: 'Is duplicated by' },
    outward: { ru: 'Дублирует', en: 'Duplicates' },
  },
  {
    id: 'epic',
    inward: { ru: 'Входит в эпик', en: 'Has epic' },
    outward: { ru: 'Эпик для', en: 'Is epic of' },
  },
];

/** Whether a status of this category carries a resolution. */
export function isResolvedType(type: StatusRecord['type']): boolean {
  return type === 'done' || type === 'cancelled';
}
